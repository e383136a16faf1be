"""The year view: a timeline of activities with filters, and each service's involvement plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from involve.extensions import db
from involve.models import (
    ActivityFormat,
    AttendanceCount,
    AttendanceDimension,
    OpportunityType,
    Way,
)
from tests.factories import ConsultationFactory, PartnerFactory, ResponseFactory, ServiceFactory
from tests.factories_activities import ActivityFactory
from tests.pages import heading


def _at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=UTC)


@pytest.fixture
def year(db_session):  # type: ignore[no-untyped-def]
    """A fixed set: two services, a partner, activities in 2026, one in 2025 and one undated."""
    libraries = ServiceFactory(name="Libraries")
    waste = ServiceFactory(name="Waste")
    partner = PartnerFactory(name="Voluntary Alliance")
    workshop = ActivityFactory(
        title="Library design workshop",
        service=libraries,
        way=Way.INVOLVE,
        format=ActivityFormat.WORKSHOP,
        opportunity_types=[OpportunityType.DESIGN.value],
        starts_at=_at(3, 10),
        partners=[partner],
    )
    db.session.add_all(
        [
            AttendanceCount(
                activity=workshop,
                dimension=AttendanceDimension.CATEGORY,
                group_value="residents",
                count=20,
            ),
            AttendanceCount(
                activity=workshop,
                dimension=AttendanceDimension.AGE_BAND,
                group_value="65_74",
                count=23,
            ),
        ]
    )
    ActivityFactory(
        title="Library drop-in",
        service=libraries,
        way=Way.CONSULT,
        format=ActivityFormat.DROP_IN,
        opportunity_types=[OpportunityType.GIVE_FEEDBACK.value],
        starts_at=_at(5, 2),
    )
    ActivityFactory(
        title="Waste citizens' panel",
        service=waste,
        way=Way.INVOLVE,
        format=ActivityFormat.CITIZENS_PANEL,
        opportunity_types=[
            OpportunityType.INFLUENCE_DECISIONS.value,
            OpportunityType.GIVE_FEEDBACK.value,
        ],
        starts_at=_at(5, 20),
        published_at=None,
    )
    ActivityFactory(
        title="Waste leaflet campaign",
        service=waste,
        way=Way.INFORM,
        format=ActivityFormat.INFORMATION_CAMPAIGN,
        opportunity_types=[],
        starts_at=_at(12, 1, 2025),
    )
    ActivityFactory(
        title="Library focus group",
        service=libraries,
        way=Way.CONSULT,
        format=ActivityFormat.FOCUS_GROUP,
        opportunity_types=[OpportunityType.GIVE_FEEDBACK.value],
        starts_at=None,
    )
    consultation = ConsultationFactory(title="Opening hours survey", opens_at=_at(7, 1))
    ResponseFactory(consultation=consultation)
    ResponseFactory(consultation=consultation)
    ActivityFactory(
        title="Opening hours survey",
        service=libraries,
        way=Way.CONSULT,
        format=ActivityFormat.ONLINE_CONSULTATION,
        opportunity_types=[OpportunityType.GIVE_FEEDBACK.value],
        starts_at=None,
        consultation=consultation,
    )
    db.session.commit()
    return {"libraries": libraries, "waste": waste, "partner": partner}


def _titles(page, table_id: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    tables = [page.find(id=table_id)] if table_id else page.select("table.involve-timeline")
    return [
        row.find("a").get_text(strip=True)
        for table in tables
        if table is not None
        for row in table.find("tbody").find_all("tr")
    ]


def test_the_timeline_groups_the_years_activities_by_month_with_totals(pages, sign_in_as, year):
    sign_in_as("auditor")
    page = pages.get("/officer/activities/timeline?year=2026")
    assert heading(page) == "Activities in 2026"
    months = [h2.get_text(strip=True) for h2 in page.find_all("h2", class_="govuk-heading-l")]
    assert months == ["March 2026", "May 2026", "July 2026", "Not dated yet"]
    assert _titles(page) == [
        "Library design workshop",
        "Library drop-in",
        "Waste citizens' panel",
        "Opening hours survey",
        "Library focus group",
    ]
    assert _titles(page, "undated") == ["Library focus group"]
    rows = {
        row.find("a").get_text(strip=True): [td.get_text(" ", strip=True) for td in row("td")]
        for row in page.select("table.involve-timeline tbody tr")
    }
    workshop = rows["Library design workshop"]
    assert workshop[1] == "10 March 2026"
    assert "Design policies and services" in workshop[2]
    assert workshop[3] == "Libraries With Voluntary Alliance"
    assert workshop[4] == "23 attended"
    assert workshop[5] == "Published"
    assert rows["Opening hours survey"][4] == "2 responses"
    assert rows["Waste citizens' panel"][5] == "Draft"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service={waste}", ["Waste citizens' panel"]),
        ("way=consult", ["Library drop-in", "Opening hours survey", "Library focus group"]),
        (
            "opportunity=give_feedback",
            [
                "Library drop-in",
                "Waste citizens' panel",
                "Opening hours survey",
                "Library focus group",
            ],
        ),
        ("format=workshop", ["Library design workshop"]),
        ("partner={partner}", ["Library design workshop"]),
        ("way=involve&service={libraries}", ["Library design workshop"]),
        ("way=not-a-way&service=abc&partner=-1", None),  # nonsense is ignored, not an error
    ],
)
def test_each_timeline_filter_narrows_the_list(pages, sign_in_as, year, query, expected):
    sign_in_as("analyst")
    ids = {name: item.id for name, item in year.items()}
    page = pages.get(f"/officer/activities/timeline?year=2026&{query.format(**ids)}")
    if expected is None:
        expected = _titles(pages.get("/officer/activities/timeline?year=2026"))
    assert _titles(page) == expected


def test_the_timeline_shows_other_years_and_keeps_the_chosen_filters(pages, sign_in_as, year):
    sign_in_as("analyst")
    page = pages.get(f"/officer/activities/timeline?year=2025&service={year['waste'].id}")
    assert _titles(page) == ["Waste leaflet campaign"]
    chosen = page.find("select", id="service").find("option", selected=True)
    assert chosen.get_text(strip=True) == "Waste"
    assert page.find("select", id="year").find("option", selected=True)["value"] == "2025"


def _plan_rows(page, table_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        row.find("th").get_text(strip=True): row.find("td").get_text(" ", strip=True)
        for row in page.find(id=table_id).find("tbody").find_all("tr")
    }


def test_the_involvement_plan_shows_exactly_the_types_not_offered(pages, sign_in_as, year):
    sign_in_as("auditor")
    page = pages.get(f"/officer/services/{year['libraries'].id}/involvement-plan?year=2026")
    assert heading(page) == "Involvement plan for 2026"
    rows = _plan_rows(page, "opportunities")
    not_offered = {label for label, text in rows.items() if text.startswith("Not offered")}
    assert not_offered == {
        OpportunityType.INFLUENCE_DECISIONS.label,
        OpportunityType.CO_PRODUCE.label,
        OpportunityType.ASSESS_SERVICES.label,
    }
    assert rows[OpportunityType.DESIGN.label].startswith("Offered")
    assert "Library design workshop" in rows[OpportunityType.DESIGN.label]
    feedback = rows[OpportunityType.GIVE_FEEDBACK.label]
    assert "Library drop-in" in feedback and "Opening hours survey" in feedback
    assert "Co-production group" in rows[OpportunityType.CO_PRODUCE.label]
    assert "Service user panel" in rows[OpportunityType.ASSESS_SERVICES.label]
    assert "Citizens' panel or jury" in rows[OpportunityType.INFLUENCE_DECISIONS.label]
    assert "2 of 5" in page.find(id="covered").get_text(" ", strip=True)
    ways = _plan_rows(page, "ways")
    assert ways["Providing information"].startswith("Not offered")
    assert ways["Consulting"].startswith("Offered")
    assert ways["Involving in another way"].startswith("Offered")


def test_a_draft_counts_as_planned_not_offered(pages, sign_in_as, year):
    sign_in_as("auditor")
    page = pages.get(f"/officer/services/{year['waste'].id}/involvement-plan?year=2026")
    rows = _plan_rows(page, "opportunities")
    influence = rows[OpportunityType.INFLUENCE_DECISIONS.label]
    assert influence.startswith("Not offered this year")
    assert "Planned, not yet published: Waste citizens' panel" in influence
    assert all(text.startswith("Not offered") for text in rows.values())


def test_the_plans_index_counts_types_covered_per_service(pages, sign_in_as, year):
    sign_in_as("auditor")
    page = pages.get("/officer/services/involvement-plans?year=2026")
    assert heading(page) == "Involvement plans for 2026"
    cells = {
        row("td")[0].get_text(strip=True): row("td")[1].get_text(strip=True)
        for row in page.find(id="plans").find("tbody").find_all("tr")
    }
    assert cells == {"Libraries": "2 of 5", "Waste": "0 of 5"}


def test_an_unknown_service_plan_is_not_found(pages, sign_in_as):
    sign_in_as("auditor")
    pages.get("/officer/services/999999/involvement-plan", expected_status=404)
