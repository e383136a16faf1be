"""A resident answers the demo library consultation (every question kind) in Chromium, with and
without JavaScript, and an officer finds the response by its reference. axe checks each page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot
from tests.browser.journey import answer_every_question

REFERENCE = re.compile(r"[3-9A-Y]{3}-[3-9A-Y]{3}-[3-9A-Y]{3}")


def _respond(page, live_server, *, check_accessibility: bool) -> str:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    if check_accessibility:
        assert_accessible(page, "home page with consultations")
    page.get_by_role("link", name="Library opening hours").first.click()
    assert page.locator("h1").inner_text() == "Library opening hours"
    if check_accessibility:
        assert_accessible(page, "consultation page")
    page.get_by_role("button", name="Start now").click()
    assert page.locator("h1").inner_text() == "How we use your information"
    page.get_by_role("button", name="Continue").click()  # the privacy notice comes first

    seen_titles = []
    for _ in range(20):  # question pages, about you, equality: bounded, never endless
        if page.locator("h1").inner_text().startswith("Check your answers"):
            break
        seen_titles.append(page.title())
        if check_accessibility and len(seen_titles) == 1:
            # The error state of the first page, before answering it.
            page.get_by_role("button", name=re.compile("^(Continue|Save and continue)$")).click()
            expect(page).to_have_title(ERROR_TITLE)  # waits for the page
            assert_accessible(page, "question page with errors")
        answer_every_question(page)
        if check_accessibility:
            assert_accessible(page, f"page {page.title()}")
        page.get_by_role("button", name=re.compile("^(Continue|Save and continue)$")).click()
        assert not page.title().startswith("Error: "), (
            f"{page.title()}: {page.locator('.govuk-error-summary').inner_text()}"
        )
    else:
        raise AssertionError(f"never reached check your answers: {seen_titles}")

    if check_accessibility:
        assert_accessible(page, "check your answers")
        screenshot(page, "check-answers")
    page.get_by_role("button", name=re.compile("Submit")).click()
    panel = page.locator(".govuk-panel").inner_text()
    assert "Response submitted" in panel
    if check_accessibility:
        assert_accessible(page, "confirmation")
        screenshot(page, "confirmation")
    return REFERENCE.search(panel).group(0)


def test_resident_answers_every_question_kind_and_an_officer_finds_the_response(
    page, browser, live_server
):
    reference = _respond(page, live_server, check_accessibility=True)

    officer = browser.new_context().new_page()
    officer.goto(live_server + "/sign-in")
    officer.fill("#email", "officer@example.gov.uk")
    officer.fill("#password", DEMO_PASSWORD)
    officer.get_by_role("button", name="Sign in").click()
    assert_accessible(officer, "dashboard with response counts")
    officer.get_by_role("link", name="Consultations", exact=True).first.click()
    assert_accessible(officer, "officer consultation list")
    officer.locator("main table").get_by_role("link", name="Library opening hours").click()
    assert_accessible(officer, "consultation overview")
    officer.get_by_role("link", name=re.compile(r"^Responses \(\d+\)$")).click()
    assert_accessible(officer, "response list")
    officer.get_by_label(re.compile("reference", re.I)).first.fill(
        reference.lower().replace("-", " ")
    )
    officer.get_by_role("button", name=re.compile("Search|Apply", re.I)).first.click()
    assert reference in officer.locator("h1").inner_text()
    assert "Please keep the library open later" in officer.locator("main").inner_text() or (
        "Opening later in the evening" in officer.locator("main").inner_text()
    )
    assert_accessible(officer, "one response")
    screenshot(officer, "officer-response")
    officer.context.close()


def test_resident_responds_with_javascript_off(page_without_javascript, live_server):
    reference = _respond(page_without_javascript, live_server, check_accessibility=False)
    assert REFERENCE.fullmatch(reference)
