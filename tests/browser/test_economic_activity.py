"""The optional "what you do" question in Chromium, with and without JavaScript: asked after the
age of an adult, shown on check your answers and changed from there. axe checks its page."""

from __future__ import annotations

import re

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.journey import answer_every_question

LIBRARY = "/consultations/library-opening-hours"


def _answer_the_questions(page, live_server) -> None:  # type: ignore[no-untyped-def]
    """Start a response and answer the question pages, up to the "about you" section."""
    page.goto(live_server + LIBRARY)
    page.get_by_role("button", name="Start now").click()
    for _ in range(20):  # bounded, never endless
        heading = page.locator("h1").inner_text()
        if heading == "About you":
            return
        if heading != "How we use your information":  # the privacy notice: just continue
            answer_every_question(page)
        page.get_by_role("button", name=re.compile("^(Continue|Save and continue)$")).click()
    raise AssertionError("never reached the about you section")


def _about_you(page, live_server, age: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + LIBRARY + "/about-you")
    page.get_by_label("As an individual").check()
    page.get_by_label("I live here").check()
    page.get_by_label("No, neither").check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Your age and postcode"
    page.get_by_label(age, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def _check_answers_row(page, live_server, key: str):  # type: ignore[no-untyped-def]
    page.goto(live_server + LIBRARY + "/check-answers")
    return page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=key)
    )


def test_an_adult_says_what_they_do_and_changes_it_from_check_answers(page, live_server):  # type: ignore[no-untyped-def]
    _answer_the_questions(page, live_server)
    _about_you(page, live_server, "25 to 34")
    assert page.locator("h1").inner_text() == "Which of these best describes what you do?"
    assert_accessible(page, "what you do")
    screenshot(page, "what-you-do")
    page.get_by_label("Full-time student (whether or not you also work)").check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Your contact details"
    row = _check_answers_row(page, live_server, "What you do")
    assert "Full-time student" in row.inner_text()
    row.get_by_role("link", name="Change").click()
    assert_accessible(page, "what you do, from check your answers")
    page.get_by_label("Retired").check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text().startswith("Check your answers")
    assert "Retired" in _check_answers_row(page, live_server, "What you do").inner_text()


def test_without_javascript_it_can_be_left_blank_and_under_16s_never_see_it(
    page_without_javascript, live_server
):  # type: ignore[no-untyped-def]
    page = page_without_javascript
    _answer_the_questions(page, live_server)
    _about_you(page, live_server, "50 to 64")
    assert page.locator("h1").inner_text() == "Which of these best describes what you do?"
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Your contact details"
    assert "Not answered" in _check_answers_row(page, live_server, "What you do").inner_text()
    _about_you(page, live_server, "Under 16")
    assert page.locator("h1").inner_text() != "Which of these best describes what you do?"
    assert _check_answers_row(page, live_server, "What you do").count() == 0
