"""The theme summary page and its CSV: counts and shares, campaigns counted separately,
sentiment, quotes, a fixed number of queries, the download and empty states (respondent
groups and suppression are in test_theming_summary_groups.py)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    CodingSource,
    DuplicateGroup,
    DuplicateStatus,
    ModelVersion,
    Stance,
)
from tests.factories_theming import ThemeCodingFactory, code, codeframe_with_items
from tests.pages import heading, statements_for


def _texts(count: int, stem: str = "Comment") -> list[str]:
    return [f"{stem} number {n} about the plans for the town centre" for n in range(count)]


def _url(codeframe, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/officer/theming/{codeframe.id}/summary{suffix}"


def _table(page, table_id: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Row header -> the row's cells, as shown."""
    rows = page.select(f"#{table_id} tbody tr")
    return {
        row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in rows
    }


def _overview(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True).split(" (")[0]
        for row in page.select("#overview .govuk-summary-list__row")
    }


def _group(codeframe, items, status: DuplicateStatus) -> DuplicateGroup:  # type: ignore[no-untyped-def]
    group = DuplicateGroup(
        codeframe_id=codeframe.id, example_text=items[0].text, size=len(items), status=status
    )
    db.session.add(group)
    db.session.flush()
    for item in items:
        item.duplicate_group_id = group.id
    db.session.flush()
    return group


def _accept(item, theme, version) -> None:  # type: ignore[no-untyped-def]
    """An accepted suggestion, as the suggestions screen records it."""
    ThemeCodingFactory(
        item=item,
        theme=theme,
        source=CodingSource.SUGGESTION,
        model_version_id=version.id,
        suggestion_score=0.9,
    )


def _model_version(codeframe, number: int = 1) -> ModelVersion:  # type: ignore[no-untyped-def]
    version = ModelVersion(codeframe_id=codeframe.id, number=number, coded_examples=40)
    db.session.add(version)
    db.session.flush()
    return version


# -- counts and shares ---------------------------------------------------------------------------
def test_counts_shares_and_how_codes_were_given_are_shown_per_theme(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking, buses, _libraries) = codeframe_with_items(
        _texts(30), ["Parking", "Buses", "Libraries"]
    )
    version = _model_version(codeframe, number=3)
    for item in items[:12]:
        code(item, parking)
    for item in items[6:12]:
        code(item, buses)
    for item in items[12:16]:  # accepted suggestions, not reviewed on the coding screen
        _accept(item, buses, version)
    items[16].reviewed_at, items[16].no_theme_fits = items[0].reviewed_at, True
    db.session.commit()

    page = pages.get(_url(codeframe))

    assert heading(page) == "Theme summary"
    # Coded: 12 + 4 accepted + 1 "no theme fits" = 17; 13 left.
    assert _overview(page) == {
        "Texts": "30",
        "Coded": "17",
        "Not coded yet": "13",
        "No theme fits": "1",
        "In confirmed campaigns": "0",
        "In suspected duplicate groups": "0",
    }
    # Theme: texts, share of 17, by officers, accepted suggestions, in campaigns.
    assert _table(page, "themes-table") == {
        "Parking": ["12", "71%", "12", "0", "0"],
        "Buses": ["10", "59%", "6", "4", "0"],
        "Libraries": ["0", "0%", "0", "0", "0"],
    }
    numeric = page.select("#themes-table tbody td")
    assert all("govuk-table__cell--numeric" in cell["class"] for cell in numeric)
    assert "model version 3" in page.select_one("#model-versions").get_text(" ", strip=True)
    assert page.select_one("#made-at").get_text().startswith("Figures at ")


def test_confirmed_campaign_texts_are_counted_separately_and_suspected_ones_still_count(
    pages, sign_in_as
):
    sign_in_as("analyst")
    codeframe, items, (parking,) = codeframe_with_items(_texts(20), ["Parking"])
    campaign = items[:5]
    suspected = items[5:8]
    for item in items[:10]:
        code(item, parking)
    _group(codeframe, campaign, DuplicateStatus.CAMPAIGN)
    _group(codeframe, suspected, DuplicateStatus.SUSPECTED)
    _group(codeframe, items[18:20], DuplicateStatus.NOT_CAMPAIGN)
    db.session.commit()

    page = pages.get(_url(codeframe))

    overview = _overview(page)
    assert overview["In confirmed campaigns"] == "5"
    assert overview["In suspected duplicate groups"] == "3"
    assert overview["Coded"] == "5"  # the five coded campaign texts are not in it
    assert overview["Not coded yet"] == "10"
    assert _table(page, "themes-table")["Parking"] == ["5", "100%", "5", "0", "5"]


