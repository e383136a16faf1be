"""Reviewing the model's suggestions: which are waiting at a confidence threshold, accepting them
(in bulk or one by one, recording who accepted which model's suggestion at what score), rejecting
one, and telling when suggestions are out of date with the codeframe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, exists, func, literal, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.jobs import job_state
from involve.models import (
    Answer,
    BackgroundJob,
    Codeframe,
    CodingSource,
    FeedbackItem,
    JobStatus,
    ModelVersion,
    Officer,
    Theme,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound
from involve.services.theming_coding import item_name
from involve.services.theming_coding_claims import is_free
from involve.services.theming_items import dialect_insert, waiting_count
from involve.services.theming_suggestions import JOB_NAME

DEFAULT_THRESHOLD = 0.80
PER_PAGE = 50


class NotSuggestible(DomainError):
    """The response has been coded by an officer since the suggestion was made."""


@dataclass(frozen=True)
class SuggestionFilter:
    threshold: float = DEFAULT_THRESHOLD
    theme_id: int | None = None
    # The themes ticked on the bulk-accept confirmation (None: every theme). Lets an officer
    # leave out themes whose suggestions were often wrong when tested.
    theme_ids: frozenset[int] | None = None

    @property
    def percent(self) -> int:
        return round(self.threshold * 100)


def _open_suggestions(codeframe: Codeframe, chosen: SuggestionFilter) -> Select[Any]:
    """Suggestions at or above the threshold on items no officer has reviewed or coded, for
    themes the item does not have yet (an item may already have a code from accepting an
    earlier suggestion: accepting more of its suggestions never duplicates a code)."""
    officer_coded = exists().where(
        ThemeCoding.item_id == ThemeItem.id, ThemeCoding.source == CodingSource.OFFICER
    )
    already_coded = exists().where(
        ThemeCoding.item_id == ThemeSuggestion.item_id,
        ThemeCoding.theme_id == ThemeSuggestion.theme_id,
    )
    query = (
        select(ThemeSuggestion)
        .join(ThemeItem, ThemeItem.id == ThemeSuggestion.item_id)
        .where(
            ThemeItem.codeframe_id == codeframe.id,
            ThemeItem.reviewed_at.is_(None),
            ~officer_coded,
            ~already_coded,
            ThemeSuggestion.score >= chosen.threshold,
        )
    )
    if chosen.theme_id is not None:
        query = query.where(ThemeSuggestion.theme_id == chosen.theme_id)
    if chosen.theme_ids is not None:
        query = query.where(ThemeSuggestion.theme_id.in_(sorted(chosen.theme_ids)))
    return query


@dataclass(frozen=True)
class Counts:
    suggestions: int
    responses: int


def count_suggestions(codeframe: Codeframe, chosen: SuggestionFilter) -> Counts:
    found = _open_suggestions(codeframe, chosen).subquery()
    suggestions, responses = db.session.execute(
        select(func.count(found.c.id), func.count(func.distinct(found.c.item_id)))
    ).one()
    return Counts(suggestions or 0, responses or 0)


def counts_by_theme(codeframe: Codeframe, chosen: SuggestionFilter) -> list[tuple[Theme, int]]:
    found = _open_suggestions(codeframe, chosen).subquery()
    counts = dict(
        db.session.execute(
            select(found.c.theme_id, func.count(found.c.id)).group_by(found.c.theme_id)
        ).all()
    )
    return [(theme, counts[theme.id]) for theme in codeframe.themes if counts.get(theme.id)]


@dataclass(frozen=True)
class ItemSuggestions:
    item: ThemeItem
    suggestions: list[ThemeSuggestion]  # most confident first

    @property
    def name(self) -> str:
        """ "response T8F-CAF-WRY": what officers know a response by, never its row id."""
        return item_name(self.item)


def list_suggestions(
    codeframe: Codeframe, chosen: SuggestionFilter, *, page: int = 1
) -> list[ItemSuggestions]:
    """One page of responses with suggestions at the threshold, most confident first."""
    found = _open_suggestions(codeframe, chosen).subquery()
    best = func.max(found.c.score)
    item_ids = list(
        db.session.scalars(
            select(found.c.item_id)
            .group_by(found.c.item_id)
            .order_by(best.desc(), found.c.item_id)
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        )
    )
    if not item_ids:
        return []
    suggestions = db.session.scalars(
        _open_suggestions(codeframe, chosen)
        .where(ThemeSuggestion.item_id.in_(item_ids))
        .options(selectinload(ThemeSuggestion.theme))
        .order_by(ThemeSuggestion.score.desc(), ThemeSuggestion.theme_id)
    ).all()
    items = {
        item.id: item
        for item in db.session.scalars(
            select(ThemeItem)
            .where(ThemeItem.id.in_(item_ids))
            .options(
                selectinload(ThemeItem.answer).selectinload(Answer.response),
                selectinload(ThemeItem.feedback_item).selectinload(FeedbackItem.activity),
            )
        )
    }
    grouped: dict[int, list[ThemeSuggestion]] = {item_id: [] for item_id in item_ids}
    for suggestion in suggestions:
        grouped[suggestion.item_id].append(suggestion)
    return [ItemSuggestions(items[item_id], grouped[item_id]) for item_id in item_ids]


def accept_suggestions(
    *,
    actor: Officer,
    codeframe: Codeframe,
    chosen: SuggestionFilter,
    model_version: ModelVersion,
    now: datetime | None = None,
) -> int:
    """Accept every open suggestion of this model version at the threshold: one code each, with
    who accepted it, the model version and its score; the suggestions are then removed.
    Responses another analyst has open (a live claim from code next) are left to them.

    One INSERT ... SELECT carries the conditions, so they hold when the codes are written, not
    when they were read: the item rows are locked first (PostgreSQL; SQLite writes one at a
    time anyway), so an analyst's save of the same response runs wholly before or after, and
    a code that arrives regardless is skipped (ON CONFLICT DO NOTHING), never an error."""
    now = now or utc_now()
    columns = ThemeCoding.__table__.c
    chosen_rows = (
        _open_suggestions(codeframe, chosen)
        .where(ThemeSuggestion.model_version_id == model_version.id, is_free(now, actor))
        .with_only_columns(
            ThemeSuggestion.item_id,
            ThemeSuggestion.theme_id,
            literal(CodingSource.SUGGESTION, columns.source.type),
            literal(actor.id, columns.coded_by_id.type),
            literal(now, columns.coded_at.type),
            literal(model_version.id, columns.model_version_id.type),
            ThemeSuggestion.score,
        )
        .order_by(ThemeSuggestion.item_id, ThemeSuggestion.theme_id)  # one lock order
        .with_for_update(of=ThemeItem)
    )
    names = [
        "item_id",
        "theme_id",
        "source",
        "coded_by_id",
        "coded_at",
        "model_version_id",
        "suggestion_score",
    ]
    accepted = len(
        db.session.execute(
            dialect_insert(ThemeCoding.__table__)
            .from_select(names, chosen_rows)
            .on_conflict_do_nothing(index_elements=[columns.item_id, columns.theme_id])
            .returning(columns.id)
        ).all()
    )
    if not accepted:
        return 0
    db.session.execute(
        delete(ThemeSuggestion)
        .where(
            ThemeSuggestion.model_version_id == model_version.id,
            exists().where(
                ThemeCoding.item_id == ThemeSuggestion.item_id,
                ThemeCoding.theme_id == ThemeSuggestion.theme_id,
                ThemeCoding.model_version_id == model_version.id,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    theme = db.session.get(Theme, chosen.theme_id) if chosen.theme_id else None
    record_event(
        actor=actor,
        action="theming.suggestions_accepted",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=(
            f"Accepted {accepted:,} suggestions at {chosen.percent}% or more"
            + (f" for {theme.name}" if theme else "")
            + (f" for {len(chosen.theme_ids)} chosen themes" if chosen.theme_ids else "")
            + f" from model version {model_version.number}"
        ),
        detail={
            "count": accepted,
            "threshold": chosen.threshold,
            "theme_id": chosen.theme_id,
            "theme_ids": sorted(chosen.theme_ids) if chosen.theme_ids is not None else None,
            "model_version": model_version.number,
            "model_version_id": model_version.id,
        },
    )
    return accepted


def get_suggestion(codeframe: Codeframe, suggestion_id: int) -> ThemeSuggestion:
    suggestion = db.session.get(ThemeSuggestion, suggestion_id)
    if suggestion is None or suggestion.item.codeframe_id != codeframe.id:
        raise NotFound("suggestion")
    return suggestion


def _check_open(suggestion: ThemeSuggestion) -> None:
    item = suggestion.item
    officer_codes = any(coding.source == CodingSource.OFFICER for coding in item.codings)
    if item.reviewed_at is not None or officer_codes:
        raise NotSuggestible("Someone has coded this response since the suggestion was made")


def accept_suggestion(*, actor: Officer, suggestion: ThemeSuggestion) -> ThemeCoding | None:
    """Accept one suggestion (whatever its score: the officer chose it); None if the response
    already has that theme."""
    _check_open(suggestion)
    item, theme, version = suggestion.item, suggestion.theme, suggestion.model_version
    coding = None
    if all(existing.theme_id != theme.id for existing in item.codings):
        coding = ThemeCoding(
            item_id=item.id,
            theme_id=theme.id,
            source=CodingSource.SUGGESTION,
            coded_by_id=actor.id,
            coded_at=utc_now(),
            model_version_id=version.id,
            suggestion_score=suggestion.score,
        )
        db.session.add(coding)
    db.session.delete(suggestion)
    db.session.flush()
    record_event(
        actor=actor,
        action="theming.suggestion_accepted",
        object_type="theme_item",
        object_id=item.id,
        summary=f"Accepted the suggestion {theme.name} ({round(suggestion.score * 100)}%) "
        f"from model version {version.number}",
        detail={"theme_id": theme.id, "score": suggestion.score, "model_version": version.number},
    )
    return coding


def reject_suggestion(*, actor: Officer, suggestion: ThemeSuggestion) -> None:
    """Remove one suggestion. The next model may suggest it again unless an officer codes the
    response, which is what teaches the model otherwise."""
    _check_open(suggestion)
    item, theme, version = suggestion.item, suggestion.theme, suggestion.model_version
    db.session.delete(suggestion)
    db.session.flush()
    record_event(
        actor=actor,
        action="theming.suggestion_rejected",
        object_type="theme_item",
        object_id=item.id,
        summary=f"Rejected the suggestion {theme.name} ({round(suggestion.score * 100)}%) "
        f"from model version {version.number}",
        detail={"theme_id": theme.id, "score": suggestion.score, "model_version": version.number},
    )


def latest_job(codeframe: Codeframe) -> BackgroundJob | None:
    return db.session.scalar(
        select(BackgroundJob)
        .where(BackgroundJob.kind == JOB_NAME, BackgroundJob.subject_id == codeframe.id)
        .order_by(BackgroundJob.id.desc())
        .limit(1)
    )


def latest_result(codeframe: Codeframe) -> dict[str, Any]:
    """What the last successful run said (for example which themes need more examples)."""
    job = db.session.scalar(
        select(BackgroundJob)
        .where(
            BackgroundJob.kind == JOB_NAME,
            BackgroundJob.subject_id == codeframe.id,
            BackgroundJob.status == JobStatus.SUCCEEDED,
        )
        .order_by(BackgroundJob.id.desc())
        .limit(1)
    )
    return dict(job.result or {}) if job is not None else {}


def staleness(codeframe: Codeframe, version: ModelVersion) -> list[str]:
    """Why these suggestions may be out of date, in words; empty when they are current.
    Accepted suggestions are not counted as new codes: they came from this model."""
    since: datetime = version.trained_at
    reasons = []
    added = [theme.name for theme in codeframe.themes if theme.created_at > since]
    if added:
        reasons.append(f"Themes added since: {', '.join(added)}")
    current = {str(theme.id) for theme in codeframe.themes}
    gone = [theme_id for theme_id in version.metrics if theme_id not in current]
    if gone:
        reasons.append(f"{len(gone)} theme{'s' if len(gone) != 1 else ''} merged or deleted since")
    recoded = db.session.scalar(
        select(func.count(func.distinct(ThemeItem.id))).where(
            ThemeItem.codeframe_id == codeframe.id,
            (ThemeItem.reviewed_at > since)
            | exists().where(
                ThemeCoding.item_id == ThemeItem.id,
                ThemeCoding.source == CodingSource.OFFICER,
                ThemeCoding.coded_at > since,
            ),
        )
    )
    if recoded:
        reasons.append(f"{recoded:,} response{'s' if recoded != 1 else ''} coded since")
    arrived = waiting_count(codeframe)
    max_item_id = latest_result(codeframe).get("max_item_id")
    if max_item_id is not None:  # items synced since the last run have no suggestions yet
        arrived += (
            db.session.scalar(
                select(func.count(ThemeItem.id)).where(
                    ThemeItem.codeframe_id == codeframe.id, ThemeItem.id > max_item_id
                )
            )
            or 0
        )
    if arrived:
        reasons.append(f"{arrived:,} new response{'s' if arrived != 1 else ''} since")
    return reasons


def running_job(codeframe: Codeframe) -> BackgroundJob | None:
    """The update already under way, if any (a lost one does not count)."""
    job = latest_job(codeframe)
    if job is not None and not job_state(job).finished:
        return job
    return None
