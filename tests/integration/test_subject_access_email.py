"""Subscriptions and e-mails in a data request: a search by e-mail address (any case), or by a
reference through its response's e-mail address, finds the address's subscriptions and the
e-mails written to it; the exports hold the e-mails' text; erasure deletes the subscriptions and
blanks the e-mails (a queued one is never sent), once per address, logging numbers only."""

from __future__ import annotations

import json

from sqlalchemy import select

from involve.extensions import db
from involve.models import AccessAction, AuditEvent, PersonalDataAccess
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus, Subscription, SubscriptionKind
from involve.services import email_sending
from involve.services.email_data import ERASED_ADDRESS, ERASED_ERROR
from involve.services.email_queue import queue_email, start_sending
from involve.services.erasure import erase_responses
from involve.services.subscription_notices import OUTCOME_KIND
from involve.services.subscriptions import CONFIRM_KIND
from tests.factories import OfficerFactory
from tests.factories_subject_access import WARD_CODE, ensure_ward, person_response, survey
from tests.factories_subscriptions import SubscriptionFactory
from tests.pages import banner, heading

URL = "/officer/data-requests"
EMAIL = "Jane.Doe@Example.com"
CARRIED = {"search": EMAIL, "request_reference": "SAR 2026/014"}
LETTER = "Dear Jane Doe,\nThank you for telling us about the library."


def _plant(consultation_id: int | None = None) -> tuple[EmailMessage, EmailMessage]:
    """Jane's three subscriptions and two e-mails (one sent, one waiting), in mixed case, and
    someone else's subscription and e-mail. Returns Jane's (sent, queued) e-mails."""
    ensure_ward()
    consultation_id = consultation_id or survey(title="Library opening hours").consultation.id
    SubscriptionFactory(email="jane.doe@example.com", topic="Parking")
    SubscriptionFactory(
        email="JANE.DOE@example.com",
        kind=SubscriptionKind.AREA,
        topic="",
        ward_code=WARD_CODE,
        confirmed_at=None,
    )
    SubscriptionFactory(
        email="jane.doe@example.com",
        kind=SubscriptionKind.CONSULTATION,
        topic="",
        consultation_id=consultation_id,
        unsubscribed_at=utc_now(),
    )
    SubscriptionFactory(email="someone.else@example.com", topic="Parking")
    sent = queue_email(
        to_address="jane.doe@example.com",
        subject="Confirm your subscription",
        body_text=LETTER,
        kind=CONFIRM_KIND,
    )
    sent.status, sent.sent_at = EmailStatus.SENT, utc_now()
    queued = queue_email(
        to_address=EMAIL,
        subject="What we decided about the library",
        body_text=LETTER,
        kind=OUTCOME_KIND,
    )
    queue_email(
        to_address="someone.else@example.com",
        subject="Someone else's e-mail",
        body_text="Dear Someone Else",
        kind=CONFIRM_KIND,
    )
    db.session.flush()
    return sent, queued


def _cells(page, table_id: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select(f"#{table_id} tbody tr")
    ]


def _subscriptions(email: str) -> list[Subscription]:
    return list(
        db.session.scalars(
            select(Subscription).where(Subscription.email.ilike(email)).order_by(Subscription.id)
        )
    )


def _access(action: AccessAction, object_type: str) -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(
            select(PersonalDataAccess).where(
                PersonalDataAccess.action == action, PersonalDataAccess.object_type == object_type
            )
        )
    )


# -- finding and showing ----------------------------------------------------------------------
def test_a_search_by_email_lists_their_subscriptions_and_emails_but_not_the_text(pages, sign_in_as):
    sign_in_as("admin")
    _plant()
    page = pages.post(URL, {**CARRIED, "search": "  JANE.doe@EXAMPLE.com "})
    assert heading(page) == "Personal data found"  # no responses, but data all the same
    assert "3 subscriptions and 2 e-mails to the address" in page.select_one("#searched-for").text
    subscriptions = _cells(page, "subscriptions")
    assert [row[:2] for row in subscriptions] == [
        ["consultations about Parking jane.doe@example.com", "A topic"],
        ["consultations in Nailsworth JANE.DOE@example.com", "An area"],
        [
            "the outcome of “Library opening hours” jane.doe@example.com",
            "The outcome of a consultation",
        ],
    ]
    assert subscriptions[1][3] == "Not confirmed"
    assert subscriptions[0][4] == "No" and subscriptions[2][4] != "No"  # stopped on a date
    emails = _cells(page, "emails")
    assert [row[:3] for row in emails] == [
        ["Confirm your subscription", "Confirming a subscription", "Sent"],
        [
            "What we decided about the library",
            "The outcome of a consultation",
            "Waiting to be sent",
        ],
    ]
    text = page.get_text()
    assert "Dear Jane Doe" not in text  # the text is in the exports only
    assert "someone.else" not in text.lower() and "Someone else's e-mail" not in text
    assert page.find("button", string="Erase this person's subscriptions and e-mails")


