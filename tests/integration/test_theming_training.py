"""What the theme model learns from: officers' codes, accepted suggestions, and "no theme fits"
answers as examples of none of the themes; capped with officers' own codes kept first."""

from __future__ import annotations

from involve.extensions import db
from involve.models import CodingSource, ThemeCoding
from involve.services import theming_model_store
from involve.services.theming_items import item_texts
from tests.factories_theming import code, codeframe_with_items


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
