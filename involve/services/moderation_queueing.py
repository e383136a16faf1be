"""Ways into the moderation queue: quotes chosen on a theme summary, the free text of responses
whose respondents agreed to publication, and points raised at events. Each text is queued once
(one decision per text, whichever way it came in), redacted with the respondent's own details
and the council's list of names, and every batch sent is in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from analysis.privacy import redact
from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Codeframe,
    Consultation,
    FeedbackItem,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    Officer,
    Response,
    ResponseStatus,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.services.anonymisation import council_terms, respondent_terms
from involve.services.audit import record_event
from involve.services.moderation import SOURCE_LABELS, ModerationRejected, pii_kinds

BATCH = 500


@dataclass(frozen=True)
class Queued:
    added: int
    already: int  # texts that were in the queue already (one decision per text)

    @property
    def total(self) -> int:
        return self.added + self.already

    def message(self, noun: str) -> str:
        """For the officer who sent them: "3 quotes sent to moderation (1 was there already)"."""
        text = f"{self.added} {noun}{'s' if self.added != 1 else ''} sent to moderation"
        if self.already:
            text += f" ({self.already} {'was' if self.already == 1 else 'were'} there already)"
        return text


@dataclass(frozen=True)
class _Text:
    """One text to queue, with what the queue needs to know about it."""

    answer: Answer | None
    point: FeedbackItem | None
    theme_id: int | None

    @property
    def text(self) -> str:
        source = self.answer if self.answer is not None else self.point
        assert source is not None
        return source.text

    @property
    def key(self) -> tuple[str, int]:
        if self.answer is not None:
            return "answer", self.answer.id
        assert self.point is not None
        return "point", self.point.id


def _terms(text: _Text, council: list[str]) -> list[str]:
    """What to redact besides what the detectors find: the council's list of names (read once
    per batch) and, for an answer, its respondent's own name, e-mail address and postcode."""
    if text.answer is not None:
        return council + respondent_terms(text.answer.response)
    return council


def _queue(
    *,
    actor: Officer | None,
    texts: Sequence[_Text],
    source: ModerationSource,
    council: list[str],
) -> tuple[Queued, list[ModerationItem]]:
    """Queue the texts not queued yet; fill in a theme on ones queued without one."""
    answer_ids = [t.answer.id for t in texts if t.answer is not None]
    point_ids = [t.point.id for t in texts if t.point is not None]
    existing: dict[tuple[str, int], ModerationItem] = {}
    for item in db.session.scalars(
        select(ModerationItem).where(
            ModerationItem.answer_id.in_(answer_ids)
            | ModerationItem.feedback_item_id.in_(point_ids)
        )
    ):
        if item.answer_id is not None:
            existing["answer", item.answer_id] = item
        elif item.feedback_item_id is not None:
            existing["point", item.feedback_item_id] = item
    added, already, items = 0, 0, []
    for text in texts:
        key = text.key
        found = existing.get(key)
        if found is not None:
            if found.theme_id is None and text.theme_id is not None:
                found.theme_id = text.theme_id
            already += 1
            items.append(found)
            continue
        if not text.text.strip():
            continue
        terms = _terms(text, council)
        item = ModerationItem(
            consultation_id=text.answer.response.consultation_id if text.answer else None,
            activity_id=text.point.activity_id if text.point else None,
            answer_id=text.answer.id if text.answer else None,
            feedback_item_id=text.point.id if text.point else None,
            theme_id=text.theme_id,
            source=source,
            status=ModerationStatus.PENDING,
            redacted_text=redact(text.text, terms),
            published_text="",
            pii_kinds=pii_kinds(text.text, terms),
            reason="",
            queued_by_id=actor.id if actor is not None else None,
        )
        db.session.add(item)
        existing[key] = item
        items.append(item)
        added += 1
    db.session.flush()
    return Queued(added, already), items


def _record_queued(
    *,
    actor: Officer | None,
    queued: Queued,
    source: ModerationSource,
    object_type: str,
    object_id: int,
    title: str,
    items: Sequence[ModerationItem],
) -> None:
    record_event(
        actor=actor,
        action="moderation.queued",
        object_type=object_type,
        object_id=object_id,
        summary=f"Sent {queued.added} new text{'s' if queued.added != 1 else ''} from {title} "
        f"to moderation ({SOURCE_LABELS[source].lower()})",
        detail={
            "source": str(source),
            "added": queued.added,
            "already_queued": queued.already,
            "moderation_item_ids": [item.id for item in items][:500],
        },
    )


# -- ways into the queue ----------------------------------------------------------------------
def queue_text(
    *,
    actor: Officer | None,
    source: ModerationSource,
    answer: Answer | None = None,
    point: FeedbackItem | None = None,
    theme: Theme | None = None,
) -> ModerationItem | None:
    """Queue one answer or point raised (not both); the item already queued for it if there is
    one. None for an empty text, which has nothing to publish."""
    if (answer is None) == (point is None):
        raise ValueError("give an answer or a point raised")
    text = _Text(answer, point, theme.id if theme is not None else None)
    queued, items = _queue(actor=actor, texts=[text], source=source, council=council_terms())
    if not items:
        return None
    if answer is not None:
        consultation = answer.response.consultation
        object_type, object_id, title = "consultation", consultation.id, consultation.title
    else:
        assert point is not None
        object_type, object_id, title = "activity", point.activity_id, point.activity.title
    if queued.added:
        _record_queued(
            actor=actor,
            queued=queued,
            source=source,
            object_type=object_type,
            object_id=object_id,
            title=title,
            items=items,
        )
    return items[0]


