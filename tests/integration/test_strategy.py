"""Officers maintain the SCS priorities, LAA targets (with lead partners) and JSNA themes."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, StrategyItem, StrategyKind
from tests.factories import PartnerFactory
from tests.factories_activities import StrategyItemFactory
from tests.pages import error_summary, field_error, heading

NEW = "/officer/strategy/new"


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_list_groups_items_by_kind(pages, sign_in_as):
    sign_in_as("auditor")
    police = PartnerFactory(name="Gloucestershire Police")
    StrategyItemFactory(kind=StrategyKind.SCS_PRIORITY, title="Safer communities")
    StrategyItemFactory(kind=StrategyKind.LAA_TARGET, title="Fewer burglaries", lead_partner=police)
    StrategyItemFactory(kind=StrategyKind.JSNA_THEME, title="Older people", is_active=False)
    db.session.commit()
    page = pages.get("/officer/strategy")
    assert heading(page) == "Strategy priorities, targets and themes"
    tables = page.select("table")
    cells = [
        [cell.get_text(" ", strip=True) for cell in table.select("tbody td")] for table in tables
    ]
    assert cells[0][1:3] == ["Safer communities", "Active"]
    assert cells[1][1:4] == ["Fewer burglaries", "Gloucestershire Police", "Active"]
    assert cells[2][1:3] == ["Older people", "Inactive"]
    assert page.find("a", string="Add a priority, target or theme") is None


def test_officer_adds_an_laa_target_with_its_lead_partner(pages, sign_in_as):
    sign_in_as("engagement_officer")
    police = PartnerFactory(name="Gloucestershire Police")
    db.session.commit()
    assert heading(pages.get(NEW)) == "Add a priority, target or theme"
    pages.post(
        NEW,
        {
            "kind": "laa_target",
            "title": "Fewer burglaries",
            "reference_code": "NI 16",
            "lead_partner_id": str(police.id),
        },
        expected_status=302,
    )
    item = db.session.scalars(select(StrategyItem)).one()
    assert (item.kind, item.title, item.reference_code, item.lead_partner_id, item.is_active) == (
        StrategyKind.LAA_TARGET,
        "Fewer burglaries",
        "NI 16",
        police.id,
        True,
    )
    assert _actions() == ["strategy_item.created"]


def test_adding_needs_a_kind_and_title(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(NEW, {"lead_partner_id": "999"})
    assert error_summary(page) == [
        "Select which list it is on",
        "Enter a title",
        "Select a lead partner from the list",
    ]
    assert field_error(page, "title") == "Enter a title"
    assert db.session.scalar(select(StrategyItem)) is None


def test_only_laa_targets_keep_a_lead_partner(pages, sign_in_as):
    sign_in_as("engagement_officer")
    partner = PartnerFactory()
    item = StrategyItemFactory(kind=StrategyKind.LAA_TARGET, lead_partner=partner)
    db.session.commit()
    page = pages.get(f"/officer/strategy/{item.id}")
    assert page.select_one("#title")["value"] == item.title
    pages.post(
        f"/officer/strategy/{item.id}",
        {"kind": "jsna_theme", "title": "Mental health", "lead_partner_id": str(partner.id)},
        expected_status=302,
    )
    db.session.refresh(item)
    assert (item.kind, item.title, item.lead_partner_id) == (
        StrategyKind.JSNA_THEME,
        "Mental health",
        None,
    )
    assert _actions() == ["strategy_item.updated"]


def test_deactivated_items_are_no_longer_offered_for_new_activities(pages, sign_in_as):
    sign_in_as("engagement_officer")
    item = StrategyItemFactory(title="Old priority")
    db.session.commit()
    box = f"input[name=scs_priorities][value='{item.id}']"
    assert pages.get("/officer/activities/new").select_one(box) is not None
    pages.post(f"/officer/strategy/{item.id}/deactivate", expected_status=302)
    db.session.refresh(item)
    assert item.is_active is False
    assert pages.get("/officer/activities/new").select_one(box) is None
    pages.post(f"/officer/strategy/{item.id}/reactivate", expected_status=302)
    db.session.refresh(item)
    assert item.is_active is True
    assert _actions() == ["strategy_item.deactivated", "strategy_item.reactivated"]


def test_analyst_and_auditor_cannot_change_the_lists(pages, sign_in_as):
    item = StrategyItemFactory()
    db.session.commit()
    for role in ("analyst", "auditor"):
        sign_in_as(role)
        pages.get("/officer/strategy")
        pages.post(NEW, {"kind": "scs_priority", "title": "X"}, expected_status=403)
        pages.post(
            f"/officer/strategy/{item.id}",
            {"kind": "scs_priority", "title": "X"},
            expected_status=403,
        )
        pages.post(f"/officer/strategy/{item.id}/deactivate", expected_status=403)
    db.session.refresh(item)
    assert item.is_active is True
    assert item.title != "X"
