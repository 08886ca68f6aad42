"""Forms for 谈心谈话 — validation only; the rules live in meetings/services/talks.py.

The people to choose from are passed in (already loaded by the view), so rendering the
form costs no query.
"""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Talk
from members.forms import validate_year
from members.models import Member


def _people_choices(people: Sequence[Member]) -> list[tuple[str, str]]:
    return [("", "---------")] + [
        (str(m.pk), f"{m.name}({m.get_position_display()})" if m.position else m.name)
        for m in people
    ]


class TalkRecordForm(forms.Form):
    """登记谈心谈话. With ``me`` (an ordinary member recording their own talk) there is only
    the partner to choose; the committee chooses both people."""

    member_a = forms.TypedChoiceField(label=_("谈话人"), coerce=int)
    member_b = forms.TypedChoiceField(label=_("谈话对象"), coerce=int)
    held_on = forms.DateField(
        label=_("谈话日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_year],
    )
    topic = forms.CharField(
        label=_("谈了什么"),
        max_length=Talk._meta.get_field("topic").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("一两句话即可,例如:交流学习体会,互相指出不足。"),
    )
    outcome = forms.CharField(
        label=_("谈话结果"),
        max_length=Talk._meta.get_field("outcome").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("选填,简要记录达成的共识或对方提出的意见。"),
    )

    def __init__(self, *args, people: Sequence[Member], me: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {m.pk: m for m in people}
        self.me = me
        today = timezone.localdate()
        self.fields["held_on"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound and "held_on" not in self.initial:
            self.initial["held_on"] = today
        if me is not None:
            del self.fields["member_a"]
            self.fields["member_b"].choices = _people_choices([m for m in people if m.pk != me.pk])
        else:
            self.fields["member_a"].choices = _people_choices(people)
            self.fields["member_b"].choices = _people_choices(people)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has its own token

    def _member(self, name: str) -> Member:
        return self.people[self.cleaned_data[name]]

    def clean_member_a(self) -> Member:
        return self._member("member_a")

    def clean_member_b(self) -> Member:
        return self._member("member_b")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if self.me is not None:
            data["member_a"] = self.me
        return data