def queue_quotes(
    *, actor: Officer, codeframe: Codeframe, picks: Sequence[tuple[int, int]]
) -> Queued:
    """Queue the quotes shown on a theme summary: (theme id, theme item id) pairs. Pairs that do
    not belong to this codeframe (a stale or altered form) are left out."""
    theme_ids = {theme.id for theme in codeframe.themes}
    wanted = {item_id: theme_id for theme_id, item_id in picks if theme_id in theme_ids}
    if not wanted:
        raise ModerationRejected("There are no quotes to send to moderation")
    theme_items = db.session.scalars(
        select(ThemeItem)
        .where(ThemeItem.codeframe_id == codeframe.id, ThemeItem.id.in_(list(wanted)))
        .order_by(ThemeItem.id)
        .options(
            # The profile too: each quote is redacted with its respondent's own details.
            selectinload(ThemeItem.answer)
            .selectinload(Answer.response)
            .selectinload(Response.profile),
            selectinload(ThemeItem.feedback_item),
        )
    ).all()
    if not theme_items:
        raise ModerationRejected("There are no quotes to send to moderation")
    texts = [_Text(t.answer, t.feedback_item, wanted[t.id]) for t in theme_items]
    queued, items = _queue(
        actor=actor, texts=texts, source=ModerationSource.QUOTE, council=council_terms()
    )
    if codeframe.question is not None:
        consultation = codeframe.question.page.consultation
        object_type, object_id, title = "consultation", consultation.id, consultation.title
    else:
        assert codeframe.activity is not None
        object_type, object_id = "activity", codeframe.activity.id
        title = codeframe.activity.title
    _record_queued(
        actor=actor,
        queued=queued,
        source=ModerationSource.QUOTE,
        object_type=object_type,
        object_id=object_id,
        title=title,
        items=items,
    )
    return queued


def _first_themes(
    *, answer_ids: Sequence[int] = (), point_ids: Sequence[int] = ()
) -> dict[int, int]:
    """Source id -> the first theme (by position) each text is coded with, if any, so the public
    page can group published texts by theme."""
    column = ThemeItem.answer_id if answer_ids else ThemeItem.feedback_item_id
    ids = list(answer_ids or point_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(column, ThemeCoding.theme_id)
        .join(ThemeCoding, ThemeCoding.item_id == ThemeItem.id)
        .join(Theme, Theme.id == ThemeCoding.theme_id)
        .where(column.in_(ids))
        .order_by(column, Theme.position, Theme.id)
    ).all()
    first: dict[int, int] = {}
    for source_id, theme_id in rows:
        first.setdefault(source_id, theme_id)
    return first


def queue_consented_responses(*, actor: Officer, consultation: Consultation) -> Queued:
    """Queue every free text of the submitted responses whose respondents agreed that their
    answers may be published. Read in batches, so a large consultation stays within memory."""
    answer_ids = list(
        db.session.scalars(
            select(Answer.id)
            .join(Response, Response.id == Answer.response_id)
            .where(
                Response.consultation_id == consultation.id,
                Response.status == ResponseStatus.SUBMITTED,
                Response.publish_consent.is_(True),
                Answer.text != "",
            )
            .order_by(Answer.id)
        )
    )
    if not answer_ids:
        raise ModerationRejected("No submitted responses have agreed to publication")
    council = council_terms()
    added = already = 0
    all_items: list[ModerationItem] = []
    for start in range(0, len(answer_ids), BATCH):
        batch = answer_ids[start : start + BATCH]
        answers = db.session.scalars(
            select(Answer)
            .where(Answer.id.in_(batch))
            .order_by(Answer.id)
            .options(selectinload(Answer.response).selectinload(Response.profile))
        ).all()
        themes = _first_themes(answer_ids=batch)
        texts = [_Text(answer, None, themes.get(answer.id)) for answer in answers]
        queued, items = _queue(
            actor=actor,
            texts=texts,
            source=ModerationSource.CONSENTED_RESPONSE,
            council=council,
        )
        added, already = added + queued.added, already + queued.already
        all_items.extend(items)
    result = Queued(added, already)
    _record_queued(
        actor=actor,
        queued=result,
        source=ModerationSource.CONSENTED_RESPONSE,
        object_type="consultation",
        object_id=consultation.id,
        title=consultation.title,
        items=all_items,
    )
    return result


def queue_points(*, actor: Officer, activity: Activity) -> Queued:
    """Queue every point raised at an event."""
    points = list(activity.feedback_items)
    if not points:
        raise ModerationRejected("No points raised have been recorded for this event")
    themes = _first_themes(point_ids=[point.id for point in points])
    texts = [_Text(None, point, themes.get(point.id)) for point in points]
    queued, items = _queue(
        actor=actor, texts=texts, source=ModerationSource.POINT_RAISED, council=council_terms()
    )
    _record_queued(
        actor=actor,
        queued=queued,
        source=ModerationSource.POINT_RAISED,
        object_type="activity",
        object_id=activity.id,
        title=activity.title,
        items=items,
    )
    return queued
