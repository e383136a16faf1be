"""Officers sign in and out; failures never reveal whether an account exists; lockout works."""

from datetime import timedelta

from involve.extensions import db
from involve.models import AuditEvent
from involve.models.base import utc_now
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.officer_sessions import password_change
from tests.pages import error_summary, field_error, heading, title


def _sign_in(pages, email, password, expected_status=200):
    return pages.post(
        "/sign-in", {"email": email, "password": password}, expected_status=expected_status
    )


def test_officer_signs_in_and_reaches_the_dashboard(pages):
    officer = OfficerFactory(full_name="Priya Patel")
    _sign_in(pages, officer.email, DEFAULT_PASSWORD, expected_status=302)
    assert pages.last_response.headers["Location"] == "/officer/"
    page = pages.get("/officer/")
    assert heading(page) == "Dashboard"
    assert "Signed in as Priya Patel" in page.get_text()
    assert officer.last_signed_in_at is not None


def test_email_is_case_insensitive(pages):
    officer = OfficerFactory(email="jo.bloggs@example.gov.uk")
    _sign_in(pages, "  Jo.Bloggs@Example.GOV.UK ", DEFAULT_PASSWORD, expected_status=302)
    assert officer.failed_sign_in_count == 0


def test_unknown_email_and_wrong_password_get_the_same_error(pages):
    officer = OfficerFactory()
    wrong_password = _sign_in(pages, officer.email, "not-the-password")
    unknown_email = _sign_in(pages, "nobody@example.gov.uk", "not-the-password")
    for page in (wrong_password, unknown_email):
        assert title(page).startswith("Error: ")
        assert error_summary(page) == ["Enter a correct email address and password"]
        assert field_error(page, "email") == "Enter a correct email address and password"
    assert (
        wrong_password.select_one(".govuk-error-summary").decode()
        == unknown_email.select_one(".govuk-error-summary").decode()
    )


def test_empty_and_malformed_input_get_govuk_errors(pages):
    page = _sign_in(pages, "", "")
    assert error_summary(page) == ["Enter your email address", "Enter your password"]
    page = _sign_in(pages, "not-an-email", "x")
    assert error_summary(page) == [
        "Enter an email address in the correct format, like name@example.gov.uk"
    ]


def test_over_long_input_gets_a_clear_error_not_a_crash(pages):
    page = _sign_in(pages, "a" * 300 + "@example.gov.uk", "p" * 5000)
    assert "Email address must be 254 characters or fewer" in error_summary(page)
    assert "Password must be 200 characters or fewer" in error_summary(page)


def test_ten_failures_lock_the_account_for_fifteen_minutes(pages):
    officer = OfficerFactory()
    for _ in range(9):
        _sign_in(pages, officer.email, "wrong-password")
    assert officer.locked_until is None
    page = _sign_in(pages, officer.email, "wrong-password")
    assert officer.locked_until is not None
    minutes_locked = (officer.locked_until - utc_now()).total_seconds() / 60
    assert 14 < minutes_locked <= 15
    # Even the right password is refused while locked, with the same message.
    page = _sign_in(pages, officer.email, DEFAULT_PASSWORD)
    assert error_summary(page) == ["Enter a correct email address and password"]
    locks = db.session.query(AuditEvent).filter_by(action="officer.locked").count()
    assert locks == 1


def test_lock_expires(pages):
    officer = OfficerFactory(locked_until=utc_now() - timedelta(seconds=1))
    _sign_in(pages, officer.email, DEFAULT_PASSWORD, expected_status=302)
    assert officer.locked_until is None


def test_deactivated_officer_cannot_sign_in(pages):
    officer = OfficerFactory(active=False)
    page = _sign_in(pages, officer.email, DEFAULT_PASSWORD)
    assert error_summary(page) == ["Enter a correct email address and password"]


def test_sign_in_follows_next_only_within_the_site(pages):
    officer = OfficerFactory()
    pages.post(
        "/sign-in?next=/officer/audit-log",
        {"email": officer.email, "password": DEFAULT_PASSWORD},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == "/officer/audit-log"
    pages.post("/sign-out", expected_status=302)
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        pages.post(
            f"/sign-in?next={hostile}",
            {"email": officer.email, "password": DEFAULT_PASSWORD},
            expected_status=302,
        )
        assert pages.last_response.headers["Location"] == "/officer/"
        pages.post("/sign-out", expected_status=302)


def test_sign_out_ends_the_session(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/officer/")
    pages.post("/sign-out", expected_status=302)
    pages.get("/officer/", expected_status=302)
    assert pages.last_response.headers["Location"].startswith("/sign-in")


def test_sign_out_needs_a_post_with_a_csrf_token(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/sign-out", expected_status=405)
    pages.post("/sign-out", csrf=False, expected_status=400)
    pages.get("/officer/")  # still signed in


def test_change_password_checks_the_current_one_and_the_rules(pages, sign_in_as):
    sign_in_as("analyst")
    page = pages.post(
        "/account/change-password",
        {"current_password": "wrong", "new_password": "short", "confirm_password": "other"},
    )
    assert error_summary(page) == [
        "Password must be between 12 and 200 characters",
        "Passwords must match",
    ]
    page = pages.post(
        "/account/change-password", password_change("wrong-password", "a brand new passphrase")
    )
    assert error_summary(page) == ["Your current password is incorrect"]


def test_changing_password_works_and_signs_out_other_sessions(app, pages, sign_in_as):
    from tests.pages import PageClient

    officer = sign_in_as("analyst")
    other_browser = PageClient(app, app.test_client())
    other_browser.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    pages.post(
        "/account/change-password",
        password_change(DEFAULT_PASSWORD, "a brand new passphrase"),
        expected_status=302,
    )
    assert "Your password has been changed" in pages.get("/officer/").get_text()
    other_browser.get("/officer/", expected_status=302)
    pages.post("/sign-out", expected_status=302)
    _sign_in(pages, officer.email, "a brand new passphrase", expected_status=302)
    actions = [event.action for event in db.session.query(AuditEvent).all()]
    assert "officer.password_changed" in actions
