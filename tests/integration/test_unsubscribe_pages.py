"""What the page says after unsubscribing: "get emails again" leads back to the same sign-up
(that consultation's outcome, a topic, an area), and after "Stop all emails from us" it says
every e-mail has stopped, but only when none is left."""

from __future__ import annotations

import pytest

from involve.extensions import db
from involve.models.base import utc_now
from involve.models.outcomes import SubscriptionKind
from tests.factories import ConsultationFactory
from tests.factories_subscriptions import SubscriptionFactory, subscriptions_of
from tests.pages import heading


def _again(page) -> str:  # type: ignore[no-untyped-def]
    return page.select_one("#get-emails-again a")["href"]


def test_get_emails_again_returns_to_that_consultations_outcome_sign_up(pages):
    consultation = ConsultationFactory(slug="church-street-car-park")
    outcome = SubscriptionFactory(
        kind=SubscriptionKind.CONSULTATION, topic="", consultation_id=consultation.id
    )
    db.session.commit()
    pages.post(f"/unsubscribe/{outcome.token}", expected_status=302)
    page = pages.get(pages.last_response.headers["Location"])
    assert heading(page) == "You have unsubscribed"
    assert _again(page) == "/consultations/church-street-car-park/get-outcome-email"
    pages.get(_again(page))  # the sign-up page itself answers
    # Once the outcome is out there is nothing to sign up to: every kind of e-mail is offered.
    consultation.outcome_published_at = utc_now()
    db.session.commit()
    assert _again(pages.get(f"/unsubscribe/{outcome.token}")) == "/get-emails"


@pytest.mark.parametrize(
    ("kind", "fields", "url"),
    [
        (SubscriptionKind.TOPIC, {"topic": "Parking"}, "/get-emails/topic"),
        (SubscriptionKind.AREA, {"topic": "", "ward_code": "E05010986"}, "/get-emails/area"),
    ],
)
def test_get_emails_again_returns_to_the_same_kind_of_sign_up(pages, kind, fields, url):
    subscription = SubscriptionFactory(kind=kind, **fields)
    db.session.commit()
    pages.post(f"/unsubscribe/{subscription.token}", expected_status=302)
    assert _again(pages.get(f"/unsubscribe/{subscription.token}")) == url


def test_stop_all_emails_says_all_were_stopped(pages):
    first = SubscriptionFactory(email="sam@example.com", topic="Parking")
    SubscriptionFactory(email="sam@example.com", topic="Air quality")
    db.session.commit()
    pages.post(f"/unsubscribe/{first.token}", {"scope": "all"}, expected_status=302)
    page = pages.get(pages.last_response.headers["Location"])
    assert heading(page) == "You have unsubscribed from all our emails"
    assert "stopped all the emails" in page.select_one("#subscription-what").get_text()
    assert all(item.unsubscribed_at for item in subscriptions_of("sam@example.com"))


def test_the_address_alone_cannot_claim_every_email_stopped(pages):
    first = SubscriptionFactory(email="sam@example.com", topic="Parking")
    SubscriptionFactory(email="sam@example.com", topic="Air quality")
    db.session.commit()
    pages.post(f"/unsubscribe/{first.token}", expected_status=302)  # this one only
    page = pages.get(f"/unsubscribe/{first.token}?stopped=all")
    assert heading(page) == "You have unsubscribed"
    assert "another kind of email" in page.get_text()
