"""The theme model behind suggestions: which coded items it learns from, how well it matches the
officers' codes (cross-validated precision, recall and F1 per theme), and where each trained
model is kept (under the instance folder, one file per version) so any accepted suggestion can
be traced to the exact model that made it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from flask import current_app
from sklearn.model_selection import KFold, StratifiedKFold
from sqlalchemy import func, select

from analysis.themes import ThemeModel
from involve.extensions import db
from involve.models import (
    Codeframe,
    CodingSource,
    ModelVersion,
    Officer,
    Theme,
    ThemeCoding,
    ThemeItem,
)

MIN_EXAMPLES = 3  # a theme needs this many coded examples before the model can learn it
MIN_THEMES = 2  # and the model needs at least two such themes to tell apart
CAUTION_EXAMPLES = 25  # below this, the page warns that a theme's figures are shaky
MAX_FOLDS = 5
# Cross-validation fits the model MAX_FOLDS more times; on a seeded sample this size the
# figures are as good and the job stays quick once thousands of suggestions are accepted.
CROSS_VALIDATION_LIMIT = 4_000
# Fitting grows faster than linearly (25,000 texts took 41 s and 1.1 GB, 10,000 about 5 s), and
# once thousands of suggestions are accepted more of the model's own answers add little: train
# on officers' codes plus a seeded sample of accepted ones up to this many texts.
TRAINING_LIMIT = 10_000
SEED = 0


@dataclass(frozen=True)
class TrainingSet:
    """The coded items the model learns from, with their themes (ids as strings)."""

    texts: list[str]
    labels: list[frozenset[str]]
    by_officer: list[bool]  # coded by an officer (not only by accepting a suggestion)
    examples: dict[int, int]  # theme id -> coded examples (every theme, learnt or not)
    learnt: list[Theme]  # themes with at least MIN_EXAMPLES examples
    too_few: list[Theme]  # themes the model cannot learn yet
    # Items coded only with themes that have too few examples to learn yet: left out, since
    # they cannot count as "no theme" either. ("No theme fits" items are learnt from, with an
    # empty set of themes: they teach the model what none of the themes looks like.)
    left_out: int = 0

    @property
    def can_train(self) -> bool:
        return len(self.learnt) >= MIN_THEMES

    def needs_more(self) -> list[dict[str, Any]]:
        """The themes short of examples, for the job result and the page."""
        return [
            {
                "theme_id": theme.id,
                "theme": theme.name,
                "examples": self.examples.get(theme.id, 0),
                "needed": MIN_EXAMPLES - self.examples.get(theme.id, 0),
            }
            for theme in self.too_few
        ]


def coded_item_ids(codeframe: Codeframe) -> set[int]:
    """Items an officer has reviewed, or that have a code (an accepted suggestion counts)."""
    reviewed = select(ThemeItem.id).where(
        ThemeItem.codeframe_id == codeframe.id, ThemeItem.reviewed_at.is_not(None)
    )
    with_codes = (
        select(ThemeCoding.item_id)
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .where(ThemeItem.codeframe_id == codeframe.id)
    )
    return set(db.session.scalars(reviewed)) | set(db.session.scalars(with_codes))


def _officer_coded_ids(codeframe: Codeframe) -> set[int]:
    reviewed = select(ThemeItem.id).where(
        ThemeItem.codeframe_id == codeframe.id, ThemeItem.reviewed_at.is_not(None)
    )
    by_hand = (
        select(ThemeCoding.item_id)
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .where(ThemeItem.codeframe_id == codeframe.id, ThemeCoding.source == CodingSource.OFFICER)
    )
    return set(db.session.scalars(reviewed)) | set(db.session.scalars(by_hand))


def training_set(codeframe: Codeframe, texts: Mapping[int, str]) -> TrainingSet:
    """The coded items and their themes; themes with too few examples are left out of the
    labels (an item left with no theme is then left out altogether)."""
    coded = coded_item_ids(codeframe)
    themes_of: dict[int, set[int]] = {item_id: set() for item_id in coded}
    rows = db.session.execute(
        select(ThemeCoding.item_id, ThemeCoding.theme_id)
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .where(ThemeItem.codeframe_id == codeframe.id)
    ).all()
    examples: dict[int, int] = {}
    for item_id, theme_id in rows:
        themes_of.setdefault(item_id, set()).add(theme_id)
        examples[theme_id] = examples.get(theme_id, 0) + 1
    themes = list(codeframe.themes)
    learnt = [theme for theme in themes if examples.get(theme.id, 0) >= MIN_EXAMPLES]
    learnt_ids = {theme.id for theme in learnt}
    officer_coded = _officer_coded_ids(codeframe)
    chosen_texts, labels, by_officer, left_out = [], [], [], 0
    for item_id in _within_limit(sorted(themes_of), officer_coded):
        if item_id not in texts:
            continue
        label = frozenset(str(t) for t in themes_of[item_id] & learnt_ids)
        if themes_of[item_id] and not label:
            left_out += 1
            continue
        chosen_texts.append(texts[item_id])
        labels.append(label)
        by_officer.append(item_id in officer_coded)
    return TrainingSet(
        texts=chosen_texts,
        labels=labels,
        by_officer=by_officer,
        examples=examples,
        learnt=learnt,
        too_few=[theme for theme in themes if theme.id not in learnt_ids],
        left_out=left_out,
    )


def _within_limit(item_ids: list[int], officer_coded: set[int]) -> list[int]:
    """All the coded items, or officers' codes first and then a seeded sample of the rest."""
    if len(item_ids) <= TRAINING_LIMIT:
        return item_ids
    by_hand = [item_id for item_id in item_ids if item_id in officer_coded]
    accepted = [item_id for item_id in item_ids if item_id not in officer_coded]
    room = max(0, TRAINING_LIMIT - len(by_hand))
    order = np.random.default_rng(SEED).permutation(len(accepted))[:room]
    return sorted(by_hand[:TRAINING_LIMIT] + [accepted[i] for i in order])


