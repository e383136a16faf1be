"""Publishing an outcome (or a new consultation) through the officer's button e-mails exactly the
right people, once each, with what was decided, a link to read more and a working unsubscribe
link; people who have not confirmed, or have unsubscribed, get nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, BackgroundJob, Consultation, RespondentProfile, Ward, Way
from involve.models.base import utc_now
from involve.models.outcomes import DecisionRecord, EmailStatus, SubscriptionKind
from involve.services.subscription_notices import notify_outcome_published
from tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.factories_activities import ActivityFactory
from tests.factories_decisions import (
    consultation_activity,
    decision_record,
    decision_still_to_do,
    record_decision,
)
from tests.factories_subscriptions import (
    SubscriptionFactory,
    body_of,
    fresh_outbox,
    link_after,
    messages,
    outbox_files,
    received_by,
    subscriptions_of,
)
from tests.pages import heading, sql_statements

CENTRAL, SLADE = "E05010986", "E05010988"


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


@pytest.fixture
def wards():  # type: ignore[no-untyped-def]
    for code, name in ((CENTRAL, "Stroud Central"), (SLADE, "Stroud Slade")):
        db.session.add(Ward(code=code, name=name, district_code="E07000082", district_name=""))
    db.session.flush()


def _closed(**fields):  # type: ignore[no-untyped-def]
    now = utc_now()
    defaults = {
        "title": "Town centre parking plan",
        "opens_at": now - timedelta(days=40),
        "closes_at": now - timedelta(days=2),
        "topics": ["Parking", "Transport"],
        "whole_area": False,
        "ward_codes": [CENTRAL],
    }
    return ConsultationFactory(**{**defaults, **fields})


def _respondent(consultation, email: str, wants_updates: bool = True):  # type: ignore[no-untyped-def]
    response = ResponseFactory(consultation=consultation)
    response.profile = RespondentProfile(email=email, wants_updates=wants_updates)
    db.session.flush()


def _publish_outcome(pages, consultation) -> None:  # type: ignore[no-untyped-def]
    """The officer's button, once the decision is recorded (the outcome is its record)."""
    activity = consultation_activity(consultation)
    if (
        db.session.scalar(
            select(DecisionRecord.id).where(DecisionRecord.activity_id == activity.id)
        )
        is None
    ):
        record_decision(consultation)
    db.session.commit()
    pages.post(f"/officer/consultations/{consultation.id}/publish-outcome", expected_status=302)


def test_outcome_emails_go_once_to_each_matching_confirmed_subscriber(
    pages, sign_in_as, wards, outbox
):
    parking = _closed()
    other = _closed(title="Another consultation")
    # Matches three ways (and responded asking for updates): one e-mail.
    for kind, fields in (
        (SubscriptionKind.CONSULTATION, {"consultation_id": parking.id}),
        (SubscriptionKind.TOPIC, {"topic": "Parking"}),
        (SubscriptionKind.AREA, {"ward_code": CENTRAL}),
    ):
        SubscriptionFactory(email="many@example.com", kind=kind, **{"topic": "", **fields})
    _respondent(parking, "Many@Example.com")
    SubscriptionFactory(email="topic@example.com", topic="parking")  # any capitals
    SubscriptionFactory(
        email="area@example.com", kind=SubscriptionKind.AREA, topic="", ward_code=CENTRAL
    )
    _respondent(parking, "respondent@example.com")
    # None of these get anything.
    SubscriptionFactory(email="unconfirmed@example.com", confirmed_at=None)
    SubscriptionFactory(email="gone@example.com", unsubscribed_at=utc_now())
    SubscriptionFactory(
        email="elsewhere@example.com", kind=SubscriptionKind.AREA, topic="", ward_code=SLADE
    )
    SubscriptionFactory(email="othertopic@example.com", topic="Libraries")
    SubscriptionFactory(
        email="other@example.com",
        kind=SubscriptionKind.CONSULTATION,
        topic="",
        consultation_id=other.id,
    )
    _respondent(parking, "noupdates@example.com", wants_updates=False)
    sign_in_as("engagement_officer")
    db.session.commit()

    _publish_outcome(pages, parking)

    sent = messages("outcome_published")
    assert sorted(message.to_address for message in sent) == [
        "area@example.com",
        "many@example.com",
        "respondent@example.com",
        "topic@example.com",
    ]
    assert {message.status for message in sent} == {EmailStatus.SENT}
    assert {message.consultation_id for message in sent} == {parking.id}
    assert sorted(mail["To"] for mail in outbox_files(outbox)) == sorted(
        message.to_address for message in sent
    )
    (many,) = received_by(outbox, "many@example.com")
    text = body_of(many)
    assert many["Subject"] == "Outcome published: Town centre parking plan"
    for reason in (
        "the outcome of “Town centre parking plan”",
        "consultations about Parking",
        "consultations in Stroud Central",
    ):
        assert reason in text
    # The link is the most specific subscription's: the outcome of this consultation.
    (own,) = [item for item in subscriptions_of("many@example.com") if item.consultation_id]
    assert link_after(text, "To stop these emails") == f"/unsubscribe/{own.token}"
    assert many["List-Unsubscribe"] == f"<http://localhost/unsubscribe/{own.token}>"
    assert many["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A respondent asked for this one e-mail when responding: no subscription, no more e-mails.
    (respondent,) = received_by(outbox, "respondent@example.com")
    assert "asked for it when you responded" in body_of(respondent)
    assert respondent["List-Unsubscribe"] is None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "email.subscribers_notified")
    ).one()
    assert event.detail == {"count": 4, "kind": "outcome"}


