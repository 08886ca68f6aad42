"""Names and titles carry no invisible characters, so one member cannot pass for another.

The probe added a member named ``"赵六\u202e四李"`` — shown as "赵六李四" — and one named
``"张\u200b三"``, which looks exactly like the real 张三. Every form field for a name or a
title, and the roster import, now remove bidirectional controls, zero-width and other
invisible characters (members/text.py), through one field class.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.forms.day import AttendanceForm
from meetings.forms.meeting import MeetingForm, StudyForm
from members.admin import MemberAdmin, OrganizationAdmin
from members.forms import MemberCreateForm, MemberForm, MemberRowForm, NameField
from members.importing import parse_roster, validate_rows
from members.models import Member
from members.text import strip_invisible
from rectification.forms.ledger import InterviewForm
from tests.members.factories import MemberFactory

SPOOFS = {
    "赵六\u202e四李": "赵六四李",  # right-to-left override: shows as 赵六李四
    "张\u200b三": "张三",  # zero-width space
    "\ufeff张三\u200d": "张三",  # byte-order mark, zero-width joiner
    "张\u2066三\u2069": "张三",  # isolates
    "张\u200e三\u200f": "张三",  # direction marks
    "张\u00ad三": "张三",  # soft hyphen
    "张\u3164三": "张三",  # Hangul filler, drawn blank
    "张\x1b三\t": "张三",  # control characters
    "欧阳 修": "欧阳 修",  # an ordinary space stays
    "Ａｌｉ": "Ａｌｉ",  # full-width letters are visible: they stay
}


@pytest.mark.parametrize(("raw", "shown"), SPOOFS.items())
def test_invisible_characters_are_removed(raw, shown):
    assert strip_invisible(raw) == shown
    field = NameField(max_length=50)
    assert field.clean(raw) == shown


def test_a_name_of_nothing_but_invisible_characters_is_missing():
    field = NameField(max_length=50)
    with pytest.raises(Exception) as exc:
        field.clean("\u200b\u202e\ufeff")
    assert exc.value.messages == ["这个字段是必填项。"]


def test_lists_one_per_line_keep_their_lines():
    assert strip_invisible("第一\u200b项\n\u202e第二项\r\n", keep_newlines=True) == (
        "第一项\n第二项"
    )


# Every form field that holds a name or a title, across the apps. A new one belongs here.
NAME_FIELDS = [
    (MemberForm, "name"),
    (MemberCreateForm, "name"),
    (MemberRowForm, "name"),
    (MeetingForm, "theme"),
    (MeetingForm, "place"),
    (StudyForm, "topic"),
    (AttendanceForm, "upper_attendee"),
    (InterviewForm, "interviewer"),
]


@pytest.mark.parametrize(("form", "field"), NAME_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_every_name_and_title_field_cleans(form, field):
    assert isinstance(form.base_fields[field], NameField)


def test_meeting_agenda_and_readings_are_cleaned_per_line():
    form = MeetingForm.__new__(MeetingForm)
    form.cleaned_data = {"agenda": "自我批评\u202e\n\u200b\n相互批评", "readings": "\ufeff书目"}
    assert form.clean_agenda() == ["自我批评", "相互批评"]
    assert form.clean_readings() == ["书目"]


@pytest.mark.django_db
def test_the_admin_cleans_organization_and_member_names(rf, admin_user):
    from django.contrib.admin.sites import site

    from members.models import Organization

    org_form = OrganizationAdmin(Organization, site).get_form(rf.get("/"))
    assert isinstance(org_form.base_fields["name"], NameField)
    member_form = MemberAdmin(Member, site).get_form(rf.get("/"))
    assert isinstance(member_form.base_fields["name"], NameField)


@pytest.mark.django_db
def test_the_roster_import_cleans_names(org_tree):
    csv = "姓名,性别,入党日期\n张\u200b三,男,2010-07-01\n赵六\u202e四李,女,2011-07-01\n"
    rows = parse_roster(content=csv.encode(), filename="roster.csv")
    cleaned, errors = validate_rows(branch=org_tree["a"], rows=rows)
    assert not errors
    assert [row["name"] for row in cleaned] == ["张三", "赵六四李"]


@pytest.mark.django_db
def test_the_member_form_saves_the_name_as_seen(client, org_tree):
    secretary = MemberFactory(branch=org_tree["a"], name="书记", position="secretary")
    client.force_login(secretary.user)
    response = client.post(
        reverse("members:create", kwargs={"branch_pk": org_tree["a"].pk}),
        {
            "name": "张\u200b三\u202e",
            "gender": "male",
            "joined_on": "2010-07-01",
            "category": "full",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Member.objects.filter(branch=org_tree["a"], name="张三").exists()
