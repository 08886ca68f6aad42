"""Forms for 对照检查材料 — validation only; the rules live in meetings/services/drafts.py.

The edit page is one ``<form>`` made of three parts, bundled by :class:`DraftEditForms`:
the text parts (:class:`DraftTextForm`), the problems (:data:`ProblemFormSet`) and the
measures (:data:`MeasureFormSet`). Fully blank rows are ignored, and each list always ends
with :data:`EXTRA_ROWS` blank rows, so a member can add problems and measures without JS.
A measure names its problem by the problem's row number on the page (``1..n``); blank
problem rows are dropped and the numbers are mapped to the service's 1-based positions.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.choices import CAUSE_FIELDS, DraftPart, ProblemCategory
from meetings.models import Draft, DraftMeasure, DraftProblem
from members.forms import validate_year

EXTRA_ROWS = 2
MAX_ROWS = 50
BLANK = [("", "---------")]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's <form> has its own token
    return helper


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DraftTextForm(forms.Form):
    """学习收获, 剖析根源 (four causes), 努力方向 and 书面发言."""

    cause_names = tuple(name for name, _label in CAUSE_FIELDS)

    gains = forms.CharField(
        label=_("学习收获"),
        required=False,
        max_length=_max(Draft, "gains"),
        widget=_textarea(4),
        help_text=_("通过学习,思想上、工作上有了哪些具体的变化和提高。"),
    )
    direction = forms.CharField(
        label=_("努力方向"),
        required=False,
        max_length=_max(Draft, "direction"),
        widget=_textarea(3),
    )
    written_statement = forms.BooleanField(
        label=_("书面发言"),
        required=False,
        help_text=_("不能到会时勾选,会上由他人代为宣读。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CAUSE_FIELDS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=_max(Draft, name),
                widget=_textarea(3),
            )
        self.helper = _helper()

    @property
    def cause_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _label in CAUSE_FIELDS]

    def texts(self) -> dict[str, str]:
        data = self.cleaned_data
        return {name: data.get(name, "") for name in ("gains", "direction", *self.cause_names)}


class ProblemForm(forms.Form):
    """查摆问题: a category, the problem, and a concrete example."""

    category = forms.ChoiceField(
        label=_("类别"), choices=BLANK + list(ProblemCategory.choices), required=False
    )
    text = forms.CharField(
        label=_("问题"),
        required=False,
        max_length=_max(DraftProblem, "text"),
        widget=_textarea(2),
    )
    example = forms.CharField(
        label=_("具体事例"),
        required=False,
        max_length=_max(DraftProblem, "example"),
        widget=_textarea(2),
        help_text=_("写一件真实的事:什么时间、什么事、造成了什么影响。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(f) or "").strip() for f in ("category", "text", "example"))

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not (data.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", _("请写明问题,或清空这一行。"))
        if not data.get("category") and "category" not in self.errors:
            self.add_error("category", _("请选择问题类别。"))
        return data


def _problem_label(row: int, text: str) -> str:
    """问题 3:理论学习不够深入… — how a measure names the problem it answers."""
    label = _("问题 %(i)d") % {"i": row}
    text = " ".join(text.split())
    if len(text) > 18:
        text = text[:18] + "…"
    return f"{label}:{text}" if text else label


class MeasureForm(forms.Form):
    """整改措施: the problem it answers (a row number), the measure, a deadline."""

    problem = forms.TypedChoiceField(
        label=_("针对问题"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("措施"),
        required=False,
        max_length=_max(DraftMeasure, "text"),
        widget=_textarea(2),
        help_text=_("写明做什么、做到什么程度,少用“进一步”“争取”“尽量”。"),
    )
    deadline = forms.DateField(
        label=_("完成时限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_year],
    )

    def __init__(self, *args, problem_count: int, problem_texts: Sequence[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = [("", _("(不对应具体问题)"))] + [
            (str(i), _problem_label(i, problem_texts[i - 1] if i <= len(problem_texts) else ""))
            for i in range(1, problem_count + 1)
        ]
        self.helper = _helper()

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not (data.get("text") or "").strip()
            and data.get("deadline") is None
            and data.get("problem") is None
        )

    def clean(self):
        data = super().clean()
        missing_text = not self.is_blank and not (data.get("text") or "").strip()
        if missing_text and "text" not in self.errors:
            self.add_error("text", _("请写明整改措施,或清空这一行。"))
        return data


class _RowFormSet(forms.BaseFormSet):
    """Every row may be blank (blank rows are simply dropped). Every row is validated —
    "unchanged from the saved row" must not be mistaken for "blank", so no row is
    ``empty_permitted``; the fields are all optional and each form's ``clean`` decides."""

    def _construct_form(self, i, **kwargs):
        kwargs["empty_permitted"] = False
        kwargs["use_required_attribute"] = False
        return super()._construct_form(i, **kwargs)


