"""Update suggestions (the job: sentiment, campaign groups, the theme model, its cross-validated
scores and the suggestions) and the suggestions page with its confidence threshold. Accepting
suggestions is in test_theming_suggestions_accept.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    BackgroundJob,
    CodingSource,
    JobStatus,
    ModelVersion,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.base import utc_now
from tests.factories_theming import (
    BUS_LATE,
    ENOUGH_CODED,
    UNCODED_TEXTS,
    ThemeFactory,
    code,
    coded_codeframe,
    press_update_suggestions,
    themed_texts,
    trained_codeframe,
)
from tests.pages import error_summary, field_error, heading, title


def _suggestions_of(item: ThemeItem) -> dict[str, float]:
    rows = db.session.scalars(select(ThemeSuggestion).where(ThemeSuggestion.item_id == item.id))
    return {row.theme.name: row.score for row in rows}


@pytest.fixture
def trained(pages, sign_in_as):  # type: ignore[no-untyped-def]
    """An analyst and a codeframe after one successful Update suggestions (see
    trained_codeframe)."""
    analyst = sign_in_as("analyst")
    return (analyst, *trained_codeframe(pages, analyst))


def test_update_trains_a_model_measures_it_and_suggests_themes_for_uncoded_texts(trained, pages):
    analyst, codeframe, items, themes = trained
    version = db.session.scalars(select(ModelVersion)).one()
    assert version.number == 1
    assert version.trained_by_id == analyst.id
    assert version.coded_examples == 80
    assert "scikit-learn" in version.library_version
    assert set(version.metrics) == {str(theme.id) for theme in themes.values()}
    for measured in version.metrics.values():
        assert set(measured) == {"precision", "recall", "f1", "examples", "accepted"}
        assert measured["f1"] > 0.8  # distinct vocabularies: the model should do well
    assert version.metrics[str(themes["Housing"].id)]["examples"] == 26
    assert (Path(current_app.instance_path) / "models" / version.stored_name).exists()

    bus = next(item for item in items if item.text == BUS_LATE)
    scores = _suggestions_of(bus)
    assert max(scores, key=scores.get) == "Transport"
    assert all(score >= 0.05 for score in scores.values())
    assert bus.learning_value is not None and 0 <= bus.learning_value <= 1
    coded_item = items[0]
    assert _suggestions_of(coded_item) == {}  # coded texts get no suggestions
    assert coded_item.learning_value is None
    assert all(item.polarity is not None and item.predicted_stance for item in items)

    job = db.session.scalars(select(BackgroundJob)).one()
    assert job.result["model_version"] == 1 and job.result["suggestions"] > 0
    page = pages.get(f"/officer/jobs/{job.id}")
    assert page.select_one("main a.govuk-button")["href"].endswith(
        f"/theming/{codeframe.id}/suggestions"
    )


def test_suggestions_page_shows_the_model_its_scores_and_the_warning_for_small_themes(
    pages, sign_in_as
):
    analyst = sign_in_as("analyst")
    codeframe, _, _ = coded_codeframe(
        {"Transport": 30, "Parks": 30, "Housing": 10}, UNCODED_TEXTS, officer=analyst
    )
    db.session.commit()
    press_update_suggestions(pages, codeframe)
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions")
    assert heading(page) == "Suggestions"
    summary = page.select_one("#model-version").get_text(" ", strip=True)
    assert "Version 1" in summary and analyst.full_name in summary
    assert "70 coded responses" in summary
    rows = {
        row.th.get_text(" ", strip=True).split(" ")[0]: row
        for row in page.select("#theme-scores tbody tr")
    }
    # One warning above the table names the themes; their rows carry a small tag instead.
    assert page.select_one("#few-examples").get_text(" ", strip=True) == (
        "! Warning Fewer than 25 coded examples: treat suggestions for Housing with care"
    )
    assert "care" not in page.select_one("#theme-scores").get_text()
    assert rows["Housing"].select_one("[data-few-examples]").get_text() == "Few examples"
    assert rows["Transport"].select_one("[data-few-examples]") is None
    assert rows["Transport"].select("td")[0].get_text(strip=True) == "30"
    assert "Precision" in page.select_one("#accuracy").find_next("ul").get_text()


def test_threshold_filters_the_list_and_counts_what_would_be_accepted(trained, pages):
    _, codeframe, _, _ = trained
    url = f"/officer/theming/{codeframe.id}/suggestions"
    at_half = pages.get(url + "?threshold=0.50")
    at_99 = pages.get(url + "?threshold=99%")
    assert at_half.select_one("#threshold")["value"] == "0.50"
    shown_half = len(at_half.select("#suggestion-list tbody tr"))
    shown_99 = len(at_99.select("#suggestion-list tbody tr"))
    assert shown_half >= shown_99
    assert BUS_LATE in at_half.select_one("#suggestion-list").get_text()
    count = at_half.select_one("#suggestion-count").get_text(" ", strip=True)
    assert "at 50% or more" in count
    link = at_half.select_one("#suggestion-list a")["href"]
    assert f"/officer/theming/{codeframe.id}/items/" in link


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a confidence threshold, like 0.80"),
        ("lots", "Enter the confidence threshold as a number, like 0.80"),
        ("0.3", "Confidence threshold must be between 0.50 and 0.99"),
        ("1.5", "Confidence threshold must be between 0.50 and 0.99"),
        ("nan", "Enter the confidence threshold as a number, like 0.80"),
    ],
)
def test_a_bad_threshold_is_explained_and_kept(trained, pages, value, message):
    _, codeframe, _, _ = trained
    page = pages.get(
        f"/officer/theming/{codeframe.id}/suggestions", query_string={"threshold": value}
    )
    assert title(page).startswith("Error: ")
    assert error_summary(page) == [message]
    assert field_error(page, "threshold") == message
    assert page.select_one("#threshold").get("value", "") == value
    assert page.select_one("#suggestion-list") is None


def test_suggestions_say_when_they_are_out_of_date(trained, pages):
    _, codeframe, items, _ = trained
    url = f"/officer/theming/{codeframe.id}/suggestions"
    assert pages.get(url).select_one("#stale") is None
    ThemeFactory(codeframe=codeframe, name="Litter", created_at=utc_now())
    code(items[-1], *[])
    db.session.commit()
    stale = pages.get(url).select_one("#stale").get_text(" ", strip=True)
    assert "Themes added since: Litter" in stale
    assert "1 response coded since" in stale
    assert stale.count("Update suggestions") == 1


def test_too_few_codes_still_succeeds_and_says_which_themes_need_more(pages, sign_in_as):
    analyst = sign_in_as("analyst")
    codeframe, _, _ = coded_codeframe({"Transport": 5, "Parks": 2, "Housing": 1}, UNCODED_TEXTS)
    db.session.commit()
    job = press_update_suggestions(pages, codeframe)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["trained"] is False
    assert "Parks (2 coded, needs 1 more)" in job.result["message"]
    assert "Housing (1 coded, needs 2 more)" in job.result["message"]
    assert db.session.scalar(select(func.count(ModelVersion.id))) == 0
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions")
    assert "Code more responses for: Parks" in page.select_one("#needs-more").get_text()
    assert page.find("h2", string="No suggestions yet") is not None
    # Sentiment and grouping still ran.
    items = db.session.scalars(select(ThemeItem)).all()
    assert all(item.polarity is not None for item in items)
    assert analyst


def test_a_failing_job_shows_the_failure_and_can_be_tried_again(pages, sign_in_as, monkeypatch):
    from analysis.themes import ThemeModel

    sign_in_as("analyst")
    codeframe, _, _ = coded_codeframe(ENOUGH_CODED, UNCODED_TEXTS)
    db.session.commit()
    original = ThemeModel.fit

    def broken(self, texts, labels):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ThemeModel, "fit", broken)
    job = press_update_suggestions(pages, codeframe)
    assert job.status == JobStatus.FAILED
    page = pages.get(f"/officer/jobs/{job.id}")
    failed = page.select_one("main .govuk-error-summary").get_text(" ", strip=True)
    assert "Something went wrong" in failed
    assert "disk on fire" not in failed
    buttons = [button.get_text(strip=True) for button in page.select("main form button")]
    assert buttons == ["Try again"]
    assert db.session.scalar(select(func.count(ModelVersion.id))) == 0

    monkeypatch.setattr(ThemeModel, "fit", original)
    pages.post(f"/officer/jobs/{job.id}/retry", expected_status=302)
    db.session.refresh(job)
    assert job.status == JobStatus.SUCCEEDED
    assert db.session.scalar(select(func.count(ModelVersion.id))) == 1


def test_a_second_update_makes_version_two_and_replaces_the_suggestions(trained, pages):
    _, codeframe, _, _ = trained
    press_update_suggestions(pages, codeframe)
    versions = db.session.scalars(select(ModelVersion).order_by(ModelVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    rows = db.session.scalars(select(ThemeSuggestion)).all()
    assert rows and all(row.model_version_id == versions[1].id for row in rows)


@pytest.mark.parametrize("role", ["auditor"])
def test_readers_see_suggestions_but_cannot_change_them(trained, pages, sign_in_as, role):
    _, codeframe, _, _ = trained
    pages.post("/sign-out", expected_status=302)
    sign_in_as(role)
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions?threshold=0.5")
    assert page.select_one("#suggestion-list") is not None
    assert not page.select("main form[method=post]")
    assert not page.select("#suggestion-list button")
    base = f"/officer/theming/{codeframe.id}/suggestions"
    pages.post(base + "/update", expected_status=403)
    pages.post(base + "/accept", {"threshold": "0.8"}, expected_status=403)
    pages.get(base + "/accept?threshold=0.8", expected_status=403)
    suggestion = db.session.scalars(select(ThemeSuggestion)).first()
    pages.post(f"{base}/{suggestion.id}/accept", expected_status=403)


def test_unknown_codeframe_is_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/officer/theming/999999/suggestions", expected_status=404)
    pages.post("/officer/theming/999999/suggestions/update", expected_status=404)


def test_stance_is_learnt_from_officers_codes_once_there_are_thirty(pages, sign_in_as):
    from involve.models import Stance

    analyst = sign_in_as("analyst")
    codeframe, items, _ = coded_codeframe(ENOUGH_CODED, UNCODED_TEXTS, officer=analyst)
    for number, item in enumerate(items[:40]):
        item.stance = Stance.NEGATIVE if number % 2 else Stance.POSITIVE
    db.session.commit()
    job = press_update_suggestions(pages, codeframe)
    stance = job.result["stance"]
    assert (stance["source"], stance["coded"]) == ("model", 40)
    assert 0 <= stance["agreement"] <= 1 and stance["kappa"] is not None
    predicted = {item.predicted_stance for item in db.session.scalars(select(ThemeItem))}
    assert predicted <= {Stance.POSITIVE, Stance.NEGATIVE}  # the officers' two stances


def test_an_empty_codeframe_updates_without_error(pages, sign_in_as):
    from tests.factories_theming import codeframe_with_items

    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items([], ["Transport", "Parks"])
    db.session.commit()
    job = press_update_suggestions(pages, codeframe)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["responses"] == 0 and job.result["trained"] is False
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions")
    assert page.find("h2", string="No suggestions yet") is not None


def test_cross_validation_scores_officers_codes_not_accepted_suggestions(app):
    from involve.services.theming_model_store import TrainingSet, cross_validate
    from tests.factories_theming import themed_texts

    officer = themed_texts({"Transport": 20, "Parks": 20}, seed=4)
    accepted = themed_texts({"Transport": 5}, seed=5)  # accepted as Parks: the model erred
    training = TrainingSet(
        texts=[text for text, _ in officer + accepted],
        labels=[frozenset({name}) for _, name in officer] + [frozenset({"Parks"})] * 5,
        by_officer=[True] * 40 + [False] * 5,
        examples={},
        learnt=[],
        too_few=[],
    )
    measured = cross_validate(training).metrics
    assert measured["Parks"]["accepted"] == 5  # learnt from all ...
    assert measured["Parks"]["examples"] == 20  # ... but only officers' codes are examples
    everything = dataclasses.replace(training, by_officer=[True] * 45)
    scoring_all = cross_validate(everything).metrics
    # The five odd "Parks" codes are transport texts: scoring them would count the model's
    # (right) refusal to call them Parks as misses. Only officers' codes are the yardstick.
    assert measured["Parks"]["recall"] > scoring_all["Parks"]["recall"]


def test_accepted_suggestions_are_not_counted_as_coded_examples(pages, sign_in_as):
    """Found in review: 40 accepted Parks suggestions on top of 5 officer codes showed as 45
    "coded examples", hiding the fewer-than-25 warning the issue asks for."""
    analyst = sign_in_as("analyst")
    extra = [text for text, _ in themed_texts({"Parks": 40}, seed=7)]
    codeframe, items, themes = coded_codeframe(
        {"Transport": 27, "Parks": 5, "Housing": 5}, extra, officer=analyst
    )
    for item in items[37:]:  # accepted as the bulk accept does: the items stay unreviewed
        db.session.add(
            ThemeCoding(
                item_id=item.id,
                theme_id=themes["Parks"].id,
                source=CodingSource.SUGGESTION,
                coded_by_id=analyst.id,
            )
        )
    db.session.commit()

    job = press_update_suggestions(pages, codeframe)

    assert job.status == JobStatus.SUCCEEDED, job.error
    version = db.session.scalars(select(ModelVersion)).one()
    parks = version.metrics[str(themes["Parks"].id)]
    assert (parks["examples"], parks["accepted"]) == (5, 40)
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions")
    row = next(
        tr
        for tr in page.select("#theme-scores tbody tr")
        if tr.th.get_text(" ", strip=True).startswith("Parks")
    )
    assert row.th.select_one("[data-few-examples]")
    assert "Parks" in page.select_one("#few-examples").get_text()
    assert [td.get_text(strip=True) for td in row.select("td")][:2] == ["5", "40"]
