"""The "Update suggestions" job: brings in new responses, works out sentiment for every response,
groups near-identical ones, and (once there are enough coded examples) trains the theme model on
the officers' codes, measures it by cross-validation and replaces the suggestions for every
uncoded response. Built for 100,000 responses: texts are scored in chunks and rows are written
with bulk inserts and updates, never one ORM object per suggestion."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from flask import url_for
from sklearn.model_selection import StratifiedKFold
from sqlalchemy import bindparam, delete, insert, select, update

from analysis.sentiment import StanceModel, agreement, polarities, prior_stance
from analysis.themes import ThemeModel
from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, JobFailed, job_kind
from involve.models import (
    Codeframe,
    ModelVersion,
    Officer,
    Stance,
    Theme,
    ThemeItem,
    ThemeSuggestion,
)
from involve.services.audit import record_event
from involve.services.errors import NotFound
from involve.services.theming_campaigns import find_near_duplicates, save_groups
from involve.services.theming_items import (
    ItemText,
    codeframe_title,
    get_codeframe,
    item_texts,
    sync_items,
)
from involve.services.theming_model_store import (
    MIN_EXAMPLES,
    MIN_THEMES,
    TrainingSet,
    coded_item_ids,
    cross_validate,
    fit_model,
    save_model_version,
    training_set,
)

JOB_NAME = "update_suggestions"
SUGGESTION_FLOOR = 0.05  # lower scores are not stored: they would only fill the table
CHUNK = 5_000  # texts scored at a time, so memory stays flat however many there are
STANCE_MIN_CODES = 30  # officers' stance codes needed before learning stance from them
SEED = 0


@job_kind(
    JOB_NAME,
    title="Updating suggestions",
    permission=Permission.CODE_RESPONSES,
    next_url=lambda job: url_for("officer.theme_suggestions", codeframe_id=job.subject_id),
    back_url=lambda job: url_for("officer.theming_hub", codeframe_id=job.subject_id),
)
def update_suggestions(context: JobContext) -> dict[str, Any]:
    try:
        codeframe = get_codeframe(context.subject_id)
    except NotFound as error:
        raise JobFailed(
            "These responses are no longer being themed, so there is nothing to do."
        ) from error
    context.progress(2, "Adding responses that have arrived")
    added = sync_items(codeframe)  # usually none: the button's request has just synced
    context.checkpoint()
    texts = item_texts(codeframe)
    # Everything slow is worked out before anything is written, so the write transaction (which
    # on SQLite keeps officers' saves waiting) lasts only as long as the writing itself.
    context.progress(5, f"Working out sentiment for {len(texts):,} responses")
    sentiment = work_out_sentiment(codeframe, texts)
    context.progress(30, "Finding near-identical responses")
    found = find_near_duplicates(texts)
    context.progress(40, "Gathering the coded responses")
    training = training_set(codeframe, {entry.item_id: entry.text for entry in texts})
    scored = _train_and_score(context, training, codeframe, texts) if training.can_train else None
    context.progress(90, "Saving")
    context.checkpoint()
    save_sentiment(sentiment)
    groups = save_groups(codeframe, found)
    result: dict[str, Any] = {
        "responses": len(texts),
        "added": added,
        "max_item_id": max((entry.item_id for entry in texts), default=0),
        "stance": sentiment.summary,
        "duplicate_groups": groups.groups,
        "new_duplicate_groups": groups.new,
        "left_out_unlearnt_themes": training.left_out,
        "needs_more": training.needs_more(),
        "trained": False,
    }
    if scored is not None:
        result.update(_save_model_and_suggestions(context, codeframe, training, scored))
    else:
        result["message"] = not_enough_codes_message(codeframe, training)
    actor = db.session.get(Officer, context.job.requested_by_id or 0)
    record_event(
        actor=actor,
        action="theming.suggestions_updated",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=_summary(codeframe, result),
        detail={key: result[key] for key in ("model_version", "suggestions") if key in result},
    )
    return result


@dataclass
class _Scored:
    model: ThemeModel
    metrics: dict[str, dict[str, float]]
    folds: int
    uncoded: list[ItemText]
    scores: np.ndarray  # uncoded x model.themes, float32: 100,000 x 50 themes is 20 MB


def _train_and_score(
    context: JobContext, training: TrainingSet, codeframe: Codeframe, texts: Sequence[ItemText]
) -> _Scored:
    context.progress(45, f"Testing the model on {len(training.texts):,} coded responses")
    measured = cross_validate(training)
    context.progress(65, "Training the model on every coded response")
    model = fit_model(training)
    coded = coded_item_ids(codeframe)
    uncoded = [entry for entry in texts if entry.item_id not in coded]
    scores = np.zeros((len(uncoded), len(model.themes)), dtype=np.float32)
    for start in range(0, len(uncoded), CHUNK):
        chunk = uncoded[start : start + CHUNK]
        rows = model.predict_scores([entry.text for entry in chunk])
        scores[start : start + len(chunk)] = [[row[t] for t in model.themes] for row in rows]
        done = start + len(chunk)
        context.progress(
            70 + int(19 * done / len(uncoded)), f"Scored {done:,} of {len(uncoded):,} responses"
        )
    return _Scored(model, measured.metrics, measured.folds, uncoded, scores)


def _save_model_and_suggestions(
    context: JobContext, codeframe: Codeframe, training: TrainingSet, scored: _Scored
) -> dict[str, Any]:
    # An officer may merge or delete a theme while the model trains: read the themes again now
    # and keep scores and suggestions only for those still there.
    current = set(db.session.scalars(select(Theme.id).where(Theme.codeframe_id == codeframe.id)))
    version = save_model_version(
        codeframe=codeframe,
        model=scored.model,
        training=training,
        metrics={key: value for key, value in scored.metrics.items() if int(key) in current},
        trained_by_id=context.job.requested_by_id,
    )
    stored = replace_suggestions(
        codeframe, version, [int(theme) for theme in scored.model.themes], scored, keep=current
    )
    return {
        "trained": True,
        "model_version": version.number,
        "model_version_id": version.id,
        "coded_examples": version.coded_examples,
        "folds": scored.folds,
        "uncoded": len(scored.uncoded),
        "suggestions": stored,
    }


def replace_suggestions(
    codeframe: Codeframe,
    version: ModelVersion,
    theme_ids: Sequence[int],
    scored: _Scored,
    *,
    keep: Collection[int] | None = None,
) -> int:
    """Swap the codeframe's suggestions for this model's, and set each uncoded item's learning
    value. Learning value is the uncertainty of the item's least certain theme: 1 - 2 * (the
    smallest distance of any theme's score from 0.5), so 1 means some theme is a coin toss
    (a code there teaches the model most) and 0 means every theme is clearly in or out.
    Themes not in `keep` (when given) get no suggestions: they have gone since training."""
    in_codeframe = select(ThemeItem.id).where(ThemeItem.codeframe_id == codeframe.id)
    db.session.execute(delete(ThemeSuggestion).where(ThemeSuggestion.item_id.in_(in_codeframe)))
    db.session.execute(
        update(ThemeItem)
        .where(ThemeItem.codeframe_id == codeframe.id)
        .values(learning_value=None)
        .execution_options(synchronize_session=False)
    )
    kept = np.array([keep is None or theme_id in keep for theme_id in theme_ids], dtype=bool)
    stored = 0
    for start in range(0, len(scored.uncoded), CHUNK):
        chunk = scored.uncoded[start : start + CHUNK]
        scores = scored.scores[start : start + len(chunk)]
        found_rows, found_columns = np.nonzero((scores >= SUGGESTION_FLOOR) & kept)
        suggestions = [
            {
                "item_id": chunk[row].item_id,
                "theme_id": theme_ids[column],
                "score": round(float(scores[row, column]), 4),
                "model_version_id": version.id,
            }
            for row, column in zip(found_rows.tolist(), found_columns.tolist(), strict=True)
        ]
        if suggestions:  # Core executemany: the ORM's per-row bookkeeping costs more here
            db.session.execute(insert(ThemeSuggestion.__table__), suggestions)
        measured = scores[:, kept] if kept.any() else scores
        values = 1.0 - 2.0 * np.abs(measured - 0.5).min(axis=1)
        _update_items(
            [
                {"item_id": entry.item_id, "learning_value": round(float(value), 4)}
                for entry, value in zip(chunk, values.tolist(), strict=True)
            ]
        )
        stored += len(suggestions)
    db.session.expire_all()
    return stored


def _update_items(rows: list[dict[str, Any]]) -> None:
    """Set columns on many items by id in one executemany ("item_id" names the row)."""
    if not rows:
        return
    table = ThemeItem.__table__
    columns = [name for name in rows[0] if name != "item_id"]
    # Parameters may not share a name with the columns they set, hence the prefix.
    db.session.execute(
        update(table)
        .where(table.c.id == bindparam("item_id"))
        .values({name: bindparam(f"new_{name}") for name in columns}),
        [
            {"item_id": row["item_id"], **{f"new_{name}": row[name] for name in columns}}
            for row in rows
        ],
    )


@dataclass
class SentimentUpdate:
    changes: list[dict[str, Any]]  # {"item_id", "polarity", "predicted_stance"} per changed item
    summary: dict[str, Any]  # where stance came from, and its agreement with officers


def work_out_sentiment(codeframe: Codeframe, texts: Sequence[ItemText]) -> SentimentUpdate:
    """Polarity (TextBlob, worked out once per item and kept) and predicted stance for every
    item: the polarity prior with a neutral band, or, once officers have given enough stance
    codes, a StanceModel learnt from them, with its cross-validated agreement. Reads only."""
    known = {
        item_id: (polarity, predicted, stance)
        for item_id, polarity, predicted, stance in db.session.execute(
            select(
                ThemeItem.id, ThemeItem.polarity, ThemeItem.predicted_stance, ThemeItem.stance
            ).where(ThemeItem.codeframe_id == codeframe.id)
        )
    }
    missing = [entry for entry in texts if known[entry.item_id][0] is None]
    fresh = dict(
        zip(
            [entry.item_id for entry in missing],
            polarities([entry.text for entry in missing]),
            strict=True,
        )
    )
    polarity = {entry.item_id: fresh.get(entry.item_id, known[entry.item_id][0]) for entry in texts}
    coded = [(entry.text, known[entry.item_id][2]) for entry in texts if known[entry.item_id][2]]
    summary: dict[str, Any] = {"source": "prior", "coded": len(coded)}
    if len(coded) >= STANCE_MIN_CODES and len({stance for _, stance in coded}) >= 2:
        coded_texts, coded_stances = [t for t, _ in coded], [str(s) for _, s in coded]
        summary.update(source="model", **_stance_agreement(coded_texts, coded_stances))
        model = StanceModel(seed=SEED).fit(coded_texts, coded_stances)
        predicted: list[str] = []
        for start in range(0, len(texts), CHUNK):
            predicted.extend(model.predict([entry.text for entry in texts[start : start + CHUNK]]))
    else:
        predicted = [prior_stance(polarity[entry.item_id]) for entry in texts]
    changes = [
        {
            "item_id": entry.item_id,
            "polarity": polarity[entry.item_id],
            "predicted_stance": Stance(new),
        }
        for entry, new in zip(texts, predicted, strict=True)
        if entry.item_id in fresh or known[entry.item_id][1] != Stance(new)
    ]
    return SentimentUpdate(changes, summary)


def save_sentiment(update: SentimentUpdate) -> None:
    _update_items(update.changes)


def _stance_agreement(texts: list[str], stances: list[str]) -> dict[str, Any]:
    """How often a StanceModel agrees with officers on stance codes it was not shown."""
    smallest = min(stances.count(stance) for stance in set(stances))
    folds = min(5, smallest)
    if folds < 2:
        return {"agreement": None, "kappa": None}
    predicted = [""] * len(texts)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train, held_out in splitter.split(np.zeros(len(texts)), stances):
        model = StanceModel(seed=SEED).fit([texts[i] for i in train], [stances[i] for i in train])
        for index, guess in zip(held_out, model.predict([texts[i] for i in held_out]), strict=True):
            predicted[index] = guess
    measured = agreement(predicted, stances)
    return {"agreement": round(measured["agreement"], 4), "kappa": round(measured["kappa"], 4)}


def not_enough_codes_message(codeframe: Codeframe, training: TrainingSet) -> str:
    if len(codeframe.themes) < MIN_THEMES:
        return (
            f"Suggestions need at least {MIN_THEMES} themes. Add themes, then code "
            f"{MIN_EXAMPLES} or more responses for each."
        )
    short = ", ".join(
        f"{need['theme']} ({need['examples']} coded, needs {need['needed']} more)"
        for need in training.needs_more()
    )
    return (
        f"Suggestions need at least {MIN_THEMES} themes with {MIN_EXAMPLES} or more coded "
        f"responses each. Code more responses for: {short}."
    )


def _summary(codeframe: Codeframe, result: dict[str, Any]) -> str:
    title = codeframe_title(codeframe)
    if result["trained"]:
        return (
            f"Updated suggestions for {title}: model version {result['model_version']}, "
            f"{result['suggestions']:,} suggestions"
        )
    return f"Updated sentiment and duplicates for {title}; too few codes for suggestions"
