"""While the database is unreachable a page answers 503 with a short Chinese page at once —
not a 500 with Django's bare error, not a traceback — and the next request after the
outage is served as usual. bench/faults.py does the same with a real PostgreSQL restart."""

from __future__ import annotations

import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.test import Client, RequestFactory
from redis.exceptions import ConnectionError as RedisConnectionError

from config.middleware import ServiceUnavailableMiddleware

pytestmark = pytest.mark.django_db

PAGE = "/supervision/empty/"  # login required: the session and the user come from the database


def _database_down(execute, sql, params, many, context):
    raise OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    )


def _bug(execute, sql, params, many, context):
    raise ProgrammingError('relation "no_such_table" does not exist')


@pytest.fixture
def member_client(django_user_model):
    user = django_user_model.objects.create_user(username="outage", password="x-pass-2026")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    assert client.get(PAGE).status_code == 200
    return client


def test_database_down_answers_503_with_the_short_page(member_client):
    with connection.execute_wrapper(_database_down):
        response = member_client.get(PAGE)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "服务暂时不可用" in html
    assert "请稍后再试" in html
    for leak in ("Traceback", "OperationalError", "5432", "Server Error"):
        assert leak not in html
    # …and once the database answers again, so does the page.
    assert member_client.get(PAGE).status_code == 200


def test_a_bug_in_a_query_stays_a_500(member_client):
    with connection.execute_wrapper(_bug):
        response = member_client.get(PAGE)
    assert response.status_code == 500
    assert "服务暂时不可用" not in response.content.decode()


def test_redis_down_answers_503():
    middleware = ServiceUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get(PAGE)
    response = middleware.process_exception(
        request, RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    )
    assert response.status_code == 503
    assert "服务暂时不可用" in response.content.decode()
    assert middleware.process_exception(request, ValueError("a bug")) is None
