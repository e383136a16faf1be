"""Issue 8 in Chromium, on the demo data: an auditor opens the fairness checks of the car park
consultation that was open for only 10 days, finds Gunning 3 failed with the Silus reason, and
follows its evidence to the consultation's details; with and without JavaScript. An
administrator enters a pre-election period. axe checks every page on the way."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot
from tests.browser.second_factor import pass_second_factor

CAR_PARK = "Church Street car park resurfacing"


def _sign_in(page, live_server, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def _open_checks(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Consultations", exact=True).first.click()
    page.locator("main table").get_by_role("link", name=CAR_PARK).click()
    page.get_by_role("link", name="Fairness checks").click()
    assert page.locator("h1").inner_text() == "Fairness checks"


def test_an_auditor_finds_the_short_consultation_failed_and_follows_the_evidence(page, live_server):  # type: ignore[no-untyped-def]
    _sign_in(page, live_server, "auditor@example.gov.uk")
    _open_checks(page)
    row = page.locator("#gunning-3-length")
    assert row.locator(".govuk-tag").inner_text().strip() == "Fail"
    text = row.inner_text()
    assert "Open for 10 days" in text and "no reason" in text
    assert "R (Silus Investments) v London Borough of Hounslow [2015]" in text
    assert page.locator("#principle-e .govuk-tag").inner_text().strip() == "Fail"
    assert "Fail" in page.locator("#fairness-counts").inner_text()
    assert_accessible(page, "fairness checks")
    screenshot(page, "fairness-checks")

    row.get_by_role("link", name="Consultation details").click()
    assert page.locator("h1").inner_text() == CAR_PARK
    assert_accessible(page, "consultation overview from the evidence")
    main = page.locator("main").inner_text()
    assert "Whether to close the whole car park" in main  # the options still open

    page.go_back()
    page.locator("#principle-k").get_by_role("link", name="Pre-election periods").click()
    assert page.locator("h1").inner_text() == "Pre-election periods"
    assert "Local elections, 6 May 2027" in page.locator("#election-periods").inner_text()
    assert page.get_by_role("button", name="Add a pre-election period").count() == 0
    assert_accessible(page, "pre-election periods, read only")


def test_the_checks_and_their_evidence_work_without_javascript(
    page_without_javascript, live_server
):  # type: ignore[no-untyped-def]
    page = page_without_javascript
    _sign_in(page, live_server, "auditor@example.gov.uk")
    _open_checks(page)
    assert "Silus" in page.locator("#gunning-3-length").inner_text()
    page.locator("#gunning-2-documents").get_by_role("link", name="Documents and links").click()
    assert "Documents" in page.locator("h1").inner_text()


def test_an_administrator_enters_a_pre_election_period(page, live_server):  # type: ignore[no-untyped-def]
    _sign_in(page, live_server, "admin@example.gov.uk")
    page.goto(live_server + "/officer/settings")
    page.get_by_role("link", name="pre-election periods").click()
    page.get_by_role("button", name="Add a pre-election period").click()
    assert_accessible(page, "add a pre-election period")
    page.get_by_label("Name of the election").fill("Parish council by-election")
    page.fill("#starts_on-day", "10")
    page.fill("#starts_on-month", "6")
    page.fill("#starts_on-year", "2027")
    page.fill("#ends_on-day", "1")
    page.fill("#ends_on-month", "6")
    page.fill("#ends_on-year", "2027")
    page.get_by_role("button", name="Add the period").click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert (
        "The end date must be the same as or after the start date"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page, "pre-election period with an error")
    page.fill("#ends_on-day", "15")
    page.get_by_role("button", name="Add the period").click()
    assert "Parish council by-election" in page.locator("#election-periods").inner_text()
    page.get_by_role("link", name="Delete Parish council by-election").click()
    assert_accessible(page, "delete a pre-election period")
    page.get_by_role("button", name="Delete the period").click()
    assert "Parish council by-election" not in page.locator("#election-periods").inner_text()
