"""Sentiment against human criticality on the coded NHS comments: Spearman of TextBlob polarity
alone, and of the learnt StanceModel (P(positive) - P(negative)) under 5-fold CV, plus its
agreement with the coded stance. Prints figures; not a test.
Run: .venv/bin/python bench/sentiment_agreement.py"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import criticality, load_nhs

from analysis.sentiment import StanceModel, agreement, polarities, prior_stance


def stance_of(value: int) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def main() -> None:
    rows = [row for row in load_nhs() if criticality(row) is not None]
    texts = np.array([row["feedback"] for row in rows], dtype=object)
    scores = np.array([criticality(row) for row in rows])
    coded = np.array([stance_of(value) for value in scores])
    print(f"{len(rows)} texts with a valid criticality (-5..5)")
    polarity = np.array(polarities(list(texts)))
    print(f"TextBlob polarity vs criticality: Spearman {spearmanr(polarity, scores)[0]:.3f}")
    prior = [prior_stance(p) for p in polarity]
    figures = agreement(prior, list(coded))
    print(
        f"prior stance (neutral band 0.1) vs coded: {figures['agreement']:.3f} kappa {figures['kappa']:.3f}"
    )

    predicted = np.empty(len(rows), dtype=object)
    signed = np.zeros(len(rows))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, coded):
        model = StanceModel().fit(list(texts[train]), list(coded[train]))
        probabilities = model.predict_scores(list(texts[test]))
        signed[test] = [p.get("positive", 0) - p.get("negative", 0) for p in probabilities]
        predicted[test] = [max(p, key=p.get) for p in probabilities]
    print(f"StanceModel (5-fold CV) vs criticality: Spearman {spearmanr(signed, scores)[0]:.3f}")
    figures = agreement(list(predicted), list(coded))
    print(f"StanceModel stance vs coded: {figures['agreement']:.3f} kappa {figures['kappa']:.3f}")


if __name__ == "__main__":
    main()
