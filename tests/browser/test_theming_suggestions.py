"""Issue 5's suggestions and campaigns in Chromium: an analyst runs "Update suggestions" and
watches the progress page finish, mistypes the confidence threshold, sets it to 0.8, accepts the
suggestions in bulk after confirming, then confirms a campaign. axe checks every page.

The server is this module's own: the demo plus the demo theming (codeframes with 60 coded
answers each), so the test does not depend on other screens to build a codeframe first."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ERROR_TITLE,
    assert_accessible,
    demo_server,
    screenshot,
)


@pytest.fixture(scope="module")
def theming_server() -> Iterator[str]:
    """Its own server (seed-demo themes the demo questions), since this test accepts
    suggestions and confirms a campaign, which other browser tests must not see."""
    with demo_server("involve-suggestions-", env={"INVOLVE_JOBS": "thread"}) as (base_url, _):
        yield base_url


def _sign_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/sign-in")
    page.fill("#email", "analyst@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _update_suggestions(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Update suggestions").first.click()
    assert re.search(r"/officer/jobs/\d+$", page.url), page.url
    assert page.locator("h1").inner_text() == "Updating suggestions"
    assert_accessible(page, "job progress")
    page.get_by_role("button", name="Continue").wait_for(timeout=60_000)  # the page reloads itself
    assert_accessible(page, "finished job")
    page.get_by_role("button", name="Continue").click()


def test_analyst_updates_accepts_in_bulk_and_confirms_a_campaign(page, theming_server):  # type: ignore[no-untyped-def]
    _sign_in(page, theming_server)
    suggestions = theming_server + "/officer/theming/1/suggestions"
    page.goto(suggestions)
    assert page.locator("h1").inner_text() == "Suggestions"
    assert "Library opening hours" in page.locator("main").inner_text()
    assert_accessible(page, "suggestions")

    _update_suggestions(page)
    assert page.url.startswith(suggestions)
    assert re.search(r"Version\s+2\b", page.locator("#model-version").inner_text())
    # One warning names the themes with few examples; their rows have a small tag.
    assert "treat suggestions for" in page.locator("#few-examples").inner_text()
    assert page.locator("#theme-scores [data-few-examples]").count()

    page.fill("#threshold", "eighty")
    page.get_by_role("button", name="Show suggestions").click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert (
        "Enter the confidence threshold as a number"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page, "suggestions with a threshold error")

    page.fill("#threshold", "0.8")
    page.get_by_role("button", name="Show suggestions").click()
    assert not page.title().startswith("Error: ")
    count = page.locator("#suggestion-count").inner_text()
    found = re.match(r"([\d,]+) suggestions? at 80% or more", count)
    assert found, count
    assert page.locator("#suggestion-list tbody tr").count() > 0
    page.get_by_role("button", name=re.compile(r"^Accept [\d,]+ suggestion")).click()
    assert page.locator("h1").inner_text() == f"Accept {found.group(1)} suggestions at 80% or more?"
    assert_accessible(page, "confirm bulk accept")
    # Themes often wrong when tested start unticked; this analyst accepts them all anyway.
    boxes = page.locator("input[name=themes]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.locator("main form").get_by_role("button", name=re.compile("^Accept")).click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert f"{found.group(1)} suggestions accepted" in banner
    assert "No suggestions at 80% or more" in page.locator("#suggestion-count").inner_text()
    assert_accessible(page, "suggestions after accepting")
    screenshot(page, "theming-suggestions")

    page.get_by_role("link", name="Campaigns and duplicates").click()
    assert page.locator("h1").inner_text() == "Campaigns and duplicates"
    assert_accessible(page, "campaigns")
    first = page.locator(".govuk-summary-card").first
    group_id = first.get_attribute("id")
    first.get_by_role("button", name=re.compile("^Confirm campaign")).click()
    assert "Confirmed as a campaign" in page.locator(".govuk-notification-banner").inner_text()
    assert "Campaign" in page.locator(f"#{group_id} .govuk-tag").inner_text()
    assert_accessible(page, "campaigns after a decision")
    screenshot(page, "theming-campaigns")


def test_suggestions_and_browse_fit_a_390px_phone(browser, theming_server):  # type: ignore[no-untyped-def]
    """The wide tables scroll inside their own focusable box; the page itself never does."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _sign_in(page, theming_server)
    for path, table in (
        ("/officer/theming/1/suggestions?threshold=0.50", "#suggestion-list"),
        ("/officer/theming/1/items", "#items"),
    ):
        page.goto(theming_server + path)
        assert page.locator(table).count() == 1, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide at 390px"
        region = page.locator(f".involve-table-scroll:has({table})")
        assert region.get_attribute("role") == "region"
        region.focus()
        assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
        assert_accessible(page, f"{path} at 390px")
        screenshot(page, "theming-390-" + table.lstrip("#"))
    context.close()
