"""Drafts are private: the author; the branch secretary once submitted; a supervisor above
for the committee draft and the secretary's own. Everyone else — the rest of the branch,
its committee, another branch, a supervisor for a member's draft, a superuser — gets a 404
on every draft URL, and the drafts list never leads to or shows a draft they may not read."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from meetings.choices import DraftStatus
from meetings.models import DraftComment, DraftVersion
from meetings.services.drafts import draft_return
from tests.meetings.test_drafts import PROBLEM, form_data, url, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(draft_people):
    found = draft_people
    found["superuser"] = get_user_model().objects.create_superuser(
        "root", "root@example.org", "pw-for-tests-2026"
    )
    return found


def _user(people, who):
    person = people[who]
    return person if who == "superuser" else person.user


def _every_url(draft) -> list[tuple[str, str, dict]]:
    return [
        ("get", url("draft", draft), {}),
        ("get", url("draft-edit", draft), {}),
        ("get", url("draft-review", draft), {}),
        ("get", url("draft-docx", draft), {}),
        ("get", url("draft-print", draft), {}),
        ("post", url("draft-check", draft), form_data()),
        ("post", url("draft-edit", draft), form_data(action="submit")),
        ("post", url("draft-submit", draft), {}),
        ("post", url("draft-review", draft), {"decision": "approve"}),
        ("post", url("draft-review", draft), {"decision": "return", "general": "x"}),
    ]


def _assert_all_404(client, draft):
    for method, address, data in _every_url(draft):
        response = getattr(client, method)(address, data)
        assert response.status_code == 404, (method, address, response.status_code)


OUTSIDERS = ["member2", "committee_member", "secretary_b", "supervisor", "superuser"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_members_submitted_draft_is_404_for_everyone_else(client, people, who):
    meeting = people["meeting"]
    draft = write(people["member"], meeting)
    client.force_login(_user(people, who))
    _assert_all_404(client, draft)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (DraftStatus.SUBMITTED, 1)
    assert not DraftComment.objects.exists() and DraftVersion.objects.count() == 1
    listing = client.get(url("drafts", meeting))
    if listing.status_code == 200:  # those who may see the meeting see no way to the draft
        page = listing.content.decode()
        assert f"/drafts/{draft.pk}/" not in page and PROBLEM["text"] not in page


def test_before_submission_even_the_secretary_gets_404(client, people):
    draft = write(people["member"], people["meeting"], submit=False)
    client.force_login(people["secretary"].user)
    _assert_all_404(client, draft)
    # the list shows the status only
    page = client.get(url("drafts", people["meeting"])).content.decode()
    assert "撰写中" in page and f"/drafts/{draft.pk}/" not in page


def test_the_secretary_reads_but_never_writes_a_members_draft(client, people):
    member, secretary = people["member"], people["secretary"]
    draft = write(member, people["meeting"])
    draft_return(draft=draft, by=secretary.user, comments={"gains": "再具体些"})
    client.force_login(secretary.user)
    assert client.get(url("draft-review", draft)).status_code == 200
    assert client.get(url("draft-print", draft)).status_code == 200
    assert client.get(url("draft-docx", draft)).status_code == 200
    # the author's page sends a reader to the review page
    assert client.get(url("draft", draft)).url == url("draft-review", draft)
    for method, address, data in (
        ("get", url("draft-edit", draft), {}),
        ("post", url("draft-edit", draft), form_data()),
        ("post", url("draft-check", draft), form_data()),
        ("post", url("draft-submit", draft), {}),
    ):
        assert getattr(client, method)(address, data).status_code == 404


@pytest.mark.parametrize(
    "who", ["member", "committee_member", "secretary_b", "supervisor_other", "superuser"]
)
def test_the_committee_draft_is_404_for_everyone_but_secretary_and_supervisor(client, people, who):
    draft = write(people["secretary"], people["meeting"], committee=True)
    client.force_login(_user(people, who))
    _assert_all_404(client, draft)


def test_the_secretarys_own_draft_is_hidden_from_the_rest_of_the_branch(client, people):
    draft = write(people["secretary"], people["meeting"])
    for who in ("member", "committee_member", "supervisor_other"):
        client.force_login(people[who].user)
        _assert_all_404(client, draft)
    client.force_login(people["supervisor"].user)
    assert client.get(url("draft-review", draft)).status_code == 200


def test_anonymous_is_sent_to_login(client, people):
    draft = write(people["member"], people["meeting"])
    response = client.get(url("draft", draft))
    assert response.status_code == 302 and "/accounts/login/" in response.url
