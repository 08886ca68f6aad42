"""无记名 holds under the production logging too: the access log, the app log and the
database together do not tie a person to an anonymous opinion or a ballot.

What production logs (deploy/): gunicorn's access log — one line per request with the
client address nginx puts in X-Real-IP, the time, the request line, the referrer and the
user agent — and Django's log, both on stdout/stderr, so journald stamps every line with its
own time as it arrives; nginx keeps an access log of its own. django-axes masks names and
addresses in its log lines but keeps a row per login (``axes_accesslog``: user name,
address, time), so whoever reads the database and the logs knows which address is whose. A line "198.51.100.11 … POST /meetings/5/opinions/ 302" would then say who gave an
opinion and when; with the date the anonymous opinion keeps, and the signed opinions that
person did not give, it names the giver — what the form promises nobody can find out.

So the opinion page (the one URL signed and anonymous opinions are posted to, and the page
the browser is sent back to), the public opinion link and the ballot are not written to
the access logs at all: not with a blanked address (journald's own time stamp and the
line's place among its neighbours would still date the request), not at all.

The test runs that production logging for real: gunicorn with deploy/gunicorn.conf.py and
the settings of deploy/orglife.env.example (DEBUG off, manifest static files, Secure
cookies, Redis) on the test database, its stdout and stderr in a file as journald would
keep them. It plays nginx (X-Forwarded-Proto, X-Real-IP — a different address per person)
and the people: four members and the secretary log in through the login form, give
anonymous opinions (one also a signed one), cast secret ballots, and a member of the public
gives one through the link, logged out. Then:

- the logs are live and do link addresses to people (positive controls): every person's
  login and home page are in the access log with their address, and axes' login rows name
  them with it — the very join an attacker would make;
- no line of either log belongs to the opinion page, the public link or the ballot, so
  there is nothing to join: no address, user, time or status of any of those requests;
- no log line carries an opinion's text, a ballot's choices or the public giver's
  address, and nothing was handed to the Celery broker;
- the database side, request by request: an anonymous opinion adds one row and nothing
  else (no session, no axes row), with nothing of the giver's in it; a ballot changes only
  the ballot, mark and receipt tables, and the receipt points at no ballot.

nginx is not installed here; its configuration is checked for the same rule (the same
paths, logged nowhere) against the URLs the app actually serves.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import runpy
import secrets
import urllib.error
import uuid
from pathlib import Path

import pytest
import redis
from axes.models import AccessLog
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from meetings.choices import Grade, OpinionTarget
from meetings.models import AnonymousOpinion, Ballot, BallotMark, Opinion, VoteReceipt
from meetings.services.evaluation import evaluation_open, voting_start
from meetings.services.opinions import window_open
from tests.dbsnapshot import snapshot
from tests.deploy.test_smoke import Browser
from tests.harness import ROOT, Topology, database_url, flushed, free_port, redis_db_url
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, UserFactory
from tests.security.test_check_deploy import production_env

HOST = "orglife.example.org"  # deploy/orglife.env.example's ALLOWED_HOSTS
PASSWORD = "anon-pass-2026-无记名"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACCESS_LINE = re.compile(
    r'^(?P<ip>\S+) \S+ \S+ \[[^\]]+\] "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) '
)
PUBLIC_IP = "203.0.113.77"
ANON_REDIS_DB = 10  # a private Redis database (smoke 9, reminder faults 7, browser 11 and 12)

# --- the production web server, logging as in production -------------------------------------


class Person(Browser):
    """A browser behind nginx: the proxy's headers with this person's own address, and the
    production host name (the one in ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS)."""

    def __init__(self, base: str, ip: str, username: str = ""):
        super().__init__(base)
        self.ip = ip
        self.username = username

    def request(self, path: str, data: dict | None = None, **headers):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Real-IP": self.ip,
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) orglife-test",
            **headers,
        }
        if data is not None:
            headers.setdefault("Referer", f"https://{HOST}{path}")
        return super().request(path, data, proxied=False, **headers)

    def form(self, path: str) -> str:
        """GET a page, return its CSRF token."""
        status, _, html = self.request(path)
        assert status == 200, (path, status)
        return CSRF.search(html).group(1)

    def post(self, path: str, data: dict):
        token = self.form(path)
        return self.request(path, {**data, "csrfmiddlewaretoken": token})

    def login(self) -> None:
        status = self.post(reverse("login"), {"username": self.username, "password": PASSWORD})[0]
        assert status == 302, f"{self.username} could not log in"


@pytest.fixture
def web(tmp_path):
    """gunicorn -c deploy/gunicorn.conf.py with the example file's production settings,
    on the test database and a private Redis database (flushed before and after)."""
    redis_url = redis_db_url(ANON_REDIS_DB)
    port = free_port()
    env = production_env(
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        EMAIL_URL=f"filemail:///{tmp_path / 'mail'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    assert env["DEBUG"] == "false" and env["LOG_LEVEL"] == "INFO"
    with flushed(redis_url):
        topo = Topology(tmp_path, env)
        try:
            topo.run("collectstatic", "--noinput", "-v0")
            topo.start("web", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"))
            probe = Person(topo.base, "192.0.2.1")

            def up():
                with contextlib.suppress(ConnectionError, urllib.error.URLError, TimeoutError):
                    return probe.request("/accounts/login/")[0] == 200
                return False

            topo.wait(up, timeout=60, what="gunicorn to serve the login page")
            yield topo
        finally:
            topo.stop()


# --- the people and the meeting ---------------------------------------------------------------


@pytest.fixture
def branch(org_tree, settings):
    """Branch A: the secretary and four members with real (production-hashed) passwords,
    each at an address of their own; a meeting with an opinion window open to members and
    to the public, and its democratic evaluation in 投票中."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    a = org_tree["a"]
    people = []
    for n, (name, position) in enumerate(
        [("司书记", "secretary"), ("欧阳甲", ""), ("上官乙", ""), ("诸葛丙", ""), ("东方丁", "")]
    ):
        user = UserFactory(id=9_100_001 + n, username=f"probe-anon-{n}-{uuid.uuid4().hex[:6]}")
        member = MemberFactory(id=9_200_001 + n, user=user, branch=a, name=name, position=position)
        people.append(member)
    get_user_model().objects.filter(pk__in=[m.user_id for m in people]).update(
        password=make_password(PASSWORD)
    )
    secretary = people[0]
    meeting = MeetingFactory(branch=a)
    now = timezone.now()
    window = window_open(
        meeting=meeting,
        by=secretary.user,
        target=OpinionTarget.COMMITTEE,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=2),
        public_enabled=True,
    )
    evaluation = evaluation_open(meeting=meeting, by=secretary.user)
    voting_start(evaluation=evaluation, by=secretary.user)
    return {
        "people": people,
        "window": window,
        "opinions": reverse("meetings:opinions", kwargs={"meeting_pk": meeting.pk}),
        "public": reverse("meetings:public-opinion", kwargs={"token": window.public_token}),
        "evaluation": reverse("meetings:evaluation", kwargs={"meeting_pk": meeting.pk}),
        "ballot": reverse("meetings:ballot-cast", kwargs={"meeting_pk": meeting.pk}),
    }


