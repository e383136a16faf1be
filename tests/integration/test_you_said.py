"""The public "We asked, you said, we did" page: there only once the decision record is published;
themes with their counts (small ones as "fewer than 10"), only moderated quotes, closed questions
as suppressed tables, what was done per theme; linked from the consultation and home pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from involve.extensions import db
from involve.models import ModerationItem, ModerationSource, ModerationStatus
from involve.services import decisions
from tests.factories_decisions import decision_record, themed_consultation
from tests.factories_open_data import (
    APPROVED_QUOTE,
    EDITED_QUOTE,
    PENDING_TEXT,
    PLANTED_PHONE,
    WITHHELD_TEXT,
    build_open_data,
)
from tests.pages import heading, statements_for

STALE_PENDING = "Unpublished wording of a text still waiting for a decision"


def _page_url(consultation) -> str:  # type: ignore[no-untyped-def]
    return f"/consultations/{consultation.slug}/you-said-we-did"


def _theme_rows(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (row.th.get_text(strip=True), row.td.get_text(strip=True))
        for row in page.select("[data-themes] tbody tr")
    ]


@pytest.fixture
def data():  # type: ignore[no-untyped-def]
    built = build_open_data()
    # A pending text whose published wording was filled in (as if approved, then reopened):
    # only the status decides what the public sees.
    answer = built.responses[9].answers[0]
    db.session.add(
        ModerationItem(
            consultation_id=built.closed.id,
            answer_id=answer.id,
            source=ModerationSource.QUOTE,
            status=ModerationStatus.PENDING,
            redacted_text=STALE_PENDING,
            published_text=STALE_PENDING,
        )
    )
    db.session.flush()
    return built


def test_the_page_is_not_found_until_the_decision_is_published(pages, data):
    url = _page_url(data.closed)
    pages.get(url, expected_status=404)
    record = decision_record(data.activities["linked"], published=False)
    db.session.commit()
    pages.get(url, expected_status=404)
    assert pages.get(f"/consultations/{data.closed.slug}").select_one("#you-said-link") is None
    decisions.publish_record(actor=None, record=record)
    db.session.commit()
    page = pages.get(url)
    assert heading(page) == data.closed.title
    assert page.select_one("#you-said-link") is None  # the page itself
    link = pages.get(f"/consultations/{data.closed.slug}").select_one("#you-said-link")
    assert link["href"] == url
    pages.get("/consultations/no-such-consultation/you-said-we-did", expected_status=404)


def test_a_draft_consultation_has_no_page_even_with_a_published_record(pages, data):
    from tests.factories_activities import ActivityFactory

    activity = ActivityFactory(consultation=data.draft)
    decision_record(activity)
    db.session.commit()
    pages.get(_page_url(data.draft), expected_status=404)


def test_themes_are_counted_with_small_numbers_suppressed(pages, data):
    decision_record(data.activities["linked"], codeframe_ids=[data.codeframe.id])
    db.session.commit()
    page = pages.get(_page_url(data.closed))
    # 14, 11 and 4 coded texts: the most raised first, the small one as "fewer than 10".
    assert _theme_rows(page) == [("Buses", "14"), ("Trains", "11"), ("Parking", "fewer than 10")]
    you_said = page.select_one("#you-said").get_text(" ", strip=True)
    assert "We read and grouped 29 of the 30 comments by theme." in you_said
    assert "Tell us why" in you_said


def test_a_theme_of_three_reads_fewer_than_ten_and_uncited_themes_are_not_shown(pages):
    cited = themed_consultation({"Buses": 12, "Trains": 3})
    decision_record(cited.activity, codeframe_ids=[cited.codeframe.id])
    db.session.commit()
    page = pages.get(_page_url(cited.consultation))
    assert _theme_rows(page) == [("Buses", "12"), ("Trains", "fewer than 10")]
    assert "3" not in [count for _, count in _theme_rows(page)]
    uncited = themed_consultation({"Ferries": 15})
    decision_record(uncited.activity, codeframe_ids=[])
    db.session.commit()
    page = pages.get(_page_url(uncited.consultation))
    assert _theme_rows(page) == []
    assert "Ferries" not in page.get_text()


def test_only_approved_or_edited_quotes_are_shown(pages, data):
    decision_record(data.activities["linked"], codeframe_ids=[data.codeframe.id])
    db.session.commit()
    page = pages.get(_page_url(data.closed))
    quotes = [quote.get_text(" ", strip=True) for quote in page.select("[data-published-quote]")]
    assert any(APPROVED_QUOTE in quote for quote in quotes)
    assert any(EDITED_QUOTE in quote for quote in quotes)
    assert len(quotes) == 2
    text = page.get_text()
    for hidden in (WITHHELD_TEXT, PENDING_TEXT, PLANTED_PHONE, STALE_PENDING):
        assert hidden not in text


def _results_table(page: BeautifulSoup, question: str) -> dict[str, list[str]]:
    for table in page.select("[data-results]"):
        if table.caption.get_text(strip=True).startswith(question):
            return {
                row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
                for row in table.select("tbody tr")
            }
    raise AssertionError(f"no table for {question}")


def test_closed_questions_are_tables_with_suppression(pages, data):
    decision_record(data.activities["linked"])
    db.session.commit()
    page = pages.get(_page_url(data.closed))
    # Option A 15, B 12, C 3: C is small, and B is hidden too so C cannot be worked out.
    assert _results_table(page, "Which option do you prefer?") == {
        "Option A": ["15"],
        "Option B": ["hidden"],
        "Option C": ["fewer than 10"],
    }
    # People could choose several ways to travel: only the small counts are hidden.
    travel = _results_table(page, "How do you travel?")
    assert travel["Bus"] == ["15"] and travel["Car"] == ["10"] and travel["Walk"] == ["12"]
    assert travel["Other"] == ["fewer than 10"]
    # Four people gave their number of cars: too few for an average.
    assert _results_table(page, "How many cars do you own?")["Average"] == ["hidden"]
    text = page.select_one("#you-said").get_text()
    for never in ("Tell us why (", "When were you born?", "What is your postcode?"):
        assert never not in text  # free text, dates and postcodes are never tabulated


def test_we_did_shows_the_decision_and_what_was_done_per_theme(pages, data):
    themes = data.themes
    decision_record(
        data.activities["linked"],
        codeframe_ids=[data.codeframe.id],
        decision="<b>Run</b> a bus every 15 minutes",
        theme_responses={
            str(themes["Buses"].id): "Two more buses an hour from May.",
            str(themes["Parking"].id): "No change to parking.",
        },
    )
    db.session.commit()
    page = pages.get(_page_url(data.closed))
    decision = page.select_one("#decision").get_text(" ", strip=True)
    assert "<b>Run</b> a bus every 15 minutes" in decision  # escaped, shown as typed
    assert page.select_one("#decision b") is None
    assert "Cabinet" in decision
    assert page.select_one("#report-link")["href"] == "https://example.org/report"
    assert page.select_one("#how-considered").get_text(strip=True) == "We read every response."
    responses = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page.select("[data-theme-responses] .govuk-summary-list__row")
    }
    assert responses == {
        "Buses": "Two more buses an hour from May.",
        "Parking": "No change to parking.",
    }


def test_we_asked_lists_the_questions_documents_and_channels(pages, data):
    decision_record(data.activities["linked"])
    db.session.commit()
    page = pages.get(_page_url(data.closed))
    asked = page.select_one("#we-asked")
    questions = [item.get_text(strip=True) for item in asked.select("#questions-asked li")]
    assert questions[:2] == ["Which option do you prefer?", "How do you travel?"]
    document = asked.select_one("#documents a")
    assert document.get_text(strip=True) == "The proposal in full"
    assert document["href"].startswith(f"/consultations/{data.closed.slug}/documents/")
    channels = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in asked.select("#channels tbody tr")
    }
    # 20 online, 6 by phone, 4 on paper: the small ones hidden.
    assert channels == {"Online": "20", "Paper": "fewer than 10", "Phone": "fewer than 10"}


def test_the_home_page_links_decided_consultations_with_a_page(pages, data):
    decision_record(data.activities["linked"])  # publishes the outcome with it
    db.session.commit()
    links = [a["href"] for a in pages.get("/").select("#closed-consultations a")]
    assert _page_url(data.closed) in links


def test_the_page_makes_no_query_per_theme(pages):
    few = themed_consultation({f"Few {n}": 2 for n in range(2)})
    many = themed_consultation({f"Many {n}": 2 for n in range(25)})
    for themed in (few, many):
        decision_record(
            themed.activity,
            codeframe_ids=[themed.codeframe.id],
            theme_responses={str(theme.id): "Done" for theme in themed.themes.values()},
        )
    db.session.commit()
    assert statements_for(pages, _page_url(few.consultation)) == statements_for(
        pages, _page_url(many.consultation)
    )
