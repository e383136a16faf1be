"""The year's compliance report: its figures on factory data, worked out again here from what
the test made; the service and financial-year filters; the checks across the year run as a
job and their results; the gaps; who may read it; and no query per activity."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import ActivityFormat, AuditEvent, Way
from involve.services.compliance_period import current_financial_year, year_label
from involve.templating import UK
from tests.factories import PartnerFactory, ServiceFactory
from tests.factories_activities import StrategyItemFactory
from tests.factories_compliance import IN_2025, closed_consultation, decision, event
from tests.pages import heading, statements_for

URL = "/officer/reports/compliance"


def _rows(page, table_id: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    table = page.select_one(f"#{table_id}")
    assert table is not None, f"no table {table_id}"
    return {
        row.select_one("th").get_text(" ", strip=True): [
            cell.get_text(" ", strip=True) for cell in row.select("td")
        ]
        for row in table.select("tbody tr")
        if row.select_one("th")
    }


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        row.select_one("td a").get_text(strip=True)
        for row in page.select("#activities-table tbody tr")
        if row.select_one("td a")
    ]


@pytest.fixture
def year():  # type: ignore[no-untyped-def]
    """Parking's financial year 2025 (April 2025 to March 2026), with one of everything."""
    parking, libraries = ServiceFactory(name="Parking"), ServiceFactory(name="Libraries")
    short = closed_consultation(
        title="Car park resurfacing", days_open=10, service=parking, respondents=3
    )
    full = closed_consultation(
        title="Parking charges",
        opens_at=IN_2025 + timedelta(days=30),
        service=parking,
        respondents=4,
    )
    decision(full, published_after_days=30)
    drop_in = event(
        title="Market drop-in", service=parking, attendance=23, audiences=["businesses"]
    )
    decision(drop_in, published_after_days=100)
    leaflet = event(
        title="Leaflet drop",
        service=parking,
        way=Way.INFORM,
        format=ActivityFormat.INFORMATION_CAMPAIGN,
        plan=False,
    )
    last_day = event(
        title="Last day of March",
        service=parking,
        starts_at=datetime(2026, 3, 31, 23, 30, tzinfo=UK),
        opportunity_types=["design"],
    )
    event(title="First of April", service=parking, starts_at=datetime(2026, 4, 1, 0, 30, tzinfo=UK))
    event(title="Planned drop-in", service=parking, published_at=None)
    event(title="Library drop-in", service=libraries, attendance=5)
    made = [short, full, drop_in, leaflet, last_day]
    return parking, made


def test_the_years_figures_match_the_activities_behind_them(pages, sign_in_as, year):
    sign_in_as("auditor")
    parking, made = year
    page = pages.get(f"{URL}?year=2025&service={parking.id}")
    assert heading(page) == "Compliance report"
    assert "Parking, April 2025 to March 2026" in page.select_one(".govuk-caption-l").get_text()
    assert sorted(_titles(page)) == sorted(activity.title for activity in made)
    assert (
        "5 published (1 more planned, not published)"
        in page.select_one("#glance-activities").get_text()
    )
    ways = Counter(activity.way.label for activity in made)
    for label, cells in _rows(page, "ways").items():
        assert int(cells[0]) == ways.get(label, 0), label
    kinds = Counter(kind for activity in made for kind in activity.opportunity_types)
    opportunity_rows = _rows(page, "opportunities")
    assert int(opportunity_rows["Design policies and services"][0]) == kinds["design"]
    assert (
        int(opportunity_rows["Give feedback on decisions, services, policies and outcomes"][0])
        == kinds["give_feedback"]
    )
    # People counted by category: respondents (who live in the area) and attendance by group.
    audiences = _rows(page, "audiences")
    assert audiences["Residents"][1] == str(3 + 4 + 23)
    assert audiences["Businesses"][0] == "1"  # the drop-in was aimed at businesses ...
    # ... and nobody counted was one, so it is a gap.
    assert "Businesses" in page.select_one("#gap-never-reached").get_text()
    timing = _rows(page, "timing")
    assert (
        timing["Published on time"][0] == "1"
        and "Parking charges" in timing["Published on time"][1]
    )
    assert timing["Published late"][0] == "1" and "Market drop-in" in timing["Published late"][1]
    assert timing["Overdue"][0] == "2"  # the short consultation and the last day of March
    assert timing["Not needed"][0] == "1"  # the leaflets asked for no views
    assert page.select_one("#glance-decisions").get_text(strip=True) == "2"
    assert "Leaflet drop" in page.select_one("#gap-no-plan").get_text()
    assert (
        "Co-produce or deliver part of a service" in page.select_one("#gap-not-offered").get_text()
    )


def test_the_whole_council_and_the_next_year(pages, sign_in_as, year):
    sign_in_as("auditor")
    page = pages.get(f"{URL}?year=2025")
    assert "Library drop-in" in _titles(page) and "First of April" not in _titles(page)
    assert (
        "The whole council, April 2025 to March 2026"
        in page.select_one(".govuk-caption-l").get_text()
    )
    next_year = pages.get(f"{URL}?year=2026")
    assert _titles(next_year) == ["First of April"]


@pytest.mark.parametrize(
    ("query", "year"),
    [
        ("year=abc", None),
        ("year=99999", None),
        ("service=999999", None),
        ("service=%00", None),
        ("year=2025&service=-1", 2025),
        ("year=2025&service=abc", 2025),
    ],
)
def test_bad_filters_fall_back_to_defaults(pages, sign_in_as, query, year):
    """A bad year is the current financial year; a bad or unknown service, the whole council."""
    ServiceFactory(name="Parking")
    sign_in_as("auditor")
    page = pages.get(f"{URL}?{query}")
    expected = year if year is not None else current_financial_year()
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == (
        f"The whole council, {year_label(expected)}"
    )
    assert page.select_one("#year option[selected]")["value"] == str(expected)
    assert page.select_one("#service option[selected]")["value"] == ""
    assert f"?year={expected}&service=" in page.select_one("#downloads a")["href"]


