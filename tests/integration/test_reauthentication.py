"""Sensitive officer actions ask "Confirm it's you" unless the password (and code) was entered in
the last REAUTHENTICATE_MINUTES; nothing typed is lost on the way."""

from __future__ import annotations

from involve import abuse_limits
from involve.auth.permissions import Permission
from involve.extensions import db
from involve.models import AuditEvent, BackgroundJob
from involve.services import officers
from tests.officer_sessions import CONFIRMED, carried_fields, confirmed_long_ago, password_change
from tests.pages import error_summary, field_error, heading
from tests.second_factor import code_for, enrol_authenticator

# Whatever these permissions guard asks "Confirm it's you" (managing officers and settings,
# personal data), unless listed below with the reason it need not.
SENSITIVE_PERMISSIONS = frozenset(
    {
        Permission.MANAGE_OFFICERS,
        Permission.MANAGE_SETTINGS,
        Permission.EXPORT_PERSONAL_DATA,
        Permission.HANDLE_DATA_REQUESTS,
    }
)
NOT_ASKED_AGAIN = {
    "officer.list_officers": "reads names and roles; adding or changing an officer asks again",
    "officer.outbox": "reads the outbox, with addresses and link tokens hidden",
    "officer.outbox_message": "reads one e-mail, with addresses and link tokens hidden",
    "officer.retention": "reads what retention would remove; removing it asks again",
    "officer.retention_result": "reads how a run went; starting the run asked again",
    "officer.publish_activity_with_override": (
        "publishes public work past its planning check, with a reason kept in the audit log: "
        "no officer, setting or personal data changes"
    ),
}
# An officer's own authenticator app: no permission guards it (everyone has an account).
OWN_ACCOUNT_ENDPOINTS = {"auth.set_up_authenticator", "auth.turn_off_authenticator"}


def _guarded_by_sensitive_permissions(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "required_permission", None) in SENSITIVE_PERMISSIONS
    }


def test_every_sensitive_action_asks_again(app):
    sensitive = (_guarded_by_sensitive_permissions(app) - NOT_ASKED_AGAIN.keys()) | (
        OWN_ACCOUNT_ENDPOINTS
    )
    assert {"officer.new_officer", "officer.settings", "officer.send_queued_email"} <= sensitive
    not_asking = sorted(
        endpoint
        for endpoint in sensitive
        if not getattr(app.view_functions[endpoint], "requires_recent_authentication", False)
    )
    assert not_asking == [], "add @require_recent_authentication, or a reason in NOT_ASKED_AGAIN"


def test_every_exemption_is_still_needed(app):
    guarded = _guarded_by_sensitive_permissions(app)
    for endpoint in NOT_ASKED_AGAIN:
        assert endpoint in guarded, f"{endpoint} is gone or no longer sensitive: remove it"
        view = app.view_functions[endpoint]
        assert not getattr(view, "requires_recent_authentication", False), endpoint


def test_sending_queued_email_asks_again_and_goes_ahead_once_confirmed(pages, sign_in_as):
    officer = sign_in_as("admin")
    secret = enrol_authenticator(officer)
    db.session.commit()
    confirmed_long_ago(pages.client)
    page = pages.post("/officer/outbox/send", {})
    assert heading(page) == "Confirm it\u2019s you"
    assert db.session.query(BackgroundJob).count() == 0
    confirmed = {**carried_fields(page), **CONFIRMED, "confirm_its_you-code": code_for(secret)}
    pages.post("/officer/outbox/send", confirmed, expected_status=302)
    assert pages.last_response.headers["Location"].startswith("/officer/jobs/")
    assert db.session.query(BackgroundJob).count() == 1


def test_within_fifteen_minutes_nobody_is_asked(pages, sign_in_as):
    sign_in_as("admin")
    confirmed_long_ago(pages.client, minutes=14)
    assert heading(pages.get("/officer/settings")) == "Council settings"


def test_a_page_sends_the_officer_to_confirm_and_back(pages, sign_in_as):
    officer = sign_in_as("admin")
    confirmed_long_ago(pages.client)
    pages.get("/officer/officers/new", expected_status=302)
    location = pages.last_response.headers["Location"]
    assert location == "/confirm-its-you?next=/officer/officers/new"
    page = pages.get(location)
    assert heading(page) == "Confirm it\u2019s you"
    assert page.select_one("#confirm_its_you-code") is not None  # an admin has an app

    page = pages.post(location, CONFIRMED)
    assert error_summary(page) == ["Enter the code from your authenticator app"]
    page = pages.post(
        location,
        {
            **CONFIRMED,
            "confirm_its_you-password": "not my password",
            "confirm_its_you-code": "123456",
        },
    )
    assert error_summary(page) == ["Your password is incorrect"]
    assert officer.failed_sign_in_count == 1
    secret = enrol_authenticator(officer)  # a known secret, to make a code
    db.session.commit()
    pages.post(
        location, {**CONFIRMED, "confirm_its_you-code": code_for(secret)}, expected_status=302
    )
    assert pages.last_response.headers["Location"] == "/officer/officers/new"
    assert heading(pages.get("/officer/officers/new")) == "Add an officer"
    assert officer.failed_sign_in_count == 0


