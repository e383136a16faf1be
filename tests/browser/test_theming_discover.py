"""Issue 5's first steps in Chromium: an analyst starts theming a demo question with plenty of
answers, discovers themes, watches the job finish, renames one, drops one, keeps the rest, then
merges two. axe checks every page on the way, error states included."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "analyst@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _submit(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _follow(page, link) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        link.click()


def _open_hub(page) -> None:  # type: ignore[no-untyped-def]
    _follow(page, page.get_by_role("link", name="Consultations", exact=True).first)
    _follow(page, page.locator("main table").get_by_role("link", name="Town centre parking plan"))
    assert_accessible(page, "consultation overview with theming")
    start = page.locator("#theming").locator("xpath=following-sibling::dl[1]")
    # A button when nobody has started theming the question, a link once someone has.
    with page.expect_navigation():
        start.locator("button, a").filter(has_text="Theme answers").first.click()
    assert page.locator("h1").inner_text() == "Theme the answers"
    assert_accessible(page, "theming hub")


def _discover(page) -> None:  # type: ignore[no-untyped-def]
    number = page.get_by_label("Number of themes (optional)")
    number.fill("40")
    _submit(page, "Discover themes")
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert "between 2 and 30" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "hub with a discover error")
    page.get_by_label("Number of themes (optional)").fill("")
    _submit(page, "Discover themes")
    assert page.locator("h1").inner_text() == "Discovering themes"
    assert_accessible(page, "discover job page")
    continue_link = page.locator("main a", has_text="Continue")  # a link styled as a button
    continue_link.wait_for(state="visible", timeout=60_000)
    screenshot(page, "theming-discover-job")
    _follow(page, continue_link)
    assert page.locator("h1").inner_text() == "Themes found"
    assert_accessible(page, "themes found")


def _accept_with_a_rename_and_a_drop(page) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    names = page.locator("main form input[type=text]")
    count = names.count()
    assert count >= 3, "expected several proposed themes"
    names.nth(1).fill("")
    _submit(page, "Add the kept themes")
    assert page.locator(".govuk-error-summary").inner_text().count("Enter a name for theme 2") == 1
    assert_accessible(page, "themes found with an error")
    page.locator("main form input[type=text]").nth(1).fill("Cost of parking")
    page.locator("main form input[type=checkbox]").nth(count - 1).uncheck()
    kept = [
        page.locator("main form input[type=text]").nth(i).input_value() for i in range(count - 1)
    ]
    screenshot(page, "theming-discover-proposal")
    _submit(page, "Add the kept themes")
    assert not page.title().startswith("Error: "), page.locator("main").inner_text()[:1500]
    return count, kept


def test_analyst_discovers_keeps_renames_and_merges_themes(page, live_server):
    _sign_in(page, live_server)
    _open_hub(page)
    _discover(page)
    count, kept = _accept_with_a_rename_and_a_drop(page)

    assert page.locator("h1").inner_text() == "Themes"
    table = page.locator("#themes-table tbody")
    # The demo codeframe arrives with the themes its analyst made; the kept ones join them.
    before_merge = table.locator("tr").count()
    assert before_merge >= count - 1
    assert "Cost of parking" in table.inner_text()
    assert all(name in table.inner_text() for name in kept)
    assert table.inner_text().count("Discovered") == count - 1
    assert_accessible(page, "themes list")
    screenshot(page, "theming-themes")

    _follow(page, page.get_by_role("button", name="Merge themes"))
    assert_accessible(page, "merge themes")
    _submit(page, "Merge themes")
    assert "Select 2 or more themes to merge" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "merge themes with errors")
    boxes = page.locator("input[name=themes]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Name of the merged theme").fill("Parking in the town centre")
    _submit(page, "Merge themes")
    rows = page.locator("#themes-table tbody tr")
    assert rows.count() == before_merge - 1
    assert "Parking in the town centre" in page.locator("#themes-table").inner_text()

    _follow(
        page, page.locator("#themes-table").get_by_role("link", name=re.compile("^Delete")).first
    )
    assert_accessible(page, "delete a theme")
    page.go_back()
    _follow(
        page, page.locator("#themes-table").get_by_role("link", name=re.compile("^Change")).first
    )
    page.get_by_label("Name", exact=True).fill("")
    _submit(page, "Save changes")
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "change a theme with an error")
    _follow(page, page.locator(".govuk-back-link"))
    _follow(page, page.locator(".govuk-back-link"))
    assert page.locator("h1").inner_text() == "Theme the answers"
    assert "Parking in the town centre" in page.locator("#theme-counts").inner_text()
    assert_accessible(page, "hub with themes")
    screenshot(page, "theming-hub")
