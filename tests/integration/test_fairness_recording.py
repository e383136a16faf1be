"""When each piece of fairness evidence was recorded: set when its text is saved changed, left
alone when it is not, cleared when it is emptied; given to a copy as it is made; and shown as
"Recorded <date> by <officer>" on the consultation's details and its fairness checks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation
from involve.services.consultations import (
    ConsultationDetails,
    copy_consultation,
    create_consultation,
    update_consultation,
)
from involve.templating import UK
from tests.factories import ConsultationFactory, OfficerFactory

OPTIONS = "Keep the charge, or raise it by £2 or £4."
REASON = "The market lease is renewed on 1 July."


def _save(consultation: Consultation, officer, **changes: object) -> list[str]:  # type: ignore[no-untyped-def]
    details = ConsultationDetails.of(consultation)
    for name, value in changes.items():
        setattr(details, name, value)
    return update_consultation(actor=officer, consultation=consultation, details=details)


def _event_time(consultation: Consultation) -> datetime:
    return db.session.scalars(
        select(AuditEvent.occurred_at)
        .where(AuditEvent.object_type == "consultation")
        .where(AuditEvent.object_id == str(consultation.id))
        .order_by(AuditEvent.id.desc())
    ).first()


def test_saving_evidence_stamps_it_with_the_moment_of_its_audit_event():
    officer = OfficerFactory()
    consultation = ConsultationFactory(published_at=None)
    _save(consultation, officer, options_still_open=OPTIONS)
    stamped = consultation.options_still_open_recorded_at
    assert stamped is not None and stamped == _event_time(consultation)
    assert consultation.short_period_reason_recorded_at is None
    assert consultation.agreed_recorded_at is None
    # Saving other details leaves the stamp alone; saving the same text again too.
    _save(consultation, officer, title="A new title", options_still_open=OPTIONS)
    assert consultation.options_still_open_recorded_at == stamped
    # A changed text is a new record; an emptied one has no date.
    _save(consultation, officer, options_still_open=OPTIONS + " Or keep it as it is.")
    restamped = consultation.options_still_open_recorded_at
    assert restamped is not None and restamped != stamped
    _save(consultation, officer, options_still_open="")
    assert consultation.options_still_open_recorded_at is None


def test_the_sign_off_is_stamped_when_who_or_when_changes():
    officer = OfficerFactory()
    consultation = ConsultationFactory(published_at=None)
    _save(consultation, officer, agreed_by="Cabinet", agreed_on=date(2026, 5, 1))
    first = consultation.agreed_recorded_at
    assert first is not None
    _save(consultation, officer, agreed_on=date(2026, 5, 2))
    assert consultation.agreed_recorded_at not in (None, first)
    _save(consultation, officer, agreed_by="", agreed_on=None)
    assert consultation.agreed_recorded_at is None


def test_a_new_consultation_and_a_copy_date_their_evidence_when_they_are_made():
    officer = OfficerFactory()
    created = create_consultation(
        actor=officer,
        details=ConsultationDetails(
            title="Market charges",
            options_still_open=OPTIONS,
            short_period_reason=REASON,
            agreed_by="Cabinet",
            agreed_on=date(2026, 5, 1),
        ),
    )
    made = _event_time(created)
    assert created.options_still_open_recorded_at == made
    assert created.short_period_reason_recorded_at == made
    assert created.agreed_recorded_at == made
    copy = copy_consultation(actor=officer, consultation=created)
    copied = db.session.scalars(
        select(AuditEvent.occurred_at).where(AuditEvent.action == "consultation.copied")
    ).one()
    assert copy.options_still_open_recorded_at == copied
    assert copy.short_period_reason_recorded_at == copied
    assert copy.agreed_recorded_at is None  # a copy needs its own sign-off


def test_the_details_and_the_checks_say_who_recorded_each_piece_of_evidence(pages, sign_in_as):
    officer = sign_in_as("engagement_officer", full_name="Priya Engagement")
    start = datetime(2026, 6, 1, tzinfo=UK)
    consultation = ConsultationFactory(
        opens_at=start, closes_at=start + timedelta(days=10), published_at=None
    )
    consultation.options_still_open = "Close all of it, or half at a time"
    consultation.options_still_open_recorded_at = None  # entered before dates were kept
    db.session.commit()
    _save(consultation, officer, short_period_reason=REASON)
    db.session.commit()
    when = consultation.short_period_reason_recorded_at.astimezone(UK)
    recorded = f"Recorded {when.day} {when:%B %Y} by Priya Engagement"

    overview = pages.get(f"/officer/consultations/{consultation.id}")
    notes = [note.get_text(strip=True) for note in overview.select(".involve-recorded")]
    assert notes == [
        "Date recorded not known: it was entered before the service kept the date",
        recorded,
    ]
    checks = pages.get(f"/officer/consultations/{consultation.id}/fairness")
    assert recorded in checks.select_one("#gunning-3-length").get_text()
    assert "Date recorded not known" in checks.select_one("#gunning-1-options").get_text()
