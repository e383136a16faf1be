"""The demo data shows the fairness checks at work: a 10-day consultation fails on time with
the Silus reason, Library opening hours is near perfect, a pre-election period is entered, and
the demo's evidence says when and by whom it was recorded."""

from __future__ import annotations

from sqlalchemy import func, select

from involve.demo_fairness import seed_demo_fairness
from involve.extensions import db
from involve.models import Consultation, ElectionPeriod
from involve.services.fairness import Status, fairness_checklist
from tests.demo_seeding import seed_demo


def _seed(app, monkeypatch) -> dict[str, Consultation]:  # type: ignore[no-untyped-def]
    seed_demo(app, monkeypatch)
    return {c.slug: c for c in db.session.scalars(select(Consultation))}


def test_the_short_demo_consultation_fails_gunning_3_with_the_silus_reason(app, monkeypatch):
    consultations = _seed(app, monkeypatch)
    checklist = fairness_checklist(consultations["church-street-car-park-resurfacing"])
    length = checklist.get("gunning-3-length")
    assert length.status == Status.FAIL
    assert "Open for 10 days" in length.reason and "no reason" in length.reason
    assert "R (Silus Investments) v London Borough of Hounslow [2015]" in length.reason
    assert checklist.get("principle-e").status == Status.FAIL
    assert checklist.get("gunning-1-options").status == Status.PASS


def test_library_opening_hours_is_near_perfect(app, monkeypatch):
    consultations = _seed(app, monkeypatch)
    checklist = fairness_checklist(consultations["library-opening-hours"])
    assert checklist.counts[Status.FAIL] == 0, [
        (check.id, check.reason) for check in checklist.checks if check.status == Status.FAIL
    ]
    for check_id in (
        "gunning-1-options",
        "gunning-1-decision-date",
        "gunning-2-proposal",
        "gunning-2-documents",
        "gunning-3-length",
        "principle-d",
        "principle-h",
        "duty-considerations",
    ):
        assert checklist.get(check_id).status == Status.PASS, checklist.get(check_id).reason


def test_the_demo_election_period_is_entered_once_and_the_draft_is_not_signed_off(app, monkeypatch):
    consultations = _seed(app, monkeypatch)
    assert seed_demo_fairness() == []  # nothing left to fill in
    assert db.session.scalar(select(func.count(ElectionPeriod.id))) == 1
    housing = consultations["housing-allocations-policy"]
    assert housing.options_still_open == "" and housing.agreed_by == ""
    parking = consultations["town-centre-parking-plan"]
    assert parking.agreed_on < parking.published_at.date()


def test_the_demo_evidence_is_dated_before_publication_and_names_who_recorded_it(app, monkeypatch):
    consultations = _seed(app, monkeypatch)
    for slug in ("library-opening-hours", "town-centre-parking-plan", "garden-waste-collections"):
        consultation = consultations[slug]
        assert consultation.agreed_recorded_at is not None
        assert consultation.agreed_recorded_at < consultation.published_at, slug
        assert consultation.options_still_open_recorded_at == consultation.agreed_recorded_at
        checklist = fairness_checklist(consultation)
        for check_id in ("gunning-1-options", "principle-h"):
            check = checklist.get(check_id)
            assert check.status == Status.PASS, (slug, check.reason)
            assert check.details[0].endswith("by Priya Engagement"), check.details
    car_park = fairness_checklist(consultations["church-street-car-park-resurfacing"])
    assert "before the consultation opened" in car_park.get("gunning-1-options").reason
