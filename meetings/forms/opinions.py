"""Validation only: the rules about windows and opinions live in meetings/services/opinions.py."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import OpinionDisposition, OpinionTarget
from meetings.models import Meeting, OpinionWindow
from meetings.services.opinions import NOTE_MAX, TEXT_MAX, TEXT_MIN
from members.forms import validate_year

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=_DATETIME_FORMATS,
        validators=[validate_year],
    )


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class WindowOpenForm(forms.Form):
    target = forms.ChoiceField(label=_("征求对象"), choices=OpinionTarget.choices)
    target_member = forms.ModelChoiceField(
        label=_("针对党员"),
        queryset=None,
        required=False,
        help_text=_("征求对象为“党员个人”时选择。"),
    )
    starts_at = _datetime_field(_("开始时间"))
    ends_at = _datetime_field(_("截止时间"))
    public_enabled = forms.BooleanField(
        label=_("允许群众通过链接提意见"),
        required=False,
        help_text=_("开启后生成一个公开链接,群众无需登录即可无记名提意见。"),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_member"].queryset = meeting.branch.members.filter(
            is_active=True
        ).order_by("name", "pk")
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("starts_at", now)
            self.initial.setdefault(
                "ends_at", min(now + datetime.timedelta(days=7), meeting.starts_at)
            )
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("target") == OpinionTarget.MEMBER and not data.get("target_member"):
            self.add_error("target_member", _("请选择针对哪名党员征求意见。"))
        if data.get("target") != OpinionTarget.MEMBER:
            data["target_member"] = None
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("截止时间必须晚于开始时间。"))
        return data


class _TextMixin:
    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()


def _text_field() -> forms.CharField:
    return forms.CharField(
        label=_("意见内容"),
        min_length=TEXT_MIN,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
        help_text=_("请写具体的事和例子,5–2000 字。"),
    )


class OpinionForm(_TextMixin, forms.Form):
    """A member's opinion — one form for signed and anonymous, so both requests look alike.

    ``windows`` are the meeting's windows; whether one still takes opinions is the
    service's question (it answers with a clear message)."""

    window = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    text = _text_field()
    anonymous = forms.BooleanField(
        label=_("无记名"),
        required=False,
        help_text=_(
            "勾选后,意见不与您的姓名、账号、IP 或提交时刻一起保存(只记日期),"
            "任何人(包括您本人和管理员)都查不到这条意见是谁提的。"
        ),
    )

    def __init__(self, *args, windows: list[OpinionWindow], **kwargs):
        super().__init__(*args, **kwargs)
        self.windows = {w.pk: w for w in windows}
        self.fields["window"].choices = [(pk, str(w)) for pk, w in self.windows.items()]
        self.helper = _helper()

    def clean_window(self) -> OpinionWindow:
        return self.windows[self.cleaned_data["window"]]


class PublicOpinionForm(_TextMixin, forms.Form):
    text = _text_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class OpinionSortForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("梳理结果"),
        choices=[
            (OpinionDisposition.KEPT, OpinionDisposition.KEPT.label),
            (OpinionDisposition.DISMISSED, OpinionDisposition.DISMISSED.label),
        ],
    )
    note = forms.CharField(label=_("梳理说明"), max_length=NOTE_MAX, required=False)
