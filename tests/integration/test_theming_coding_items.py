"""The list of a codeframe's texts: filters, search (with LIKE's wildcards typed literally),
pages of fifty, and a fixed number of queries per page."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from involve.extensions import db
from involve.models import ModelVersion, ThemeSuggestion
from tests.factories_theming import code, codeframe_with_items
from tests.pages import heading


def _rows(page) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(what they said, themes, status) per row."""
    rows = []
    for row in page.select("#items tbody tr"):
        cells = row.find_all("td")
        rows.append(
            (
                cells[1].get_text(strip=True),
                ", ".join(li.get_text(strip=True) for li in cells[2].find_all("li")),
                cells[3].get_text(strip=True),
            )
        )
    return rows


def _setup():  # type: ignore[no-untyped-def]
    texts = [
        "Buses are late",
        "Save 50% on parking",
        "50 percent of spaces are empty",
        "Use my_email address for updates",
        "My email is private",
        "Nothing to add",
    ]
    codeframe, items, themes = codeframe_with_items(texts, ["Buses", "Parking"])
    code(items[0], themes[0])
    code(items[1], themes[1], themes[0])
    items[5].no_theme_fits = True
    code(items[5])
    version = ModelVersion(codeframe_id=codeframe.id, number=1, coded_examples=3)
    db.session.add(version)
    db.session.flush()
    db.session.add_all(
        [
            ThemeSuggestion(
                item_id=items[2].id, theme_id=themes[1].id, score=0.7, model_version_id=version.id
            ),
            ThemeSuggestion(
                item_id=items[3].id, theme_id=themes[1].id, score=0.2, model_version_id=version.id
            ),
        ]
    )
    db.session.commit()
    return codeframe, items, themes


def test_the_list_shows_each_text_with_its_themes_and_status_and_links_to_coding(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    page = pages.get(f"/officer/theming/{codeframe.id}/items")
    assert heading(page) == "Responses and their themes"
    assert page.find(id="coding-counts").get_text(" ", strip=True) == "3 of 6 coded, 3 to code."
    assert _rows(page)[:2] == [
        ("Buses are late", "Buses", "Coded"),
        ("Save 50% on parking", "Buses, Parking", "Coded"),
    ]
    assert _rows(page)[5] == ("Nothing to add", "", "No theme fits")
    link = page.select_one("#items tbody tr a")
    assert link["href"] == f"/officer/theming/{codeframe.id}/items/{items[0].id}"
    assert link.get_text(strip=True) == items[0].answer.response.reference
    assert page.find("button", string="Code next response") is not None


def test_filters_by_status_theme_and_suggested_theme(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe, _, themes = _setup()
    url = f"/officer/theming/{codeframe.id}/items"

    def texts(**args):  # type: ignore[no-untyped-def]
        return [row[0] for row in _rows(pages.get(url, query_string=args))]

    assert texts(show="to-code") == [
        "50 percent of spaces are empty",
        "Use my_email address for updates",
        "My email is private",
    ]
    assert texts(show="coded") == ["Buses are late", "Save 50% on parking", "Nothing to add"]
    assert texts(theme=themes[1].id) == ["Save 50% on parking"]
    assert texts(theme=themes[0].id, show="to-code") == []
    assert texts(suggested=themes[1].id) == ["50 percent of spaces are empty"]
    # Unknown values are ignored, not refused.
    assert len(texts(show="everything", theme="999999", suggested="x", page="-4")) == 6
    page = pages.get(url, query_string={"theme": themes[1].id})
    assert page.find(id="matching-count").get_text(strip=True) == "1 response matches."


def test_search_treats_percent_and_underscore_as_typed(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    url = f"/officer/theming/{codeframe.id}/items"

    def texts(search: str) -> list[str]:
        return [row[0] for row in _rows(pages.get(url, query_string={"search": search}))]

    assert texts("50%") == ["Save 50% on parking"]
    assert texts("my_email") == ["Use my_email address for updates"]
    assert texts("BUSES") == ["Buses are late"]
    assert texts(items[4].answer.response.reference.lower()) == ["My email is private"]
    page = pages.get(url, query_string={"search": "nowhere at all"})
    assert "No responses match" in page.get_text()


def test_pages_of_fifty_with_the_same_number_of_queries_however_many_rows(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = codeframe_with_items(
        [f"Response number {n}" for n in range(120)], ["Buses", "Parking"]
    )
    for item in items[:60]:
        code(item, *themes)
    db.session.commit()
    url = f"/officer/theming/{codeframe.id}/items"
    page = pages.get(url, query_string={"page": 2})
    assert len(_rows(page)) == 50
    assert _rows(page)[0] == ("Response number 50", "Buses, Parking", "Coded")
    assert page.select_one(".govuk-pagination__link[aria-current=page]").get_text(strip=True) == "2"
    assert len(_rows(pages.get(url, query_string={"page": 3}))) == 20

    statements: list[str] = []

    def count(*_args):  # type: ignore[no-untyped-def]
        statements.append("x")

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        pages.get(url, query_string={"page": 1})
        full_page = len(statements)
        statements.clear()
        pages.get(url, query_string={"page": 3})
        part_page = len(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert full_page and full_page == part_page


@pytest.mark.parametrize("text", ["\x00", "a\x00b", "\\", "' OR 1=1 --", "<script>x</script>"])
def test_hostile_searches_and_filters_never_fail(pages, sign_in_as, text):
    sign_in_as("analyst")
    codeframe, _, _ = _setup()
    page = pages.get(
        f"/officer/theming/{codeframe.id}/items",
        query_string={"search": text, "show": text, "theme": text, "suggested": text, "page": text},
    )
    assert heading(page) == "Responses and their themes"
