"""The texts a codeframe themes, and the codeframe itself: one per free-text question (its
submitted answers) or per activity (the points raised at it). Items are added by `sync_items`,
which every theming action and job calls first, so answers that arrive later are picked up
without any hook in the response code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Codeframe,
    FeedbackItem,
    Officer,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    ThemeItem,
)
from involve.services.audit import record_event
from involve.services.errors import NotFound

FREE_TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class NotThemable(Exception):
    """The question is not a free-text question."""


def get_codeframe(codeframe_id: int) -> Codeframe:
    codeframe = db.session.get(Codeframe, codeframe_id)
    if codeframe is None:
        raise NotFound("codeframe")
    return codeframe


def codeframe_for_question(question: Question) -> Codeframe | None:
    return db.session.scalar(select(Codeframe).where(Codeframe.question_id == question.id))


def codeframe_for_activity(activity: Activity) -> Codeframe | None:
    return db.session.scalar(select(Codeframe).where(Codeframe.activity_id == activity.id))


def start_codeframe(
    *, actor: Officer | None, question: Question | None = None, activity: Activity | None = None
) -> Codeframe:
    """The codeframe for this question or activity, created (empty) if there is none yet."""
    if (question is None) == (activity is None):
        raise ValueError("give a question or an activity")
    if question is not None and question.kind not in FREE_TEXT_KINDS:
        raise NotThemable(question.kind)
    existing = codeframe_for_question(question) if question else codeframe_for_activity(activity)  # type: ignore[arg-type]
    if existing is not None:
        sync_items(existing)
        return existing
    codeframe = Codeframe(
        question_id=question.id if question else None,
        activity_id=activity.id if activity else None,
        created_by_id=actor.id if actor else None,
    )
    db.session.add(codeframe)
    db.session.flush()
    added = sync_items(codeframe)
    record_event(
        actor=actor,
        action="theming.started",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=f"Started theming {codeframe_title(codeframe)} ({added} texts)",
    )
    return codeframe


def sync_items(codeframe: Codeframe) -> int:
    """Add an item for every text not yet in the codeframe; returns how many were added.
    Two requests may sync the same new answer at once (every theming action syncs first): the
    insert skips a text another transaction has just added (ON CONFLICT DO NOTHING on its unique
    source column; PostgreSQL waits for that transaction, then skips), so neither fails, and
    only the rows this call inserted are counted."""
    if codeframe.question_id is not None:
        source = (
            select(Answer.id)
            .join(Response, Response.id == Answer.response_id)
            .where(
                Answer.question_id == codeframe.question_id,
                Response.status == ResponseStatus.SUBMITTED,
                func.trim(Answer.text) != "",
                ~exists().where(ThemeItem.answer_id == Answer.id),
            )
        )
        column = "answer_id"
    else:
        source = select(FeedbackItem.id).where(
            FeedbackItem.activity_id == codeframe.activity_id,
            func.trim(FeedbackItem.text) != "",
            ~exists().where(ThemeItem.feedback_item_id == FeedbackItem.id),
        )
        column = "feedback_item_id"
    ids = db.session.scalars(source.order_by(source.selected_columns[0])).all()
    if not ids:
        return 0
    table = ThemeItem.__table__
    statement = (
        dialect_insert(table)
        .on_conflict_do_nothing(index_elements=[table.c[column]])
        .returning(table.c.id)
    )
    added = db.session.execute(
        statement,
        [
            {"codeframe_id": codeframe.id, column: source_id, "note": "", "highlights": []}
            for source_id in ids
        ],
    ).all()
    db.session.expire_all()
    return len(added)


def dialect_insert(table):  # type: ignore[no-untyped-def]
    """INSERT with the database's own ON CONFLICT clause (PostgreSQL and SQLite have one)."""
    if db.engine.dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)


def item_count(codeframe: Codeframe) -> int:
    return (
        db.session.scalar(
            select(func.count(ThemeItem.id)).where(ThemeItem.codeframe_id == codeframe.id)
        )
        or 0
    )


def waiting_count(codeframe: Codeframe) -> int:
    """Texts that have arrived since the last sync (shown on pages, which must not write)."""
    if codeframe.question_id is not None:
        query = (
            select(func.count(Answer.id))
            .join(Response, Response.id == Answer.response_id)
            .where(
                Answer.question_id == codeframe.question_id,
                Response.status == ResponseStatus.SUBMITTED,
                func.trim(Answer.text) != "",
                ~exists().where(ThemeItem.answer_id == Answer.id),
            )
        )
    else:
        query = select(func.count(FeedbackItem.id)).where(
            FeedbackItem.activity_id == codeframe.activity_id,
            func.trim(FeedbackItem.text) != "",
            ~exists().where(ThemeItem.feedback_item_id == FeedbackItem.id),
        )
    return db.session.scalar(query) or 0


@dataclass(frozen=True)
class ItemText:
    item_id: int
    text: str


def item_texts(codeframe: Codeframe) -> list[ItemText]:
    """Every item's id and text, in item order, in one query (for jobs over thousands)."""
    if codeframe.question_id is not None:
        query = select(ThemeItem.id, Answer.text).join(Answer, Answer.id == ThemeItem.answer_id)
    else:
        query = select(ThemeItem.id, FeedbackItem.text).join(
            FeedbackItem, FeedbackItem.id == ThemeItem.feedback_item_id
        )
    rows = db.session.execute(
        query.where(ThemeItem.codeframe_id == codeframe.id).order_by(ThemeItem.id)
    ).all()
    return [ItemText(item_id, text) for item_id, text in rows]


def get_item(codeframe: Codeframe, item_id: int) -> ThemeItem:
    item = db.session.get(ThemeItem, item_id)
    if item is None or item.codeframe_id != codeframe.id:
        raise NotFound("theme item")
    return item


def codeframe_title(codeframe: Codeframe) -> str:
    """What is being themed, in words: the question (and its consultation) or the activity."""
    if codeframe.question is not None:
        consultation = codeframe.question.page.consultation
        return f"“{codeframe.question.text}” in {consultation.title}"
    assert codeframe.activity is not None
    return f"points raised at {codeframe.activity.title}"


def theme_names(codeframe: Codeframe) -> Sequence[str]:
    return [theme.name for theme in codeframe.themes]
