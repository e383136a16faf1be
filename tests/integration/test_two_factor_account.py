"""Setting up, changing, turning off and resetting an authenticator app; the secret is sealed."""

from __future__ import annotations

import pyotp

from involve.extensions import db
from involve.models import AuditEvent, Role
from involve.services import totp
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.officer_sessions import confirmed_long_ago
from tests.pages import banner, error_summary, heading
from tests.second_factor import code_for, enrol_authenticator


def _key_on(page) -> str:
    return page.select_one("#authenticator-key").get_text().replace(" ", "")


def _events(action: str) -> list[AuditEvent]:
    return db.session.query(AuditEvent).filter_by(action=action).all()


def test_an_officer_sets_up_an_app_by_scanning_and_entering_a_code(pages, sign_in_as):
    officer = sign_in_as("analyst")
    page = pages.get("/account")
    assert "Off" in page.get_text()
    page = pages.get("/account/two-factor/set-up")
    assert heading(page) == "Set up two-factor authentication"
    qr_code = page.select_one("main svg[role=img]")
    assert qr_code is not None and qr_code.get("aria-label")
    assert qr_code.select("path")  # drawn on the server, no image from elsewhere
    key = _key_on(page)
    assert len(key) == 32
    assert _key_on(pages.get("/account/two-factor/set-up")) == key  # a reload keeps the key

    wrong = pages.post("/account/two-factor/set-up", {"code": "000000"})
    assert error_summary(wrong) in ([totp.WRONG_CODE], [])  # 000000 is right once in 10^6
    pages.post("/account/two-factor/set-up", {"code": pyotp.TOTP(key).now()}, expected_status=302)
    assert "Two-factor authentication is on" in banner(pages.get("/account"))
    assert officer.totp_enabled_at is not None and officer.totp_last_step is not None
    # Sealed: the stored value is neither the key nor contains it, and opens with the app's key.
    assert key not in officer.totp_secret
    assert totp.unseal(officer.totp_secret) == key
    assert [event.officer_id for event in _events("officer.totp_enabled")] == [officer.id]

    pages.post("/sign-out", expected_status=302)
    pages.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    assert pages.last_response.headers["Location"] == "/sign-in/code"


def test_a_forced_administrator_reaches_the_dashboard_once_set_up(pages):
    admin = OfficerFactory(role=Role.ADMIN)
    pages.post(
        "/sign-in", {"email": admin.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    key = _key_on(pages.get("/account/two-factor/set-up"))
    pages.post("/account/two-factor/set-up", {"code": pyotp.TOTP(key).now()}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/officer/"
    assert heading(pages.get("/officer/")) == "Dashboard"


def test_changing_to_a_new_app_keeps_the_old_one_until_the_new_one_works(pages, sign_in_as):
    officer = sign_in_as("admin")
    old_secret = totp.unseal(officer.totp_secret)
    page = pages.get("/account/two-factor/set-up")
    assert heading(page) == "Use a new authenticator app"
    pages.post("/account/two-factor/set-up", {"code": "12345x"})
    assert totp.unseal(officer.totp_secret) == old_secret
    pages.post(
        "/account/two-factor/set-up",
        {"code": pyotp.TOTP(_key_on(page)).now()},
        expected_status=302,
    )
    assert totp.unseal(officer.totp_secret) == _key_on(page) != old_secret
    assert len(_events("officer.totp_changed")) == 1


def test_an_officer_turns_it_off_after_confirming_who_they_are(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    secret = enrol_authenticator(officer)
    db.session.commit()
    assert heading(pages.get("/account/two-factor/turn-off")) == (
        "Turn off two-factor authentication"
    )
    confirmed_long_ago(pages.client)  # signed in long ago
    pages.get("/account/two-factor/turn-off", expected_status=302)
    assert pages.last_response.headers["Location"].startswith("/confirm-its-you?next=")
    page = pages.post("/account/two-factor/turn-off", {})
    assert heading(page) == "Confirm it\u2019s you"
    assert officer.totp_enabled_at is not None
    pages.post(
        "/account/two-factor/turn-off",
        {
            "confirm_its_you-submitted": "1",
            "confirm_its_you-password": DEFAULT_PASSWORD,
            "confirm_its_you-code": code_for(secret),
        },
        expected_status=302,
    )
    assert officer.totp_enabled_at is None and officer.totp_secret is None
    assert len(_events("officer.totp_disabled")) == 1


def test_an_administrator_cannot_turn_it_off(pages, sign_in_as):
    admin = sign_in_as("admin")
    page = pages.get("/account/two-factor/turn-off")
    assert "you cannot turn it off" in page.get_text()
    assert page.select_one("main form") is None
    pages.post("/account/two-factor/turn-off", {}, expected_status=302)
    assert "you cannot turn it off" in banner(pages.get("/account"))
    assert totp.has_second_factor(admin)


def test_an_administrator_resets_another_officers_app(pages, sign_in_as):
    admin = sign_in_as("admin")
    other = OfficerFactory(role=Role.ADMIN, full_name="Lost Phone")
    enrol_authenticator(other)
    db.session.commit()
    page = pages.get(f"/officer/officers/{other.id}")
    assert page.find("a", href=f"/officer/officers/{other.id}/reset-two-factor")
    page = pages.get(f"/officer/officers/{other.id}/reset-two-factor")
    assert "set up a new authenticator app" in page.get_text()
    pages.post(f"/officer/officers/{other.id}/reset-two-factor", {}, expected_status=302)
    assert not totp.has_second_factor(other)
    [event] = _events("officer.totp_reset")
    assert (event.officer_id, event.object_id) == (admin.id, str(other.id))
    # Nothing left to reset; and never one's own (that is done from one's account).
    page = pages.post(f"/officer/officers/{other.id}/reset-two-factor", {})
    assert "does not use an authenticator app" in page.get_text()
    page = pages.post(f"/officer/officers/{admin.id}/reset-two-factor", {})
    assert "go to your account" in page.get_text()
    assert totp.has_second_factor(admin)


def test_only_officer_managers_may_reset_an_app(pages, sign_in_as):
    sign_in_as("engagement_officer")
    other = OfficerFactory()
    enrol_authenticator(other)
    db.session.commit()
    pages.post(f"/officer/officers/{other.id}/reset-two-factor", {}, expected_status=403)
    assert totp.has_second_factor(other)


def test_the_command_line_resets_an_app(app):
    admin = OfficerFactory(role=Role.ADMIN, email="only.admin@example.gov.uk")
    enrol_authenticator(admin)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["involve", "reset-two-factor", "--email", admin.email])
    assert result.exit_code == 0, result.output
    assert "set up a new authenticator app when they next sign in" in result.output
    assert not totp.has_second_factor(admin)
    assert _events("officer.totp_reset")[0].officer_id is None
    again = runner.invoke(args=["involve", "reset-two-factor", "--email", admin.email])
    assert again.exit_code != 0
    missing = runner.invoke(args=["involve", "reset-two-factor", "--email", "no@example.gov.uk"])
    assert "No officer has the email address" in missing.output


def test_a_secret_sealed_under_another_key_does_not_open(app, monkeypatch):
    sealed = totp.seal("JBSWY3DPEHPK3PXP")
    assert totp.unseal(sealed) == "JBSWY3DPEHPK3PXP"
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key")
    assert totp.unseal(sealed) is None
    assert totp.unseal("not a token") is None