# -- sentiment and quotes -----------------------------------------------------------------------
def test_sentiment_uses_the_officers_stance_then_the_predicted_one(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking,) = codeframe_with_items(_texts(8), ["Parking"])
    stances = [
        (Stance.POSITIVE, Stance.NEGATIVE),  # the officer's stance wins
        (Stance.POSITIVE, None),
        (None, Stance.NEGATIVE),
        (None, Stance.NEGATIVE),
        (None, Stance.NEUTRAL),
        (None, None),  # not known
        (None, None),
        (None, None),
    ]
    for item, (stance, predicted) in zip(items, stances, strict=True):
        item.stance, item.predicted_stance = stance, predicted
        code(item, parking)
    db.session.commit()

    page = pages.get(_url(codeframe))

    headers = [th.get_text(strip=True) for th in page.select("#sentiment-table thead th")]
    assert headers == ["Theme", "Positive", "Neutral", "Negative", "Not known"]
    assert _table(page, "sentiment-table") == {"Parking": ["25%", "13%", "25%", "38%"]}


def test_quotes_are_diverse_escaped_prefer_highlights_and_skip_campaigns(pages, sign_in_as):
    sign_in_as("analyst")
    campaign_text = "Save our library from closure, sign the petition at the front desk today"
    texts = [
        "<script>alert('x')</script> The car park by the station is always full before eight",
        "Parking charges in the town centre have doubled and the small shops are suffering",
        "Parking charges in the town centre have doubled and the small shops are suffering!",
        "Please bring back free parking on Sundays so families can visit the market again",
        "Residents permits cost too much for households with two cars and no driveway at all",
        *[campaign_text] * 6,
    ]
    codeframe, items, (parking, stations) = codeframe_with_items(texts, ["Parking", "Stations"])
    for item in items:
        code(item, parking)
    code(items[0], stations)
    items[4].highlights = ["permits cost too much"]
    items[4].stance = Stance.NEGATIVE
    _group(codeframe, items[5:], DuplicateStatus.CAMPAIGN)
    db.session.commit()

    page = pages.get(_url(codeframe))

    quotes = page.select("#quotes [data-quote]")[:3]
    shown = [quote.blockquote.get_text(strip=True).strip("“”") for quote in quotes]
    assert len(shown) == 3
    # The whole text is quoted, with the officer's excerpt emphasised, not the excerpt alone.
    assert quotes[0].blockquote.get_text().strip().strip("“”") == texts[4]
    assert [mark.get_text() for mark in quotes[0].select("mark")] == ["permits cost too much"]
    assert "Sentiment: negative (set by an officer). The highlighted words are what" in quotes[
        0
    ].get_text(" ", strip=True)
    assert not any("petition" in text for text in shown)
    assert sum(1 for text in shown if text.startswith("Parking charges")) <= 1
    # The only text with the second theme is the one with a script tag: shown as text.
    alone = page.select("#quotes [data-quote]")[-1].blockquote.get_text(strip=True)
    assert alone.startswith("“<script>alert('x')</script> The car park")
    html = pages.last_response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


# -- queries -------------------------------------------------------------------------------------
def _themed(count: int, themes: int = 3):  # type: ignore[no-untyped-def]
    names = ["Parking", "Buses", "Libraries", "Potholes", "Bins", "Parks"][:themes]
    codeframe, items, themes_made = codeframe_with_items(_texts(count), names, organisation_every=4)
    version = _model_version(codeframe)
    for index, item in enumerate(items):
        item.highlights = ["the town centre"] if index % 5 == 0 else []
        if index % 3 == 0:
            _accept(item, themes_made[index % 2], version)
        else:
            code(item, themes_made[index % len(themes_made)])
    _group(codeframe, items[:3], DuplicateStatus.CAMPAIGN)
    _group(codeframe, items[3:6], DuplicateStatus.SUSPECTED)
    db.session.commit()
    return codeframe


