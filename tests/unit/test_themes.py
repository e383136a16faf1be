"""ThemeModel and discover_themes on small synthetic texts with planted themes."""

from __future__ import annotations

import random

from analysis.themes import ThemeModel, discover_themes

PHRASES = {
    "parking": ["car park", "parking spaces", "parking charges", "park the car", "parking permit"],
    "bins": ["bin collection", "recycling bins", "rubbish bins", "waste collection", "bin lorry"],
    "library": ["library books", "library opening", "borrow books", "reading room", "librarian"],
}
OPENERS = ["I think the", "Please sort out the", "Why is the", "We rely on the", "Our"]
CLOSERS = ["needs attention", "is a problem", "matters to us", "could improve", "was discussed"]


def make_texts(seed: int, per_theme: int = 12) -> tuple[list[str], list[set[str]]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for theme, phrases in PHRASES.items():
        for _ in range(per_theme):
            texts.append(f"{rng.choice(OPENERS)} {rng.choice(phrases)} {rng.choice(CLOSERS)}")
            labels.append({theme})
    return texts, labels


def test_model_predicts_held_out_texts_of_clear_themes():
    texts, labels = make_texts(1)
    model = ThemeModel().fit(texts, labels)
    held_out, expected = make_texts(2, per_theme=4)
    predicted = model.predict(held_out)
    correct = sum(p == frozenset(e) for p, e in zip(predicted, expected, strict=True))
    assert correct >= 0.9 * len(expected)


def test_scores_are_probabilities_for_every_theme():
    texts, labels = make_texts(1)
    scores = ThemeModel().fit(texts, labels).predict_scores(["the parking charges", ""])
    for row in scores:
        assert set(row) == set(PHRASES)
        assert all(0.0 <= value <= 1.0 for value in row.values())
    assert max(scores[0], key=scores[0].get) == "parking"


def test_multi_label_training_predicts_both_themes():
    texts, labels = make_texts(3)
    rng = random.Random(4)
    for _ in range(12):
        texts.append(f"The {rng.choice(PHRASES['parking'])} and {rng.choice(PHRASES['bins'])}")
        labels.append({"parking", "bins"})
    model = ThemeModel().fit(texts, labels)
    assert not model.single_label
    both = model.predict(["Sort out the parking charges and the recycling bins"])[0]
    assert {"parking", "bins"} <= both


def test_save_and_load_give_identical_scores(tmp_path):
    texts, labels = make_texts(5)
    model = ThemeModel().fit(texts, labels)
    path = tmp_path / "themes.model"
    model.save(path)
    probe = ["library books are late", "bin lorry blocked the car park"]
    assert ThemeModel.load(path).predict_scores(probe) == model.predict_scores(probe)


def test_fitting_twice_gives_the_same_scores():
    texts, labels = make_texts(6)
    probe = ["parking permit", "reading room", "waste"]
    first = ThemeModel().fit(texts, labels).predict_scores(probe)
    for _ in range(4):  # threads sharing liblinear's random sequence once made this flaky
        assert ThemeModel().fit(texts, labels).predict_scores(probe) == first


POOLS = {
    "parking": ["parking", "cars", "spaces", "charges", "permit", "drivers"],
    "bins": ["bins", "recycling", "rubbish", "collection", "waste", "lorry"],
    "library": ["library", "books", "reading", "librarian", "borrow", "shelves"],
}


def make_uncoded(seed: int, per_theme: int = 15) -> tuple[list[str], list[set[str]]]:
    """Each text draws three words from its theme's pool, so a theme shares vocabulary."""
    rng = random.Random(seed)
    texts, labels = [], []
    for theme, pool in POOLS.items():
        for _ in range(per_theme):
            words = rng.sample(pool, 3)
            texts.append(f"The {' '.join(words)} {rng.choice(['is a problem', 'again', ''])}")
            labels.append({theme})
    return texts, labels


def test_discovery_finds_planted_themes_and_picks_k():
    texts, labels = make_uncoded(7)
    themes = discover_themes(texts)
    assert len(themes) == 3
    for theme in themes:
        planted = {next(iter(labels[i])) for i in theme.member_indices}
        assert len(planted) == 1
        assert theme.representative_quotes
    assert sorted(i for t in themes for i in t.member_indices) == list(range(len(texts)))


def test_praise_words_are_never_top_terms():
    texts, _ = make_uncoded(8)
    texts = [f"Good great lovely {text} nice excellent" for text in texts]
    for theme in discover_themes(texts, k=3):
        assert not {"good", "great", "lovely", "nice", "excellent"} & set(theme.top_terms)


def test_fast_transform_counts_match_the_training_counts():
    from analysis import features

    texts, _ = make_texts(9)
    texts += ["Don't park there!", "", "!!!", "parkng permt unseen wordz"]
    vectoriser = features.make_vectoriser(min_df=1)
    fitted = vectoriser.fit_transform(texts)
    assert abs(vectoriser.transform(texts) - fitted).max() == 0
    probe = ["car park charges and unknown words", "", "bin bin bin lorry parking"]
    fast = vectoriser.transform(probe)
    original = features._count_known_terms
    try:  # the slower scikit-learn count of every term, pairs unseen in training included
        features._count_known_terms = lambda texts, known: features._count_terms(texts)
        slow = vectoriser.transform(probe)
    finally:
        features._count_known_terms = original
    assert fast.shape == slow.shape
    assert abs(fast - slow).max() == 0


def test_texts_coded_with_no_theme_are_learnt_as_negatives_for_every_theme():
    """'No theme fits' codes are empty label sets: the model must take them, and multi-label
    data whose rarest-theme strata are small must not trip scikit-learn's stratification."""
    texts = [f"the bus was late again on route {n}" for n in range(12)]
    texts += [f"the library books are wonderful {n}" for n in range(12)]
    texts += [f"nothing to add today {n}" for n in range(6)]
    texts += ["late bus and library books both matter"]
    labels = [{"transport"}] * 12 + [{"libraries"}] * 12 + [set()] * 6
    labels += [{"transport", "libraries"}]
    model = ThemeModel().fit(texts, labels)
    assert model.themes == ["libraries", "transport"]
    scores = model.predict_scores(["the bus was late", "nothing to add"])
    assert scores[0]["transport"] > 0.5 > scores[0]["libraries"]
    assert max(scores[1].values()) < scores[0]["transport"]
