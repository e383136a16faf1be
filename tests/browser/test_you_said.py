"""Issue 8's "We asked, you said, we did" in Chromium, on the demo data: an engagement officer
records the decision on the closed Church Street car park consultation (told first that the date
cannot be before the close, then that publishing needs how the responses were considered),
publishes it with the outcome, and the public page shows it. A resident reads the demo parking
plan's page from its consultation page, without JavaScript too. axe checks every page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ERROR_TITLE,
    assert_accessible,
    demo_server,
    screenshot,
)

CAR_PARK = "Church Street car park resurfacing"
PARKING_SLUG = "town-centre-parking-plan"


@pytest.fixture(scope="module")
def you_said_server() -> Iterator[str]:
    """Its own server: this test publishes a decision and an outcome, which other browser tests
    must not see."""
    with demo_server("involve-you-said-") as (base_url, _):
        yield base_url


def _sign_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _fill_date(page, day) -> None:  # type: ignore[no-untyped-def]
    page.fill("#decided_on-day", str(day.day))
    page.fill("#decided_on-month", str(day.month))
    page.fill("#decided_on-year", str(day.year))


def test_an_officer_records_and_publishes_a_decision_and_the_public_page_shows_it(
    page, you_said_server
):
    from involve.models.base import utc_now
    from involve.templating import UK

    base_url = you_said_server
    _sign_in(page, base_url)
    page.get_by_role("link", name="Activities", exact=True).first.click()
    page.get_by_role("link", name=CAR_PARK).first.click()
    page.get_by_role("link", name="Decision and \u201cYou said, we did\u201d").click()
    assert page.locator("h1").inner_text() == "Decision and \u201cYou said, we did\u201d"
    assert_accessible(page, "decision form")

    today = utc_now().astimezone(UK).date()
    page.get_by_label("What was decided").fill("Close half of the car park at a time.")
    _fill_date(page, today - timedelta(days=60))  # long before the consultation closed
    page.get_by_label("Who made the decision").fill("Head of Parking Services")
    page.get_by_role("button", name="Save the decision").click()
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The decision date must be the same as or after the close" in summary
    assert_accessible(page, "decision form with an error")

    _fill_date(page, today)
    page.get_by_label("Web address of the report (optional)").fill(
        "https://www.example.gov.uk/decisions/church-street"
    )
    page.get_by_role("button", name="Save the decision").click()
    assert "Decision saved" in page.locator(".govuk-notification-banner").inner_text()

    page.get_by_role("button", name="Publish \u2018You said, we did\u2019 and the outcome").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert "Say how the responses were taken into account" in (
        page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("How the responses were taken into account").fill(
        "Most people asked us to keep some spaces open for the market, so we will."
    )
    page.get_by_role("button", name="Save the decision").click()
    page.get_by_role("button", name="Publish \u2018You said, we did\u2019 and the outcome").click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "is published, and so is the consultation's outcome" in banner
    screenshot(page, "decision-published")

    page.get_by_role("link", name="View the public page").click()
    assert page.locator("h1").inner_text() == CAR_PARK
    we_did = page.locator("#we-did").inner_text()
    assert "Close half of the car park at a time." in we_did
    assert "Head of Parking Services" in we_did
    assert "keep some spaces open for the market" in we_did
    assert page.locator("#channels").is_visible()
    assert_accessible(page, "public page of a new decision")


def test_a_resident_reads_the_demo_parking_plan_page(page, you_said_server):
    page.goto(f"{you_said_server}/consultations/{PARKING_SLUG}")
    page.locator("#you-said-link").click()
    assert page.locator("h1").inner_text() == "Town centre parking plan"
    assert page.locator("[data-themes] tbody tr").count() == 6
    assert "Cabinet agreed three of the four changes." in page.locator("#decision").inner_text()
    assert page.locator("[data-theme-responses]").is_visible()
    assert page.locator("#mix li").count() >= 1
    assert_accessible(page, "the demo's \u201cYou said, we did\u201d page")
    screenshot(page, "you-said-we-did")


def test_without_javascript_the_page_reads_the_same(page_without_javascript, you_said_server):
    page = page_without_javascript
    page.goto(f"{you_said_server}/consultations/{PARKING_SLUG}")
    page.locator("#you-said-link").click()
    assert page.locator("h1").inner_text() == "Town centre parking plan"
    page.get_by_role("link", name="We did", exact=True).click()
    assert page.url.endswith("#we-did")
    assert "How we took your views into account" in page.locator("#we-did").inner_text()
