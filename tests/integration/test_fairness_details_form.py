"""The consultation details form records the fairness evidence: options still open, the reason
for a short period, and who agreed it and when (never in the future), audited like any detail;
text that is not a reason is refused with what was typed kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.pages import error_summary, field_error, title


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Market stall charges",
        "summary": "Tell us about stall charges.",
        "proposal": "Raise the daily charge.",
        "reasons": "Costs have risen.",
        "service_id": "",
        "area": "whole",
        "topics": "markets",
        "audiences": ["businesses"],
        "opens_on": ["1", "6", "2026"],
        "closes_on": ["11", "6", "2026"],
        "decision_due_on": ["1", "9", "2026"],
        "options_still_open": "Keep the charge, or raise it by £2 or £4.",
        "short_period_reason": "The market lease is renewed on 1 July.",
        "agreed_by": "Head of Economic Development",
        "agreed_on": ["20", "5", "2026"],
    }
    data.update(overrides)
    return data


def _url(consultation: Consultation) -> str:
    return f"/officer/consultations/{consultation.id}/details"


def test_an_officer_records_the_fairness_evidence_and_it_is_audited(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(published_at=None)
    db.session.commit()
    page = pages.get(_url(consultation))
    assert page.select_one("#options_still_open") is not None
    assert page.select_one("#agreed_by") is not None
    pages.post(_url(consultation), _form(), expected_status=302)
    db.session.refresh(consultation)
    assert consultation.options_still_open == "Keep the charge, or raise it by £2 or £4."
    assert consultation.short_period_reason == "The market lease is renewed on 1 July."
    assert consultation.agreed_by == "Head of Economic Development"
    assert consultation.agreed_on == date(2026, 5, 20)
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consultation.updated")
    ).one()
    assert {"options_still_open", "short_period_reason", "agreed_by", "agreed_on"} <= set(
        event.detail["fields"]
    )
    overview = pages.get(f"/officer/consultations/{consultation.id}").get_text()
    assert "Keep the charge, or raise it by £2 or £4." in overview
    assert "Head of Economic Development, 20 May 2026" in overview
    # The form shows what was saved when changed again.
    again = pages.get(_url(consultation))
    assert again.select_one("#agreed_on-year")["value"] == "2026"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"agreed_on": "tomorrow"}, "agreed_on", "The date it was agreed must be today or in the past"),
        ({"agreed_on": ["", "", ""]}, "agreed_on", "Enter the date it was agreed"),
        ({"agreed_by": ""}, "agreed_by", "Enter who agreed the consultation"),
        ({"agreed_on": ["31", "2", "2026"]}, "agreed_on", "The date it was agreed must be a real date"),
        ({"agreed_by": "x" * 201}, "agreed_by", "Agreed by must be 200 characters or fewer"),
        ({"options_still_open": "x" * 5001}, "options_still_open", "Options still open must be 5,000 characters or fewer"),
        ({"options_still_open": "."}, "options_still_open", "Describe the options still open in 3 words or more"),
        ({"options_still_open": "n/a"}, "options_still_open", "Describe the options still open in 3 words or more"),
        ({"short_period_reason": "."}, "short_period_reason", "Give the reason it is open for less than 6 weeks in 3 words or more"),
        ({"short_period_reason": "TBC"}, "short_period_reason", "Give the reason it is open for less than 6 weeks in 3 words or more"),
        ({"short_period_reason": "To be confirmed"}, "short_period_reason", "Give the reason it is open for less than 6 weeks in 3 words or more"),
        ({"agreed_by": "."}, "agreed_by", "Enter the name or role of who agreed the consultation"),
    ],
)  # fmt: skip
def test_the_sign_off_is_validated(pages, sign_in_as, overrides, field, message):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(published_at=None)
    db.session.commit()
    if overrides.get("agreed_on") == "tomorrow":
        tomorrow = utc_now().astimezone(UK).date() + timedelta(days=1)
        overrides = {"agreed_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]}
    page = pages.post(_url(consultation), _form(**overrides))
    assert title(page).startswith("Error: ")
    assert message in error_summary(page)
    assert field_error(page, field) == message
    db.session.refresh(consultation)
    assert consultation.agreed_by == "" and consultation.options_still_open == ""


def test_today_is_an_allowed_sign_off_date_and_everything_may_be_left_blank(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(published_at=None)
    db.session.commit()
    today = utc_now().astimezone(UK).date()
    pages.post(
        _url(consultation),
        _form(agreed_on=[str(today.day), str(today.month), str(today.year)]),
        expected_status=302,
    )
    db.session.refresh(consultation)
    assert consultation.agreed_on == today
    blank = {"options_still_open": "", "short_period_reason": "", "agreed_by": ""}
    pages.post(_url(consultation), _form(agreed_on=["", "", ""], **blank), expected_status=302)
    db.session.refresh(consultation)
    assert consultation.agreed_on is None and consultation.agreed_by == ""


def test_a_copy_keeps_the_options_but_needs_its_own_sign_off(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(
        options_still_open="Keep or raise", agreed_by="Cabinet", agreed_on=date(2026, 1, 5)
    )
    db.session.commit()
    pages.post(f"/officer/consultations/{consultation.id}/copy", {}, expected_status=302)
    copy = db.session.scalars(
        select(Consultation).where(Consultation.copied_from_id == consultation.id)
    ).one()
    assert copy.options_still_open == "Keep or raise"
    assert copy.agreed_by == "" and copy.agreed_on is None


def test_evidence_that_is_not_a_reason_is_refused_and_what_was_typed_is_kept(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(published_at=None)
    db.session.commit()
    page = pages.post(
        _url(consultation),
        _form(short_period_reason=" . ", options_still_open="Keep <b>or</b> raise it"),
    )
    assert error_summary(page) == [
        "Give the reason it is open for less than 6 weeks in 3 words or more"
    ]
    assert page.select_one("#short_period_reason").get_text() == "."
    # Everything else typed is kept too, escaped.
    assert page.select_one("#options_still_open").get_text() == "Keep <b>or</b> raise it"
    assert page.select_one("#agreed_by")["value"] == "Head of Economic Development"
    db.session.refresh(consultation)
    assert consultation.short_period_reason == ""
    assert consultation.short_period_reason_recorded_at is None
