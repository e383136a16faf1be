"""The open-data API and the public "We asked, you said, we did" page publish the same closed
consultation, so they must hide the same numbers: read side by side, neither gives away a count
the other hides. One consultation with few organisations and few councillors among its
respondents, every question kind, and published themes; each number on the page is matched
with the API's, cell by cell."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import delete, select, update

from involve.extensions import db
from involve.models import (
    ElectedStatus,
    OrganisationType,
    RespondentProfile,
    RespondingAs,
    ThemeCoding,
    ThemeItem,
)
from involve.services.representativeness_report import CHANNEL_LABELS
from tests.factories_open_data import OpenData, build_open_data, publish_decision

# Respondents by index (see factories_open_data: 0-19 online, 20-25 by phone, 26-29 on paper).
ORGANISATIONS = (5, 26, 27)  # one online, two on paper
COUNCILLORS = (3, 4)  # both online
INDIVIDUALS = 30 - len(ORGANISATIONS) - len(COUNCILLORS)


@pytest.fixture
def data() -> OpenData:
    built = build_open_data()
    for index in ORGANISATIONS:
        db.session.add(
            RespondentProfile(
                response_id=built.responses[index].id,
                responding_as=RespondingAs.ORGANISATION,
                organisation_type=OrganisationType.BUSINESS,
            )
        )
    for index in COUNCILLORS:
        db.session.add(
            RespondentProfile(
                response_id=built.responses[index].id, elected_status=ElectedStatus.COUNCILLOR
            )
        )
    publish_decision(built, cite_codeframe=True)
    db.session.commit()
    return built


def _both(pages, client, data: OpenData) -> tuple[BeautifulSoup, dict]:  # type: ignore[no-untyped-def]
    page = pages.get(f"/consultations/{data.closed.slug}/you-said-we-did")
    response = client.get(f"/api/v1/consultations/{data.closed.slug}/results")
    assert response.status_code == 200
    return page, response.get_json()


def _same(shown: str, published: int | None) -> bool:
    """A number as the page shows it and as the API publishes it: both hidden, or equal."""
    if published is None:
        return shown == "hidden" or shown.startswith("fewer than")
    return shown.replace(",", "") == str(published)


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in table.select("tbody tr")
    ]


def test_the_api_hides_the_total_the_page_hides_and_leaves_the_same_groups_out(pages, client, data):
    page, results = _both(pages, client, data)
    counts = page.select_one("#took-part-counts").get_text(" ", strip=True)
    assert "Responses: hidden" in counts
    assert f"Individuals, counted in the mix below: {INDIVIDUALS}." in counts
    # Otherwise the API's total less the page's individuals would give their number away.
    responses = results["responses"]
    assert responses["total"] is None and responses["suppressed"] is True
    assert responses["by_channel_leaves_out"] == ["organisations", "councillors"]
    # The two channel tables are the same table: same numbers shown, same ones hidden, so no
    # subtraction of one from the other gives away the organisations' or councillors' channels.
    shown = {row[0]: row[1] for row in _rows(page.select_one("#channels"))}
    for cell in responses["by_channel"]:
        label = CHANNEL_LABELS[cell["channel"]]
        if cell["count"] == 0:
            assert shown.get(label, "0") == "0", label  # the page leaves out channels nobody used
        else:
            assert _same(shown[label], cell["count"]), (label, shown[label], cell)
    online = next(cell for cell in responses["by_channel"] if cell["channel"] == "online")
    assert online["count"] == 20 - 1 - len(COUNCILLORS)  # individuals only


def test_every_question_hides_the_same_numbers_on_both(pages, client, data):
    page, results = _both(pages, client, data)
    tables = page.select("[data-results]")
    assert len(tables) == len(results["questions"])
    for table, question in zip(tables, results["questions"], strict=True):
        caption = table.select_one("caption").get_text(strip=True)
        answered = re.search(r"\((.+) answered\)$", caption).group(1)
        assert _same(answered, question["respondents"]), (caption, question)
        rows = _rows(table)
        if "options" in question:
            published = [cell["count"] for cell in question["options"]]
            assert [row[0] for row in rows] == [cell["label"] for cell in question["options"]]
            shown = [row[1] for row in rows]
        elif "statements" in question:
            published = [cell["count"] for row in question["statements"] for cell in row["scale"]]
            shown = [text for row in rows for text in row[1:]]
        elif "rankings" in question:
            published = [item["first_choice"]["count"] for item in question["rankings"]]
            shown = [row[1] for row in rows]
            means = [item["mean_rank"] for item in question["rankings"]]
            assert [row[2] == "hidden" for row in rows] == [mean is None for mean in means]
        else:
            published = [question["number"]["answered"]]
            shown = [rows[0][1]]
            assert (rows[1][1] == "hidden") == (question["number"]["mean"] is None)
        assert len(shown) == len(published), caption
        for text, count in zip(shown, published, strict=True):
            assert _same(text, count), (caption, text, count)
    few = next(q for q in results["questions"] if q["text"] == "How many cars do you own?")
    assert few["respondents"] is None and few["number"]["answered"] is None  # 4 people


def test_themes_follow_one_rule_on_both(pages, client, data):
    page, results = _both(pages, client, data)
    (codeframe,) = results["themes"]
    shown = {row[0]: row[1] for row in _rows(page.select_one("[data-themes]"))}
    assert {theme["name"] for theme in codeframe["themes"]} == set(shown)
    for theme in codeframe["themes"]:
        assert _same(shown[theme["name"]], theme["count"]), theme
    assert shown["Parking"] == "fewer than 10"  # 4 comments: hidden on its own, on both
    # Counts do not add up (a comment may raise several themes), so nothing else is hidden.
    assert [theme["count"] for theme in codeframe["themes"]] == [14, 11, None]
    reading = page.select_one("#you-said").get_text(" ", strip=True)
    assert f"We read and grouped {codeframe['coded']} of the 30 comments" in reading


def test_a_small_number_of_coded_comments_is_hidden_on_both(pages, client, data):
    """Only the 4 Parking comments stay coded: the page says "fewer than 10", the API null."""
    others = [data.themes["Buses"].id, data.themes["Trains"].id]
    items = db.session.scalars(
        select(ThemeCoding.item_id).where(ThemeCoding.theme_id.in_(others))
    ).all()
    db.session.execute(delete(ThemeCoding).where(ThemeCoding.theme_id.in_(others)))
    db.session.execute(update(ThemeItem).where(ThemeItem.id.in_(items)).values(reviewed_at=None))
    db.session.commit()
    page, results = _both(pages, client, data)
    (codeframe,) = results["themes"]
    reading = page.select_one("#you-said").get_text(" ", strip=True)
    assert "We read and grouped fewer than 10 of the 30 comments" in reading
    assert codeframe["coded"] is None
    assert [theme["count"] for theme in codeframe["themes"]] == [0, 0, None]


@pytest.mark.xfail(
    strict=True,
    reason="Known gap, on the page as in the API: question tables count every respondent, so a "
    "question everyone answered shows the total that 'Responses' hides, and that total less "
    "the individuals shown gives away how many organisations and councillors responded.",
)
def test_no_question_table_gives_the_hidden_total_away(pages, client, data):
    page, results = _both(pages, client, data)
    hidden_total = 30  # "Responses: hidden" on the page, null in the API
    captions = [caption.get_text(strip=True) for caption in page.select("[data-results] caption")]
    assert not any(f"({hidden_total} answered)" in caption for caption in captions)
    assert hidden_total not in [question["respondents"] for question in results["questions"]]