def test_the_checks_run_as_a_job_and_show_the_gunning_3_failure(pages, sign_in_as, year):
    officer = sign_in_as("auditor")
    parking, _ = year
    url = f"{URL}?year=2025&service={parking.id}"
    page = pages.get(url)
    assert "have not been worked out" in page.select_one("#checks-status").get_text()
    pages.post(f"{URL}/checks", {"year": "2025", "service": str(parking.id)}, expected_status=302)
    job_url = pages.last_response.headers["Location"]
    assert job_url.startswith("/officer/jobs/")
    job_page = pages.get(job_url)
    assert job_page.find("a", href=url)  # the way back to the report it was run from
    event_row = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "compliance.checks_started")
    ).one()
    assert event_row.officer_id == officer.id
    page = pages.get(url)
    assert "last worked out at" in page.select_one("#checks-status").get_text()
    failing = page.select_one("#check-gunning-3-length")
    assert "Car park resurfacing" in failing.get_text() and "Open for 10 days" in failing.get_text()
    link = failing.find("a", string="Car park resurfacing")
    evidence = pages.get(link["href"].split("#")[0])
    claim = evidence.select_one(f"#{link['href'].split('#')[1]}")
    assert claim.select_one(".govuk-tag").get_text(strip=True) == "Fail"
    assert "Silus" in claim.get_text()
    assert "Car park resurfacing" in page.select_one("#gap-failing").get_text()


def test_an_activity_changed_after_the_checks_is_named(pages, sign_in_as, year):
    sign_in_as("auditor")
    parking, made = year
    pages.post(f"{URL}/checks", {"year": "2025"}, expected_status=302)
    made[0].title = "Car park resurfacing (revised)"
    made[0].updated_at = datetime.now(UK) + timedelta(minutes=1)
    db.session.flush()
    page = pages.get(f"{URL}?year=2025&service={parking.id}")
    assert "Car park resurfacing (revised)" in page.select_one("#checks-status").get_text()
    # Its last results stay in the figures, marked as changed since (tests in
    # test_compliance_year_changed.py).
    failing = page.select_one("#check-gunning-3-length").get_text(" ", strip=True)
    assert "Car park resurfacing (revised) (changed since the checks last ran on" in failing


def test_running_the_checks_needs_a_valid_form(pages, sign_in_as):
    sign_in_as("auditor")
    pages.post(f"{URL}/checks", {"year": "2025"}, csrf=False, expected_status=400)
    pages.post(f"{URL}/checks", {"year": "not a year"}, expected_status=400)


def test_csv_and_xlsx_have_a_row_per_activity_and_are_formula_safe(pages, sign_in_as, year):
    import csv
    import io

    from openpyxl import load_workbook

    sign_in_as("auditor")
    parking, made = year
    made[1].title = '=HYPERLINK("http://evil.example")'
    db.session.flush()
    pages.get(f"{URL}.csv?year=2025&service={parking.id}")
    response = pages.last_response
    assert response.mimetype == "text/csv"
    assert 'filename="parking-2025-2026-compliance-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == len(made)
    by_title = {row["activity"]: row for row in rows}
    assert '\'=HYPERLINK("http://evil.example")' in by_title
    drop_in = by_title["Market drop-in"]
    assert drop_in["outcome_on_time"] == "Published late" and drop_in["people_taking_part"] == "23"
    assert (
        drop_in["compliance_report"]
        == f"http://localhost/officer/activities/{made[2].id}/compliance"
    )
    pages.get(f"{URL}.xlsx?year=2025&service={parking.id}")
    sheet = load_workbook(io.BytesIO(pages.last_response.get_data())).active
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert len(titles) == len(made)
    formula = next(row[0] for row in sheet.iter_rows(min_row=2) if row[0].value.startswith("="))
    assert formula.data_type == "s" and formula.quotePrefix


def test_who_may_read_it_and_the_navigation(pages, sign_in_as):
    pages.get(URL, expected_status=302)
    sign_in_as("analyst")
    page = pages.get("/officer/")
    nav = page.select_one(".govuk-service-navigation")
    assert nav.find("a", href=URL).get_text(strip=True) == "Reports"
    pages.get(URL)


def _activities(number: int, service) -> None:  # type: ignore[no-untyped-def]
    partner, item = PartnerFactory(), StrategyItemFactory()
    for index in range(number):
        surveyed = closed_consultation(
            title=f"Consultation {index}",
            service=service,
            respondents=2,
            opens_at=IN_2025 + timedelta(days=index),
        )
        surveyed.strategy_items.append(item)
        decision(surveyed, published_after_days=10 + index * 10)
        drop_in = event(title=f"Event {index}", service=service, attendance=5 + index)
        drop_in.partners.append(partner)
    db.session.flush()


def test_no_query_per_activity(pages, sign_in_as):
    sign_in_as("auditor")
    few, many = ServiceFactory(name="Few"), ServiceFactory(name="Many")
    _activities(1, few)
    _activities(6, many)
    pages.post(f"{URL}/checks", {"year": "2025"}, expected_status=302)
    assert statements_for(pages, f"{URL}?year=2025&service={few.id}") == statements_for(
        pages, f"{URL}?year=2025&service={many.id}"
    )
    page = pages.get(f"{URL}?year=2025&service={many.id}")
    assert len(_titles(page)) == 12 and page.select_one("#check-gunning-3-length") is None
