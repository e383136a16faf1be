"""Publishing "You said, we did": refused until the record says how the responses were taken into
account; for a closed consultation it is publishing the outcome (through the lifecycle, so the
subscribers are e-mailed); taking it down takes the outcome down too; all of it audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, DecisionRecord, EmailMessage
from involve.models.base import utc_now
from involve.models.outcomes import Subscription, SubscriptionKind
from tests.factories_decisions import decision_record, past_event_with_points, themed_consultation
from tests.pages import error_summary, title


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/decision"


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_publishing_needs_how_the_responses_were_taken_into_account(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    record = decision_record(themed.activity, published=False, how_responses_considered="")
    sign_in_as("engagement_officer")
    page = pages.post(f"{_url(themed.activity)}/publish", {})
    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Say how the responses were taken into account"]
    db.session.refresh(record)
    assert record.published_at is None
    assert "decision_record.published" not in _actions()
    pages.get(f"/consultations/{themed.consultation.slug}/you-said-we-did", expected_status=404)


def test_publishing_a_consultation_publishes_its_outcome_and_emails_subscribers(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    record = decision_record(themed.activity, published=False)
    db.session.add(
        Subscription(
            email="follower@example.com",
            kind=SubscriptionKind.CONSULTATION,
            consultation_id=themed.consultation.id,
            token="a-token-for-the-decision-test",
            confirmed_at=utc_now(),
        )
    )
    db.session.commit()
    officer = sign_in_as("engagement_officer")
    page = pages.get(_url(themed.activity))
    button = page.select_one("#publishing button").get_text(strip=True)
    assert button == "Publish \u2018You said, we did\u2019 and the outcome"
    assert "e-mails the 1 person" in page.select_one("#publish-hint").get_text(" ", strip=True)
    pages.post(f"{_url(themed.activity)}/publish", {}, expected_status=302)
    db.session.refresh(record)
    consultation = db.session.get(Consultation, themed.consultation.id)
    assert record.published_at is not None
    assert consultation.outcome_published_at == record.published_at  # one state
    actions = _actions()
    assert actions.index("decision_record.published") < actions.index(
        "consultation.outcome_published"
    )
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "decision_record.published")
    ).one()
    assert event.officer_id == officer.id
    email = db.session.scalars(
        select(EmailMessage).where(EmailMessage.to_address == "follower@example.com")
    ).one()
    assert "Run a bus every 15 minutes" in email.body_text
    assert f"/consultations/{consultation.slug}/you-said-we-did" in email.body_text
    pages.get(f"/consultations/{consultation.slug}/you-said-we-did")
    # Publishing twice is refused politely.
    pages.post(f"{_url(themed.activity)}/publish", {}, expected_status=302)
    assert _actions().count("decision_record.published") == 1


def test_taking_the_page_down_hides_it_takes_the_outcome_with_it_and_is_audited(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    record = decision_record(themed.activity)
    db.session.commit()
    sign_in_as("engagement_officer")
    pages.get(f"/consultations/{themed.consultation.slug}/you-said-we-did")
    pages.post(f"{_url(themed.activity)}/withdraw", {}, expected_status=302)
    db.session.refresh(record)
    assert record.published_at is None
    assert db.session.get(Consultation, themed.consultation.id).outcome_published_at is None
    actions = _actions()
    assert actions.index("decision_record.withdrawn") < actions.index(
        "consultation.outcome_withdrawn"
    )
    pages.get(f"/consultations/{themed.consultation.slug}/you-said-we-did", expected_status=404)


def test_a_published_record_cannot_lose_how_responses_were_considered(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    decision_record(themed.activity)
    db.session.commit()
    sign_in_as("engagement_officer")
    day = utc_now().date()
    page = pages.post(
        _url(themed.activity),
        {
            "decision": "Run a bus every 15 minutes",
            "decided_on": [str(day.day), str(day.month), str(day.year)],
            "decision_maker": "Cabinet",
            "how_responses_considered": "",
        },
    )
    message = "Enter how the responses were taken into account: the page is published"
    assert message in error_summary(page)
    record = db.session.scalar(select(DecisionRecord))
    assert record.how_responses_considered == "We read every response."


def test_an_event_that_took_place_gets_a_record_without_an_outcome(pages, sign_in_as):
    event = past_event_with_points(["Later buses", "More seats"], {"Buses": 1})
    sign_in_as("engagement_officer")
    day = utc_now().date() - timedelta(days=1)
    pages.post(
        _url(event.activity),
        {
            "decision": "Add a late bus",
            "decided_on": [str(day.day), str(day.month), str(day.year)],
            "decision_maker": "Head of Transport",
            "how_responses_considered": "We read every point.",
            "codeframe_ids": [str(event.codeframe.id)],
        },
        expected_status=302,
    )
    page = pages.get(_url(event.activity))
    assert page.select_one("#publishing button").get_text(strip=True) == (
        "Publish \u2018You said, we did\u2019"
    )
    pages.post(f"{_url(event.activity)}/publish", {}, expected_status=302)
    record = db.session.scalar(select(DecisionRecord))
    assert record.published_at is not None and record.codeframe_ids == [event.codeframe.id]
    pages.get(f"/activities/{event.activity.slug}/you-said-we-did")