def _identifiers(member) -> list[str]:
    return [member.user.username, member.name, str(member.user_id), str(member.pk)]


def _changed(before: dict, after: dict) -> set[str]:
    return {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}


def _added(before: dict, after: dict, model) -> list[dict]:
    table = model._meta.db_table
    return [dict(row) for row in (after[table] - before[table]).elements()]


def _assert_names_nobody(rows: list[dict], people, *, skip: tuple[str, ...] = ()) -> None:
    for row in rows:
        for column, value in row.items():
            if column in skip:
                continue
            text = str(value)
            for member in people:
                for token in _identifiers(member):
                    assert token not in text, f"{column}={value!r} names {member.name}"


# --- the test -----------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_logs_and_database_together_do_not_tie_anyone_to_an_opinion_or_a_ballot(web, branch):
    people = branch["people"]
    ips = {m.pk: f"198.51.100.{11 + i}" for i, m in enumerate(people)}
    browsers = {m.pk: Person(web.base, ips[m.pk], m.user.username) for m in people}
    secret_texts: list[str] = []
    receipts: list[str] = []  # the codes shown once; only their keyed hashes are stored
    signed_text = f"学习要更扎实,多联系实际。{uuid.uuid4().hex[:6]}"
    rated = sorted(m.pk for m in people)

    for i, member in enumerate(people):
        browser = browsers[member.pk]
        browser.login()
        assert browser.request("/")[0] == 200

        # An anonymous opinion: one new row, nothing else in the database changes.
        text = f"第{i + 1}条无记名意见:会议流于形式,希望多谈具体问题。{uuid.uuid4().hex[:6]}"
        secret_texts.append(text)
        token = browser.form(branch["opinions"])
        before = snapshot()
        status, headers, page = browser.request(
            branch["opinions"],
            {
                "csrfmiddlewaretoken": token,
                "window": branch["window"].pk,
                "text": text,
                "anonymous": "on",
            },
        )
        after = snapshot()
        # the answer is the page itself, with the receipt code (nothing carries it further)
        assert status == 200 and "意见已提交,谢谢您的意见。" in page
        assert _changed(before, after) == {AnonymousOpinion._meta.db_table}
        (row,) = _added(before, after, AnonymousOpinion)
        assert row["text"] == text and row["received_on"] == timezone.localdate()
        _assert_names_nobody([row], people)
        code = re.search(r'id="receipt-code" readonly value="([A-Z0-9-]+)"', page).group(1)
        receipts.append(code)
        assert row["receipt"] and code not in str(row)

        if i == 1:  # a signed opinion goes to the same URL (and may name its giver)
            status, _, _ = browser.post(
                branch["opinions"], {"window": branch["window"].pk, "text": signed_text}
            )
            assert status == 200

        # A secret ballot, recognisable by its content only: 不合格 for the next person.
        marks = {f"m{pk}": Grade.QUALIFIED for pk in rated}
        marks[f"m{people[(i + 1) % len(people)].pk}"] = Grade.UNQUALIFIED
        token = browser.form(branch["evaluation"])
        before = snapshot()
        status, headers, _ = browser.request(
            branch["ballot"], {"csrfmiddlewaretoken": token, **marks}
        )
        after = snapshot()
        assert status == 302 and headers["Location"] == branch["evaluation"]
        assert _changed(before, after) == {
            m._meta.db_table for m in (Ballot, BallotMark, VoteReceipt)
        }
        assert browser.request(headers["Location"])[0] == 200
        (receipt,) = _added(before, after, VoteReceipt)
        assert receipt["voter_id"] == member.pk
        ballot_keys = {str(b["id"]) for b in _added(before, after, Ballot)}
        assert not {str(v) for v in receipt.values()} & ballot_keys
        _assert_names_nobody(_added(before, after, Ballot), people)
        _assert_names_nobody(_added(before, after, BallotMark), people, skip=("member_id",))

        assert browser.request("/")[0] == 200

    # A member of the public, logged out, through the link.
    public = Person(web.base, PUBLIC_IP)
    public_text = f"希望党员干部多到群众中来,少开会。{uuid.uuid4().hex[:6]}"
    secret_texts.append(public_text)
    before = snapshot()
    status, headers, page = public.post(branch["public"], {"text": public_text})
    after = snapshot()
    assert status == 200 and "意见已收到,谢谢您的意见。" in page
    assert _changed(before, after) == {AnonymousOpinion._meta.db_table}
    (row,) = _added(before, after, AnonymousOpinion)
    assert PUBLIC_IP not in str(row)
    receipts.append(re.search(r'id="receipt-code" readonly value="([A-Z0-9-]+)"', page).group(1))
    # The public looks the receipt up: nothing written, and (below) no access-log line.
    status, _, page = public.post(reverse("rectification:receipt"), {"code": receipts[-1]})
    assert status == 200 and public_text in page

    assert AnonymousOpinion.objects.count() == len(people) + 1
    assert Opinion.objects.count() == 1
    assert Ballot.objects.count() == VoteReceipt.objects.count() == len(people)

    # Everything the web node wrote, as journald would keep it.
    web.stop()
    log = (Path(web.workdir) / "web.log").read_text(errors="replace")
    lines = log.splitlines()
    access = [m.groupdict() for m in map(ACCESS_LINE.match, lines) if m]
    app = [line for line in lines if not ACCESS_LINE.match(line)]

    # Positive controls: the access log is live and carries each person's address on their
    # other requests; the database ties that address to the user name (axes' login log).
    for member in people:
        ip = ips[member.pk]
        seen = {(a["method"], a["path"], a["status"]) for a in access if a["ip"] == ip}
        assert ("POST", reverse("login"), "302") in seen, (member.name, seen)
        assert ("GET", "/", "200") in seen
        assert ("GET", branch["evaluation"], "200") in seen  # the ballot page itself is fine
        assert AccessLog.objects.filter(username=member.user.username, ip_address=ip).exists()

    # The audit log (等保 安全审计) is live — every person's login is in it, by name — yet holds
    # no address (the example deployment keeps none) and nothing of the anonymous paths: the
    # snapshots above saw no audit row added by an opinion or a ballot, and no row at all
    # is of another kind than a login.
    audit = list(AuditEvent.objects.all())
    for member in people:
        assert any(r.event == "login" and r.actor_id == member.user_id for r in audit)
    assert {r.event for r in audit} == {"login"}
    assert all(r.ip is None for r in audit)
    for text in [*secret_texts, signed_text]:
        assert not any(text[-6:] in f"{r.detail}{r.target_label}" for r in audit)

    # Nothing to join: no line at all for the opinion page, the public link or the ballot.
    unlogged = {
        branch["opinions"],
        branch["public"],
        branch["ballot"],
        reverse("rectification:receipt"),
    }
    leaked = [a for a in access if a["path"].split("?")[0] in unlogged]
    assert not leaked, f"the access log records who used an anonymous path: {leaked}"
    for path in unlogged:
        assert not [line for line in app if path in line], f"the app log mentions {path}"

    # No text, no choice, no public address anywhere in the logs.
    for text in [*secret_texts, signed_text]:
        assert text not in log and text[-6:] not in log  # the whole text, or its own tail
    for code in receipts:
        assert code not in log and code.replace("-", "") not in log
    assert PUBLIC_IP not in log
    assert Grade.UNQUALIFIED not in log and "csrfmiddlewaretoken" not in log
    # …and nothing went to the broker, so no worker log can hold any of it either.
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    assert not redis.Redis.from_url(f"{base}/{ANON_REDIS_DB}").exists("celery")


