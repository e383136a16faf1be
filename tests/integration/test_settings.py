"""The authority's settings, services and partner organisations."""

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, PartnerKind, PartnerOrganisation, Service
from involve.services.authority import get_settings
from tests.factories import AuthoritySettingsFactory, ServiceFactory
from tests.pages import error_summary, heading

VALID_SETTINGS = {
    "name": "Stroud District Council",
    "ons_code": "e07000082",
    "contact_email": "talk@example.gov.uk",
    "contact_phone": "01453 766321",
    "postal_address": "Ebley Mill, Stroud",
    "website_url": "https://www.stroud.gov.uk",
}


def test_admin_saves_the_authority_settings(pages, sign_in_as):
    sign_in_as("admin")
    AuthoritySettingsFactory(name="Old name")
    assert heading(pages.get("/officer/settings")) == "Council settings"
    pages.post("/officer/settings", VALID_SETTINGS, expected_status=302)
    settings = get_settings()
    assert settings.name == "Stroud District Council"
    assert settings.ons_code == "E07000082"
    assert "Stroud District Council" in pages.get("/").find("title").get_text()
    assert db.session.scalars(select(AuditEvent.action)).all()[-1] == "settings.updated"


def test_settings_are_validated(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.post(
        "/officer/settings",
        {
            **VALID_SETTINGS,
            "ons_code": "S12000033",
            "contact_email": "nope",
            "website_url": "ftp://x",
        },
    )
    assert error_summary(page) == [
        "Enter an ONS code for an English or Welsh authority, like E07000082",
        "Enter an email address in the correct format, like name@example.gov.uk",
        "Enter a website address starting with https://",
    ]
    page = pages.post("/officer/settings", {**VALID_SETTINGS, "ons_code": "E0700008"})
    assert error_summary(page) == ["Enter an ONS area code, like E07000082"]


def test_admin_adds_services_and_partners(pages, sign_in_as):
    sign_in_as("admin")
    pages.post("/officer/settings/services/new", {"name": "Parking"}, expected_status=302)
    pages.post(
        "/officer/settings/partners/new",
        {"name": "Gloucestershire Constabulary", "kind": "police"},
        expected_status=302,
    )
    assert db.session.scalar(select(Service.name)) == "Parking"
    partner = db.session.scalars(select(PartnerOrganisation)).one()
    assert partner.kind == PartnerKind.POLICE
    page = pages.get("/officer/settings")
    assert "Parking" in page.get_text()
    assert "Gloucestershire Constabulary" in page.get_text()


def test_duplicate_service_names_are_refused_whatever_the_case(pages, sign_in_as):
    sign_in_as("admin")
    ServiceFactory(name="Parking")
    page = pages.post("/officer/settings/services/new", {"name": "  parking "})
    assert error_summary(page) == ["A service with this name already exists"]


def test_partner_form_requires_a_type(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.post("/officer/settings/partners/new", {"name": "Somebody"})
    assert error_summary(page) == ["Select the type of organisation"]
    page = pages.post("/officer/settings/partners/new", {"name": "Somebody", "kind": "cartel"})
    assert error_summary(page) == ["Select the type of organisation"]


def test_only_admins_change_settings(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/officer/settings", expected_status=403)
    pages.post("/officer/settings", VALID_SETTINGS, expected_status=403)
    assert get_settings() is None