def fit_model(training: TrainingSet) -> ThemeModel:
    return ThemeModel(seed=SEED).fit(training.texts, training.labels)


@dataclass
class _Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    examples: int = 0  # coded by an officer: what the "fewer than 25" warning counts
    accepted: int = 0  # coded only by accepting a suggestion: the model's own answers

    def scores(self) -> dict[str, float]:
        predicted = self.true_positive + self.false_positive
        actual = self.true_positive + self.false_negative
        precision = self.true_positive / predicted if predicted else 0.0
        recall = self.true_positive / actual if actual else 0.0
        both = precision + recall
        f1 = 2 * precision * recall / both if both else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "examples": self.examples,
            "accepted": self.accepted,
        }


@dataclass
class CrossValidation:
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    folds: int = 0


def cross_validate(training: TrainingSet) -> CrossValidation:
    """Per theme, how the model's codes for held-out items compare with the officers' codes:
    k-fold (k = the smallest theme's examples, at most 5), stratified by each item's rarest
    theme, seeded, each fold trained with the same ThemeModel as the real one. Accepted
    suggestions help train each fold but are not scored: they are the model's own answers, so
    counting them would flatter it (unless nothing else has been coded). For the same reason a
    theme's "examples" are the officers' codes only; accepted suggestions are counted apart."""
    tallies = _example_tallies(training)
    chosen = _cross_validation_sample(training)
    texts = [training.texts[i] for i in chosen]
    labels = [training.labels[i] for i in chosen]
    scored = [training.by_officer[i] for i in chosen]
    if not any(scored):
        scored = [True] * len(chosen)
    counts: dict[str, int] = {}
    for label in labels:
        for theme in label:
            counts[theme] = counts.get(theme, 0) + 1
    strata = [
        min(label, key=lambda theme: (counts[theme], theme)) if label else "" for label in labels
    ]
    folds = max(2, min(MAX_FOLDS, min(counts.values())))
    indices = np.arange(len(texts))
    stratum_sizes: dict[str, int] = {}
    for stratum in strata:
        stratum_sizes[stratum] = stratum_sizes.get(stratum, 0) + 1
    # Stratified when every stratum can appear in every fold (scikit-learn warns otherwise).
    if min(stratum_sizes.values()) >= folds:
        splits = StratifiedKFold(folds, shuffle=True, random_state=SEED).split(indices, strata)
    else:
        splits = KFold(folds, shuffle=True, random_state=SEED).split(indices)
    for train, held_out in splits:
        model = ThemeModel(seed=SEED).fit([texts[i] for i in train], [labels[i] for i in train])
        predicted = model.predict([texts[i] for i in held_out])
        for index, guess in zip(held_out, predicted, strict=True):
            if not scored[index]:
                continue
            for theme, tally in tallies.items():
                coded, suggested = theme in labels[index], theme in guess
                tally.true_positive += coded and suggested
                tally.false_positive += suggested and not coded
                tally.false_negative += coded and not suggested
    return CrossValidation({theme: tally.scores() for theme, tally in tallies.items()}, folds)


