from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.choices import DEFAULT_AGENDA, MeetingKind
from members.forms import IdsChoiceField, NameField, validate_year
from members.text import strip_invisible


def _lines(value: str) -> list[str]:
    """One title per line (agenda items, readings), each without invisible characters."""
    lines = (strip_invisible(line) for line in value.splitlines())
    return [line for line in lines if line]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=MeetingKind.choices)
    theme = NameField(label=_("主题"), max_length=200, initial="学党史、悟思想、办实事、开新局")
    starts_at = forms.DateTimeField(
        label=_("召开时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[validate_year],
    )
    place = NameField(label=_("地点"), max_length=200)
    upper_org_attends = forms.BooleanField(label=_("上级党组织派人列席指导"), required=False)
    agenda = forms.CharField(
        label=_("议程"),
        widget=forms.Textarea(attrs={"rows": 6}),
        initial="\n".join(DEFAULT_AGENDA),
        help_text=_("每行一项,按顺序填写;必须包含批评和自我批评。"),
    )
    readings = forms.CharField(
        label=_("规定书目"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一本。"),
    )
    talk_peer_count = forms.IntegerField(
        label=_("每名党员至少与几名党员谈心"), min_value=0, max_value=10, initial=1
    )
    rectify_months = forms.IntegerField(
        label=_("整改时限默认(会后几个月)"),
        min_value=1,
        max_value=24,
        initial=3,
        required=False,
        help_text=_("转入整改时,未写时限的整改事项默认在会议日期后这么多个月内完成。"),
    )
    attendees = IdsChoiceField(
        label=_("应到人员"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("默认为本支部全部在册党员。"),
    )

    def __init__(self, *args, branch, **kwargs):
        super().__init__(*args, **kwargs)
        members = branch.members.filter(is_active=True).order_by("name")
        self.fields["attendees"].queryset = members
        if not self.is_bound and "attendees" not in self.initial:
            self.initial["attendees"] = list(members)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_agenda(self) -> list[str]:
        return _lines(self.cleaned_data["agenda"])

    def clean_readings(self) -> list[str]:
        return _lines(self.cleaned_data.get("readings", ""))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("rectify_months") is None:
            data["rectify_months"] = 3
        data["attendee_ids"] = [m.pk for m in data.pop("attendees")]
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("未就绪仍召开的理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class PlanDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("审批意见"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    decision = forms.ChoiceField(choices=[("approve", _("批准")), ("return", _("退回"))])


class StudyForm(forms.Form):
    held_on = forms.DateField(
        label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_year]
    )
    topic = NameField(label=_("主题"), max_length=200)
    readings = IdsChoiceField(
        label=_("学习书目"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    attendees = IdsChoiceField(
        label=_("参加人员"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("一句话记录"), max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readings"].queryset = meeting.readings.all()
        self.fields["attendees"].queryset = meeting.branch.members.filter(
            attendances__meeting=meeting
        ).order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["reading_ids"] = [r.pk for r in data.pop("readings")]
        data["attendee_ids"] = [m.pk for m in data.pop("attendees")]
        return data
