import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from members import services
from members.choices import OrganizationKind
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_only_one_active_secretary_per_branch(org_tree):
    MemberFactory(branch=org_tree["a"], name="老书记", position="secretary")
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            branch=org_tree["a"],
            name="新书记",
            gender="male",
            joined_on=datetime.date(2000, 1, 1),
            position="secretary",
        )
    assert "老书记" in str(exc.value)


def test_members_join_branches_only(org_tree):
    with pytest.raises(ValidationError):
        services.member_create(
            branch=org_tree["committee"],
            name="某人",
            gender="male",
            joined_on=datetime.date(2000, 1, 1),
        )


def test_no_organization_below_a_branch(org_tree):
    with pytest.raises(ValidationError):
        services.organization_create(name="x", kind=OrganizationKind.BRANCH, parent=org_tree["a"])


def test_deactivate_is_idempotent_and_keeps_the_record(org_tree):
    member = MemberFactory(branch=org_tree["a"])
    services.member_deactivate(member=member)
    services.member_deactivate(member=member)
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert not member.is_active and not member.user.is_active
    services.member_reactivate(member=member)
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.is_active and member.user.is_active


def test_create_with_login_account(org_tree, client):
    member = services.member_create(
        branch=org_tree["a"],
        name="新党员",
        gender="female",
        joined_on=datetime.date(2020, 7, 1),
        username="newbie",
        password="a-long-pass-2026",
    )
    assert member.user.username == "newbie"
    assert client.login(request=HttpRequest(), username="newbie", password="a-long-pass-2026")
