"""Issue 6 in Chromium: on the demo data, while "Library opening hours" is open, an engagement
officer opens its "Who took part" page from the activity, sees that young people and businesses
are under-represented with outreach prompts, and what people do against the census, rewords a
prompt, and opens the own-figures form.
axe checks every page on the way."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_officer_sees_who_is_missing_from_an_open_consultation(page, live_server):  # type: ignore[no-untyped-def]
    _sign_in(page, live_server)
    page.get_by_role("link", name="Activities", exact=True).first.click()
    page.get_by_role("link", name="Library opening hours").first.click()
    page.get_by_role("link", name="Who took part: representativeness").click()
    assert page.locator("h1").inner_text() == "Who took part"
    assert "still open" in page.locator("#live-note").inner_text()
    flagged = page.locator("#flagged").inner_text()
    assert "Age: 16 to 24" in flagged
    assert "Local-person category: Businesses" in flagged
    assert "Local-person category: Children and young people" in flagged
    assert "schools and colleges" in page.locator("#prompts-age").inner_text()
    assert "Business Improvement Districts" in page.locator("#prompts-category").inner_text()
    assert "Open Government Licence" in page.locator("#dimension-age").inner_text()
    assert page.locator("#table-age").is_visible()
    # What people do, against the census's residents aged 16 and over (TS066).
    economic = page.locator("#table-economic_activity")
    assert economic.is_visible()
    assert "Economic activity: who took part" in economic.locator("caption").inner_text()
    assert "Full-time students" in economic.inner_text()
    compared = page.locator("#compared-economic_activity").inner_text()
    assert "usual residents aged 16 and over" in compared
    assert_accessible(page, "representativeness page")
    screenshot(page, "representativeness")
    report = page.url

    page.get_by_role("link", name="Outreach prompts for under-represented groups").click()
    assert page.locator("h1").inner_text() == "Outreach prompts"
    assert_accessible(page, "outreach prompts")
    page.get_by_role("link", name="Change the prompt for 16 to 24").click()
    assert_accessible(page, "outreach prompt form")
    page.get_by_label("Outreach prompt").fill("")
    page.get_by_role("button", name="Save prompt").click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "outreach prompt form with an error")
    page.get_by_label("Outreach prompt").fill("Go to South Gloucestershire and Stroud College.")
    page.get_by_role("button", name="Save prompt").click()
    assert "South Gloucestershire and Stroud College" in page.locator("main").inner_text()

    page.goto(report)
    assert "South Gloucestershire and Stroud College" in page.locator("#prompts-age").inner_text()
    page.get_by_role("link", name="Give this activity's own figures for age").click()
    assert_accessible(page, "own reference figures form")
    page.get_by_role("button", name="Save reference figures").click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "own reference figures form with errors")


def test_at_390_pixels_the_tables_scroll_inside_the_page(page, live_server):  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/activities")
    page.get_by_role("link", name="Library opening hours").first.click()
    page.get_by_role("link", name="Who took part: representativeness").click()
    assert page.locator("h1").inner_text() == "Who took part"
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= 390, f"the page is {widest}px wide"
    region = page.get_by_role("region", name="Age: table")
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('involve-table-scroll')")
    assert_accessible(page, "representativeness page at 390px")
    screenshot(page, "representativeness-390")
