"""Sentiment prior with a neutral band, and the learnt stance model."""

from __future__ import annotations

from analysis.sentiment import (
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    StanceModel,
    agreement,
    analyse_sentiment,
    prior_stance,
)


def test_weak_polarity_falls_in_the_neutral_band():
    assert prior_stance(0.05) == NEUTRAL
    assert prior_stance(-0.05) == NEUTRAL
    assert prior_stance(0.4) == POSITIVE
    assert prior_stance(-0.4) == NEGATIVE


def test_prior_uses_textblob_polarity_only():
    results = analyse_sentiment(["The staff were wonderful", "Terrible, awful wait", "A form"])
    assert [r.stance for r in results] == [POSITIVE, NEGATIVE, NEUTRAL]
    assert all(r.source == "prior" for r in results)


def test_stance_model_learns_officers_codes():
    support = ["I support the plan", "Yes, go ahead with it", "I agree with the proposal"]
    oppose = ["I oppose the plan", "No, do not do it", "I disagree with the proposal"]
    texts = (support + oppose) * 4
    codes = (["support"] * 3 + ["oppose"] * 3) * 4
    model = StanceModel().fit(texts, codes)
    predicted = model.predict(["I support it", "I oppose it"])
    assert predicted == ["support", "oppose"]
    scores = model.predict_scores(["I agree"])[0]
    assert abs(sum(scores.values()) - 1) < 1e-6
    assert agreement(predicted, ["support", "oppose"])["agreement"] == 1.0
