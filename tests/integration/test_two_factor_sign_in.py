"""Signing in with an authenticator app: the password alone never signs in, a code works once,
within one 30-second step either side, and wrong codes count towards the account's lock."""

from __future__ import annotations

import time

from involve import abuse_limits
from involve.extensions import db
from involve.models import AuditEvent, Role
from involve.services import totp
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.officer_sessions import is_signed_in
from tests.pages import error_summary, field_error, heading, title
from tests.second_factor import code_for, enrol_authenticator


def _password_step(pages, officer, *, next_url: str = "") -> None:
    path = f"/sign-in?next={next_url}" if next_url else "/sign-in"
    pages.post(path, {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in/code"


def test_the_password_alone_never_signs_in(pages):
    officer = OfficerFactory()
    enrol_authenticator(officer)
    _password_step(pages, officer)
    assert not is_signed_in(pages)
    page = pages.get("/sign-in/code")
    assert heading(page) == "Enter the code from your authenticator app"
    assert officer.last_signed_in_at is None


def test_the_right_code_signs_in_and_follows_next(pages):
    officer = OfficerFactory(full_name="Tam Two-Factor")
    secret = enrol_authenticator(officer)
    _password_step(pages, officer, next_url="/officer/audit-log")
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/officer/audit-log"
    assert "Signed in as Tam Two-Factor" in pages.get("/officer/").get_text()
    assert officer.last_signed_in_at is not None


def test_codes_typed_with_spaces_are_accepted(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    _password_step(pages, officer)
    code = code_for(secret)
    pages.post("/sign-in/code", {"code": f" {code[:3]} {code[3:]} "}, expected_status=302)


def test_a_wrong_code_gets_a_govuk_error_and_does_not_sign_in(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    _password_step(pages, officer)
    wrong = f"{(int(code_for(secret)) + 1) % 1_000_000:06d}"
    page = pages.post("/sign-in/code", {"code": wrong})
    assert title(page).startswith("Error: ")
    assert error_summary(page) == [totp.WRONG_CODE]
    assert field_error(page, "code") == totp.WRONG_CODE
    assert officer.failed_sign_in_count == 1
    assert not is_signed_in(pages)


def test_badly_formed_codes_get_clear_errors(pages):
    officer = OfficerFactory()
    enrol_authenticator(officer)
    _password_step(pages, officer)
    assert error_summary(pages.post("/sign-in/code", {"code": ""})) == [
        "Enter the code from your authenticator app"
    ]
    full_width = "\uff11\uff12\uff13\uff14\uff15\uff16"
    for bad in ("12345", "abcdef", "1234567", full_width):
        page = pages.post("/sign-in/code", {"code": bad})
        assert error_summary(page) == ["The code must be 6 numbers, like 123456"], bad


def test_a_code_is_accepted_only_once(app, pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    code = code_for(secret)
    _password_step(pages, officer)
    pages.post("/sign-in/code", {"code": code}, expected_status=302)
    pages.post("/sign-out", expected_status=302)
    _password_step(pages, officer)
    page = pages.post("/sign-in/code", {"code": code})
    assert error_summary(page) == [totp.WRONG_CODE]
    # Nor is an earlier step's code, once a later one has been used.
    page = pages.post("/sign-in/code", {"code": code_for(secret, steps_from_now=-1)})
    assert error_summary(page) == [totp.WRONG_CODE]


def test_one_step_of_clock_drift_either_way_is_allowed_two_are_not(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    for steps, expected in ((-2, 200), (2, 200), (-1, 302)):
        officer.totp_last_step = None
        db.session.commit()
        _password_step(pages, officer)
        pages.post(
            "/sign-in/code",
            {"code": code_for(secret, steps_from_now=steps)},
            expected_status=expected,
        )
    pages.post("/sign-out", expected_status=302)
    _password_step(pages, officer)
    pages.post("/sign-in/code", {"code": code_for(secret, steps_from_now=1)}, expected_status=302)


def test_wrong_codes_count_towards_the_same_lock_as_passwords(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    pages.post("/sign-in", {"email": officer.email, "password": "wrong password!"})
    _password_step(pages, officer)
    # A right password does not wipe the count while the code is still to come.
    assert officer.failed_sign_in_count == 1
    wrong = f"{(int(code_for(secret)) + 500_000) % 1_000_000:06d}"
    for _ in range(9):
        pages.post("/sign-in/code", {"code": wrong})
    assert officer.locked_until is not None
    # Locked: even the right code no longer signs in, and the sign-in must start again.
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in"
    assert not is_signed_in(pages)
    locks = db.session.query(AuditEvent).filter_by(action="officer.locked").count()
    assert locks == 1


def test_the_second_step_ends_after_five_minutes_or_a_password_change(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    _password_step(pages, officer)
    with pages.client.session_transaction() as session:
        session["sign_in_pending"] = {
            **session["sign_in_pending"],
            "started": int(time.time()) - 301,
        }
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in"
    _password_step(pages, officer)
    officer.password_hash = officer.password_hash[:-4] + "AAAA"
    db.session.commit()
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in"
    assert not is_signed_in(pages)


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(pages):
    pages.get("/sign-in/code", expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in"


def test_guessing_codes_is_rate_limited(pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    _password_step(pages, officer)
    wrong = f"{(int(code_for(secret)) + 1) % 1_000_000:06d}"
    for _ in range(int(abuse_limits.SECOND_FACTOR.split()[0])):
        status = pages.client.post(
            "/sign-in/code", data={"code": wrong, "csrf_token": pages.csrf_token()}
        ).status_code
        assert status in (200, 302)
    page = pages.post("/sign-in/code", {"code": wrong}, expected_status=429)
    assert heading(page) == "Too many attempts"


def test_an_administrator_without_an_app_must_set_one_up_first(pages):
    admin = OfficerFactory(role=Role.ADMIN)
    pages.post(
        "/sign-in", {"email": admin.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    for path in ("/officer/", "/officer/officers", "/officer/settings", "/account"):
        pages.get(path, expected_status=302)
        assert pages.last_response.headers["Location"] == "/account/two-factor/set-up", path
    pages.post("/account/change-password", {}, expected_status=302)
    page = pages.get("/account/two-factor/set-up")
    assert heading(page) == "Set up two-factor authentication"
    assert "Administrators must use an authenticator app" in page.get_text()
    # Public pages stay open; signing out works.
    pages.get("/")
    pages.post("/sign-out", expected_status=302)
