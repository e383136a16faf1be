"""Once a consultation has opened, when it opened is a fact: the details form refuses to move
the opening date (what was typed kept, the error saying when it opened), and once it has closed
the closing date too. While open, the close can be extended but not moved into the past. The
fairness checks count the open period from the later of the opening time and the publication."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation
from involve.models.base import utc_now
from involve.services import consultation_dates
from involve.services.consultations import ConsultationDetails, update_consultation
from involve.services.fairness import Status, fairness_checklist
from involve.templating import UK
from tests.factories import ConsultationFactory, OfficerFactory
from tests.pages import error_summary, field_error

QUIET_START = datetime(2026, 6, 1, 9, 0, tzinfo=UK)  # June has no bank holidays in England


def _url(consultation: Consultation) -> str:
    return f"/officer/consultations/{consultation.id}/details"


def _day(moment: datetime) -> list[str]:
    local = moment.astimezone(UK)
    return [str(local.day), str(local.month), str(local.year)]


def _time(moment: datetime) -> str:
    return f"{moment.astimezone(UK):%H:%M}"


def _form(consultation: Consultation, **overrides: object) -> dict[str, object]:
    """The details form as the officer would send it unchanged, with some fields changed."""
    data: dict[str, object] = {
        "title": consultation.title,
        "summary": consultation.summary,
        "proposal": consultation.proposal,
        "reasons": consultation.reasons,
        "service_id": "",
        "area": "whole",
        "contact_email": consultation.contact_email,
        "opens_on": _day(consultation.opens_at),
        "opens_time": _time(consultation.opens_at),
        "closes_on": _day(consultation.closes_at),
        "closes_time": _time(consultation.closes_at),
        "about_you_enabled": "y",
        "equality_questions_enabled": "y",
    }
    data.update(overrides)
    return data


def _closed() -> Consultation:
    """Like the demo's Church Street car park: opened, then closed some days ago. Its times
    carry seconds, as times set by the clock do."""
    now = utc_now()
    consultation = ConsultationFactory(
        opens_at=now - timedelta(days=40, seconds=17),
        closes_at=now - timedelta(days=3, seconds=29),
        published_at=now - timedelta(days=45),
    )
    db.session.commit()
    return consultation


def test_a_closed_consultations_opening_date_cannot_be_moved(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = _closed()
    opened = consultation.opens_at
    page = pages.post(
        _url(consultation), _form(consultation, opens_on=["1", "10", "2026"]), expected_status=200
    )
    message = field_error(page, "opens_on")
    assert message.startswith("The opening date cannot be changed. It opened at ")
    assert message.endswith("the opening date is a fact now")
    assert message in error_summary(page)
    link = page.select_one(".govuk-error-summary__list a")
    assert link["href"] == "#opens_on"
    # What was typed is kept, to correct.
    assert page.select_one("#opens_on-day")["value"] == "1"
    assert page.select_one("#opens_on-month")["value"] == "10"
    db.session.refresh(consultation)
    assert consultation.opens_at == opened
    assert (
        db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "consultation.updated"))
        is None
    )


def test_a_closed_consultations_closing_date_cannot_be_moved(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = _closed()
    closes = consultation.closes_at
    later = _day(utc_now() + timedelta(days=20))
    page = pages.post(_url(consultation), _form(consultation, closes_on=later), expected_status=200)
    assert "It closed at" in field_error(page, "closes_on")
    assert "the closing date is a fact now" in field_error(page, "closes_on")
    db.session.refresh(consultation)
    assert consultation.closes_at == closes


def test_a_closed_consultation_keeps_its_exact_dates_when_other_details_change(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = _closed()
    opened, closes = consultation.opens_at, consultation.closes_at
    pages.post(_url(consultation), _form(consultation, title="Resurfacing"), expected_status=302)
    db.session.refresh(consultation)
    assert consultation.title == "Resurfacing"
    assert (consultation.opens_at, consultation.closes_at) == (opened, closes)  # seconds kept
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consultation.updated")
    ).one()
    assert event.detail["fields"] == ["title"]


def test_an_open_consultation_can_be_extended_but_not_closed_in_the_past(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()  # opened a week ago, closes in 35 days
    db.session.commit()
    opened = consultation.opens_at
    extended = utc_now() + timedelta(days=60)
    page = pages.post(
        _url(consultation), _form(consultation, opens_on=_day(utc_now())), expected_status=200
    )
    assert "It opened at" in field_error(page, "opens_on")
    yesterday = _day(utc_now() - timedelta(days=1))
    page = pages.post(
        _url(consultation), _form(consultation, closes_on=yesterday), expected_status=200
    )
    assert "must be in the future" in field_error(page, "closes_on")
    assert "Close early" in field_error(page, "closes_on")
    pages.post(
        _url(consultation), _form(consultation, closes_on=_day(extended)), expected_status=302
    )
    db.session.refresh(consultation)
    assert consultation.closes_at.astimezone(UK).date() == extended.astimezone(UK).date()
    assert consultation.opens_at == opened


def test_a_draft_and_a_scheduled_consultation_can_still_be_moved(pages, sign_in_as):
    sign_in_as("engagement_officer")
    now = utc_now()
    draft = ConsultationFactory(published_at=None, opens_at=now - timedelta(days=3))
    scheduled = ConsultationFactory(
        opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=50)
    )
    db.session.commit()
    earlier = _day(now - timedelta(days=10))
    pages.post(_url(draft), _form(draft, opens_on=earlier), expected_status=302)
    later = now + timedelta(days=9)
    pages.post(_url(scheduled), _form(scheduled, opens_on=_day(later)), expected_status=302)
    db.session.refresh(draft)
    db.session.refresh(scheduled)
    assert draft.opens_at.astimezone(UK).date() == (now - timedelta(days=10)).astimezone(UK).date()
    assert scheduled.opens_at.astimezone(UK).date() == later.astimezone(UK).date()
    # Published and waiting to open: it cannot be back-dated into a time nobody could see it.
    page = pages.post(_url(scheduled), _form(scheduled, opens_on=earlier), expected_status=200)
    assert "must be in the future" in field_error(page, "opens_on")


def test_the_service_refuses_too(app):
    officer = OfficerFactory()
    consultation = _closed()
    details = ConsultationDetails.of(consultation)
    details.opens_at = datetime(2026, 10, 1, tzinfo=UK)
    with pytest.raises(consultation_dates.DateIsFact) as refused:
        update_consultation(actor=officer, consultation=consultation, details=details)
    assert set(refused.value.problems) == {"opens_on"}


def test_the_open_period_counts_from_a_late_publication():
    """Due to open on 1 June but published on the 11th: residents had 11 days, not 21."""
    consultation = ConsultationFactory(
        opens_at=QUIET_START,
        closes_at=QUIET_START + timedelta(days=20),
        published_at=QUIET_START + timedelta(days=10),
    )
    check = fairness_checklist(consultation, now=QUIET_START + timedelta(days=60)).get(
        "gunning-3-length"
    )
    assert check.status == Status.FAIL
    assert "Open for 11 days (11 June 2026 to 21 June 2026)" in check.reason


@pytest.mark.parametrize(
    ("published_days", "opened_days"),
    [(-3, 0), (4, 4)],  # published before the opening time, or after it
)
def test_it_opened_at_the_later_of_its_opening_and_publication(published_days, opened_days):
    consultation = ConsultationFactory(
        opens_at=QUIET_START,
        closes_at=QUIET_START + timedelta(days=30),
        published_at=QUIET_START + timedelta(days=published_days),
    )
    now = QUIET_START + timedelta(days=10)
    assert consultation_dates.opened_at(consultation, now) == QUIET_START + timedelta(
        days=opened_days
    )
    assert consultation_dates.opened_at(consultation, QUIET_START - timedelta(days=1)) is None
