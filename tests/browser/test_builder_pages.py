"""An engagement officer's consultation-building screens pass axe (WCAG 2.x A and AA), each in
its normal state and, for forms, its error state. Nothing here is saved except a new page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_creating_a_consultation_and_its_error_state(page, live_server):
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/consultations")
    assert_accessible(page, "consultation list")
    page.get_by_role("button", name="Create a consultation").click()
    assert_accessible(page, "new consultation form")
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "new consultation form with errors")


def test_building_questions_of_every_kind(page, live_server):
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/consultations")
    page.locator("main table").get_by_role("link", name="Housing allocations policy review").click()
    assert_accessible(page, "draft overview")
    overview = page.url
    page.get_by_role("link", name="Questions", exact=True).click()
    assert_accessible(page, "questions builder")
    questions = page.url
    page.get_by_role("button", name=re.compile("^Add a question to")).first.click()
    choose_kind = page.url
    assert_accessible(page, "choose a question kind")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "choose a question kind, with errors")

    kinds = [radio.get_attribute("value") for radio in page.locator("input[type=radio]").all()]
    assert len(kinds) == 10
    for kind in kinds:
        page.goto(choose_kind)
        page.locator(f"input[type=radio][value='{kind}']").check()
        page.locator("main form button[type=submit]").first.click()
        assert_accessible(page, f"new {kind} question form")
    page.locator("main form button[type=submit]").first.click()  # the last kind, empty
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "question form with errors")

    page.goto(questions)
    for link in ("Rename", "Routing"):
        page.goto(questions)
        links = page.get_by_role("link", name=re.compile(f"^{link}"))
        if links.count():
            links.first.click()
            assert_accessible(page, f"{link} page form")
    page.goto(overview)
    page.get_by_role("link", name="Documents and links").click()
    assert_accessible(page, "documents and links")
    page.goto(overview)
    page.get_by_role("link", name="Preview the questions").click()
    assert_accessible(page, "preview")


def test_closing_early_asks_for_a_reason(page, live_server):
    _sign_in(page, live_server)
    page.goto(live_server + "/officer/consultations")
    page.locator("main table").get_by_role("link", name="Redesign of youth services").click()
    page.get_by_role("button", name="Close early").click()
    assert_accessible(page, "close early form")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "close early form with errors")
