"""Issue 7's retention in Chromium, as a new administrator would try it on the demo: from Data
requests to the retention screen, where "Dogs in parks and play areas" (closed 30 months ago,
kept for 24) is due; the preview of what will go; the background job; the result; and the screen
saying it is done. With JavaScript (the job page updates itself) and without (reload to see
progress). Each run gets its own demo server, as removal cannot be undone. axe checks every page."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import DEMO_PASSWORD, assert_accessible, demo_server, screenshot
from tests.browser.second_factor import pass_second_factor

DOGS = "Dogs in parks and play areas"


def _follow(page, link) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        link.click()


def _status_of(page, title: str) -> str:  # type: ignore[no-untyped-def]
    row = page.locator("#retention tbody tr").filter(has=page.get_by_role("rowheader", name=title))
    return row.locator("td").last.inner_text()


def _check(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """axe runs in the page: with JavaScript off, page.evaluate would wait for ever, and the
    HTML is the same as with it on, which is checked."""
    if not label.endswith("without-js"):
        assert_accessible(page, label)


def _open_retention(page, base_url: str, label: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "admin@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    _follow(page, page.get_by_role("button", name="Sign in"))
    pass_second_factor(page, "admin@example.gov.uk")
    _follow(page, page.get_by_role("link", name="Data requests", exact=True).first)
    _follow(page, page.locator("#retention-link a"))
    assert page.locator("h1").inner_text() == "Retention of personal data"
    assert _status_of(page, DOGS) == "Due now"
    assert _status_of(page, "Library opening hours") == "Not due"
    _check(page, f"retention screen {label}")
    screenshot(page, f"retention-screen-{label}")


def _confirm(page, label: str) -> None:  # type: ignore[no-untyped-def]
    _follow(page, page.locator("#remove-now"))  # a link drawn as a button
    assert page.locator("h1").inner_text() == "Remove personal data from 1 consultation?"
    preview = page.locator("main").inner_text()
    assert DOGS in preview and "responses would be anonymised" in preview
    assert "unfinished responses would be deleted" in preview
    assert "free-text answers would be checked for personal data" in preview
    _check(page, f"retention confirmation {label}")
    screenshot(page, f"retention-confirm-{label}")
    _follow(page, page.get_by_role("button", name="Remove personal data"))
    assert page.locator("h1").inner_text() == "Removing personal data"


def _see_result(page, base_url: str, label: str) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("h1").inner_text() == "Personal data removed"
    done = page.locator("main").inner_text()
    assert DOGS in done and "responses were anonymised" in done
    assert "e-mail addresses were removed" in done and "full postcodes were removed" in done
    assert "1 answer had personal data redacted" in done  # the comment with a phone number
    _check(page, f"retention result {label}")
    screenshot(page, f"retention-result-{label}")
    page.goto(base_url + "/officer/retention")
    assert _status_of(page, DOGS).startswith("Done")
    assert page.locator("#nothing-due").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_administrator_removes_personal_data_from_the_expired_demo_consultation(
    browser, javascript
):  # type: ignore[no-untyped-def]
    label = "with-js" if javascript else "without-js"
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        with demo_server(f"involve-retention-{label}-") as (base_url, _):
            _open_retention(page, base_url, label)
            _confirm(page, label)
            if javascript:
                _check(page, f"retention job page {label}")
                continue_link = page.locator("main a", has_text="Continue")
                continue_link.wait_for(state="visible", timeout=60_000)
            else:
                deadline = time.monotonic() + 60
                while not page.locator("main a", has_text="Continue").count():
                    assert time.monotonic() < deadline, "the job did not finish"
                    time.sleep(0.5)
                    _follow(page, page.get_by_role("link", name="Refresh to see progress"))
                continue_link = page.locator("main a", has_text="Continue")
            _follow(page, continue_link)
            _see_result(page, base_url, label)
    finally:
        context.close()
