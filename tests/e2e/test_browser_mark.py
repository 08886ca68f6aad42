"""The ``browser`` mark's rule (tests/conftest.py): without Chromium a browser test skips with
the reason — except under ``CI=true``, where it fails. Chromium is "removed" by replacing the
detection function, not by uninstalling it."""

from __future__ import annotations

import pytest

import tests.conftest as root


class _Item:
    """What ``pytest_runtest_setup`` reads of a test item: its marks."""

    def __init__(self, *marks: str):
        self.marks = set(marks)

    def get_closest_marker(self, name: str):
        return name if name in self.marks else None


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setattr(root, "chromium_path", lambda: None)


def test_without_chromium_a_browser_test_skips_with_the_reason(no_chromium, monkeypatch):
    monkeypatch.setattr(root, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match="needs Chromium: /usr/bin/chromium"):
        root.pytest_runtest_setup(_Item("browser"))


def test_without_chromium_a_browser_test_fails_under_ci(no_chromium, monkeypatch):
    monkeypatch.setattr(root, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true but needs Chromium"):
        root.pytest_runtest_setup(_Item("browser"))


def test_a_test_without_the_mark_does_not_need_chromium(no_chromium, monkeypatch):
    monkeypatch.setattr(root, "IN_CI", True)
    root.pytest_runtest_setup(_Item())  # no exception