# --- nginx: the same paths, logged nowhere -----------------------------------------------------


NGINX = ROOT / "deploy" / "nginx" / "orglife.conf"
GUNICORN = ROOT / "deploy" / "gunicorn.conf.py"


def _examples() -> tuple[list[str], list[str]]:
    """URLs of the anonymous paths, and neighbours that must still be logged."""
    token = secrets.token_urlsafe(24)
    unlogged = [
        reverse("meetings:opinions", kwargs={"meeting_pk": 7}),
        reverse("meetings:public-opinion", kwargs={"token": token}),
        reverse("meetings:ballot-cast", kwargs={"meeting_pk": 7}),
        reverse("rectification:receipt"),
    ]
    logged = [
        "/",
        reverse("login"),
        reverse("meetings:evaluation", kwargs={"meeting_pk": 7}),
        reverse("meetings:opinion-window", kwargs={"pk": 7}),
        reverse("meetings:opinion-window-open", kwargs={"meeting_pk": 7}),
        reverse("meetings:evaluation-propose", kwargs={"meeting_pk": 7}),
        reverse("meetings:evaluation-self", kwargs={"meeting_pk": 7}),
        reverse("rectification:item", kwargs={"pk": 7}),
        reverse("rectification:problems", kwargs={"meeting_pk": 7}),
    ]
    return unlogged, logged


