"""At 320px, the narrowest phone GOV.UK designs for, nothing scrolls sideways: public pages with
a council's long contact e-mail address, and the outbox, whose table scrolls inside its own
labelled, focusable box instead. axe checks each page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, assert_accessible, screenshot
from tests.browser.second_factor import pass_second_factor

PAGE_SCROLLS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
PUBLIC_PAGES = (
    "/consultations/church-street-car-park-resurfacing",  # contact parking.consultation@...
    "/consultations/town-centre-parking-plan",
    "/activities/disabled-drivers-focus-group/you-said-we-did",
)


def test_public_pages_with_a_long_contact_address_fit_a_320px_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(live_server + path)
        expect(page.locator("h1")).to_have_count(1)
        assert not page.evaluate(PAGE_SCROLLS), path
    page.goto(live_server + PUBLIC_PAGES[0])
    address = page.locator("main a[href^='mailto:']")
    assert "@" in address.inner_text()
    assert address.evaluate("link => getComputedStyle(link).overflowWrap") == "anywhere"
    assert_accessible(page, "a public consultation at 320px")
    screenshot(page, "consultation-320")
    context.close()


def test_the_outbox_table_scrolls_in_its_own_box_on_a_phone(live_server, browser):
    resident = browser.new_context().new_page()  # an e-mail for the outbox to list
    resident.goto(live_server + "/get-emails/topic")
    resident.get_by_label("Which topic?").select_option("Parking")
    resident.get_by_label("Email address").fill("phone.width@example.com")
    resident.get_by_role("button", name="Continue").click()
    expect(resident.locator("h1")).to_have_text("Check your email")

    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/sign-in")
    page.fill("#email", "admin@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, "admin@example.gov.uk")
    page.goto(live_server + "/officer/outbox")
    box = page.locator(".involve-table-scroll", has=page.locator("#outbox"))
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    caption = page.locator("#" + box.get_attribute("aria-labelledby"))
    assert caption.inner_text().startswith("Emails, page 1")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert not page.evaluate(PAGE_SCROLLS)
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.involve-table-scroll:has(#outbox)').scrollLeft > 0"
    )
    assert page.evaluate("window.scrollX") == 0
    assert_accessible(page, "the outbox at 320px")
    screenshot(page, "outbox-320")
    context.close()
