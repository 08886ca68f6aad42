"""Validation only: no rules about state live here (see services)."""

from __future__ import annotations

import datetime
import re

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member
from members.text import strip_invisible

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{3,150}$")
PHONE_RE = re.compile(r"^[0-9+\- ]{5,30}$")

# --- shared by every app's forms --------------------------------------------------------

#: The years a typed date may fall in. Outside them (0001-01-01, 9999-12-31) is a typo or a
#: probe; refusing it here keeps time-zone conversion and deadline arithmetic (reminders a
#: week after a deadline) away from the calendar's edges, where they overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: The largest id the database stores (bigint); a larger one is an unknown choice.
MAX_ID = 2**63 - 1


def validate_year(value: datetime.date) -> None:
    """A date or date-time field's validator: the year lies in FIRST_YEAR…LAST_YEAR."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("请填写 %(first)d 年至 %(last)d 年之间的日期。"),
            code="year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def is_id(value: int) -> bool:
    return 1 <= value <= MAX_ID


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Ticked rows by id. An id too large for the database is refused as an unknown
    choice before it reaches a ``pk__in`` query (where it would overflow: a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number: the parent says so in its own words
            if not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class NameField(forms.CharField):
    """A name or a title shown on screen (a member's or an organization's name, a meeting's
    theme, a study topic …): invisible characters — bidirectional overrides, zero-width
    characters, control characters — are removed (members/text.py), so one name cannot
    pass for another. What is left must still satisfy ``required`` and ``max_length``."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return strip_invisible(value) or self.empty_value


class HiddenErrorsMixin:
    """Errors of hidden fields join the form's own errors: crispy shows none beside a
    hidden input, so a tampered or stale hidden value would otherwise fail silently."""

    def non_field_errors(self):
        errors = super().non_field_errors()
        hidden = [e for field in self.hidden_fields() for e in field.errors]
        if not hidden:
            return errors
        return self.error_class([*errors, *hidden], error_class="nonfield", renderer=self.renderer)


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
        field_classes = {"name": NameField}
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

    name = NameField(label=_("姓名"), max_length=50)
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
            "支持 .xlsx 或 .csv;表头(第一行,或标题行下的一行)为列名:姓名、性别、党员类别、入党日期、支委职务、联系电话、电子邮箱、登录名。导出的名册可修改后直接导入。"
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


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length checked before ``authenticate``:
    Django sets ``max_length`` on the field without its validator, and django-axes records
    each failed username in a 255-character column (a longer one was a database error)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
