"""The audit log's search form (validation only)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.choices import AuditEventKind

FIRST_YEAR, LAST_YEAR = 2000, 2100


class AuditSearchForm(forms.Form):
    event = forms.ChoiceField(
        label=_("事件"), choices=[("", _("全部"))] + list(AuditEventKind.choices), required=False
    )
    actor = forms.CharField(label=_("操作人"), max_length=50, required=False)
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def _year(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("请填写 %(first)d 年至 %(last)d 年之间的日期。"),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return value

    def clean_since(self):
        return self._year("since")

    def clean_until(self):
        return self._year("until")

    def clean_actor(self) -> str:
        return "".join(c for c in self.cleaned_data.get("actor", "") if c.isprintable()).strip()

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("截止日期不能早于起始日期。"))
        return data
