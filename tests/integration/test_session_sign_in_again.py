"""A form sent after the officer's session has ended is not thrown away: they sign in again on a
page that carries what they sent, and it then goes ahead as if the session had never ended."""

from __future__ import annotations

from sqlalchemy import select

from involve import abuse_limits
from involve.extensions import db
from involve.models import ConsultationLink
from tests.factories import DEFAULT_PASSWORD, ConsultationFactory
from tests.officer_sessions import IDLE_MESSAGE, age_session, carried_fields
from tests.pages import error_summary, field_error, heading
from tests.second_factor import code_for, enrol_authenticator

TYPED = {"link_title": 'Map of the "<b>new</b>" route', "url": "https://example.gov.uk/map"}


def _links() -> list[ConsultationLink]:
    return list(db.session.scalars(select(ConsultationLink)).all())


def _send_link_after_time_out(pages, sign_in_as, role="engagement_officer"):  # type: ignore[no-untyped-def]
    officer = sign_in_as(role)
    consultation = ConsultationFactory()
    db.session.commit()
    url = f"/officer/consultations/{consultation.id}/links"
    age_session(pages.client, idle_minutes=45, signed_in_hours=1)
    return officer, url, pages.post(url, TYPED)


def test_a_form_sent_after_the_time_out_is_kept_until_the_officer_signs_in_again(pages, sign_in_as):
    officer, url, page = _send_link_after_time_out(pages, sign_in_as)
    assert heading(page) == "Sign in again"
    assert IDLE_MESSAGE in page.select_one("main").get_text(" ", strip=True)
    assert officer.email in page.select_one("main").get_text(" ", strip=True)
    assert page.select_one("main form")["action"] == url
    carried = carried_fields(page)
    assert {name: carried[name] for name in TYPED} == TYPED  # escaped, and read back exactly
    assert page.select_one("#sign_in_again-code") is None  # no authenticator app
    assert page.select_one(".involve-officer-bar") is None  # signed out meanwhile
    assert pages.last_response.headers["Cache-Control"] == "no-store"
    assert _links() == []

    wrong = pages.post(url, {**carried, "sign_in_again-password": "not my password"})
    assert error_summary(wrong) == ["Your password is incorrect"]
    assert officer.failed_sign_in_count == 1
    again = carried_fields(wrong)
    assert {name: again[name] for name in TYPED} == TYPED
    assert "sign_in_again-password" not in again
    assert _links() == []

    pages.post(url, {**again, "sign_in_again-password": DEFAULT_PASSWORD}, expected_status=302)
    assert [(link.title, link.url) for link in _links()] == [(TYPED["link_title"], TYPED["url"])]
    assert officer.failed_sign_in_count == 0
    assert heading(pages.get("/officer/")) != "Sign in"  # signed in again, for a new spell


def test_an_officer_with_an_app_signs_in_again_with_a_code(pages, sign_in_as):
    officer, url, page = _send_link_after_time_out(pages, sign_in_as, role="admin")
    assert page.select_one("#sign_in_again-code") is not None
    carried = carried_fields(page)
    no_code = pages.post(url, {**carried, "sign_in_again-password": DEFAULT_PASSWORD})
    assert field_error(no_code, "sign_in_again-code") == (
        "Enter the code from your authenticator app"
    )
    assert _links() == []
    secret = enrol_authenticator(officer)  # a known secret, to make a fresh code
    db.session.commit()
    confirmed = {
        **carried_fields(no_code),
        "sign_in_again-password": DEFAULT_PASSWORD,
        "sign_in_again-code": code_for(secret),
    }
    pages.post(url, confirmed, expected_status=302)
    assert len(_links()) == 1


def test_a_password_given_to_confirm_its_you_is_never_written_into_the_page(pages, sign_in_as):
    sign_in_as("admin")
    age_session(pages.client, idle_minutes=45, signed_in_hours=1)
    page = pages.post(
        "/officer/settings/services/new",
        {"name": "Parks", "confirm_its_you-password": DEFAULT_PASSWORD},
    )
    assert heading(page) == "Sign in again"
    assert carried_fields(page).get("name") == "Parks"
    assert DEFAULT_PASSWORD not in str(page)


def test_a_deactivated_officer_cannot_sign_in_again(pages, sign_in_as):
    officer, url, page = _send_link_after_time_out(pages, sign_in_as)
    officer.active = False
    db.session.commit()
    pages.post(
        url,
        {**carried_fields(page), "sign_in_again-password": DEFAULT_PASSWORD},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"].startswith("/sign-in")
    assert _links() == []


def test_wrong_passwords_when_signing_in_again_are_rate_limited(pages, sign_in_as):
    officer, url, page = _send_link_after_time_out(pages, sign_in_as)
    wrong = {**carried_fields(page), "sign_in_again-password": "not my password"}
    for attempt in range(int(abuse_limits.SIGN_IN.split()[0])):
        # A fresh account each ten, so the account's own lock is not what stops this.
        if attempt and attempt % 9 == 0:
            officer.failed_sign_in_count = 0
            db.session.commit()
        pages.post(url, wrong)
    page = pages.post(url, wrong, expected_status=429)
    assert heading(page) == "Too many attempts"
    assert _links() == []


def test_a_page_asked_for_after_the_time_out_still_goes_through_sign_in(pages, sign_in_as):
    sign_in_as("engagement_officer")
    age_session(pages.client, idle_minutes=45, signed_in_hours=1)
    pages.get("/officer/", expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in?next=/officer/"
