"""After signing in (both steps) and "Confirm it's you", an officer goes back to the page they
came from, and only ever to a page of this site, however another host is spelled in `next`."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from involve.auth.pending import PENDING
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.officer_sessions import CONFIRMED, confirmed_long_ago
from tests.second_factor import code_for, enrol_authenticator

# Each is read by browsers as another host (a tab is dropped, a backslash is a slash).
ELSEWHERE = ["////evil.example/", "///evil.example/", "/\t//evil.example/", "/\\evil.example/"]
DASHBOARD = "/officer/"


def _with_next(path: str, target: str) -> str:
    return f"{path}?{urlencode({'next': target})}"


def _location(pages) -> str:  # type: ignore[no-untyped-def]
    return pages.last_response.headers["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_leaves_the_site(pages, target):
    officer = OfficerFactory()
    pages.post(
        _with_next("/sign-in", target),
        {"email": officer.email, "password": DEFAULT_PASSWORD},
        expected_status=302,
    )
    assert _location(pages) == DASHBOARD


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_second_step_never_leaves_the_site(pages, target):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    pages.post(
        _with_next("/sign-in", target),
        {"email": officer.email, "password": DEFAULT_PASSWORD},
        expected_status=302,
    )
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert _location(pages) == DASHBOARD


def test_the_second_step_checks_where_it_goes_even_if_the_first_did_not(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    pages.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    with pages.client.session_transaction() as session:
        session[PENDING] = {**session[PENDING], "next": "////evil.example/"}
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert _location(pages) == DASHBOARD


@pytest.mark.parametrize("target", ELSEWHERE)
def test_confirm_its_you_never_leaves_the_site(pages, sign_in_as, target):
    sign_in_as("engagement_officer")
    # Just signed in: the page sends the officer straight on, without asking.
    pages.get(_with_next("/confirm-its-you", target), expected_status=302)
    assert _location(pages) == DASHBOARD
    confirmed_long_ago(pages.client)
    page = pages.get(_with_next("/confirm-its-you", target))
    assert "evil" not in page.select_one("main form")["action"]
    pages.post(_with_next("/confirm-its-you", target), CONFIRMED, expected_status=302)
    assert _location(pages) == DASHBOARD


def test_a_page_of_the_site_is_kept_with_its_query(pages):
    officer = OfficerFactory()
    target = "/officer/consultations?status=open"
    pages.post(
        _with_next("/sign-in", target),
        {"email": officer.email, "password": DEFAULT_PASSWORD},
        expected_status=302,
    )
    assert _location(pages) == target
