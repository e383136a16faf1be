"""Officers' services (issue 9): an administrator gives an officer services (audited); an officer
given services is offered only those when creating or changing work, can still change work
that belongs to no service, and is shown whose work it is when refused."""

from __future__ import annotations

from sqlalchemy import select

from involve.demo_scope import SCOPED_OFFICER, SCOPED_SERVICE, seed_demo_scope
from involve.extensions import db
from involve.models import AuditEvent, Consultation, Officer
from tests.factories import ConsultationFactory, OfficerFactory, ServiceFactory
from tests.factories_activities import ActivityFactory
from tests.pages import banner, error_summary

NEW_CONSULTATION = "/officer/consultations/new"


def _service_options(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [option.get_text(strip=True) for option in page.select("select#service_id option")]


def _consultation_form(service_id: str) -> dict[str, object]:
    return {
        "title": "Mobile library stops",
        "summary": "Where should the mobile library stop?",
        "proposal": "Four new stops.",
        "reasons": "Villages with no bus.",
        "service_id": service_id,
        "area": "whole",
        "audiences": ["residents"],
        "opens_on": ["2", "3", "2026"],
        "opens_time": "9am",
        "closes_on": ["30", "7", "2026"],
        "closes_time": "5pm",
    }


def test_admin_gives_an_officer_services_and_the_change_is_audited(pages, sign_in_as):
    admin = sign_in_as("admin")
    libraries, parking = ServiceFactory(name="Libraries"), ServiceFactory(name="Parking")
    ServiceFactory(name="Old service", is_active=False)
    colleague = OfficerFactory(full_name="Lee Libraries")
    db.session.commit()
    page = pages.get(f"/officer/officers/{colleague.id}")
    boxes = {box["value"]: box for box in page.select("input[name=services]")}
    assert sorted(boxes) == sorted([str(libraries.id), str(parking.id)])  # active ones only
    pages.post(
        f"/officer/officers/{colleague.id}",
        {"role": "engagement_officer", "active": "y", "services": [str(libraries.id)]},
        expected_status=302,
    )
    assert [service.name for service in db.session.get(Officer, colleague.id).services] == [
        "Libraries"
    ]
    page = pages.get("/officer/officers")
    assert "Lee Libraries: added to Libraries" in banner(page)
    row = next(row for row in page.select("tbody tr") if "Lee Libraries" in row.get_text())
    assert "Libraries" in [cell.get_text(strip=True) for cell in row.select("td")]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "officer.services_changed")
    ).one()
    assert event.officer_id == admin.id and event.summary.endswith("added to Libraries")
    # Taking every service away lets them work across the council again.
    pages.post(
        f"/officer/officers/{colleague.id}",
        {"role": "engagement_officer", "active": "y"},
        expected_status=302,
    )
    assert db.session.get(Officer, colleague.id).services == []


def test_an_inactive_service_cannot_be_given(pages, sign_in_as):
    sign_in_as("admin")
    retired = ServiceFactory(name="Old service", is_active=False)
    colleague = OfficerFactory()
    db.session.commit()
    page = pages.post(
        f"/officer/officers/{colleague.id}",
        {"role": "engagement_officer", "active": "y", "services": [str(retired.id)]},
    )
    assert error_summary(page) == ["Select services from the list"]
    assert db.session.get(Officer, colleague.id).services == []


def test_an_officer_with_services_creates_work_only_in_them(pages, sign_in_as):
    libraries, parking = ServiceFactory(name="Libraries"), ServiceFactory(name="Parking")
    sign_in_as("engagement_officer", services=[libraries])
    db.session.commit()
    assert _service_options(pages.get(NEW_CONSULTATION)) == ["Libraries"]
    page = pages.post(NEW_CONSULTATION, _consultation_form(str(parking.id)))
    assert error_summary(page) == ["Select a service"]
    assert db.session.scalar(select(Consultation)) is None
    pages.post(NEW_CONSULTATION, _consultation_form(str(libraries.id)), expected_status=302)
    assert db.session.scalars(select(Consultation)).one().service_id == libraries.id
    page = pages.get("/officer/activities/new")
    assert _service_options(page) == ["Libraries"]


def test_an_officer_without_services_chooses_any_service_or_none(pages, sign_in_as):
    ServiceFactory(name="Libraries"), ServiceFactory(name="Parking")
    sign_in_as("engagement_officer")
    db.session.commit()
    assert _service_options(pages.get(NEW_CONSULTATION)) == ["Not set", "Libraries", "Parking"]


def test_work_of_no_service_stays_open_to_officers_with_services(pages, sign_in_as):
    """Council-wide work, and work recorded before services were given, is not stranded; saving
    it keeps "Not set" on offer, so nothing is moved into a service silently."""
    libraries = ServiceFactory(name="Libraries")
    ServiceFactory(name="Parking")
    sign_in_as("engagement_officer", services=[libraries])
    corporate = ConsultationFactory(published_at=None, service=None)
    event = ActivityFactory(published_at=None, service=None)
    db.session.commit()
    page = pages.get(f"/officer/consultations/{corporate.id}/details")
    assert _service_options(page) == ["Not set", "Libraries"]
    assert _service_options(pages.get(f"/officer/activities/{event.id}/details")) == [
        "Not set",
        "Libraries",
    ]


def test_another_services_work_can_be_read_but_not_changed(pages, sign_in_as):
    libraries, parking = ServiceFactory(name="Libraries"), ServiceFactory(name="Parking")
    sign_in_as("engagement_officer", services=[libraries])
    OfficerFactory(full_name="Pat Parking", email="pat@example.gov.uk", services=[parking])
    draft = ConsultationFactory(published_at=None, service=parking, title="Residents' permits")
    db.session.commit()
    pages.get(f"/officer/consultations/{draft.id}")  # reading is never limited
    page = pages.get(f"/officer/consultations/{draft.id}/details", expected_status=403)
    text = " ".join(page.get_text().split())
    assert "You cannot change this consultation" in text
    assert "“Residents' permits” belongs to the Parking service." in text
    assert (
        "Officers who work for Parking: Pat Parking (engagement officer), pat@example.gov.uk"
        in text
    )
    pages.post(f"/officer/consultations/{draft.id}/publish", {}, expected_status=403)
    assert db.session.get(Consultation, draft.id).published_at is None


def test_the_demo_has_an_officer_of_one_service(app):
    email, name, role = SCOPED_OFFICER
    service = ServiceFactory(name=SCOPED_SERVICE)
    officer = OfficerFactory(email=email, full_name=name, role=role)
    assert seed_demo_scope() and officer.services == [service]
    assert seed_demo_scope() == []  # seeding again changes nothing
    officer.services = []
    assert seed_demo_scope() and officer.services == [service]


def test_a_refusal_with_no_service_to_name_is_still_a_403_page(pages, sign_in_as, monkeypatch):
    """Should a later rule refuse work of no service, the answer is the plain 403 page, never a
    crash on the missing service (this was an assert, gone under python -O)."""
    from involve.auth import scope

    libraries = ServiceFactory(name="Libraries")
    sign_in_as("engagement_officer", services=[libraries])
    corporate = ConsultationFactory(published_at=None, service=None)
    db.session.commit()
    monkeypatch.setattr(scope, "can_change", lambda officer, thing: False)
    page = pages.get(f"/officer/consultations/{corporate.id}/details", expected_status=403)
    assert "Your role does not allow this" in page.get_text()
    pages.post(f"/officer/consultations/{corporate.id}/publish", {}, expected_status=403)
    assert db.session.get(Consultation, corporate.id).published_at is None
