"""The open-data API and the public "We asked, you said, we did" page publish the same closed
consultation, so they must hide the same numbers: read side by side, neither gives away a count
the other hides. One consultation with few organisations and few councillors among its
respondents, every question kind, and published themes; each number on the page is matched
with the API's, cell by cell, and the totals are read against each other as an attacker would:
the question and theme tables leave out the answers of the groups the channel table leaves
out, so no total less the individuals shown gives those groups' number away."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import delete, select, update

from involve.extensions import db
from involve.models import ThemeCoding, ThemeItem
from involve.services.representativeness_report import CHANNEL_LABELS
from tests.factories_open_data import (
    SMALL_COUNCILLORS,
    SMALL_ORGANISATIONS,
    OpenData,
    add_respondent_groups,
    build_open_data,
    publish_decision,
)

ORGANISATIONS = SMALL_ORGANISATIONS  # respondents by index, see factories_open_data
COUNCILLORS = SMALL_COUNCILLORS
INDIVIDUALS = 30 - len(ORGANISATIONS) - len(COUNCILLORS)
LEFT_OUT = set(ORGANISATIONS) | set(COUNCILLORS)


@pytest.fixture
def data() -> OpenData:
    built = build_open_data()
    add_respondent_groups(built)
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
    assert shown["Parking"] == "fewer than 10"  # 2 comments: hidden on its own, on both
    # Counts do not add up (a comment may raise several themes), so nothing else is hidden.
    # Only individuals' comments count (see factories_open_data: items in respondents' order):
    # Buses 0-13 less 3, 4 and 5; Trains 14-24; Parking 25-28 less 26 and 27; 29 is uncoded.
    assert [theme["count"] for theme in codeframe["themes"]] == [11, 11, None]
    assert codeframe["coded"] == INDIVIDUALS - 1
    reading = page.select_one("#you-said").get_text(" ", strip=True)
    assert f"We read and grouped {INDIVIDUALS - 1} of the {INDIVIDUALS} comments" in reading


def test_a_small_number_of_coded_comments_is_hidden_on_both(pages, client, data):
    """Only the Parking comments stay coded (2 of them individuals'): the page says "fewer than
    10", the API null."""
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
    assert f"We read and grouped fewer than 10 of the {INDIVIDUALS} comments" in reading
    assert codeframe["coded"] is None
    assert [theme["count"] for theme in codeframe["themes"]] == [0, 0, None]


def test_no_question_table_gives_the_hidden_total_away(pages, client, data):
    page, results = _both(pages, client, data)
    hidden_total = 30  # "Responses: hidden" on the page, null in the API
    captions = [caption.get_text(strip=True) for caption in page.select("[data-results] caption")]
    assert not any(f"({hidden_total} answered)" in caption for caption in captions)
    assert hidden_total not in [question["respondents"] for question in results["questions"]]


def test_the_tables_say_whose_answers_they_leave_out(pages, client, data):
    page, results = _both(pages, client, data)
    note = page.select_one("#you-said #answers-leave-out").get_text(" ", strip=True)
    assert note == (
        "Answers from organisations and councillors are not counted in these tables because "
        "there were fewer than 10 of them."
    )
    assert results["answers_leave_out"] == ["organisations", "councillors"]
    assert results["answers_leave_out"] == results["responses"]["by_channel_leaves_out"]


def test_a_question_counts_the_individuals_answers_only(client, data):
    results = client.get(f"/api/v1/consultations/{data.closed.slug}/results").get_json()
    questions = {question["text"]: question for question in results["questions"]}
    single = questions["Which option do you prefer?"]
    # Of the individuals: Option A 12 (0-14 less 3, 4, 5), B 11 (15-26 less 26), C 2 (28, 29).
    assert single["respondents"] == INDIVIDUALS
    assert [cell["count"] for cell in single["options"]] == [12, None, None]
    number = questions["How many people live in your home?"]["number"]
    answers = [index % 4 + 1 for index in range(30) if index not in LEFT_OUT]
    assert number["answered"] == INDIVIDUALS
    assert number["mean"] == round(sum(answers) / len(answers), 2)


def test_no_total_is_more_than_the_individuals_shown(pages, client, data):
    """The attacker's subtraction, every total less the individuals shown: each count of people
    or comments on either is at most the individuals, and a question everyone answered shows
    exactly them, so the difference is nobody, or those who skipped a question, never the
    organisations or councillors."""
    page, results = _both(pages, client, data)
    questions = results["questions"]
    published = [question["respondents"] for question in questions]
    published += [row["respondents"] for q in questions for row in q.get("statements", [])]
    published += [q["number"]["answered"] for q in questions if "number" in q]
    published += [codeframe["coded"] for codeframe in results["themes"]]
    published += [theme["count"] for cf in results["themes"] for theme in cf["themes"]]
    captions = [caption.get_text(strip=True) for caption in page.select("[data-results] caption")]
    shown = [int(found) for text in captions for found in re.findall(r"\((\d+) answered\)", text)]
    reading = page.select_one("#you-said").get_text(" ", strip=True)
    shown += [int(n) for n in re.findall(r"We read and grouped (\d+) of the (\d+)", reading)[0]]
    shown += [int(row[1]) for row in _rows(page.select_one("[data-themes]")) if row[1].isdigit()]
    numbers = [n for n in published if n is not None] + shown
    assert len(shown) >= len(captions) and numbers
    assert max(numbers) == INDIVIDUALS, numbers


@pytest.mark.parametrize(
    ("organisations", "councillors", "left_out"),
    [
        (tuple(range(5, 15)), (), []),  # 10 organisations: counted, with everyone else
        ((), COUNCILLORS, ["councillors"]),
        (ORGANISATIONS, (), ["organisations"]),
    ],
)
def test_only_a_small_group_is_left_out(pages, client, organisations, councillors, left_out):
    built = build_open_data()
    add_respondent_groups(built, organisations=organisations, councillors=councillors)
    publish_decision(built, cite_codeframe=True)
    db.session.commit()
    page, results = _both(pages, client, built)
    groups = {"organisations": organisations, "councillors": councillors}
    counted = 30 - sum(len(groups[name]) for name in left_out)
    assert results["answers_leave_out"] == results["responses"]["by_channel_leaves_out"]
    assert results["answers_leave_out"] == left_out
    single = next(q for q in results["questions"] if q["text"] == "Which option do you prefer?")
    assert single["respondents"] == counted
    caption = page.select_one("[data-results] caption").get_text(strip=True)
    assert caption.endswith(f"({counted} answered)")
    note = page.select_one("#answers-leave-out")
    if left_out:
        assert note.get_text(strip=True).startswith(f"Answers from {left_out[0]} are not counted")
    else:
        assert note is None
