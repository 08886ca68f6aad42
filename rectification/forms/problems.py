"""Validation only: the rules about the problem list live in rectification/services.py.

The choices (members, criticisms, kept opinions) are handed in by the view, already read
in a fixed number of queries, so a page with several forms costs no query per option.
"""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from meetings.models import AnonymousOpinion, Criticism, Opinion
from members.forms import is_id
from members.models import Member
from rectification.choices import Difficulty, Priority
from rectification.services.items import MEASURE_MAX
from rectification.services.problems import TEXT_MAX

COMMITTEE = "committee"
SUGGESTED = "suggested"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _text(label, *, required: bool, rows: int = 3, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _category() -> forms.ChoiceField:
    """The category select starts empty: the secretary picks one, never the first by default."""
    return forms.ChoiceField(
        label=_("类别"),
        choices=[("", "---------"), *ProblemCategory.choices],
        error_messages={"required": _("请选择问题类别。")},
    )


def _member_label(member: Member) -> str:
    if member.position:
        return f"{member.name}({member.get_position_display()})"
    return member.name


def _listed_mark(row) -> str:
    """Marks a criticism or opinion that a problem already comes from."""
    return str(_("(已列入)")) if getattr(row, "listed", False) else ""


def opinion_key(opinion: Opinion | AnonymousOpinion) -> str:
    return f"a-{opinion.pk}" if isinstance(opinion, AnonymousOpinion) else f"s-{opinion.pk}"


class _OwnerMixin:
    """An ``owner`` choice: the committee (支部班子) or one of ``members``; cleaned to a
    ``Member`` or ``None`` (the committee)."""

    def _set_owner_choices(self, members: Sequence[Member], extra=()) -> None:
        self._members = {str(m.pk): m for m in members}
        self.fields["owner"].choices = [
            *extra,
            (COMMITTEE, _("支部班子")),
            *((str(m.pk), _member_label(m)) for m in members),
        ]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        if value in (COMMITTEE, SUGGESTED):
            return None if value == COMMITTEE else SUGGESTED
        return self._members[value]


class ProblemForm(_OwnerMixin, forms.Form):
    owner = forms.ChoiceField(label=_("责任人"))
    category = _category()
    text = _text(_("问题"), required=True)
    example = _text(_("具体表现"), required=False, rows=2)
    root_cause = _text(_("根源剖析"), required=False)

    def __init__(self, *args, members: Sequence[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owner_choices(members)
        self.helper = _helper()


class CriticismProblemForm(forms.Form):
    criticism = forms.ChoiceField(label=_("批评意见"))
    category = _category()
    text = _text(
        _("问题"), required=False, help_text=_("不填则照录批评意见;可精简为一句具体的问题。")
    )
    root_cause = _text(_("根源剖析"), required=False, rows=2)

    def __init__(self, *args, criticisms: Sequence[Criticism], **kwargs):
        super().__init__(*args, prefix="criticism", **kwargs)
        self._criticisms = {str(c.pk): c for c in criticisms}
        self.fields["criticism"].choices = [
            (str(c.pk), _listed_mark(c) + f"{c.critic.name} → {c.target.name}:{c.text[:40]}")
            for c in criticisms
        ]
        self.helper = _helper()

    def clean_criticism(self) -> Criticism:
        return self._criticisms[self.cleaned_data["criticism"]]

    def clean_text(self) -> str | None:
        return self.cleaned_data["text"].strip() or None


class OpinionProblemForm(_OwnerMixin, forms.Form):
    opinion = forms.ChoiceField(label=_("采纳的意见"))
    owner = forms.ChoiceField(label=_("责任人"))
    category = _category()
    text = _text(
        _("问题"), required=False, help_text=_("不填则照录意见内容;可精简为一句具体的问题。")
    )
    root_cause = _text(_("根源剖析"), required=False, rows=2)

    def __init__(
        self,
        *args,
        opinions: Sequence[Opinion | AnonymousOpinion],
        members: Sequence[Member],
        **kwargs,
    ):
        super().__init__(*args, prefix="opinion", **kwargs)
        self._opinions = {opinion_key(o): o for o in opinions}
        self.fields["opinion"].choices = [
            (opinion_key(o), _listed_mark(o) + f"【{o.window}】{o.text[:40]}") for o in opinions
        ]
        self._set_owner_choices(members, extra=[(SUGGESTED, _("按征求对象确定"))])
        self.helper = _helper()

    def clean_opinion(self) -> Opinion | AnonymousOpinion:
        return self._opinions[self.cleaned_data["opinion"]]

    def clean_text(self) -> str | None:
        return self.cleaned_data["text"].strip() or None


class SupervisorProblemForm(_OwnerMixin, forms.Form):
    owner = forms.ChoiceField(label=_("责任人"))
    category = _category()
    text = _text(_("问题"), required=True)
    root_cause = _text(_("根源剖析"), required=False, rows=2)

    def __init__(self, *args, members: Sequence[Member], **kwargs):
        super().__init__(*args, prefix="supervisor", **kwargs)
        self._set_owner_choices(members)
        self.helper = _helper()


class IdListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(v) for v in values]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(_("请选择要合并的问题。")) from exc
        if not all(is_id(i) for i in ids):
            raise forms.ValidationError(_("要合并的问题不存在或已被删除。"))
        return ids


class MergeForm(forms.Form):
    keep = forms.IntegerField(label=_("保留的问题"), min_value=1)
    merge = IdListField(label=_("合并的问题"))


class ItemProposalForm(forms.Form):
    """One proposed item on the closing page. A row whose measure is left empty makes no
    item (the ledger lists the problem as still without one)."""

    problem = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    measure = forms.CharField(
        label=_("整改措施"),
        required=False,
        max_length=MEASURE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    person = forms.ChoiceField(label=_("责任人"), required=False)
    deadline = forms.DateField(
        label=_("整改时限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    priority = forms.ChoiceField(
        label=_("轻重缓急"), required=False, choices=[("", "---------"), *Priority.choices]
    )
    difficulty = forms.ChoiceField(
        label=_("难易程度"), required=False, choices=[("", "---------"), *Difficulty.choices]
    )

    def __init__(self, *args, members: Sequence[Member] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {str(m.pk): m for m in members}
        self.fields["person"].choices = [
            ("", "---------"),
            *((str(m.pk), _member_label(m)) for m in members),
        ]

    def clean_person(self) -> Member | None:
        return self._members.get(self.cleaned_data["person"] or "")

    def clean(self):
        data = super().clean()
        measure = (data.get("measure") or "").strip()
        data["measure"] = measure
        if measure:
            if not data.get("deadline") and "deadline" not in self.errors:
                self.add_error("deadline", _("请填写整改时限。"))
            if not data.get("priority"):
                self.add_error("priority", _("请选择轻重缓急。"))
            if not data.get("difficulty"):
                self.add_error("difficulty", _("请选择难易程度。"))
        return data


ItemProposalFormSet = forms.formset_factory(
    ItemProposalForm, extra=0, max_num=500, validate_max=True, absolute_max=500
)