def _example_tallies(training: TrainingSet) -> dict[str, _Tally]:
    """A tally per theme, with its officer-coded examples and accepted suggestions counted."""
    tallies = {theme: _Tally() for theme in set().union(*training.labels)}
    for label, by_officer in zip(training.labels, training.by_officer, strict=True):
        for theme in label:
            if by_officer:
                tallies[theme].examples += 1
            else:
                tallies[theme].accepted += 1
    return tallies


def _cross_validation_sample(training: TrainingSet) -> list[int]:
    """Indices to cross-validate on: all of them, or a seeded sample of the limit that keeps
    officers' own codes first."""
    count = len(training.texts)
    if count <= CROSS_VALIDATION_LIMIT:
        return list(range(count))
    order = np.random.default_rng(SEED).permutation(count)
    ranked = sorted(order.tolist(), key=lambda i: not training.by_officer[i])  # stable
    return sorted(ranked[:CROSS_VALIDATION_LIMIT])


def models_folder() -> Path:
    folder = Path(current_app.instance_path) / "models"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stored_name_for(codeframe: Codeframe, number: int) -> str:
    return f"codeframe-{codeframe.id}-v{number}.pkl"


def library_version() -> str:
    try:
        own = version("involve")
    except PackageNotFoundError:  # running from a checkout that was never installed
        own = "unknown"
    return f"involve {own}, scikit-learn {sklearn.__version__}"[:60]


def next_version_number(codeframe: Codeframe) -> int:
    latest = db.session.scalar(
        select(func.max(ModelVersion.number)).where(ModelVersion.codeframe_id == codeframe.id)
    )
    return (latest or 0) + 1


def save_model_version(
    *,
    codeframe: Codeframe,
    model: ThemeModel,
    training: TrainingSet,
    metrics: Mapping[str, Mapping[str, float]],
    trained_by_id: int | None,
) -> ModelVersion:
    """Write the model file (overwriting one left by a run that was rolled back) and record it."""
    number = next_version_number(codeframe)
    name = stored_name_for(codeframe, number)
    model.save(models_folder() / name)
    model_version = ModelVersion(
        codeframe_id=codeframe.id,
        number=number,
        trained_by_id=trained_by_id,
        coded_examples=len(training.texts),
        metrics={key: dict(value) for key, value in metrics.items()},
        stored_name=name,
        library_version=library_version(),
    )
    db.session.add(model_version)
    db.session.flush()
    return model_version


def load_model(model_version: ModelVersion) -> ThemeModel:
    """The exact model that made a version's suggestions (FileNotFoundError if it is gone)."""
    return ThemeModel.load(models_folder() / model_version.stored_name)


def latest_model_version(codeframe: Codeframe) -> ModelVersion | None:
    return db.session.scalar(
        select(ModelVersion)
        .where(ModelVersion.codeframe_id == codeframe.id)
        .order_by(ModelVersion.number.desc())
        .limit(1)
    )


def trained_by(model_version: ModelVersion) -> Officer | None:
    if model_version.trained_by_id is None:
        return None
    return db.session.get(Officer, model_version.trained_by_id)