def test_the_summary_takes_the_same_number_of_queries_for_10_or_100_texts(pages, sign_in_as):
    sign_in_as("analyst")
    small, large = _themed(10, themes=3), _themed(100, themes=6)

    with_ten = statements_for(pages, _url(small))
    with_hundred = statements_for(pages, _url(large))

    assert _overview(pages.get(_url(large)))["Texts"] == "100"
    assert with_ten > 0
    assert with_hundred == with_ten


# -- download ------------------------------------------------------------------------------------
def _csv(pages, codeframe) -> list[list[str]]:  # type: ignore[no-untyped-def]
    pages.post(_url(codeframe, ".csv"))
    response = pages.last_response
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_csv_has_the_figures_is_formula_safe_and_is_audited(pages, sign_in_as):
    officer = sign_in_as("auditor")
    texts = ['=HYPERLINK("http://evil") parking is a scandal in this town', *_texts(11)]
    codeframe, items, (formula, buses) = codeframe_with_items(texts, ["=SUM(A1)", "Buses"])
    for item in items:
        code(item, formula)
    code(items[0], buses)
    items[0].highlights = ["parking is a scandal"]  # the CSV still quotes the whole text
    db.session.commit()

    rows = _csv(pages, codeframe)

    header, by_theme = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:6] == [
        "Theme",
        "Texts",
        "Share of coded texts",
        "Also in confirmed campaigns",
        "Coded by officers",
        "Accepted suggestions",
    ]
    assert "'=SUM(A1)" in by_theme and "=SUM(A1)" not in by_theme
    assert by_theme["'=SUM(A1)"][1:6] == ["12", "100%", "0", "12", "0"]
    assert by_theme["Buses"][1:3] == ["1", "8%"]
    individual = header.index("Responding as: Individual")
    assert by_theme["'=SUM(A1)"][individual : individual + 2] == ["12", "100%"]
    assert by_theme["Buses"][individual : individual + 2] == ["fewer than 10", ""]
    # Buses has one text, the one that starts with "=": its quote is made safe.
    assert by_theme["Buses"][header.index("Quote 1")].startswith("'=HYPERLINK(")
    assert by_theme["Buses"][header.index("Quote 1")].endswith("parking is a scandal in this town")
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert by_theme["Not coded yet"][1] == "0"
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theming.summary_exported")
    ).one()
    assert audit.officer_id == officer.id
    assert audit.object_id == str(codeframe.id)


def test_the_csv_download_is_a_post_so_reading_the_page_records_nothing(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, *_ = codeframe_with_items(_texts(3), ["Parking"])
    db.session.commit()
    pages.get(_url(codeframe, ".csv"), expected_status=405)
    pages.get(_url(codeframe))
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theming.summary_exported")
    ).all()


# -- access and empty states ---------------------------------------------------------------------
def test_an_auditor_can_read_the_summary(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe = _themed(12)
    page = pages.get(_url(codeframe))
    assert heading(page) == "Theme summary"
    assert page.select_one("#themes-table")
    assert page.select_one(f"form[action='{_url(codeframe, '.csv')}']")


def test_a_codeframe_with_no_themes_says_so(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, *_ = codeframe_with_items(_texts(4))
    db.session.commit()
    page = pages.get(_url(codeframe))
    assert page.select_one("#empty").get_text(strip=True) == "There are no themes yet"
    assert not page.select("table")
    assert _overview(page)["Texts"] == "4"


def test_a_codeframe_with_themes_but_no_codes_says_so(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, *_ = codeframe_with_items(_texts(4), ["Parking"])
    db.session.commit()
    page = pages.get(_url(codeframe))
    assert page.select_one("#empty").get_text(strip=True) == "No texts have been coded yet"
    assert not page.select("table")


def test_an_unknown_codeframe_is_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/officer/theming/999999/summary", expected_status=404)
    pages.post("/officer/theming/999999/summary.csv", expected_status=404)
