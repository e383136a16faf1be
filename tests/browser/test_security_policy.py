"""The Content-Security-Policy in Chromium: GOV.UK Frontend's hashed inline script runs (the page
gets its js-enabled classes), the representativeness chart draws its bars without inline
styles, and an inline style slipped into a page is caught and fails the test."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import CSP_VIOLATIONS, DEMO_PASSWORD, screenshot


def test_govuk_frontends_inline_script_runs_under_the_policy(page, live_server):  # type: ignore[no-untyped-def]
    response = page.goto(live_server + "/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    classes = page.evaluate("document.body.className").split()
    assert "js-enabled" in classes
    assert "govuk-frontend-supported" in classes


def test_an_inline_style_is_caught_as_a_violation(page, live_server):  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<p id=\"planted\" style=\"color: red\">Planted</p>')"
    )
    page.wait_for_function("document.getElementById('planted') !== null")
    # Blocked: the paragraph keeps GOV.UK's colour, and the violation is recorded.
    assert page.evaluate("getComputedStyle(document.getElementById('planted')).color") != (
        "rgb(255, 0, 0)"
    )
    page.wait_for_timeout(200)  # the report comes back from the page asynchronously
    assert CSP_VIOLATIONS, "the browser tests' CSP hook missed a planted inline style"
    CSP_VIOLATIONS.clear()  # planted on purpose: this test must not fail for it


def test_the_representativeness_chart_draws_bars_without_inline_styles(page, live_server):  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Activities", exact=True).first.click()
    page.get_by_role("link", name="Library opening hours").first.click()
    page.get_by_role("link", name="Who took part: representativeness").click()
    expect(page.locator("h1")).to_have_text("Who took part")  # waits for the page
    bars = page.locator("#dimension-age rect.involve-chart__bar--observed")
    assert bars.count() > 1
    track = page.locator("#dimension-age svg.involve-chart__track").first.bounding_box()
    widths = [bar.bounding_box()["width"] for bar in bars.all()]
    percents = [float(bar.get_attribute("width")) for bar in bars.all()]
    # Each bar is its percentage of the track, as in the table below it.
    for width, percent in zip(widths, percents, strict=True):
        assert abs(width - track["width"] * percent / 100) < 1.5
    assert max(widths) > 10
    screenshot(page, "representativeness-chart")
