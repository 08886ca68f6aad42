"""Validation only: the rules about the ledger live in rectification/services/items.py
(and interviews.py), who may do what in rectification/selectors/item_rules.py.

The choices (members, meetings, overdue items) are handed in by the view, already read in a
fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from meetings.models import Meeting
from members.forms import HiddenErrorsMixin, NameField, validate_year
from members.models import Member
from rectification.choices import Difficulty, ItemStatus, Priority
from rectification.models import RectificationItem
from rectification.selectors.ledger import COMMITTEE, OVERDUE
from rectification.services.interviews import INTERVIEWER_MAX, SAID_MAX
from rectification.services.items import MEASURE_MAX, PROGRESS_MAX, REASON_MAX

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _date(label, *, required: bool = True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(**DATE_WIDGET),
        help_text=help_text,
        validators=[validate_year],
    )


def member_label(member: Member) -> str:
    label = member.name
    if member.position:
        label = f"{label}({member.get_position_display()})"
    if not member.is_active:
        label = f"{label} {_('(已停用)')}"
    return label


class ItemForm(HiddenErrorsMixin, forms.Form):
    """An item's measure, responsible person, deadline, priority and difficulty. The person
    field is ``owner`` for a member's item and ``lead`` (牵头人) for a committee item.
    ``version`` is the one the form was loaded with (the concurrent-edit check)."""

    measure = forms.CharField(
        label=_("整改措施"),
        max_length=MEASURE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明具体做法和可检验的结果。能“一定”就不说“尽量”,能“确保”就不写“争取”。"),
    )
    deadline = _date(_("整改时限"))
    priority = forms.ChoiceField(label=_("轻重缓急"), choices=Priority.choices)
    difficulty = forms.ChoiceField(label=_("难易程度"), choices=Difficulty.choices)
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("页面已过期,请刷新后重新填写。"),
            "min_value": _("页面已过期,请刷新后重新填写。"),
        },
    )

    def __init__(self, *args, members: Sequence[Member], committee: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.person_field = "lead" if committee else "owner"
        self._members = {str(m.pk): m for m in members}
        self.fields[self.person_field] = forms.ChoiceField(
            label=_("牵头人") if committee else _("责任人"),
            choices=[("", "---------"), *((str(m.pk), member_label(m)) for m in members)],
            help_text=_("班子整改事项由支部班子负责,指定一名支委牵头。") if committee else "",
        )
        order = ["measure", self.person_field, "deadline", "priority", "difficulty", "version"]
        self.order_fields(order)
        self.helper = _helper()

    def _person(self):
        return self._members[self.cleaned_data[self.person_field]]

    def clean_owner(self) -> Member:
        return self._person()

    def clean_lead(self) -> Member:
        return self._person()

    def service_kwargs(self) -> dict:
        """What the item services take: ``owner`` and ``lead`` both given, one of them None."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.setdefault("owner", None)
        data.setdefault("lead", None)
        return data

    @staticmethod
    def initial_for(item: RectificationItem) -> dict:
        return {
            "measure": item.measure,
            "deadline": item.deadline,
            "owner": str(item.owner_id or ""),
            "lead": str(item.lead_id or ""),
            "priority": item.priority,
            "difficulty": item.difficulty,
            "version": item.version,
        }


class ProgressForm(forms.Form):
    on = _date(_("日期"))
    text = forms.CharField(
        label=_("进展情况"),
        max_length=PROGRESS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.FileField(
        label=_("佐证材料(选填)"),
        required=False,
        help_text=_(
            "不是必须上传。可上传 PDF、PNG/JPEG 图片、Word(.docx)或 Excel(.xlsx),不超过 5 MB。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("退回理由"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InterviewForm(forms.Form):
    """约谈: the member is picked first (a GET that reloads the page with their overdue
    items); this form carries the choice as a hidden field."""

    member = forms.ChoiceField(label=_("约谈对象"), widget=forms.HiddenInput)
    items = forms.MultipleChoiceField(
        label=_("涉及的逾期事项"), widget=forms.CheckboxSelectMultiple
    )
    held_on = _date(_("约谈日期"))
    interviewer = NameField(label=_("约谈人"), max_length=INTERVIEWER_MAX)
    said = forms.CharField(
        label=_("谈话内容"),
        max_length=SAID_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("记录谈话要点、逾期原因和本人的表态。"),
    )
    new_deadline = _date(
        _("商定的新时限"),
        required=False,
        help_text=_("选填。填写后,所选事项的整改时限改为此日期,原定时限保留可查。"),
    )

    def __init__(
        self,
        *args,
        overdue: Mapping[Member, Sequence[RectificationItem]],
        member: Member | None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._members = {str(m.pk): m for m in overdue}
        self.fields["member"].choices = [
            ("", "---------"),
            *((str(m.pk), f"{m.name}({len(items)})") for m, items in overdue.items()),
        ]
        items = list(overdue.get(member, [])) if member is not None else []
        self._items = {str(i.pk): i for i in items}
        self.fields["items"].choices = [
            (
                str(i.pk),
                f"{i.measure[:40]}({_('整改时限')} {i.deadline:%Y-%m-%d})",
            )
            for i in items
        ]
        self.helper = _helper()

    def clean_member(self) -> Member:
        return self._members[self.cleaned_data["member"]]

    def clean_items(self) -> list[RectificationItem]:
        return [self._items[pk] for pk in self.cleaned_data["items"]]


class LedgerFilterForm(forms.Form):
    """The ledger's filters (GET). An unknown value is dropped, never an error page."""

    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部状态")), *ItemStatus.choices, (OVERDUE, _("逾期"))],
    )
    owner = forms.ChoiceField(label=_("责任人"), required=False)
    category = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部类别")), *ProblemCategory.choices],
    )
    meeting = forms.ChoiceField(label=_("会议"), required=False)
    recurring = forms.BooleanField(label=_("只看屡改屡在"), required=False)

    def __init__(self, *args, members: Sequence[Member], meetings: Sequence[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [
            ("", _("全部责任人")),
            (COMMITTEE, _("支部班子")),
            *((str(m.pk), member_label(m)) for m in members),
        ]
        self.fields["meeting"].choices = [
            ("", _("全部会议")),
            *(
                (str(m.pk), f"{timezone.localtime(m.starts_at):%Y-%m-%d} {m.theme}")
                for m in meetings
            ),
        ]

    def filters(self) -> dict:
        """The valid filters only (an invalid one is left out)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


class PublicityForm(forms.Form):
    enabled = forms.BooleanField(required=False)
