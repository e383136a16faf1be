"""Sentiment and stance per text. TextBlob's polarity (its lexicon works offline; nothing else of
TextBlob is used, so no NLTK corpora are needed) is only a prior, with a neutral band: it is a
weak signal on its own. When officers have coded some texts, `StanceModel` learns their codes from
the text and the prior together, and `agreement` reports how far to trust it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score

from analysis.features import make_vectoriser

NEUTRAL_BAND = 0.1  # |polarity| below this says nothing either way
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"


@dataclass(frozen=True)
class Sentiment:
    polarity: float  # TextBlob, -1..1
    stance: str  # positive / neutral / negative (or the officers' own codes)
    source: str  # "prior" (polarity only) or "model" (learnt from officers' codes)


def polarities(texts: Sequence[str]) -> list[float]:
    """TextBlob polarity of each text, each distinct text worked out once."""
    from textblob import TextBlob  # slow import; only when needed

    cache: dict[str, float] = {}
    for text in texts:
        if text not in cache:
            cache[text] = float(TextBlob(text).sentiment.polarity)
    return [cache[text] for text in texts]


def prior_stance(polarity: float, neutral_band: float = NEUTRAL_BAND) -> str:
    if polarity >= neutral_band:
        return POSITIVE
    if polarity <= -neutral_band:
        return NEGATIVE
    return NEUTRAL


class StanceModel:
    """Officers' stance codes learnt from word + character TF-IDF plus the polarity prior."""

    def __init__(self, *, c: float = 2.0, seed: int = 0):
        self.c = c
        self.seed = seed

    def fit(self, texts: Sequence[str], stances: Sequence[str]) -> StanceModel:
        self.vectoriser_ = make_vectoriser(min_df=2 if len(texts) >= 50 else 1)
        features = self._with_prior(self.vectoriser_.fit_transform(texts), texts)
        self.classifier_ = LogisticRegression(
            C=self.c, class_weight="balanced", max_iter=1000, random_state=self.seed
        ).fit(features, list(stances))
        self.stances = [str(s) for s in self.classifier_.classes_]
        return self

    def predict_scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        probabilities = self._probabilities(texts)
        return [dict(zip(self.stances, map(float, row), strict=True)) for row in probabilities]

    def predict(self, texts: Sequence[str]) -> list[str]:
        probabilities = self._probabilities(texts)
        return [self.stances[i] for i in probabilities.argmax(axis=1)]

    def _probabilities(self, texts: Sequence[str]) -> np.ndarray:
        features = self._with_prior(self.vectoriser_.transform(texts), texts)
        return self.classifier_.predict_proba(features)

    @staticmethod
    def _with_prior(features, texts: Sequence[str]):
        prior = np.array(polarities(texts), dtype=np.float32)[:, None]
        banded = np.where(np.abs(prior) < NEUTRAL_BAND, 0.0, prior).astype(np.float32)
        return sp.hstack([features, sp.csr_matrix(banded)], format="csr")


def analyse_sentiment(
    texts: Sequence[str], model: StanceModel | None = None, *, neutral_band: float = NEUTRAL_BAND
) -> list[Sentiment]:
    """Polarity and stance per text: the learnt model's stance when there is one, else the
    prior's."""
    scores = polarities(texts)
    if model is None:
        return [Sentiment(p, prior_stance(p, neutral_band), "prior") for p in scores]
    return [Sentiment(p, s, "model") for p, s in zip(scores, model.predict(texts), strict=True)]


def agreement(predicted: Sequence[str], coded: Sequence[str]) -> dict[str, float]:
    """How often predictions match officers' codes: share equal and Cohen's kappa."""
    if len(predicted) != len(coded) or not coded:
        raise ValueError("need two equal, non-empty lists")
    same = float(np.mean([a == b for a, b in zip(predicted, coded, strict=True)]))
    kappa = float(cohen_kappa_score(list(predicted), list(coded)))
    return {"agreement": same, "kappa": 0.0 if np.isnan(kappa) else kappa, "n": float(len(coded))}