def test_gunicorn_skips_exactly_the_anonymous_paths():
    """The web server's rule, against the URLs the app serves (the test above runs it)."""
    conf = runpy.run_path(str(GUNICORN))
    assert conf["logger_class"] is conf["AccessLogger"]
    unlogged, logged = _examples()
    for url in unlogged:
        assert conf["UNLOGGED_PATHS"].match(url), url
    for url in logged:
        assert not conf["UNLOGGED_PATHS"].match(url), url


def test_nginx_writes_no_access_log_line_for_the_anonymous_paths():
    code = "\n".join(line.split("#", 1)[0] for line in NGINX.read_text().splitlines())
    found = re.search(r"map\s+\$uri\s+\$(\w+)\s*\{([^}]*)\}", code)
    assert found, "deploy/nginx/orglife.conf: no `map $uri $…` choosing what to log"
    variable, body = found.groups()
    entries = re.findall(r"^\s*(\S+)\s+(\S+);", body, re.MULTILINE)
    patterns = [re.compile(key[1:]) for key, value in entries if key[0] == "~" and value == "0"]
    assert dict(entries).get("default") == "1" and patterns
    unlogged, logged = _examples()
    for url in unlogged:
        assert any(p.search(url) for p in patterns), url
    for url in logged:
        assert not any(p.search(url) for p in patterns), url
    # Each of the site's servers logs under that condition (none inherits the unconditional
    # http-level log), and no access_log anywhere writes without it (or is off).
    servers = [s for s in code.split("server {")[1:] if "server_name orglife.example.org" in s]
    assert len(servers) == 2
    condition = f"if=${variable}"
    for server in servers:
        assert re.search(rf"^\s*access_log\s+\S+\s+\w+\s+{re.escape(condition)};", server, re.M)
    for directive in re.findall(r"^\s*access_log\s+([^;]+);", code, re.MULTILINE):
        assert directive == "off" or directive.endswith(condition), directive


def test_the_app_skips_the_same_paths_as_the_web_servers():
    """ORGLIFE_ANONYMOUS_VIEWS (no session refresh, no audit row) names exactly the views of
    the paths gunicorn and nginx leave out of their logs."""
    from django.conf import settings
    from django.urls import resolve

    unlogged, logged = _examples()
    assert {resolve(url).view_name for url in unlogged} == set(settings.ORGLIFE_ANONYMOUS_VIEWS)
    for url in logged:
        assert resolve(url).view_name not in settings.ORGLIFE_ANONYMOUS_VIEWS, url
