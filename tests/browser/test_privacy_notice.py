"""The privacy notice in Chromium: a resident reads it between Start and the first question (with
and without JavaScript) and finds it linked from the question page; an officer rewrites a section
and sees it on the public notice. axe checks each page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible

CONSULTATION = "Library opening hours"
NOTICE_LINK = "How we use your information (opens in new tab)"


def _start(page, live_server, *, check_accessibility: bool) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.get_by_role("link", name=CONSULTATION).first.click()
    page.get_by_role("button", name="Start now").click()
    assert page.locator("h1").inner_text() == "How we use your information"
    headings = page.locator("main h2").all_inner_texts()
    assert "How long we keep it" in headings and "Your rights" in headings
    if check_accessibility:
        assert_accessible(page, "privacy notice before the first question")
    page.get_by_role("button", name="Continue").click()
    assert "/questions/1" in page.url
    link = page.get_by_role("link", name=NOTICE_LINK)
    expect(link).to_have_attribute("href", re.compile(r"/consultations/[\w-]+/privacy-notice$"))
    if check_accessibility:
        assert_accessible(page, "first question page with the notice link")


def test_resident_reads_the_notice_before_the_first_question(page, live_server):
    _start(page, live_server, check_accessibility=True)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name=NOTICE_LINK).click()
    notice = opened.value
    notice.wait_for_load_state()
    assert notice.locator("h1").inner_text() == "How we use your information"
    assert "/questions/1" in page.url  # the answers being typed stay where they were


def test_resident_reads_the_notice_with_javascript_off(page_without_javascript, live_server):
    _start(page_without_javascript, live_server, check_accessibility=False)


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_officer_rewrites_a_section_and_residents_see_it(page, browser, live_server):
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/consultations")
    page.locator("main table").get_by_role("link", name=CONSULTATION).click()
    page.get_by_role("link", name="Privacy notice and how long personal data is kept").click()
    assert page.locator("h1").inner_text() == "Privacy notice"
    assert_accessible(page, "officer privacy notice")

    page.get_by_role("link", name="Change \u201cWho sees it\u201d").click()
    assert_accessible(page, "privacy notice section form")
    page.get_by_label("Text", exact=True).fill("")
    page.get_by_role("button", name="Save section").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page, "privacy notice section form with errors")
    page.get_by_label("Text", exact=True).fill(
        "Only the library team reads your answers.\n\n- We never share them with anyone else"
    )
    page.get_by_role("button", name="Save section").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    notice_text = page.locator("#notice").inner_text()
    assert "Only the library team reads your answers." in notice_text
    assert "Rewritten by an officer" in notice_text

    page.locator("#retention").get_by_role("link", name=re.compile("^Change")).click()
    assert_accessible(page, "retention period form")
    page.get_by_label(re.compile("How many months")).fill("500")
    page.get_by_role("button", name="Save retention period").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page, "retention period form with errors")
    page.get_by_label(re.compile("How many months")).fill("24")
    page.get_by_role("button", name="Save retention period").click()

    page.get_by_role("link", name="View the notice on the public site").click()
    assert "Only the library team reads your answers." in page.locator("main").inner_text()
    resident = browser.new_context().new_page()
    resident.goto(page.url)
    items = resident.locator("main ul.govuk-list--bullet li").all_inner_texts()
    assert "We never share them with anyone else" in items
    resident.context.close()

    # Put the generated text back, for the other tests on this server.
    page.go_back()
    page.get_by_role("link", name="Change \u201cWho sees it\u201d").click()
    page.get_by_role("button", name="Use the generated text").click()
    assert "Only the library team" not in page.locator("#notice").inner_text()