ProblemFormSet = forms.formset_factory(
    ProblemForm, formset=_RowFormSet, extra=EXTRA_ROWS, max_num=MAX_ROWS, validate_max=True
)
MeasureFormSet = forms.formset_factory(
    MeasureForm, formset=_RowFormSet, extra=EXTRA_ROWS, max_num=MAX_ROWS, validate_max=True
)


def _raw(form: forms.Form, name: str) -> str:
    value = form[name].value()
    return "" if value is None else str(value)


def _raw_date(form: forms.Form) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(_raw(form, "deadline").strip())
    except ValueError:
        return None


class DraftEditForms:
    """The three parts of the edit page, validated together.

    ``problems`` and ``measures`` are the draft's saved rows (for the initial values)."""

    def __init__(
        self,
        data=None,
        *,
        problems: Sequence[DraftProblem] = (),
        measures: Sequence[DraftMeasure] = (),
        draft: Draft | None = None,
    ):
        initial = {}
        if draft is not None:
            initial = {name: getattr(draft, name) for name in DraftTextForm.cause_names}
            initial.update(
                gains=draft.gains,
                direction=draft.direction,
                written_statement=draft.written_statement,
            )
        self.text = DraftTextForm(data, initial=initial)
        self.problems = ProblemFormSet(
            data,
            prefix="problems",
            initial=[
                {"category": p.category, "text": p.text, "example": p.example} for p in problems
            ],
        )
        order_of = {p.pk: p.order for p in problems}
        self.measures = MeasureFormSet(
            data,
            prefix="measures",
            initial=[
                {"problem": order_of.get(m.problem_id), "text": m.text, "deadline": m.deadline}
                for m in measures
            ],
            form_kwargs={
                "problem_count": min(self.problems.total_form_count(), MAX_ROWS + EXTRA_ROWS),
                "problem_texts": [_raw(f, "text") for f in self.problems.forms],
            },
        )

    # --- validation -------------------------------------------------------------------

    def _positions(self) -> dict[int, int]:
        """Row number on the page (1-based) → position among the non-blank problems."""
        positions, n = {}, 0
        for row, form in enumerate(self.problems.forms, 1):
            if not form.is_blank:
                n += 1
                positions[row] = n
        return positions

    def is_valid(self) -> bool:
        valid = self.text.is_valid() & self.problems.is_valid() & self.measures.is_valid()
        if not valid:
            return False
        positions = self._positions()
        for form in self.measures.forms:
            row = form.cleaned_data.get("problem")
            if not form.is_blank and row is not None and row not in positions:
                form.add_error("problem", _("所选的问题是空行,请重新选择。"))
                valid = False
        return valid

    @property
    def errors_count(self) -> int:
        return (
            len(self.text.errors)
            + sum(len(f.errors) for f in self.problems.forms)
            + sum(len(f.errors) for f in self.measures.forms)
            + len(self.problems.non_form_errors())
            + len(self.measures.non_form_errors())
        )

    def service_kwargs(self) -> dict:
        """The keyword arguments of ``draft_save`` (after :meth:`is_valid`)."""
        positions = self._positions()
        problems = [
            {
                "category": f.cleaned_data["category"],
                "text": f.cleaned_data["text"],
                "example": f.cleaned_data.get("example", ""),
            }
            for f in self.problems.forms
            if not f.is_blank
        ]
        measures = [
            {
                "problem": positions.get(f.cleaned_data.get("problem")),
                "text": f.cleaned_data["text"],
                "deadline": f.cleaned_data.get("deadline"),
            }
            for f in self.measures.forms
            if not f.is_blank
        ]
        return {
            "texts": self.text.texts(),
            "problems": problems,
            "measures": measures,
            "written_statement": self.text.cleaned_data.get("written_statement", False),
        }

    def as_typed(self) -> tuple[list[dict], list[dict]]:
        """The problems and measures exactly as typed, valid or not, one dict per row on the
        page (so a finding's number is the row's number). For the live check; saves nothing."""
        problems = [
            {"text": _raw(f, "text"), "example": _raw(f, "example")} for f in self.problems.forms
        ]
        measures = [
            {"text": _raw(f, "text"), "deadline": _raw_date(f)} for f in self.measures.forms
        ]
        return problems, measures


class DraftReviewForm(forms.Form):
    """审核: one comment box per part, then 通过 or 退回修改 (the submit button's value)."""

    decision = forms.ChoiceField(choices=[("approve", _("通过")), ("return", _("退回修改"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part, label in DraftPart.choices:
            self.fields[part] = forms.CharField(
                label=label if part == DraftPart.GENERAL else _("对这部分的意见"),
                required=False,
                max_length=2000,
                widget=_textarea(2),
            )
        self.helper = _helper()

    def comment_field(self, part: str) -> forms.BoundField:
        return self[part]

    def comments(self) -> dict[str, str]:
        return {part: self.cleaned_data.get(part, "") for part in DraftPart.values}