def test_a_search_by_reference_finds_them_through_the_responses_email(pages, sign_in_as):
    sign_in_as("admin")
    response = person_response()
    _plant(response.consultation_id)
    page = pages.post(URL, {**CARRIED, "search": response.reference.lower()})
    assert len(_cells(page, "subscriptions")) == 3
    assert len(_cells(page, "emails")) == 2
    # The response's own erase button covers them: no separate one.
    assert page.find("button", string="Erase this person's subscriptions and e-mails") is None


def test_the_json_and_the_readable_page_hold_the_emails_text(pages, sign_in_as):
    sign_in_as("admin")
    sent, _ = _plant()
    pages.post(f"{URL}/export.json", CARRIED)
    document = json.loads(pages.last_response.get_data(as_text=True))
    assert document["responses"] == []
    assert [s["about"] for s in document["subscriptions"]] == [
        "consultations about Parking",
        "consultations in Nailsworth",
        "the outcome of “Library opening hours”",
    ]
    topic = document["subscriptions"][0]
    assert set(topic) == {
        "email",
        "kind",
        "about",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    }
    assert (topic["email"], topic["kind"], topic["unsubscribed_at"]) == (
        "jane.doe@example.com",
        "A topic",
        None,
    )
    assert document["subscriptions"][1]["confirmed_at"] is None
    first = document["emails"][0]
    assert first == {
        "to": "jane.doe@example.com",
        "subject": "Confirm your subscription",
        "kind": "Confirming a subscription",
        "status": "Sent",
        "created_at": sent.created_at.isoformat(),
        "sent_at": sent.sent_at.isoformat(),
        "text": LETTER,
    }
    assert document["emails"][1]["sent_at"] is None
    assert pages.last_response.headers["Content-Disposition"].endswith(
        f'filename="subject-access-{utc_now():%Y-%m-%d}.json"'
    )

    page = pages.post(f"{URL}/readable-page", CARRIED)
    section = page.get_text(" ", strip=True)
    assert "Your e-mail subscriptions and the e-mails we wrote to you" in section
    assert "Dear Jane Doe, Thank you for telling us about the library." in section
    assert "consultations in Nailsworth" in section
    assert "Someone Else" not in section


def test_the_access_log_counts_them_without_the_address(pages, sign_in_as):
    sign_in_as("admin")
    _plant()
    pages.post(URL, CARRIED)
    pages.post(f"{URL}/export.json", CARRIED)
    [search] = _access(AccessAction.SUBJECT_ACCESS_SEARCH, "subject_access")
    assert search.detail == {
        "by": "email",
        "matches": 0,
        "mentions": 0,
        "subscriptions": 3,
        "emails": 2,
    }
    [view] = _access(AccessAction.SUBJECT_ACCESS_VIEW, "email_data")
    assert view.detail == {"subscriptions": 3, "emails": 2}
    [export] = _access(AccessAction.SUBJECT_ACCESS_EXPORT, "email_data")
    assert export.detail == {"format": "json", "subscriptions": 3, "emails": 2}
    page = pages.get("/officer/access-log")
    log = page.select_one("#access-log").get_text(" ", strip=True)
    assert "3 subscriptions, 2 e-mails" in log
    stored = json.dumps(
        [[e.object_id, e.reason, e.detail] for e in db.session.scalars(select(PersonalDataAccess))]
    )
    assert "jane" not in stored.lower()


