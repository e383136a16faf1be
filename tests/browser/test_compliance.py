"""The compliance reports in Chromium, on the demo data, as an auditor new to the service would
use them: open Reports, choose Parking and transport and this financial year, find the
10-day car park consultation failing Gunning 3 with its reason, follow it to the activity's
report and on to the evidence; follow a late "You said, we did" the same way; download the
PDF. The same year is chosen without JavaScript. axe checks every page."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from involve.models.base import utc_now
from involve.services.compliance_period import financial_year_of
from tests.browser.conftest import DEMO_PASSWORD, assert_accessible, screenshot

SERVICE = "Parking and transport"
CAR_PARK = "Church Street car park resurfacing"


def _demo_year() -> str:
    """The financial year the demo car park consultation opened in (30 days before seeding)."""
    return str(financial_year_of(utc_now() - timedelta(days=30)))


def _sign_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "auditor@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Reports")).to_be_visible()


def _choose_year(page) -> None:  # type: ignore[no-untyped-def]
    page.select_option("#year", _demo_year())
    page.select_option("#service", label=SERVICE)
    page.get_by_role("button", name="Show report").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text(SERVICE)


def test_an_auditor_follows_the_gunning_3_failure_to_its_evidence(live_server, page):
    _sign_in(page, live_server)
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliance report")
    assert_accessible(page, "the year's compliance report")
    _choose_year(page)
    assert_accessible(page, "the year's compliance report for a service")
    failing = page.locator("#check-gunning-3-length")
    expect(failing).to_contain_text(CAR_PARK)
    expect(failing).to_contain_text("Open for 10 days")
    screenshot(page, "compliance-year")

    failing.get_by_role("link", name=CAR_PARK).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliance report")
    claim = page.locator("#claim-gunning-3-length")
    expect(claim.locator(".govuk-tag")).to_have_text("Fail")
    expect(claim).to_contain_text("Silus")
    assert_accessible(page, "an activity's compliance report")
    screenshot(page, "compliance-activity")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    claim.get_by_role("link", name="Consultation details for Gunning 3: time to respond").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CAR_PARK)
    assert_accessible(page, "the evidence: the consultation's details")


def test_a_late_outcome_is_followed_to_its_dates(live_server, page):
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/reports/compliance")
    _choose_year(page)
    late = page.locator("#timing-late")
    expect(late).to_contain_text("Blue badge holders' focus group on parking")
    late.get_by_role("link", name="Blue badge holders' focus group on parking").click()
    timing = page.locator("#claim-outcome-timing")
    expect(timing).to_contain_text("Published late")
    expect(timing.locator(".govuk-tag")).to_have_text("Fail")


def test_the_year_is_chosen_without_javascript(live_server, page_without_javascript):
    page = page_without_javascript
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/reports/compliance")
    _choose_year(page)
    expect(page.locator("#check-gunning-3-length")).to_contain_text(CAR_PARK)