def test_the_outcome_email_says_what_was_decided_and_links_to_the_outcome(
    app, pages, sign_in_as, outbox
):
    parking = _closed(whole_area=True, ward_codes=[])
    activity = ActivityFactory(consultation_id=parking.id, way=Way.CONSULT, outcome_summary="Old")
    decision_record(activity, published=False, decision="Cabinet agreed free parking after 3pm.")
    SubscriptionFactory(email="sam@example.com")
    sign_in_as("engagement_officer")
    db.session.commit()
    _publish_outcome(pages, parking)
    text = body_of(received_by(outbox, "sam@example.com")[0])
    assert "What we decided:\nCabinet agreed free parking after 3pm." in text
    # The published decision record's "You said, we did" page.
    with app.test_request_context():
        expected = url_for("public.you_said_we_did", slug=parking.slug)
    assert link_after(text, "Read what people told us") == expected
    assert heading(pages.get(expected))  # the link leads to a real page


def test_without_a_complete_decision_record_nothing_is_published_and_nobody_is_emailed(
    pages, sign_in_as, outbox
):
    parking = _closed()
    activity = ActivityFactory(
        consultation_id=parking.id, outcome_summary="We will keep the car park."
    )
    db.session.add(DecisionRecord(activity_id=activity.id, decision="A draft, not public yet"))
    SubscriptionFactory(email="sam@example.com")
    sign_in_as("engagement_officer")
    db.session.commit()
    page = pages.post(f"/officer/consultations/{parking.id}/publish-outcome")
    assert decision_still_to_do(page) == [
        "Give the date of the decision",
        "Say who made the decision",
        "Say how the responses were taken into account",
    ]
    assert messages() == [] and outbox_files(outbox) == []
    assert db.session.get(Consultation, parking.id).outcome_published_at is None


def test_whole_area_consultations_reach_every_area_subscriber(pages, sign_in_as, wards, outbox):
    parking = _closed(whole_area=True, ward_codes=[], topics=[])
    for code, email in ((CENTRAL, "central@example.com"), (SLADE, "slade@example.com")):
        SubscriptionFactory(email=email, kind=SubscriptionKind.AREA, topic="", ward_code=code)
    sign_in_as("engagement_officer")
    db.session.commit()
    _publish_outcome(pages, parking)
    assert sorted(message.to_address for message in messages()) == [
        "central@example.com",
        "slade@example.com",
    ]


def test_no_subscribers_means_no_emails_and_no_sending_job(pages, sign_in_as, outbox):
    parking = _closed()
    SubscriptionFactory(email="unconfirmed@example.com", confirmed_at=None)
    sign_in_as("engagement_officer")
    db.session.commit()
    _publish_outcome(pages, parking)
    assert messages() == []
    assert db.session.scalars(select(BackgroundJob)).all() == []


def test_unsubscribing_by_the_link_in_the_outcome_email_works(pages, sign_in_as, outbox):
    parking = _closed()
    SubscriptionFactory(email="sam@example.com")
    sign_in_as("engagement_officer")
    db.session.commit()
    _publish_outcome(pages, parking)
    path = link_after(body_of(received_by(outbox, "sam@example.com")[0]), "To stop these emails")
    pages.post(path, expected_status=302)
    assert subscriptions_of("sam@example.com")[0].unsubscribed_at is not None


def test_publishing_an_open_consultation_tells_topic_and_area_subscribers_at_once(
    pages, sign_in_as, wards, outbox
):
    """Its opening time has passed, so residents see it as soon as it is published. (One that
    opens later is announced when it opens: test_scheduled_consultations.)"""
    now = utc_now()
    draft = ConsultationFactory(
        title="Bus station",
        published_at=None,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=60),
        topics=["Transport"],
        whole_area=False,
        ward_codes=[SLADE],
    )
    QuestionFactory(page=QuestionPageFactory(consultation=draft))
    SubscriptionFactory(email="transport@example.com", topic="Transport")
    SubscriptionFactory(
        email="slade@example.com", kind=SubscriptionKind.AREA, topic="", ward_code=SLADE
    )
    SubscriptionFactory(
        email="central@example.com", kind=SubscriptionKind.AREA, topic="", ward_code=CENTRAL
    )
    SubscriptionFactory(email="parking@example.com", topic="Parking")
    sign_in_as("engagement_officer")
    db.session.commit()

    pages.post(f"/officer/consultations/{draft.id}/publish", expected_status=302)

    sent = messages("consultation_published")
    assert sorted(message.to_address for message in sent) == [
        "slade@example.com",
        "transport@example.com",
    ]
    (mail,) = received_by(outbox, "transport@example.com")
    assert mail["Subject"] == "New consultation: Bus station"
    text = body_of(mail)
    assert "a new consultation you may be interested in" in text
    assert "It is open now and closes at" in text
    assert link_after(text, "have your say") == f"/consultations/{draft.slug}"
    pages.get(link_after(text, "have your say"))  # residents can follow it now


def _statements_to_queue_outcome(topic: str, count: int, app, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    consultation = _closed(title=f"{topic} plan", topics=[topic], ward_codes=[])
    for number in range(count):
        SubscriptionFactory(email=f"{topic.lower()}{number}@example.com", topic=topic)
    monkeypatch.setitem(app.config, "JOBS_MODE", "thread")  # queue only: sending is elsewhere
    with app.test_request_context(), sql_statements() as statements:
        assert notify_outcome_published(consultation=consultation, actor=None) == count
    return statements


def test_queueing_outcome_emails_costs_the_same_for_5_or_50_subscribers(app, monkeypatch):
    few = _statements_to_queue_outcome("Libraries", 5, app, monkeypatch)
    many = _statements_to_queue_outcome("Allotments", 50, app, monkeypatch)
    assert len(many) == len(few)
    assert len([sql for sql in many if sql.startswith("INSERT INTO email_message")]) == 1