# -- erasing ----------------------------------------------------------------------------------
def test_erasing_a_response_deletes_its_addresses_subscriptions_and_blanks_its_emails():
    officer = OfficerFactory(role="admin")
    response = person_response()
    sent, queued = _plant(response.consultation_id)
    erasure = erase_responses(actor=officer, references=[response.reference], reason="SAR 1")
    assert (erasure.email_data.subscriptions_deleted, erasure.email_data.emails_blanked) == (3, 2)
    db.session.expire_all()
    assert _subscriptions("jane.doe@example.com") == []
    assert len(_subscriptions("someone.else@example.com")) == 1
    for message in (sent, queued):
        assert (message.to_address, message.body_text) == (ERASED_ADDRESS, "")
    assert sent.subject == "Confirm your subscription"  # kept: the outbox still adds up
    assert (sent.status, sent.last_error) == (EmailStatus.SENT, "")
    assert (queued.status, queued.last_error) == (EmailStatus.FAILED, ERASED_ERROR)
    other = db.session.scalar(select(EmailMessage).where(EmailMessage.body_text != ""))
    assert other.to_address == "someone.else@example.com"
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "email_data.erased")
    ).all()
    assert event.officer_id == officer.id
    assert event.detail == {"reason": "SAR 1", "subscriptions_deleted": 3, "emails_blanked": 2}
    assert "jane" not in json.dumps([event.object_id, event.summary]).lower()
    [access] = _access(AccessAction.ERASURE, "email_data")
    assert access.detail == {"subscriptions": 3, "emails": 2}


def test_several_responses_under_one_address_erase_its_emails_once():
    officer = OfficerFactory(role="admin")
    built = survey()
    first = person_response(built)
    second = person_response(built, email="JANE.DOE@EXAMPLE.COM")
    _plant(built.consultation.id)
    erasure = erase_responses(
        actor=officer, references=[first.reference, second.reference], reason="SAR 1"
    )
    assert [erased.reference for erased in erasure.responses] == [
        first.reference,
        second.reference,
    ]
    assert (erasure.email_data.subscriptions_deleted, erasure.email_data.emails_blanked) == (3, 2)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "email_data.erased")
    ).all()
    assert len(events) == 1


def test_a_response_without_an_email_address_leaves_every_subscription():
    officer = OfficerFactory(role="admin")
    response = person_response(email="")
    _plant(response.consultation_id)
    erasure = erase_responses(actor=officer, references=[response.reference], reason="SAR 1")
    assert (erasure.email_data.subscriptions_deleted, erasure.email_data.emails_blanked) == (0, 0)
    assert len(_subscriptions("jane.doe@example.com")) == 3
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "email_data.erased")).all()
        == []
    )


def test_an_erased_email_waiting_to_be_sent_is_never_sent(app, monkeypatch):
    delivered: list[object] = []

    class Adapter:
        name = "fake"

        def send(self, message: object) -> None:
            delivered.append(message)

    monkeypatch.setattr(email_sending, "adapter_from_config", lambda config: Adapter())
    response = person_response()
    _plant(response.consultation_id)
    erase_responses(actor=None, references=[response.reference], reason="SAR 1")
    start_sending()
    assert [message.to_address for message in delivered] == ["someone.else@example.com"]


def test_the_erase_page_lists_them_and_erasing_someone_found_only_by_email(pages, sign_in_as):
    sign_in_as("admin")
    _plant()
    page = pages.post(f"{URL}/erase", {**CARRIED, "references": ""})
    assert heading(page) == "Erase this person's data"
    assert page.select_one("#confirm-responses") is None  # no responses to list
    listed = page.select_one("#confirm-email-data").get_text(" ", strip=True)
    assert "consultations about Parking" in listed
    assert "What we decided about the library" in listed
    assert "Dear Jane" not in listed
    assert len(_subscriptions("jane.doe@example.com")) == 3  # nothing yet

    pages.post(
        f"{URL}/erase/confirm",
        {**CARRIED, "references": "", "reason": "SAR 2026/014"},
        expected_status=302,
    )
    assert "3 subscriptions deleted and 2 e-mails erased" in banner(pages.get(URL))
    assert _subscriptions("jane.doe@example.com") == []
    assert heading(pages.post(URL, CARRIED)) == "No personal data found"


def test_the_erase_page_for_a_response_lists_its_addresses_subscriptions(pages, sign_in_as):
    sign_in_as("admin")
    response = person_response()
    _plant(response.consultation_id)
    by_reference = {**CARRIED, "search": response.reference}
    page = pages.post(f"{URL}/erase", {**by_reference, "references": response.reference})
    assert response.reference in page.select_one("#confirm-responses").get_text()
    assert len(_cells(page, "subscriptions")) == 3
    assert len(_cells(page, "emails")) == 2


def test_nothing_to_erase_goes_back_to_the_search(pages, sign_in_as):
    sign_in_as("admin")
    for search in ("nobody@example.com", "not an address", "\x00" * 300):
        pages.post(
            f"{URL}/erase", {**CARRIED, "search": search, "references": ""}, expected_status=302
        )
        pages.post(
            f"{URL}/erase/confirm",
            {**CARRIED, "search": search, "references": "", "reason": "x"},
            expected_status=302,
        )
    assert db.session.scalars(select(AuditEvent)).all() == []
