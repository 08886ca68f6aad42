"""Forms for 会中 — validation only; the rules live in meetings/services/day.py.

The people to choose from are passed in (already loaded by the view, in speaking order),
so rendering a form costs no query.
"""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from meetings.models import Attendee, Criticism, Meeting, Minutes
from meetings.selectors.day import Speaker
from members.forms import HiddenErrorsMixin, NameField
from members.models import Member


def _label(speaker: Speaker) -> str:
    """ "3. 张三(组织委员)": the number lets the secretary pick by typing it."""
    m = speaker.member
    name = f"{m.name}({m.get_position_display()})" if m.position else m.name
    return f"{speaker.index}. {name}"


def _choices(speakers: Sequence[Speaker]) -> list[tuple[str, str]]:
    return [("", "---------")] + [(str(s.member.pk), _label(s)) for s in speakers]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's <form> has its own token
    return helper


class AttendanceForm(forms.Form):
    """登记考勤: a 实到 checkbox (checked unless recorded absent) and a reason per attendee."""

    upper_attendee = NameField(
        label=_("上级党组织列席人员"),
        max_length=Meeting._meta.get_field("upper_attendee").max_length,
        required=False,
        help_text=_("姓名和职务,例如:张某某(镇党委组织委员)。没有派人列席则留空。"),
    )

    def __init__(self, *args, speakers: Sequence[Speaker], **kwargs):
        super().__init__(*args, **kwargs)
        self.speakers = list(speakers)
        reason_max = Attendee._meta.get_field("absence_reason").max_length
        for s in self.speakers:
            pk, name = s.member.pk, s.member.name
            self.fields[f"present_{pk}"] = forms.BooleanField(
                label=name,
                required=False,
                initial=s.attendee.present is not False,
                widget=forms.CheckboxInput(
                    attrs={"class": "form-check-input js-present", "data-reason": f"id_reason_{pk}"}
                ),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("%(name)s的缺席原因") % {"name": name},
                max_length=reason_max,
                required=False,
                initial=s.attendee.absence_reason,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": _("缺席原因")}
                ),
            )
        self.helper = _helper()

    def rows(self) -> list[tuple[Speaker, forms.BoundField, forms.BoundField]]:
        return [
            (s, self[f"present_{s.member.pk}"], self[f"reason_{s.member.pk}"])
            for s in self.speakers
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "present": {s.member.pk: data[f"present_{s.member.pk}"] for s in self.speakers},
            "reasons": {s.member.pk: data[f"reason_{s.member.pk}"] for s in self.speakers},
            "upper_attendee": data["upper_attendee"],
        }


class CriticismForm(HiddenErrorsMixin, forms.Form):
    """相互批评 quick entry for one member being criticised: who said it, what, the reply."""

    critic = forms.TypedChoiceField(label=_("批评人"), coerce=int)
    text = forms.CharField(
        label=_("批评意见"),
        max_length=Criticism._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply = forms.CharField(
        label=_("回应"),
        max_length=Criticism._meta.get_field("reply").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("被批评人的表态,可稍后补记。"),
    )
    as_problem = forms.BooleanField(
        label=_("列入问题清单"),
        required=False,
        help_text=_("勾选后,这条批评意见自动成为被批评人的一个问题,可在问题清单中修改。"),
    )
    problem_category = forms.ChoiceField(
        label=_("问题类别"),
        required=False,
        choices=[("", "---------"), *ProblemCategory.choices],
    )
    criticism = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("这条批评意见已被删除或不属于本次会议。")},
    )

    def __init__(self, *args, speakers: Sequence[Speaker], target: Member, **kwargs):
        super().__init__(*args, **kwargs)
        others = [s for s in speakers if s.member.pk != target.pk]
        self.people = {s.member.pk: s.member for s in others}
        self.target = target
        self.fields["critic"].choices = _choices(others)
        self.fields["critic"].widget.attrs.update(
            {"autofocus": True, "class": "js-critic", "aria-describedby": "critic-hint"}
        )
        self.helper = _helper()

    def clean_critic(self) -> Member:
        return self.people[self.cleaned_data["critic"]]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("criticism", None)
        return data


class MinutesForm(forms.Form):
    """会议记录 — short and structured: who chaired and recorded, and four parts."""

    host = forms.TypedChoiceField(label=_("主持人"), coerce=int, required=False, empty_value=None)
    recorder = forms.TypedChoiceField(
        label=_("记录人"), coerce=int, required=False, empty_value=None
    )
    rectification_report = forms.CharField(
        label=_("上次整改情况通报要点"),
        max_length=Minutes._meta.get_field("rectification_report").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("已按上次问题清单自动生成,可据实补充。"),
    )
    key_points = forms.CharField(
        label=_("会议要点"),
        max_length=Minutes._meta.get_field("key_points").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("几条要点即可,不必逐字记录:对照检查、批评与自我批评开展情况等。"),
    )
    upper_comments = forms.CharField(
        label=_("上级党组织点评意见"),
        max_length=Minutes._meta.get_field("upper_comments").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resolutions = forms.CharField(
        label=_("会议决定"),
        max_length=Minutes._meta.get_field("resolutions").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如:形成问题清单,明确整改时限,某月某日前完成公示。"),
    )

    def __init__(self, *args, speakers: Sequence[Speaker], **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {s.member.pk: s.member for s in speakers}
        self.fields["host"].choices = _choices(speakers)
        self.fields["recorder"].choices = _choices(speakers)
        self.helper = _helper()

    def _member(self, name: str) -> Member | None:
        pk = self.cleaned_data.get(name)
        return None if pk is None else self.people[pk]

    def clean_host(self) -> Member | None:
        return self._member("host")

    def clean_recorder(self) -> Member | None:
        return self._member("recorder")
