"""The expired demo consultation: closed about 30 months ago, kept for 24, holding the personal
data retention removes, created once however often seed-demo runs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from involve.demo_consultations import seed_demo_geography
from involve.demo_retention import DOGS_IN_PARKS, seed_demo_retention
from involve.extensions import db
from involve.models import Answer, Consultation, Phase, Response, ResponseStatus
from involve.models.base import utc_now
from involve.questionnaire.answers import parse_answer, submitted_from_value
from involve.services.lifecycle import phase_of
from involve.services.retention import apply_retention, is_due

PHONE = "07700 900461"


def _seed() -> Consultation:
    seed_demo_geography()
    assert seed_demo_retention()[0].startswith("Created the demo consultation")
    return db.session.scalars(
        select(Consultation).where(Consultation.slug == DOGS_IN_PARKS.slug)
    ).one()


def test_the_demo_consultation_is_overdue_and_holds_what_retention_removes():
    consultation = _seed()
    now = utc_now()
    assert phase_of(consultation) == Phase.CLOSED
    assert timedelta(days=900) < now - consultation.closes_at < timedelta(days=925)
    assert consultation.retention_months == 24 and is_due(consultation)
    responses = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).all()
    submitted = [r for r in responses if r.status == ResponseStatus.SUBMITTED]
    unfinished = [r for r in responses if r.status == ResponseStatus.IN_PROGRESS]
    assert len(submitted) >= 30 and unfinished
    assert all(r.resume_code_hash and r.profile is None for r in unfinished)
    assert sum(bool(r.profile.email) and bool(r.profile.name) for r in submitted) >= 3
    assert sum(len(r.profile.postcode) > 4 for r in submitted) >= 20
    assert all(consultation.opens_at <= r.submitted_at <= consultation.closes_at for r in submitted)
    with_phone = db.session.scalars(select(Answer).where(Answer.text.contains(PHONE))).all()
    assert len(with_phone) == 1
    assert with_phone[0].response.profile.name.split()[0] in with_phone[0].text
    for response in responses:
        for answer in response.answers:
            form = submitted_from_value(answer.question, answer.value)
            parsed = parse_answer(answer.question, form, long_text_max=10_000)
            assert parsed.error is None and parsed.value == answer.value


def test_seeding_again_adds_nothing_and_retention_clears_it():
    consultation = _seed()
    count = db.session.scalar(select(func.count(Response.id)))
    assert seed_demo_retention() == []
    assert db.session.scalar(select(func.count(Response.id))) == count
    (report,) = apply_retention()
    assert report.consultation_id == consultation.id
    assert db.session.scalars(select(Answer).where(Answer.text.contains(PHONE))).all() == []
    assert seed_demo_retention() == []  # done, and stays done
