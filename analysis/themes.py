"""Theme coding of free text: learn officers' themes from coded examples (`ThemeModel`), or find
themes in uncoded text (`discover_themes`). Pure: no Flask, SQLAlchemy or involve imports.

One linear SVM per theme on word + character TF-IDF, with balanced class weights so small
themes are not drowned. Its decision scores are turned into probabilities by Platt scaling fitted
on out-of-fold scores, so a score of 0.7 means about the same for every theme. A text gets every
theme scoring at least the threshold (chosen by the same internal cross-validation); when the
training data had one theme per text it gets exactly its best theme.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.svm import LinearSVC

from analysis.discovery import DiscoveredTheme, discover_themes
from analysis.features import make_vectoriser

__all__ = ["DiscoveredTheme", "ThemeModel", "discover_themes"]

_FORMAT = "involve.ThemeModel/1"
_CHUNK = 10_000
_THRESHOLDS = np.round(np.arange(0.2, 0.75, 0.05), 2)


class ThemeModel:
    """Multi-label theme classifier with calibrated, comparable scores in 0..1."""

    def __init__(
        self, *, c: float = 0.1, folds: int = 3, threshold: float | None = None, seed=0, n_jobs=1
    ):
        self.c = c
        self.folds = folds
        self.fixed_threshold = threshold
        self.seed = seed
        self.n_jobs = n_jobs
        self.themes: list[str] = []
        self.threshold = 0.5
        self.single_label = False

    def fit(self, texts: Sequence[str], labels: Sequence[Collection[str]]) -> ThemeModel:
        """Learn from coded texts; each text has a collection of themes (one or more)."""
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        label_sets = [frozenset(str(label) for label in labels_) for labels_ in labels]
        self.themes = sorted(set().union(*label_sets))
        if not self.themes:
            raise ValueError("no themes to learn")
        self.single_label = all(len(labels_) == 1 for labels_ in label_sets)
        targets = np.array(
            [[theme in labels_ for theme in self.themes] for labels_ in label_sets], dtype=bool
        )
        self.vectoriser_ = make_vectoriser(min_df=2 if len(texts) >= 50 else 1)
        features = self.vectoriser_.fit_transform(texts)
        out_of_fold = self._out_of_fold_scores(features, targets, label_sets)
        self.platt_ = np.array(
            [_fit_platt(out_of_fold[:, j], targets[:, j]) for j in range(len(self.themes))]
        )
        self.weights_, self.intercepts_ = self._fit_svms(features, targets)
        if self.fixed_threshold is not None:
            self.threshold = self.fixed_threshold
        elif not self.single_label:
            self.threshold = _best_threshold(self._calibrate(out_of_fold), targets)
        return self

    def predict_scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, each theme's probability (0..1)."""
        probabilities = self._probabilities(texts)
        return [dict(zip(self.themes, map(float, row), strict=True)) for row in probabilities]

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """Per text, the themes scoring at least the threshold, or the best one if none does
        (exactly the best one when the model learnt from single-theme data)."""
        probabilities = self._probabilities(texts)
        chosen = _decide(probabilities, self.threshold, self.single_label)
        return [frozenset(self.themes[j] for j in np.flatnonzero(row)) for row in chosen]

    def save(self, path: str | Path) -> None:
        """Write the fitted model to `path` (pickle: load only files you wrote yourself)."""
        with Path(path).open("wb") as file:
            pickle.dump({"format": _FORMAT, "model": self}, file, protocol=5)

    @classmethod
    def load(cls, path: str | Path) -> ThemeModel:
        with Path(path).open("rb") as file:
            payload = pickle.load(file)
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
            raise ValueError(f"{path} is not a saved ThemeModel")
        return payload["model"]

    # Internals -----------------------------------------------------------------------------

    def _probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not hasattr(self, "weights_"):
            raise RuntimeError("fit the model first")
        if len(texts) == 0:
            return np.zeros((0, len(self.themes)))
        chunks = []
        for start in range(0, len(texts), _CHUNK):  # bounded memory on large batches
            features = self.vectoriser_.transform(texts[start : start + _CHUNK])
            chunks.append(np.asarray(features @ self.weights_) + self.intercepts_)
        return self._calibrate(np.vstack(chunks))

    def _calibrate(self, scores: np.ndarray) -> np.ndarray:
        slopes, offsets = self.platt_[:, 0], self.platt_[:, 1]
        return 1.0 / (1.0 + np.exp(-(scores * slopes + offsets)))

    def _fit_svms(self, features, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One balanced linear SVM per theme, fitted on threads (liblinear releases the GIL)."""
        columns = [targets[:, j] for j in range(targets.shape[1])]
        # One thread by default: liblinear seeds C's global rand(), so SVMs fitted on two threads
        # at once draw from one shared sequence and the scores differ run to run (measured:
        # 2 distinct results in 8 fits). n_jobs=2 is faster where exact repeats do not matter.
        fitted = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(_fit_svm)(features, column, self.c, self.seed) for column in columns
        )
        weights = np.zeros((features.shape[1], targets.shape[1]), dtype=np.float32)
        intercepts = np.zeros(targets.shape[1])
        for j, (coefficients, intercept) in enumerate(fitted):
            if coefficients is not None:
                weights[:, j] = coefficients
            intercepts[j] = intercept
        return weights, intercepts

    def _out_of_fold_scores(self, features, targets: np.ndarray, label_sets) -> np.ndarray:
        scores = np.zeros(targets.shape, dtype=float)
        for train, held_out in _folds(label_sets, self.folds, self.seed):
            weights, intercepts = self._fit_svms(features[train], targets[train])
            scores[held_out] = np.asarray(features[held_out] @ weights) + intercepts
        return scores


def _fit_svm(features, column: np.ndarray, c: float, seed: int):
    if column.all() or not column.any():  # nothing to separate
        return None, (1.0 if column.all() else -1.0)
    svm = LinearSVC(C=c, class_weight="balanced", random_state=seed).fit(features, column)
    return svm.coef_[0], float(svm.intercept_[0])


def _folds(label_sets: Sequence[frozenset[str]], folds: int, seed: int):
    """Stratified by each text's rarest theme (texts with no theme form their own stratum) when
    every stratum is big enough, else plain."""
    counts: dict[str, int] = {}
    for labels in label_sets:
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
    strata = [
        min(labels, key=lambda label: (counts[label], label)) if labels else ""
        for labels in label_sets
    ]
    indices = np.arange(len(label_sets))
    folds = max(2, min(folds, len(label_sets)))
    if min(Counter(strata).values()) >= folds:
        return list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(indices, strata))
    return list(KFold(folds, shuffle=True, random_state=seed).split(indices))


def _fit_platt(scores: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Platt's sigmoid (with his smoothed targets) fitted by Newton's method on out-of-fold
    decision scores; returns (slope, offset) of P = 1 / (1 + exp(-(slope * score + offset)))."""
    positives, negatives = int(target.sum()), int((~target).sum())
    if positives == 0 or negatives == 0:
        return (0.0, 10.0 if positives else -10.0)
    smoothed = np.where(target, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    slope, offset = 1.0, 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(slope * scores + offset)))
        error = p - smoothed
        weight = np.maximum(p * (1 - p), 1e-12)
        gradient = np.array([error @ scores, error.sum()])
        hessian = np.array(
            [[weight @ (scores * scores), weight @ scores], [weight @ scores, weight.sum()]]
        )
        hessian += np.eye(2) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        slope, offset = slope - step[0], offset - step[1]
        if np.abs(step).max() < 1e-8:
            break
    return (float(slope), float(offset))


def _decide(probabilities: np.ndarray, threshold: float, single_label: bool) -> np.ndarray:
    chosen = np.zeros(probabilities.shape, dtype=bool)
    if probabilities.shape[0] == 0:
        return chosen
    best = probabilities.argmax(axis=1)
    if not single_label:
        chosen = probabilities >= threshold
    chosen[np.arange(len(best)), best] = True
    return chosen


def _best_threshold(probabilities: np.ndarray, targets: np.ndarray) -> float:
    """The threshold with the best macro-F1 on out-of-fold probabilities (ties: nearest 0.5)."""
    best, best_f1 = 0.5, -1.0
    for threshold in sorted(_THRESHOLDS, key=lambda t: abs(t - 0.5)):
        chosen = _decide(probabilities, float(threshold), single_label=False)
        true_positive = (chosen & targets).sum(axis=0)
        denominator = chosen.sum(axis=0) + targets.sum(axis=0)
        f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0).mean()
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), float(f1)
    return best