def test_a_form_sent_after_too_long_is_kept_and_goes_ahead_once_confirmed(pages, sign_in_as):
    officer = sign_in_as("admin")
    secret = enrol_authenticator(officer)
    db.session.commit()
    confirmed_long_ago(pages.client)
    typed = {
        "full_name": 'Robin "<b>Newcomer</b>"',
        "email": "robin.newcomer@example.gov.uk",
        "role": "analyst",
        "password": "first day passphrase",
    }
    page = pages.post("/officer/officers/new", typed)
    assert heading(page) == "Confirm it\u2019s you"
    form = page.select_one("main form")
    assert form["action"] == "/officer/officers/new"
    carried = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert {name: carried[name] for name in typed} == typed  # escaped, and read back exactly
    assert "<b>" not in str(form).replace("&lt;b&gt;", "")
    assert officers.get_officer_by_email(typed["email"]) is None

    wrong = pages.post("/officer/officers/new", {**carried, **CONFIRMED})
    assert (
        field_error(wrong, "confirm_its_you-code") == "Enter the code from your authenticator app"
    )
    again = {field["name"]: field["value"] for field in wrong.select("main input[type=hidden]")}
    assert {name: again[name] for name in typed} == typed

    confirmed = {**carried, **CONFIRMED, "confirm_its_you-code": code_for(secret)}
    pages.post("/officer/officers/new", confirmed, expected_status=302)
    added = officers.get_officer_by_email(typed["email"])
    assert added is not None and added.full_name == typed["full_name"]


def test_an_officer_without_an_app_confirms_with_the_password_alone(pages, sign_in_as):
    sign_in_as("engagement_officer")
    confirmed_long_ago(pages.client)
    page = pages.get("/confirm-its-you?next=/officer/")
    assert page.select_one("#confirm_its_you-code") is None
    pages.post("/confirm-its-you?next=/officer/", CONFIRMED, expected_status=302)
    assert pages.last_response.headers["Location"] == "/officer/"


def test_confirm_only_returns_within_the_site(pages, sign_in_as):
    sign_in_as("engagement_officer")
    pages.post("/confirm-its-you?next=//evil.example/", CONFIRMED, expected_status=302)
    assert pages.last_response.headers["Location"] == "/officer/"


def test_wrong_passwords_when_confirming_lock_the_account_and_sign_out(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    for attempt in range(10):
        page = pages.client.post(
            "/confirm-its-you",
            data={
                **CONFIRMED,
                "confirm_its_you-password": f"guess number {attempt}",
                "csrf_token": pages.csrf_token(),
            },
        )
    assert page.status_code == 302 and page.headers["Location"] == "/sign-in"
    assert officers.is_locked(officer)
    pages.get("/officer/", expected_status=302)
    locks = db.session.query(AuditEvent).filter_by(action="officer.locked").count()
    assert locks == 1


def test_password_changes_are_rate_limited(pages, sign_in_as):
    sign_in_as("analyst")
    wrong = password_change("not the password", "a brand new passphrase")
    for _ in range(int(abuse_limits.PASSWORD_CHANGE.split()[0])):
        pages.post("/account/change-password", wrong)
    page = pages.post("/account/change-password", wrong, expected_status=429)
    assert heading(page) == "Too many attempts"


def test_confirming_inline_counts_against_the_same_limit_as_the_page(
    app, pages, sign_in_as, monkeypatch
):
    sign_in_as("admin")
    # Lift the account's own lock, so that the per-client limit is what stops the guessing.
    monkeypatch.setitem(app.config, "SIGN_IN_MAX_FAILURES", 100)
    confirmed_long_ago(pages.client)
    wrong = {
        **CONFIRMED,
        "confirm_its_you-password": "not my password",
        "confirm_its_you-code": "123456",
    }
    inline = "/officer/settings/services/new"
    for attempt in range(int(abuse_limits.CONFIRM_ITS_YOU.split()[0])):
        if attempt % 2:
            page = pages.post("/confirm-its-you?next=/officer/", wrong)
        else:
            page = pages.post(inline, {"name": "Parks", **wrong})
        assert error_summary(page) == ["Your password is incorrect"]
    page = pages.post(inline, {"name": "Parks", **wrong}, expected_status=429)
    assert heading(page) == "Too many attempts"
    pages.post("/confirm-its-you?next=/officer/", wrong, expected_status=429)
