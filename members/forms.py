"""Validation only: no rules about state live here (see services)."""

from __future__ import annotations

import datetime
import re

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{3,150}$")
PHONE_RE = re.compile(r"^[0-9+\- ]{5,30}$")


class _MemberFieldsMixin:
    def clean_joined_on(self) -> datetime.date:
        value = self.cleaned_data["joined_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("入党日期不能晚于今天。"))
        if value and value.year < 1921:
            raise forms.ValidationError(_("入党日期不能早于1921年。"))
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        if value and not PHONE_RE.match(value):
            raise forms.ValidationError(_("联系电话只能包含数字、空格、+ 和 -。"))
        return value

    def clean_name(self) -> str:
        value = self.cleaned_data["name"].strip()
        if not value:
            raise forms.ValidationError(_("请填写姓名。"))
        return value


class MemberForm(_MemberFieldsMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = ["name", "gender", "category", "joined_on", "position", "phone", "email"]
        widgets = {"joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MemberCreateForm(MemberForm):
    username = forms.CharField(
        label=_("登录名"),
        required=False,
        help_text=_("可不填;填写后该党员可登录本系统。"),
    )
    password = forms.CharField(
        label=_("初始密码"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("填写登录名时必填,请当面告知本人并提醒其修改。"),
    )

    class Meta(MemberForm.Meta):
        pass

    def clean_username(self) -> str:
        value = self.cleaned_data.get("username", "").strip()
        if value and not USERNAME_RE.match(value):
            raise forms.ValidationError(_("登录名须为 3 位以上的字母、数字或 _ . @ + -。"))
        if value and get_user_model().objects.filter(username__iexact=value).exists():
            raise forms.ValidationError(_("该登录名已被使用。"))
        return value

    def clean(self):
        data = super().clean()
        if data.get("username"):
            if not data.get("password"):
                self.add_error("password", _("填写登录名时必须设置初始密码。"))
            else:
                try:
                    validate_password(data["password"])
                except forms.ValidationError as exc:
                    self.add_error("password", exc)
        return data


class MemberRowForm(_MemberFieldsMixin, forms.Form):
    """One row of an imported roster."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    gender = forms.ChoiceField(label=_("性别"), choices=Member._meta.get_field("gender").choices)
    category = forms.ChoiceField(
        label=_("党员类别"), choices=Member._meta.get_field("category").choices
    )
    joined_on = forms.DateField(
        label=_("入党日期"), input_formats=["%Y-%m-%d", "%Y%m%d", "%Y年%m月%d日"]
    )
    position = forms.ChoiceField(
        label=_("支委职务"), choices=Member._meta.get_field("position").choices, required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    username = forms.CharField(label=_("登录名"), max_length=150, required=False)

    def clean_username(self) -> str:
        value = self.cleaned_data.get("username", "").strip()
        if value and not USERNAME_RE.match(value):
            raise forms.ValidationError(_("登录名须为 3 位以上的字母、数字或 _ . @ + -。"))
        return value


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("名册文件"),
        help_text=_(
            "支持 .xlsx 或 .csv;第一行为列名:姓名、性别、党员类别、入党日期、支委职务、联系电话、电子邮箱、登录名。"
        ),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("只支持 .xlsx 或 .csv 文件。"))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("文件不能超过 2 MB。"))
        return upload
