from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from records.selectors import Condition, condition_choices


class QueryForm(forms.Form):
    """The supervisor's subtree query: which condition (and, for old open items, N days)."""

    condition = forms.ChoiceField(label=_("条件"), choices=condition_choices)
    days = forms.IntegerField(
        label=_("天数 N"),
        min_value=1,
        max_value=3650,
        required=False,
        initial=90,
        help_text=_("仅用于“超过 N 天未销号”。"),
        error_messages={
            "invalid": _("天数请填写整数。"),
            "min_value": _("天数至少为 1。"),
            "max_value": _("天数不能超过 3650。"),
        },
    )

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or 90

    def clean(self):
        data = super().clean()
        if data.get("condition") != Condition.OPEN_OLDER:
            data["days"] = 90
        return data
