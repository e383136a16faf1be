"""The officer outbox page: administrators (settings permission) only; recent e-mails with
status, attempts and last error, addresses partly hidden; one message's text with the tokens in
its links hidden, each view in the access log; and "Send waiting emails now", which is
audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AccessAction, AuditEvent, PersonalDataAccess
from involve.models.outcomes import EmailMessage, EmailStatus, SubscriptionKind
from involve.services.subscriptions import subscribe
from tests.factories import ConsultationFactory
from tests.factories_subscriptions import fresh_outbox, link_after, outbox_files
from tests.pages import heading, title


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


def _message(**fields) -> EmailMessage:  # type: ignore[no-untyped-def]
    values = {
        "to_address": "sam.resident@example.com",
        "subject": "Outcome published: Parking <plan>",
        "body_text": "We decided.\nhttp://localhost/unsubscribe/abc",
        "kind": "outcome_published",
        "status": EmailStatus.SENT,
        "attempts": 1,
        "last_error": "",
    }
    message = EmailMessage(**{**values, **fields})
    db.session.add(message)
    db.session.flush()
    return message


@pytest.mark.parametrize("role", ["engagement_officer", "analyst", "auditor"])
def test_only_administrators_see_the_outbox(pages, sign_in_as, role):
    message = _message()
    sign_in_as(role)
    db.session.commit()
    pages.get("/officer/outbox", expected_status=403)
    pages.get(f"/officer/outbox/{message.id}", expected_status=403)
    pages.post("/officer/outbox/send", expected_status=403)


def test_the_outbox_lists_recent_emails_with_status_attempts_and_errors(pages, sign_in_as):
    _message()
    _message(
        to_address="kim@example.org",
        subject="Confirm your email subscription",
        status=EmailStatus.FAILED,
        attempts=5,
        last_error="Could not send through mail.example.gov.uk:25: timed out",
    )
    sign_in_as("admin")
    db.session.commit()
    page = pages.get("/officer/outbox")
    assert heading(page) == "Outbox"
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("#outbox tbody tr")
    ]
    assert [row[1:] for row in rows] == [
        [
            "k•••@example.org",
            "Confirm your email subscription",
            "Failed",
            "5",
            "Could not send through mail.example.gov.uk:25: timed out",
        ],
        ["s•••@example.com", "Outcome published: Parking <plan>", "Sent", "1", ""],
    ]
    summary = page.select_one(".govuk-summary-list").get_text(" ", strip=True)
    assert "written as files in the outbox folder" in summary


def test_one_message_shows_its_whole_text_escaped(pages, sign_in_as):
    message = _message(body_text="<script>alert(1)</script>\nSecond line")
    sign_in_as("admin")
    db.session.commit()
    page = pages.get(f"/officer/outbox/{message.id}")
    assert heading(page) == "Outcome published: Parking <plan>"
    assert page.select_one("#email-body").get_text() == "<script>alert(1)</script>\nSecond line"
    assert "<script>alert(1)" not in pages.last_response.get_data(as_text=True)
    assert "s•••@example.com" in page.get_text()
    assert "sam.resident@example.com" not in page.get_text()


def test_a_message_hides_the_keys_in_its_links_and_its_view_is_logged(pages, sign_in_as, outbox):
    """With a live confirm link, an administrator could confirm a subscription nobody asked
    for; the whole e-mail is only in the outbox files."""
    consultation = ConsultationFactory()
    subscription = subscribe(
        email="sam@example.com", kind=SubscriptionKind.CONSULTATION, consultation=consultation
    )
    (message,) = db.session.scalars(select(EmailMessage)).all()
    admin = sign_in_as("admin")
    db.session.commit()
    page = pages.get(f"/officer/outbox/{message.id}")
    text = page.select_one("#email-body").get_text()
    assert subscription.token not in pages.last_response.get_data(as_text=True)
    assert link_after(text, "To confirm") == "/get-emails/confirm/[hidden]"
    assert link_after(text, "To stop these emails") == "/unsubscribe/[hidden]"
    (mail,) = outbox_files(outbox)  # where a developer reads the real links
    assert f"/get-emails/confirm/{subscription.token}" in mail.get_content()
    (entry,) = db.session.scalars(select(PersonalDataAccess)).all()
    assert (entry.action, entry.officer_id) == (AccessAction.EMAIL_VIEW, admin.id)
    assert (entry.object_type, entry.object_id) == ("email_message", str(message.id))
    assert entry.consultation_id == consultation.id
    log = pages.get("/officer/access-log")
    assert "Viewed an e-mail in the outbox" in log.get_text()


def test_an_address_quoted_in_the_last_error_is_hidden_too(pages, sign_in_as):
    refused = "The mail server refused the address: {'Sam.Resident@example.com': (550, b'No')}"
    message = _message(status=EmailStatus.FAILED, last_error=refused)
    sign_in_as("admin")
    db.session.commit()
    for path in ("/officer/outbox", f"/officer/outbox/{message.id}"):
        text = pages.get(path).get_text()
        assert "s•••@example.com" in text
        assert "resident@example.com" not in text.lower()


@pytest.mark.parametrize("message_id", ["999999", "0", "99999999999999999999"])
def test_unknown_messages_are_not_found(pages, sign_in_as, message_id):
    sign_in_as("admin")
    pages.get(f"/officer/outbox/{message_id}", expected_status=404)


@pytest.mark.parametrize("page_number", ["-1", "abc", "99999999999999999999", "\x00"])
def test_odd_page_numbers_show_a_page(pages, sign_in_as, page_number):
    sign_in_as("admin")
    assert title(pages.get("/officer/outbox", query_string={"page": page_number})).startswith(
        "Outbox"
    )


def test_send_waiting_emails_now_sends_them_and_is_audited(pages, sign_in_as, outbox):
    waiting = _message(status=EmailStatus.QUEUED, attempts=0)
    admin = sign_in_as("admin")
    db.session.commit()
    page = pages.get("/officer/outbox")
    assert page.select_one("form[action='/officer/outbox/send']") is not None
    pages.post("/officer/outbox/send", expected_status=302)
    assert pages.last_response.headers["Location"].startswith("/officer/jobs/")
    assert heading(pages.get(pages.last_response.headers["Location"])) == "Sending emails"
    assert db.session.get(EmailMessage, waiting.id).status == EmailStatus.SENT
    assert [mail["To"] for mail in outbox_files(outbox)] == ["sam.resident@example.com"]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "email.send_started")
    ).one()
    assert event.officer_id == admin.id and event.detail["queued"] == 1


def test_the_settings_page_leads_to_the_outbox(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.get("/officer/settings")
    assert "/officer/outbox" in {link["href"] for link in page.select("main a")}
