from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import validate_year


class LookBackDateForm(forms.Form):
    due_on = forms.DateField(
        label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_year]
    )


class LookBackRecordForm(forms.Form):
    """One row per open item: progress, difficulties, next step; then a summary."""

    summary = forms.CharField(
        label=_("总体情况"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=3000,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"progress_{item.pk}"] = forms.CharField(
                label=_("进展"), max_length=500, required=False
            )
            self.fields[f"difficulties_{item.pk}"] = forms.CharField(
                label=_("困难"), max_length=500, required=False
            )
            self.fields[f"next_{item.pk}"] = forms.CharField(
                label=_("下一步"), max_length=500, required=False
            )

    def rows(self):
        for item in self.items:
            yield (
                item,
                self[f"progress_{item.pk}"],
                self[f"difficulties_{item.pk}"],
                self[f"next_{item.pk}"],
            )

    def entries(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {
            item.pk: {
                "progress": data.get(f"progress_{item.pk}", ""),
                "difficulties": data.get(f"difficulties_{item.pk}", ""),
                "next_step": data.get(f"next_{item.pk}", ""),
            }
            for item in self.items
        }
