"""What the theme model learns from: officers' codes, accepted suggestions, and "no theme fits"
answers as examples of none of the themes; capped with officers' own codes kept first; and
what is saved when the codeframe changes while it trains."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    CodingSource,
    JobStatus,
    ModelVersion,
    Theme,
    ThemeCoding,
    ThemeSuggestion,
)
from involve.services import theming_codeframe, theming_model_store, theming_suggestions
from involve.services.theming_items import item_texts
from tests.factories_theming import (
    ENOUGH_CODED,
    UNCODED_TEXTS,
    code,
    coded_codeframe,
    codeframe_with_items,
    press_update_suggestions,
)


def _texts(codeframe):  # type: ignore[no-untyped-def]
    return {entry.item_id: entry.text for entry in item_texts(codeframe)}


def test_no_theme_fits_answers_are_learnt_as_examples_of_no_theme():
    texts = [f"bus {n} was late" for n in range(4)] + [f"books {n}" for n in range(4)]
    texts += ["nothing to say", "no comment", "just some other words"]
    codeframe, items, (transport, libraries, rare) = codeframe_with_items(
        texts, ["Transport", "Libraries", "Rare"]
    )
    for item in items[:4]:
        code(item, transport)
    for item in items[4:8]:
        code(item, libraries)
    code(items[8])  # reviewed, no theme fits
    items[8].no_theme_fits = True
    code(items[9], rare)  # only a theme with too few examples to learn
    training = theming_model_store.training_set(codeframe, _texts(codeframe))
    assert len(training.texts) == 9
    assert training.labels.count(frozenset()) == 1
    assert training.left_out == 1
    assert [theme.name for theme in training.too_few] == ["Rare"]


def test_past_the_limit_officers_codes_are_kept_and_accepted_ones_sampled(monkeypatch):
    monkeypatch.setattr(theming_model_store, "TRAINING_LIMIT", 6)
    texts = [f"bus {n} was late" for n in range(5)] + [f"books {n} are good" for n in range(5)]
    codeframe, items, (transport, libraries) = codeframe_with_items(
        texts, ["Transport", "Libraries"]
    )
    code(items[0], transport)
    code(items[5], libraries)
    for item in items[1:5] + items[6:]:
        theme = transport if item in items[:5] else libraries
        db.session.add(
            ThemeCoding(item_id=item.id, theme_id=theme.id, source=CodingSource.SUGGESTION)
        )
    db.session.flush()
    training = theming_model_store.training_set(codeframe, _texts(codeframe))
    assert len(training.texts) == 6
    assert sum(training.by_officer) == 2  # both officer-coded items kept
    assert {items[0].text, items[5].text} <= set(training.texts)


def test_a_theme_deleted_while_the_model_trains_is_left_out_of_what_is_saved(
    pages, sign_in_as, monkeypatch
):
    """Found in review: deleting (or merging) a theme while Update suggestions ran made the run
    fail when it saved scores and suggestions for the theme that had gone."""
    analyst = sign_in_as("analyst")
    codeframe, _, themes = coded_codeframe(ENOUGH_CODED, UNCODED_TEXTS, officer=analyst)
    db.session.commit()
    housing_id = themes["Housing"].id
    original = theming_suggestions.fit_model

    def another_officer_deletes_a_theme(training):  # type: ignore[no-untyped-def]
        model = original(training)
        theming_codeframe.delete_theme(actor=None, theme=db.session.get(Theme, housing_id))
        return model

    monkeypatch.setattr(theming_suggestions, "fit_model", another_officer_deletes_a_theme)

    job = press_update_suggestions(pages, codeframe)

    assert job.status == JobStatus.SUCCEEDED, job.error
    version = db.session.scalars(select(ModelVersion)).one()
    assert set(version.metrics) == {str(themes["Transport"].id), str(themes["Parks"].id)}
    suggested = set(db.session.scalars(select(ThemeSuggestion.theme_id).distinct()))
    assert suggested and housing_id not in suggested
    page = pages.get(f"/officer/theming/{codeframe.id}/suggestions")
    rows = [th.get_text(" ", strip=True) for th in page.select("#theme-scores tbody th")]
    assert [row.split()[0] for row in rows] == ["Transport", "Parks"]
