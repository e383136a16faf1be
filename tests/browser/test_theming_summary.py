"""Issue 5's theme summary in Chromium: an auditor reads the summary of a themed demo question at
desktop width and on a 390px phone (tables scroll in their own focusable box, the page never
scrolls sideways), downloads the CSV, and sees the empty state of a codeframe with no themes.
axe checks every page.

The server is this module's own: the demo data plus one question themed directly in the
database (as officers would have by discovering, coding and accepting suggestions), so the
test does not depend on the order other browser tests run in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    demo_server,
    screenshot,
)


def theme_a_demo_question() -> None:
    """Run in the server's environment: theme the demo question with the most answers, leave
    the next one with no themes, and print their codeframe ids."""
    from sqlalchemy import func, select

    from analysis.discovery import discover_themes
    from analysis.duplicates import find_duplicate_groups
    from analysis.sentiment import analyse_sentiment
    from involve import create_app
    from involve.extensions import db
    from involve.models import (
        Answer,
        CodingSource,
        DuplicateGroup,
        DuplicateStatus,
        ModelVersion,
        Question,
        QuestionKind,
        Stance,
        Theme,
        ThemeCoding,
        ThemeItem,
    )
    from involve.models.base import utc_now
    from involve.services.theming_items import item_texts, start_codeframe
    from involve.services.theming_model_store import next_version_number

    with create_app().app_context():
        busiest = db.session.scalars(
            select(Question)
            .join(Answer)
            .where(Question.kind == QuestionKind.LONG_TEXT)
            .group_by(Question.id)
            .order_by(func.count(Answer.id).desc(), Question.id)
        ).first()
        # A short-text question: seed-demo themes only the long-text ones.
        quiet = db.session.scalars(
            select(Question).where(Question.kind == QuestionKind.SHORT_TEXT).order_by(Question.id)
        ).first()
        codeframe = start_codeframe(actor=None, question=busiest)
        texts = item_texts(codeframe)
        items = {
            item.id: item
            for item in db.session.scalars(
                select(ThemeItem).where(ThemeItem.codeframe_id == codeframe.id)
            )
        }
        # seed-demo has already themed it (a first model version, the demo analyst's themes):
        # the themes found here are added beside those, as a later round of coding would be.
        version = ModelVersion(
            codeframe_id=codeframe.id, number=next_version_number(codeframe), coded_examples=30
        )
        db.session.add(version)
        db.session.flush()
        for position, found in enumerate(discover_themes([t.text for t in texts], k=5)):
            theme = Theme(
                codeframe_id=codeframe.id,
                name=f"Found: {found.label}",
                position=100 + position,
            )
            db.session.add(theme)
            db.session.flush()
            for number, index in enumerate(found.member_indices):
                item = items[texts[index].item_id]
                accepted = number % 3 == 2
                db.session.add(
                    ThemeCoding(
                        item_id=item.id,
                        theme_id=theme.id,
                        source=CodingSource.SUGGESTION if accepted else CodingSource.OFFICER,
                        model_version_id=version.id if accepted else None,
                    )
                )
                item.reviewed_at = None if accepted else utc_now()
        for text, sentiment in zip(texts, analyse_sentiment([t.text for t in texts]), strict=True):
            items[text.item_id].predicted_stance = Stance(sentiment.stance)
        for number, group in enumerate(find_duplicate_groups([t.text for t in texts])):
            status = DuplicateStatus.CAMPAIGN if number == 0 else DuplicateStatus.SUSPECTED
            row = DuplicateGroup(
                codeframe_id=codeframe.id,
                example_text=group.example,
                size=group.size,
                status=status,
            )
            db.session.add(row)
            db.session.flush()
            for index in group.members:
                items[texts[index].item_id].duplicate_group_id = row.id
        empty = start_codeframe(actor=None, question=quiet)
        db.session.commit()
        print(codeframe.id, empty.id)


@pytest.fixture(scope="module")
def themed_server() -> Iterator[tuple[str, int, int]]:
    prepare = f"from {__name__} import theme_a_demo_question as t; t()"
    with demo_server("involve-browser-summary-", prepare=[prepare]) as (base_url, printed):
        codeframe_id, empty_id = map(int, printed.split()[-2:])
        yield base_url, codeframe_id, empty_id


def _sign_in_as_auditor(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "auditor@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _page_scrolls_sideways(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_an_auditor_reads_the_theme_summary_on_desktop_and_phone(browser, themed_server):
    base_url, codeframe_id, empty_id = themed_server
    for width in (1024, 390):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        _sign_in_as_auditor(page, base_url)
        page.goto(f"{base_url}/officer/theming/{codeframe_id}/summary")

        assert page.locator("h1").inner_text() == "Theme summary"
        rows = page.locator("#themes-table tbody tr")
        assert rows.count() == 5 + 7  # the 5 found here and the demo analyst's 7
        assert page.locator("#groups-1 caption").inner_text() == "Responding as"
        assert page.locator("#quotes [data-quote]").count() >= 10
        assert "fewer than 10" in page.locator("#suppression-rule").inner_text()
        assert not _page_scrolls_sideways(page), f"page scrolls sideways at {width}px"
        assert_accessible(page, f"theme summary at {width}px")
        screenshot(page, f"theming-summary-{width}")

        # The wide tables' boxes take keyboard focus so they can be scrolled without a mouse.
        scroller = page.locator(".involve-table-scroll").first
        scroller.focus()
        assert page.evaluate("document.activeElement.getAttribute('role')") == "region"

        page.goto(f"{base_url}/officer/theming/{empty_id}/summary")
        assert page.locator("#empty").inner_text() == "There are no themes yet"
        assert_accessible(page, f"theme summary with no themes at {width}px")
        context.close()


def test_the_auditor_downloads_the_summary_as_csv(browser, themed_server):
    base_url, codeframe_id, _empty_id = themed_server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    _sign_in_as_auditor(page, base_url)
    page.goto(f"{base_url}/officer/theming/{codeframe_id}/summary")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("Theme,Texts,Share of coded texts")
    assert download.value.suggested_filename.startswith(f"theme-summary-{codeframe_id}-")

    page.goto(f"{base_url}/officer/theming/999999/summary")
    assert page.locator("h1").count() == 1
    assert_accessible(page, "theme summary not found")
    context.close()
