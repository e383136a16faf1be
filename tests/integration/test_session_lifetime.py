"""Officer sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after
signing in: the officer is sent to sign in with the reason, and comes back to the same page.
Nothing a resident has started in the same browser is lost."""

from __future__ import annotations

import time

import pytest
from flask import session

from involve.auth.session_lifetime import LAST_SEEN_AT, SIGNED_IN_AT, session_ends_at
from involve.extensions import db
from tests.factories import DEFAULT_PASSWORD, ConsultationFactory
from tests.officer_sessions import IDLE_MESSAGE, age_session
from tests.pages import heading

MAX_MESSAGE = "You have been signed out because you signed in more than 12 hours ago."


def _session(client) -> dict:  # type: ignore[no-untyped-def, type-arg]
    with client.session_transaction() as session:
        return dict(session)


def _notice(page) -> str:  # type: ignore[no-untyped-def]
    banner = page.select_one(".govuk-notification-banner__content")
    return banner.get_text(" ", strip=True) if banner else ""


def test_an_active_officer_stays_signed_in_and_their_last_visit_is_kept(pages, sign_in_as):
    sign_in_as("engagement_officer")
    signed_in_at = _session(pages.client)[SIGNED_IN_AT]
    age_session(pages.client, idle_minutes=29, signed_in_hours=11.9)
    assert heading(pages.get("/officer/")) != "Sign in"
    seen = _session(pages.client)[LAST_SEEN_AT]
    assert int(time.time()) - seen < 5  # the clock restarted at this request
    assert signed_in_at <= int(time.time())


def test_an_idle_officer_is_signed_out_with_the_reason_and_returns_to_the_page(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    wanted = f"/officer/consultations/{consultation.id}/documents"
    age_session(pages.client, idle_minutes=31)
    pages.get(wanted, expected_status=302)
    location = pages.last_response.headers["Location"]
    assert location.startswith("/sign-in?next=")
    page = pages.get(location)
    assert heading(page) == "Sign in"
    assert IDLE_MESSAGE in _notice(page)
    assert page.select_one(".involve-officer-bar") is None
    # Still signed out on the next request, and the message is not shown twice.
    pages.get("/officer/", expected_status=302)
    pages.post(
        location, {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    assert pages.last_response.headers["Location"] == wanted
    pages.get(wanted)


def test_twelve_hours_after_signing_in_even_a_busy_officer_signs_in_again(pages, sign_in_as):
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=1, signed_in_hours=12)
    pages.get("/officer/", expected_status=302)
    page = pages.get(pages.last_response.headers["Location"])
    assert MAX_MESSAGE in _notice(page)
    assert SIGNED_IN_AT not in _session(pages.client)


def test_the_idle_time_comes_from_the_configuration(app, pages, sign_in_as, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 60)
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=45)
    assert heading(pages.get("/officer/")) != "Sign in"
    age_session(pages.client, idle_minutes=61)
    pages.get("/officer/", expected_status=302)


def test_polling_a_job_does_not_keep_a_session_alive(pages, sign_in_as):
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=10)
    before = _session(pages.client)[LAST_SEEN_AT]
    pages.client.get("/officer/jobs/999999/status.json")
    assert _session(pages.client)[LAST_SEEN_AT] == before


def test_polling_a_job_after_the_time_out_ends_the_session_and_returns_to_the_job_page(
    pages, sign_in_as
):
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=31)
    response = pages.client.get(
        "/officer/jobs/999999/status.json", headers={"Referer": "http://localhost/officer/jobs/9"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/officer/jobs/9"
    assert "_user_id" not in _session(pages.client)
    assert IDLE_MESSAGE in _notice(pages.get("/sign-in?next=/officer/jobs/9"))


@pytest.mark.parametrize("path", ["/api/v1/consultations", "/static/js/init.js"])
def test_the_api_and_files_are_not_activity_and_end_no_session(pages, sign_in_as, path):
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=10)
    before = _session(pages.client)
    response = pages.client.get(path)
    response.close()
    assert response.status_code == 200
    assert _session(pages.client) == before  # last seen unchanged
    age_session(pages.client, idle_minutes=31)
    response = pages.client.get(path)
    response.close()
    assert response.status_code == 200
    assert "_user_id" in _session(pages.client)  # the next officer page will end it


def test_a_residents_answers_in_the_same_browser_survive_an_officer_time_out(pages, sign_in_as):
    sign_in_as("engagement_officer")
    with pages.client.session_transaction() as session:
        session["responses"] = {"7": 42}
    age_session(pages.client, idle_minutes=31)
    page = pages.get("/")  # a public page: it just carries on, signed out
    assert page.select_one(".involve-officer-bar") is None
    remaining = _session(pages.client)
    assert remaining["responses"] == {"7": 42}
    assert "_user_id" not in remaining


@pytest.mark.parametrize("path", ["/officer/", "/sign-in"])
def test_a_resident_who_never_signed_in_is_untouched(pages, path):
    with pages.client.session_transaction() as session:
        session["responses"] = {"7": 42}
    pages.client.get(path)
    assert _session(pages.client)["responses"] == {"7": 42}
    assert LAST_SEEN_AT not in _session(pages.client)


def test_when_the_session_will_end_is_known_for_a_warning_before_it_does(app):
    now = int(time.time())
    with app.test_request_context():
        assert session_ends_at() is None  # nobody signed in
        session.update({"_user_id": "1:x", SIGNED_IN_AT: now - 3600, LAST_SEEN_AT: now - 60})
        assert session_ends_at() == now - 60 + 30 * 60  # the idle time-out comes first
        session[SIGNED_IN_AT] = now - 12 * 3600 + 600
        assert session_ends_at() == now + 600  # the 12 hours come first
