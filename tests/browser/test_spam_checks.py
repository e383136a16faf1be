"""The spam checks in Chromium, as people meet them: the honeypot box is never seen or reached
with the keyboard, and a response sent faster than RESPONSE_MIN_SECONDS gets an accessible
"Check your answers and submit again" page, after which submitting again works."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.conftest import assert_accessible, demo_server, screenshot
from tests.browser.journey import answer_every_question

CONTINUE = re.compile("^(Continue|Save and continue)$")


@pytest.fixture(scope="module")
def slow_checked_server() -> Iterator[str]:
    with demo_server("involve-spam-", env={"INVOLVE_RESPONSE_MIN_SECONDS": "600"}) as (url, _):
        yield url


def test_the_honeypot_is_never_seen_or_reached_with_the_keyboard(page, slow_checked_server):
    page.goto(slow_checked_server + "/get-emails/topic")
    wrapper = page.locator("#website").locator("xpath=..")
    box = wrapper.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # a clipped 1px box
    assert wrapper.evaluate("element => getComputedStyle(element).overflow") == "hidden"
    assert wrapper.get_attribute("aria-hidden") == "true"
    focused = []
    for _ in range(40):  # every stop of the tab order, from the top of the page
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.name"))
    assert "website" not in focused
    assert "email" in focused  # the real field is reached
    assert_accessible(page, "a form with the honeypot")


def test_a_response_sent_too_fast_is_checked_and_submitted_again(page, slow_checked_server):
    page.goto(slow_checked_server + "/consultations/library-opening-hours")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()  # the privacy notice
    for _ in range(20):
        if page.locator("h1").inner_text().startswith("Check your answers"):
            break
        answer_every_question(page)
        page.get_by_role("button", name=CONTINUE).click()
        assert not page.title().startswith("Error: "), page.title()
    page.get_by_role("button", name=re.compile("Submit")).click()
    assert page.locator("h1").inner_text() == "Check your answers and submit again"
    assert "has not been submitted yet" in page.locator("#submit-again").inner_text()
    assert_accessible(page, "check your answers and submit again")
    screenshot(page, "submit-again")
    page.get_by_role("button", name=re.compile("Submit")).click()
    assert "Response submitted" in page.locator(".govuk-panel").inner_text()
