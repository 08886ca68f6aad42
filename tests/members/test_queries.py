"""The roster and branch list cost the same number of queries at 10 and at 1,000 rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import services
from members.choices import OrganizationKind
from members.models import Member
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


def _fill(branch, n):
    Member.objects.bulk_create(
        Member(
            branch=branch, name=f"党员{i:04d}", gender="male", joined_on=datetime.date(2000, 1, 1)
        )
        for i in range(n)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["", "?q=党员&status=all"])
def test_roster_queries_constant(client, org_tree, page):
    secretary = MemberFactory(branch=org_tree["a"], position="secretary")
    client.force_login(secretary.user)
    small_branch, big_branch = org_tree["a"], org_tree["b"]
    _fill(small_branch, 9)
    _fill(big_branch, 1000)
    sup = SupervisorFactory(organization=org_tree["committee"]).user
    client.force_login(sup)
    small = _queries(client, reverse("members:roster", args=[small_branch.pk]) + page)
    big = _queries(client, reverse("members:roster", args=[big_branch.pk]) + page)
    assert small == big
    assert big <= 10


def test_branch_list_queries_constant(client, org_tree):
    """A supervisor's branch list: one page of branches with member counts, whatever the total."""
    sup = SupervisorFactory(organization=org_tree["committee"]).user
    client.force_login(sup)
    few = _queries(client, reverse("members:branches"))
    for i in range(60):  # more than a page
        services.organization_create(
            name=f"支部{i:03d}", kind=OrganizationKind.BRANCH, parent=org_tree["general"]
        )
    many = _queries(client, reverse("members:branches"))
    assert few == many
