"""Issue 5's coding screen in Chromium: an analyst adds three themes to a demo question, codes
three responses with the keyboard shortcuts (a number key ticks a theme, 0 ticks "No theme
fits", h highlights the selected words, Ctrl and Enter saves and moves on), meets the error for
saving with nothing ticked, then codes one more with JavaScript off. axe checks every page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot

CONSULTATION = "Redesign of youth services"
THEMES = ["Opening times", "Things to do", "Feeling safe"]


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "analyst@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _start_theming(page) -> str:  # type: ignore[no-untyped-def]
    """Open (or start) theming the consultation's first free-text question; the hub's URL."""
    page.get_by_role("link", name="Consultations", exact=True).first.click()
    page.locator("main table").get_by_role("link", name=CONSULTATION).click()
    start = page.locator("#theming").locator("xpath=following-sibling::dl[1]")
    start.locator("button, a").filter(has_text="Theme answers").first.click()
    assert re.search(r"/officer/theming/\d+$", page.url), page.url
    return page.url


def _add_themes(page, hub: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(hub + "/themes")
    for name in THEMES:
        page.locator("input[name=name]").fill(name)
        page.get_by_role("button", name="Add theme").click()
        assert not page.title().startswith("Error: "), page.locator("main").inner_text()[:800]


def _code_next(page, hub: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(hub + "/items")
    page.get_by_role("button", name="Code next response").click()
    assert re.search(r"/items/\d+$", page.url), page.url


def _ticked(page) -> list[str]:  # type: ignore[no-untyped-def]
    boxes = page.locator("input[name=themes]")
    return [
        boxes.nth(i).get_attribute("value") or ""
        for i in range(boxes.count())
        if boxes.nth(i).is_checked()
    ]


def _select_words(page, words: str) -> None:  # type: ignore[no-untyped-def]
    """Select the first occurrence of some words in the response text, as a mouse would."""
    page.evaluate(
        """(words) => {
          const text = document.querySelector("[data-coding-text]");
          const node = text.firstChild;
          const start = node.textContent.indexOf(words);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + words.length);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }""",
        words,
    )


def _code_with_keys(page) -> None:  # type: ignore[no-untyped-def]
    # 1: a theme, then the excerpt from the selected words, saved with Ctrl+Enter.
    heading = page.locator("h1").inner_text()
    assert page.locator("#keyboard-shortcuts-details").is_visible()
    # Each theme's key is shown beside it once JavaScript has made the keys work.
    first_box = page.locator(".govuk-checkboxes__item").first
    expect(first_box.locator("[data-key-hint]")).to_be_visible()
    assert first_box.locator("[data-key-hint]").inner_text() == "Key 1"
    position = page.locator("#coding-position").inner_text()
    assert re.match(r"Response [\d,]+ of [\d,]+ · [\d,]+ still to code", position), position
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("1")
    page.keyboard.press("3")
    page.keyboard.press("3")  # a second press unticks
    assert len(_ticked(page)) == 1
    words = " ".join(page.locator("#response-text").inner_text().split()[:3])
    _select_words(page, words)
    page.keyboard.press("h")
    assert page.locator("textarea[name=highlights]").input_value() == words
    screenshot(page, "theming-coding-keys")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.locator("h1").inner_text() != heading
    assert "Codes saved for " + heading in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page, "coding screen after save and code next")

    # 2: a theme, then 0: "No theme fits" unticks it; typing digits in the note types them.
    page.keyboard.press("2")
    page.keyboard.press("0")
    assert _ticked(page) == ["none"]
    page.locator("textarea[name=note]").fill("")
    page.locator("textarea[name=note]").press_sequentially("Says 1 thing")
    assert _ticked(page) == ["none"]
    with page.expect_navigation():
        page.locator("textarea[name=note]").press("Control+Enter")
    assert "Codes saved" in page.locator(".govuk-notification-banner").inner_text()

    # 3: nothing ticked is an error, with the note kept; then a theme and saved.
    page.locator("textarea[name=note]").fill("Keep this note")
    page.locator("body").click(position={"x": 5, "y": 5})
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert (
        "Select at least one theme, or select No theme fits"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.locator("textarea[name=note]").input_value() == "Keep this note"
    assert_accessible(page, "coding screen with an error")
    screenshot(page, "theming-coding-error")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("3")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert not page.title().startswith("Error: ")


def _code_without_javascript(tab, live_server, hub: str) -> None:  # type: ignore[no-untyped-def]
    _sign_in(tab, live_server)
    _code_next(tab, hub)
    assert not tab.locator("#keyboard-shortcuts-details").is_visible()
    assert not tab.locator("[data-key-hint]").first.is_visible()  # no keys without JavaScript
    tab.get_by_label(THEMES[1]).check()
    tab.get_by_label("Neutral").check()
    tab.get_by_label("Note (optional)").fill("Coded without JavaScript")
    tab.get_by_role("button", name="Save", exact=True).click()
    assert "Codes saved" in tab.locator(".govuk-notification-banner").inner_text()
    assert tab.get_by_label(THEMES[1]).is_checked()
    assert tab.get_by_label("Note (optional)").input_value() == "Coded without JavaScript"


def test_analyst_codes_with_the_keyboard_and_without_javascript(
    page, page_without_javascript, live_server
):
    _sign_in(page, live_server)
    hub = _start_theming(page)
    page.goto(hub + "/items?show=coded")
    coded_by_the_demo = page.locator("#items tbody tr").count()  # the demo analyst's codes
    _add_themes(page, hub)
    _code_next(page, hub)
    assert_accessible(page, "coding screen")
    screenshot(page, "theming-coding")
    _code_with_keys(page)
    _code_without_javascript(page_without_javascript, live_server, hub)

    page.goto(hub + "/items?show=coded")
    rows = page.locator("#items tbody tr")
    assert rows.count() == coded_by_the_demo + 4
    text = page.locator("#items").inner_text()
    assert "No theme fits" in text
    assert_accessible(page, "list of coded responses")
    screenshot(page, "theming-coded-list")
