"""Forms for 民主评议党员 — validation only; the rules (who votes, one vote each, 优秀 at most
one third) live in meetings/services/evaluation.py.

The members are passed in (already loaded by the page), so building a form costs no query.
The ballot has one field per rated member, ``m<pk>``; the proposal one grade ``g<pk>`` and
one note ``n<pk>`` per member.
"""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.choices import Grade
from meetings.models import EvaluationResult, SelfAssessment
from members.models import Member


class SelfAssessmentForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("自评等次"),
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择自评等次。")},
    )
    text = forms.CharField(
        label=_("自评"),
        required=False,
        max_length=SelfAssessment._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("简要对照党员标准谈谈自己的表现,选填。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has its own token


class _PerMemberForm(forms.Form):
    def __init__(self, *args, members: Sequence[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)

    def _grades(self, prefix: str) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(f"{prefix}{m.pk}") or "" for m in self.members}


class BallotForm(_PerMemberForm):
    """The secret ballot: one row per rated member, four radio buttons each."""

    def __init__(self, *args, members: Sequence[Member], **kwargs):
        super().__init__(*args, members=members, **kwargs)
        for member in self.members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Grade.choices,
                widget=forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}),
                error_messages={"required": _("请为 %(name)s 选择等次。") % {"name": member.name}},
            )

    def rows(self) -> list[tuple[Member, forms.BoundField]]:
        return [(m, self[f"m{m.pk}"]) for m in self.members]

    def marks(self) -> dict[int, str]:
        return self._grades("m")


class ProposalForm(_PerMemberForm):
    """The committee's proposed grade (and an optional note) for every rated member."""

    def __init__(self, *args, members: Sequence[Member], **kwargs):
        super().__init__(*args, members=members, **kwargs)
        note_max = EvaluationResult._meta.get_field("note").max_length
        for member in self.members:
            grade_label = _("%(name)s 的评定等次") % {"name": member.name}
            note_label = _("%(name)s 的说明") % {"name": member.name}
            self.fields[f"g{member.pk}"] = forms.ChoiceField(
                label=grade_label,
                choices=[("", "---------"), *Grade.choices],
                widget=forms.Select(
                    attrs={"class": "form-select form-select-sm", "aria-label": grade_label}
                ),
                error_messages={
                    "required": _("请为 %(name)s 选择评定等次。") % {"name": member.name}
                },
            )
            self.fields[f"n{member.pk}"] = forms.CharField(
                label=note_label,
                required=False,
                max_length=note_max,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "aria-label": note_label}
                ),
            )

    def field_pairs(self) -> dict[int, tuple[forms.BoundField, forms.BoundField]]:
        return {m.pk: (self[f"g{m.pk}"], self[f"n{m.pk}"]) for m in self.members}

    def grades(self) -> dict[int, str]:
        return self._grades("g")

    def notes(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(f"n{m.pk}", "") for m in self.members}


class CloserForm(forms.Form):
    """Who closes the ballot; empty means the branch secretary."""

    closer = forms.ModelChoiceField(
        label=_("负责结束投票的人"), queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closer"].queryset = Member.objects.filter(
            branch_id=meeting.branch_id, is_active=True
        )
