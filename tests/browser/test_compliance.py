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


PHONE_WIDTHS = (320, 375)
# Whether the page scrolls sideways, and each scrolling box of a table: its role, tabindex,
# name (from the table's caption) and whether it has anything to scroll.
LAYOUT = """() => ({
  pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  boxes: [...document.querySelectorAll('.involve-table-scroll')].map(box => ({
    role: box.getAttribute('role'),
    tabindex: box.getAttribute('tabindex'),
    name: (document.getElementById(box.getAttribute('aria-labelledby') || '') || {}).textContent,
    scrolls: box.scrollWidth > box.clientWidth,
  })),
})"""


def _report_pages(page, base_url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/officer/reports/compliance?year={_demo_year()}")
    service = page.locator("#service option", has_text=SERVICE).get_attribute("value")
    car_park = page.locator("#activities-table a", has_text=CAR_PARK).first.get_attribute("href")
    return [
        f"{base_url}/officer/reports/compliance?year={_demo_year()}",
        f"{base_url}/officer/reports/compliance?year={_demo_year()}&service={service}",
        base_url + car_park,
    ]


def test_the_reports_fit_a_phone_screen_and_wide_tables_scroll_on_their_own(live_server, page):
    _sign_in(page, live_server)
    urls = _report_pages(page, live_server)
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            layout = page.evaluate(LAYOUT)
            assert not layout["pageScrolls"], f"{url} scrolls sideways at {width}px"
            for box in layout["boxes"]:
                assert box["role"] == "region" and box["tabindex"] == "0", box
                assert box["name"] and box["name"].strip(), box
    # At 320px the table of every activity is wider than the screen: its own box scrolls, by
    # keyboard too, while the page stays put.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(urls[0])
    box = page.locator(".involve-table-scroll", has=page.locator("#activities-table"))
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.involve-table-scroll:has(#activities-table)')"
        ".scrollLeft > 0"
    )
    assert page.evaluate("window.scrollX") == 0
    assert_accessible(page, "the year's compliance report at 320px")
    screenshot(page, "compliance-year-320")


def test_printed_reports_write_each_address_once(live_server, page):
    _sign_in(page, live_server)
    urls = _report_pages(page, live_server)
    page.emulate_media(media="print")
    for url in urls:
        page.goto(url)
        # GOV.UK Frontend's print style would add each link's path after it: switched off.
        added = page.evaluate(
            "() => [...document.querySelectorAll('main a[href]')]"
            ".map(a => getComputedStyle(a, '::after').content)"
            ".filter(content => content !== 'none' && content !== 'normal')"
        )
        assert added == [], url
        printed = page.locator("main").inner_text()
        addresses = page.evaluate(
            "() => [...document.querySelectorAll('main .involve-print-url')]"
            ".map(span => span.textContent.trim().replace(/^\\(|\\)$/g, ''))"
        )
        assert addresses, f"no address is written out on {url}"
        for address in set(addresses):  # shown on paper, each once per mention
            assert printed.count(f"({address})") == addresses.count(address), address
    # The year's report writes each activity's address once, under "Every activity".
    page.goto(urls[1])
    printed = page.locator("main").inner_text()
    for href in page.locator("#activities-table a").evaluate_all("a => a.map(x => x.href)"):
        assert printed.count(f"({href})") == 1, href
