"""Admins add officers, change roles and deactivate accounts; every change is audited."""

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Officer, Role
from tests.factories import OfficerFactory
from tests.pages import banner, error_summary, heading


def _audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_admin_adds_an_officer_who_can_then_sign_in(app, pages, sign_in_as):
    admin = sign_in_as("admin")
    page = pages.get("/officer/officers/new")
    assert heading(page) == "Add an officer"
    pages.post(
        "/officer/officers/new",
        {
            "full_name": "Sam Jones",
            "email": "Sam.Jones@example.gov.uk",
            "role": "analyst",
            "password": "temporary passphrase one",
        },
        expected_status=302,
    )
    page = pages.get("/officer/officers")
    assert "Sam Jones has been added as Analyst" in banner(page)
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")] for row in page.select("tbody tr")
    ]
    assert ["Sam Jones", "sam.jones@example.gov.uk", "Analyst"] in [row[:3] for row in rows]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "officer.created")
    ).one()
    assert event.officer_id == admin.id
    assert "sam.jones@example.gov.uk" in event.summary

    from tests.pages import PageClient

    newcomer = PageClient(app, app.test_client())
    newcomer.post(
        "/sign-in",
        {"email": "sam.jones@example.gov.uk", "password": "temporary passphrase one"},
        expected_status=302,
    )


def test_adding_an_officer_validates_every_field(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.post("/officer/officers/new", {})
    assert error_summary(page) == [
        "Enter the officer's full name",
        "Enter an email address",
        "Select the officer's role",
        "Enter a new password",
    ]
    assert page.find("title").get_text().startswith("Error: ")


def test_over_long_name_and_bad_role_are_refused_clearly(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.post(
        "/officer/officers/new",
        {
            "full_name": "x" * 201,
            "email": "a@example.gov.uk",
            "role": "overlord",
            "password": "p" * 12,
        },
    )
    assert "Full name must be 200 characters or fewer" in error_summary(page)
    assert "Select the officer's role" in error_summary(page)
    assert db.session.scalar(select(Officer).where(Officer.email == "a@example.gov.uk")) is None


def test_duplicate_email_is_refused(pages, sign_in_as):
    sign_in_as("admin")
    OfficerFactory(email="taken@example.gov.uk")
    page = pages.post(
        "/officer/officers/new",
        {
            "full_name": "Twin",
            "email": "TAKEN@example.gov.uk",
            "role": "analyst",
            "password": "p" * 12,
        },
    )
    assert error_summary(page) == ["An officer with this email address already exists"]


def test_admin_changes_a_role_and_deactivates_an_officer(pages, sign_in_as):
    sign_in_as("admin")
    colleague = OfficerFactory(role=Role.ANALYST, full_name="Colleague")
    pages.post(
        f"/officer/officers/{colleague.id}",
        {"role": "auditor"},  # unticked checkbox: not active
        expected_status=302,
    )
    assert colleague.role == Role.AUDITOR
    assert colleague.active is False
    assert "role from Analyst to Auditor, deactivated" in banner(pages.get("/officer/officers"))
    assert _audit_actions()[-1] == "officer.updated"


def test_admin_cannot_demote_or_deactivate_themselves(pages, sign_in_as):
    admin = sign_in_as("admin")
    page = pages.post(f"/officer/officers/{admin.id}", {"role": "analyst", "active": "y"})
    assert error_summary(page) == ["You cannot change your own role or deactivate yourself"]
    assert admin.role == Role.ADMIN


def test_the_last_active_admin_cannot_be_removed(pages, sign_in_as):
    from involve.services import officers
    from involve.services.errors import NotPermitted

    admin = sign_in_as("admin")
    other_admin = OfficerFactory(role=Role.ADMIN)
    officers.update_officer(actor=admin, officer=other_admin, role=Role.ANALYST, active=True)
    assert other_admin.role == Role.ANALYST
    lone = OfficerFactory(role=Role.ADMIN)
    officers.update_officer(actor=lone, officer=admin, role=Role.ANALYST, active=True)
    try:
        officers.update_officer(actor=admin, officer=lone, role=Role.AUDITOR, active=True)
    except NotPermitted as error:
        assert "at least one active administrator" in str(error)
    else:
        raise AssertionError("the last admin was demoted")


def test_unknown_officer_is_404(pages, sign_in_as):
    sign_in_as("admin")
    pages.get("/officer/officers/999999", expected_status=404)


def test_non_admins_cannot_manage_officers(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.get("/officer/officers", expected_status=403)
    assert heading(page) == "You do not have permission to see this page"
    pages.post(
        "/officer/officers/new",
        {"full_name": "Sneaky", "email": "s@example.gov.uk", "role": "admin", "password": "p" * 12},
        expected_status=403,
    )
    assert db.session.scalar(select(Officer).where(Officer.email == "s@example.gov.uk")) is None


def test_audit_log_lists_changes_for_auditors_only(pages, sign_in_as, app):
    from tests.pages import PageClient

    sign_in_as("admin")
    pages.post("/officer/settings/services/new", {"name": "Libraries"}, expected_status=302)
    auditor_browser = PageClient(app, app.test_client())
    auditor = OfficerFactory(role=Role.AUDITOR)
    from tests.factories import DEFAULT_PASSWORD

    auditor_browser.post(
        "/sign-in", {"email": auditor.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    page = auditor_browser.get("/officer/audit-log")
    cells = [cell.get_text(strip=True) for cell in page.select("tbody td")]
    assert "Added service Libraries" in cells
    auditor_browser.get("/officer/officers", expected_status=403)
    analyst_browser = PageClient(app, app.test_client())
    analyst = OfficerFactory(role=Role.ANALYST)
    analyst_browser.post(
        "/sign-in", {"email": analyst.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    analyst_browser.get("/officer/audit-log", expected_status=403)
