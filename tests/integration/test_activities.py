"""Officers record every kind of involvement activity with every field; other roles only read."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Activity,
    ActivityFormat,
    AuditEvent,
    CommissioningStage,
    StrategyKind,
    Way,
)
from tests.factories import PartnerFactory, ServiceFactory
from tests.factories_activities import ActivityFactory, StrategyItemFactory
from tests.pages import error_summary, field_error, heading

NEW = "/officer/activities/new"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Play area design workshop",
        "summary": "Help design the new play area.",
        "way": "involve",
        "opportunity_types": ["design", "influence_decisions"],
        "format": "co_design_session",
        "service_id": "",
        "starts_on": ["14", "7", "2026"],
        "starts_time": "6pm",
        "ends_on": ["", "", ""],
        "ends_time": "8:30pm",
        "venue_name": "Stratford Park Leisure Centre",
        "venue_address": "Stratford Road\nStroud GL5 4AF",
        "access_information": "Step-free access and a hearing loop.",
        "how_to_take_part": "Just turn up.",
        "audiences": ["residents", "children_and_young_people"],
        "age_groups": ["under_16", "16_17"],
        "named_communities": "Families on the Summer Street estate",
        "estimated_cost_pounds": "£1,200",
        "actual_cost_pounds": "",
        "estimated_staff_hours": "16",
        "actual_staff_hours": "",
        "commissioning_stage": "plan",
        "outcome_summary": "",
    }
    data.update(overrides)
    return data


def _rows(page) -> dict[str, str]:
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in page.select("#activity-details .govuk-summary-list__row")
    }


def test_officer_creates_an_activity_and_every_field_is_stored(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    service = ServiceFactory(name="Parks")
    police, nhs = PartnerFactory(name="Gloucestershire Police"), PartnerFactory(name="NHS")
    scs = StrategyItemFactory(kind=StrategyKind.SCS_PRIORITY, title="Healthy lives")
    laa = StrategyItemFactory(kind=StrategyKind.LAA_TARGET, title="Obesity in children")
    jsna = StrategyItemFactory(kind=StrategyKind.JSNA_THEME, title="Child health")
    db.session.commit()
    assert heading(pages.get(NEW)) == "Create an activity"
    pages.post(
        NEW,
        _form(
            service_id=str(service.id),
            partner_ids=[str(police.id), str(nhs.id)],
            scs_priorities=[str(scs.id)],
            laa_targets=[str(laa.id)],
            jsna_themes=[str(jsna.id)],
        ),
        expected_status=302,
    )
    activity = db.session.scalars(select(Activity)).one()
    assert activity.slug == "play-area-design-workshop"
    assert activity.way == Way.INVOLVE
    assert activity.opportunity_types == ["design", "influence_decisions"]
    assert activity.format == ActivityFormat.CO_DESIGN_SESSION
    assert activity.service_id == service.id
    # 6pm on 14 July is BST: 17:00 UTC; the end time alone means the same day.
    assert activity.starts_at == datetime(2026, 7, 14, 17, 0, tzinfo=UTC)
    assert activity.ends_at == datetime(2026, 7, 14, 19, 30, tzinfo=UTC)
    assert activity.venue_name == "Stratford Park Leisure Centre"
    assert activity.venue_address == "Stratford Road\nStroud GL5 4AF"
    assert activity.access_information == "Step-free access and a hearing loop."
    assert activity.how_to_take_part == "Just turn up."
    assert activity.audiences == ["residents", "children_and_young_people"]
    assert activity.age_groups == ["under_16", "16_17"]
    assert activity.named_communities == "Families on the Summer Street estate"
    assert {partner.name for partner in activity.partners} == {"Gloucestershire Police", "NHS"}
    assert activity.estimated_cost_pounds == 1200
    assert activity.actual_cost_pounds is None
    assert activity.estimated_staff_hours == 16
    assert activity.commissioning_stage == CommissioningStage.PLAN
    assert {item.title for item in activity.strategy_items} == {
        "Healthy lives",
        "Obesity in children",
        "Child health",
    }
    assert activity.published_at is None
    assert activity.created_by_id == officer.id
    assert "activity.created" in db.session.scalars(select(AuditEvent.action)).all()

    page = pages.get(f"/officer/activities/{activity.id}")
    assert heading(page) == "Play area design workshop"
    rows = _rows(page)
    assert rows["Way"] == "Involving in another way"
    assert rows["Format"] == "Co-design session"
    assert rows["Service"] == "Parks"
    assert rows["Starts"] == "6pm on 14 July 2026"
    assert rows["Ends"] == "8:30pm on 14 July 2026"
    assert rows["Age groups"] == "Under 16 (children and young people), 16 to 17 (young people)"
    assert rows["Estimated cost"] == "£1,200"
    assert rows["Estimated staff time"] == "16 hours"
    assert rows["Commissioning stage"] == "Plan"
    assert rows["Local Area Agreement targets"] == "Obesity in children"


def test_creating_an_activity_needs_title_way_opportunity_and_format(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(NEW, {})
    assert error_summary(page) == [
        "Enter a title",
        "Select which way of involving people it is",
        "Select at least one opportunity it gives people",
        "Select the format",
    ]
    assert page.find("title").get_text().startswith("Error: ")
    assert db.session.scalar(select(Activity)) is None


def test_each_bad_detail_gets_its_own_message(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(
        NEW,
        _form(
            way="sideways",
            starts_on=["31", "2", "2026"],
            ends_time="teatime",
            estimated_cost_pounds="about 200",
            actual_staff_hours="-3",
            commissioning_stage="later",
            partner_ids=["999"],
        ),
    )
    assert field_error(page, "way") == "Select which way of involving people it is"
    assert field_error(page, "starts_on") == "The start date must be a real date"
    assert (
        field_error(page, "ends_time")
        == "Enter the end time in the correct format, like 6pm or 18:00"
    )
    assert (
        field_error(page, "estimated_cost_pounds")
        == "Estimated cost in pounds must be a whole number, like 250"
    )
    assert (
        field_error(page, "actual_staff_hours")
        == "Actual staff time in hours must be a whole number, like 12"
    )
    assert field_error(page, "commissioning_stage") == "Select the commissioning stage"
    assert field_error(page, "partner_ids") == "Select partner organisations from the list"
    assert db.session.scalar(select(Activity)) is None


def test_an_event_needs_a_start_date_and_must_end_after_it_starts(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(NEW, _form(starts_on=["", "", ""], starts_time=""))
    assert field_error(page, "starts_on") == "Enter the start date of the event"
    page = pages.post(NEW, _form(ends_time="5pm"))
    assert field_error(page, "ends_time") == "The end must be after the start"
    # An information campaign is not an event: no date needed.
    pages.post(
        NEW,
        _form(
            format="information_campaign",
            way="inform",
            starts_on=["", "", ""],
            starts_time="",
            ends_time="",
        ),
        expected_status=302,
    )
    assert db.session.scalars(select(Activity)).one().starts_at is None


def test_officer_changes_an_activity_and_the_form_shows_what_is_stored(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityFactory(
        title="Old title",
        starts_at=datetime(2026, 1, 20, 18, 0, tzinfo=UTC),
        ends_at=datetime(2026, 1, 20, 20, 0, tzinfo=UTC),
        estimated_cost_pounds=300,
    )
    db.session.commit()
    url = f"/officer/activities/{activity.id}/details"
    page = pages.get(url)
    assert heading(page) == "Change the details"
    assert page.select_one("#title")["value"] == "Old title"
    assert page.select_one("#starts_time")["value"] == "18:00"
    assert page.select_one("#ends_time")["value"] == "20:00"
    assert page.select_one("#estimated_cost_pounds")["value"] == "300"
    assert page.select_one("input[name=way][value=involve]").has_attr("checked")
    pages.post(url, _form(title="New title", outcome_summary="We built it."), expected_status=302)
    db.session.refresh(activity)
    assert activity.title == "New title"
    assert activity.outcome_summary == "We built it."
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "activity.updated")
    ).one()
    assert "title" in event.detail["fields"]


def test_the_list_shows_each_activity_with_its_way_format_and_status(pages, sign_in_as):
    sign_in_as("auditor")
    ActivityFactory(title="Drop-in at the library", format=ActivityFormat.DROP_IN)
    ActivityFactory(title="Draft panel", published_at=None, format=ActivityFormat.CITIZENS_PANEL)
    db.session.commit()
    page = pages.get("/officer/activities")
    assert heading(page) == "Involvement activities"
    cells = {
        row.select("td")[0].get_text(strip=True): [
            cell.get_text(strip=True) for cell in row.select("td")[1:]
        ]
        for row in page.select("#activities tbody tr")
    }
    assert cells["Drop-in at the library"][1] == "Drop-in session"
    assert cells["Drop-in at the library"][4] == "Published"
    assert cells["Draft panel"][1] == "Citizens' panel or jury"
    assert cells["Draft panel"][4] == "Draft"
    assert page.find("a", string="Create an activity") is None


def test_analyst_and_auditor_can_read_but_not_change(pages, sign_in_as):
    activity = ActivityFactory(published_at=None)
    db.session.commit()
    for role in ("analyst", "auditor"):
        sign_in_as(role)
        pages.get(f"/officer/activities/{activity.id}")
        pages.get(NEW, expected_status=403)
        pages.post(NEW, _form(), expected_status=403)
        pages.post(f"/officer/activities/{activity.id}/details", _form(), expected_status=403)
        pages.post(f"/officer/activities/{activity.id}/publish", expected_status=403)
        pages.post(f"/officer/activities/{activity.id}/unpublish", expected_status=403)
    db.session.refresh(activity)
    assert activity.published_at is None
    assert db.session.scalars(select(Activity)).all() == [activity]


def test_the_overview_links_to_the_consultation_builder_for_a_consultation(pages, sign_in_as):
    sign_in_as("engagement_officer")
    pages.post(
        "/officer/consultations/new",
        {"title": "Bins", "area": "whole"},
        expected_status=302,
    )
    activity = db.session.scalars(select(Activity)).one()
    page = pages.get(f"/officer/activities/{activity.id}")
    link = page.find("a", string="Consultation builder")
    assert link["href"] == f"/officer/consultations/{activity.consultation_id}"
    assert page.find("a", string="Change") is None  # changed from the builder instead


def test_the_overview_links_to_the_plan_and_the_event_screens(app, pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityFactory()
    db.session.commit()
    links = {
        link.get_text(strip=True): link["href"]
        for link in pages.get(f"/officer/activities/{activity.id}").select("#activity-links a")
    }
    if "officer.activity_plan" in app.view_functions:
        assert links["Plan"] == f"/officer/activities/{activity.id}/plan"
    if "officer.activity_event" in app.view_functions:
        assert "Event: attendance and points raised" in links
    assert links["Public page"] == f"/activities/{activity.slug}"
