"""Who sees what: outside one's scope is a 404, never the object."""

import pytest
from django.http import HttpRequest
from django.urls import reverse

from members.models import Member, Organization
from tests.members.factories import MemberFactory, SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org_tree):
    a, b = org_tree["a"], org_tree["b"]
    return {
        "member_a": MemberFactory(branch=a, name="甲党员"),
        "secretary_a": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "member_b": MemberFactory(branch=b, name="乙党员"),
        "secretary_b": MemberFactory(branch=b, name="乙书记", position="secretary"),
        "member_c": MemberFactory(branch=org_tree["c"], name="丙党员"),
    }


def _get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs))


@pytest.mark.parametrize("who", ["member_a", "secretary_a"])
def test_branch_a_people_get_404_on_branch_b(client, org_tree, people, who):
    user = people[who].user
    b = org_tree["b"]
    assert _get(client, user, "members:roster", branch_pk=b.pk).status_code == 404
    assert _get(client, user, "members:detail", pk=people["member_b"].pk).status_code == 404
    assert _get(client, user, "members:edit", pk=people["member_b"].pk).status_code == 404
    assert _get(client, user, "members:create", branch_pk=b.pk).status_code == 404
    assert _get(client, user, "members:roster-import", branch_pk=b.pk).status_code == 404
    assert _get(client, user, "members:roster-export", branch_pk=b.pk).status_code == 404
    response = client.post(reverse("members:deactivate", kwargs={"pk": people["member_b"].pk}))
    assert response.status_code == 404
    assert Member.objects.get(pk=people["member_b"].pk).is_active


def test_member_sees_own_roster_without_contacts_and_cannot_manage(client, org_tree, people):
    people["member_b"].phone = "13900001111"
    people["member_b"].save()
    a = org_tree["a"]
    response = _get(client, people["member_a"].user, "members:roster", branch_pk=a.pk)
    assert response.status_code == 200
    assert "甲书记" in response.content.decode()
    assert "添加党员" not in response.content.decode()
    edit = _get(client, people["member_a"].user, "members:edit", pk=people["secretary_a"].pk)
    assert edit.status_code == 404
    assert (
        _get(client, people["member_a"].user, "members:create", branch_pk=a.pk).status_code == 404
    )


def test_secretary_manages_own_branch(client, org_tree, people):
    user = people["secretary_a"].user
    a = org_tree["a"]
    response = _get(client, user, "members:roster", branch_pk=a.pk)
    assert response.status_code == 200
    assert "添加党员" in response.content.decode()
    assert _get(client, user, "members:edit", pk=people["member_a"].pk).status_code == 200
    client.post(reverse("members:deactivate", kwargs={"pk": people["member_a"].pk}))
    assert not Member.objects.get(pk=people["member_a"].pk).is_active


def test_supervisor_sees_only_its_subtree(client, org_tree, people):
    sup = SupervisorFactory(organization=org_tree["committee"]).user
    for branch in ("a", "b"):
        response = _get(client, sup, "members:roster", branch_pk=org_tree[branch].pk)
        assert response.status_code == 200
    assert _get(client, sup, "members:roster", branch_pk=org_tree["c"].pk).status_code == 404
    assert _get(client, sup, "members:detail", pk=people["member_c"].pk).status_code == 404

    listing = _get(client, sup, "members:branches").content.decode()
    assert "A支部" in listing and "B支部" in listing
    assert "C支部" not in listing

    narrow = SupervisorFactory(organization=org_tree["general"]).user
    assert _get(client, narrow, "members:roster", branch_pk=org_tree["b"].pk).status_code == 200
    assert _get(client, narrow, "members:roster", branch_pk=org_tree["a"].pk).status_code == 404


def test_visible_to_querysets(org_tree, people):
    sup = SupervisorFactory(organization=org_tree["committee"]).user
    names = set(Member.objects.visible_to(sup).values_list("name", flat=True))
    assert names == {"甲党员", "甲书记", "乙党员", "乙书记"}
    mine = set(Member.objects.visible_to(people["member_a"].user).values_list("name", flat=True))
    assert mine == {"甲党员", "甲书记"}
    assert not Member.objects.manageable_by(people["member_a"].user).exists()
    stranger = UserFactory()
    assert not Member.objects.visible_to(stranger).exists()
    assert not Organization.objects.visible_to(stranger).exists()


def test_anonymous_is_sent_to_login(client, org_tree):
    response = client.get(reverse("members:roster", kwargs={"branch_pk": org_tree["a"].pk}))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_deactivated_member_cannot_log_in(client, org_tree, people):
    from members import services

    services.member_deactivate(member=people["member_a"])
    assert not client.login(
        request=HttpRequest(),  # django-axes needs the request in authenticate()
        username=people["member_a"].user.username,
        password="pw-for-tests-2026",
    )
