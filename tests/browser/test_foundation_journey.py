"""A new user's first minutes, in Chromium: the styled home page, an admin signs in, adds an
officer; every page passes axe (WCAG 2.x A and AA), with and without JavaScript."""

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot
from tests.browser.second_factor import pass_second_factor

GOVUK_BLUE = "rgb(29, 112, 184)"


def test_home_page_is_styled_and_accessible(page, live_server):
    page.goto(live_server + "/")
    assert page.title() == "Home - Have your say - Stroud District Council"
    header = page.locator(".govuk-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == GOVUK_BLUE
    font = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert font.startswith("arial")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    screenshot(page, "home")
    assert_accessible(page, "home page")
    for path in ("/accessibility-statement", "/privacy-notice", "/cookies", "/no-such-page"):
        page.goto(live_server + path)
        assert_accessible(page, path)


def test_admin_signs_in_and_adds_an_officer(page, live_server):
    page.goto(live_server + "/officer/")
    assert page.url.startswith(live_server + "/sign-in")
    assert_accessible(page, "sign-in page")

    page.fill("#email", "admin@example.gov.uk")
    page.fill("#password", "not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    page.wait_for_function(
        "document.activeElement.classList.contains('govuk-error-summary')", timeout=5000
    )
    assert_accessible(page, "sign-in error")

    page.fill("#email", "admin@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, "admin@example.gov.uk")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert_accessible(page, "dashboard")

    page.get_by_role("link", name="Officers", exact=True).first.click()
    page.get_by_role("button", name="Add an officer").click()
    page.get_by_role("button", name="Add officer").click()
    assert page.title().startswith("Error: Add an officer")
    assert_accessible(page, "add officer, with errors")

    page.fill("#full_name", "Robin Newcomer")
    page.fill("#email", "robin.newcomer@example.gov.uk")
    page.get_by_label("Engagement officer").check()
    page.fill("#password", "first day passphrase")
    page.get_by_role("button", name="Add officer").click()
    assert "Robin Newcomer has been added as Engagement officer" in page.inner_text(
        ".govuk-notification-banner"
    )
    screenshot(page, "officers")
    assert_accessible(page, "officers list")

    for link in ("Settings", "Audit log"):
        page.get_by_role("link", name=link, exact=True).first.click()
        assert_accessible(page, link)
    assert "Added Robin Newcomer" in page.inner_text("table")

    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text() == "Sign in"


def test_sign_in_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    page.goto(live_server + "/sign-in")
    page.fill("#email", "auditor@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Dashboard"
    # axe needs JavaScript, so it cannot run here; the same server HTML is checked above.
    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text() == "Sign in"
