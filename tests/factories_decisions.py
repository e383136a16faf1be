"""Builders for decision record and "You said, we did" tests: a closed consultation's activity
with a themed free-text question (theme sizes chosen by the test), a past event with points
raised, a decision record, and a consultation's published outcome (which is its published
decision record: the two are one state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from involve.extensions import db
from involve.models import (
    Activity,
    ActivityFormat,
    Codeframe,
    Consultation,
    DecisionRecord,
    QuestionKind,
    Theme,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.theming_items import start_codeframe
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.factories_activities import ActivityFactory, FeedbackItemFactory
from tests.factories_theming import ThemeFactory, code
from tests.pages import heading

CLOSED_DAYS_AGO = 3


@dataclass
class Themed:
    activity: Activity
    consultation: Consultation | None
    codeframe: Codeframe
    themes: dict[str, Theme] = field(default_factory=dict)


def closed_consultation(**kwargs) -> Consultation:  # type: ignore[no-untyped-def]
    now = utc_now()
    kwargs.setdefault("opens_at", now - timedelta(days=40))
    kwargs.setdefault("closes_at", now - timedelta(days=CLOSED_DAYS_AGO))
    kwargs.setdefault("published_at", now - timedelta(days=41))
    return ConsultationFactory(**kwargs)


def themed_consultation(
    theme_sizes: dict[str, int], *, consultation: Consultation | None = None, uncoded: int = 0
) -> Themed:
    """A closed consultation's activity whose free-text question has one answer per coded text
    (theme_sizes[name] for each theme, one theme per text) plus `uncoded` answers."""
    consultation = consultation or closed_consultation()
    activity = ActivityFactory(
        consultation=consultation,
        format=ActivityFormat.ONLINE_CONSULTATION,
        title=consultation.title,
        starts_at=None,
        ends_at=None,
    )
    page = QuestionPageFactory(consultation=consultation, position=0)
    question = QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT, text="Tell us why")
    total = sum(theme_sizes.values()) + uncoded
    for index in range(total):
        response = ResponseFactory(consultation=consultation)
        AnswerFactory(response=response, question=question, value=f"Comment {index}")
    db.session.flush()
    codeframe = start_codeframe(actor=None, question=question)
    themes = {name: ThemeFactory(codeframe=codeframe, name=name) for name in theme_sizes}
    items = iter(
        db.session.scalars(
            db.select(ThemeItem)
            .where(ThemeItem.codeframe_id == codeframe.id)
            .order_by(ThemeItem.id)
        ).all()
    )
    for name, size in theme_sizes.items():
        for _ in range(size):
            code(next(items), themes[name])
    db.session.expire(codeframe, ["themes"])
    return Themed(activity=activity, consultation=consultation, codeframe=codeframe, themes=themes)


def past_event_with_points(points: list[str], theme_sizes: dict[str, int]) -> Themed:
    """A published workshop that took place last week, with points raised, themed."""
    start = utc_now() - timedelta(days=7)
    event = ActivityFactory(
        title="Market square workshop", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    for text in points:
        FeedbackItemFactory(activity=event, text=text)
    db.session.flush()
    codeframe = start_codeframe(actor=None, activity=event)
    themes = {name: ThemeFactory(codeframe=codeframe, name=name) for name in theme_sizes}
    items = iter(
        db.session.scalars(
            db.select(ThemeItem)
            .where(ThemeItem.codeframe_id == codeframe.id)
            .order_by(ThemeItem.id)
        ).all()
    )
    for name, size in theme_sizes.items():
        for _ in range(size):
            code(next(items), themes[name])
    db.session.expire(codeframe, ["themes"])
    return Themed(activity=event, consultation=None, codeframe=codeframe, themes=themes)


def decision_record(activity: Activity, *, published: bool = True, **kwargs) -> DecisionRecord:  # type: ignore[no-untyped-def]
    """A complete decision record; published (now, or at `published_at`) unless told not. A
    published one on a consultation's activity publishes its outcome too, as the service does
    (one state), without e-mailing anyone."""
    published_at = kwargs.pop("published_at", None) or (utc_now() if published else None)
    values = {
        "decision": "Run a bus every 15 minutes",
        "decided_on": date.today(),
        "decision_maker": "Cabinet",
        "report_title": "Bus review report",
        "report_url": "https://example.org/report",
        "how_responses_considered": "We read every response.",
        "codeframe_ids": [],
        "theme_responses": {},
        **kwargs,
    }
    record = DecisionRecord(activity_id=activity.id, published_at=published_at, **values)
    db.session.add(record)
    if activity.consultation is not None:
        activity.consultation.outcome_published_at = published_at
    db.session.flush()
    return record


def consultation_activity(consultation: Consultation) -> Activity:
    """The consultation's activity (every consultation made in the builder has one)."""
    activity = db.session.scalar(
        db.select(Activity).where(Activity.consultation_id == consultation.id)
    )
    if activity is not None:
        return activity
    return ActivityFactory(
        consultation=consultation,
        format=ActivityFormat.ONLINE_CONSULTATION,
        title=consultation.title,
        starts_at=consultation.opens_at,
        ends_at=consultation.closes_at,
    )


def record_decision(consultation: Consultation, **kwargs) -> DecisionRecord:  # type: ignore[no-untyped-def]
    """A complete, unpublished decision record for a closed consultation: ready for "Publish
    the outcome"."""
    return decision_record(consultation_activity(consultation), published=False, **kwargs)


def publish_outcome(
    consultation: Consultation, *, at: datetime | None = None, **kwargs
) -> DecisionRecord:  # type: ignore[no-untyped-def]
    """A consultation whose outcome is published (at `at`, else now): its complete decision
    record published, and the consultation's outcome with it. No e-mails: tests of the e-mails
    publish through the officer's button or decisions.publish_record."""
    return decision_record(
        consultation_activity(consultation), published_at=at or utc_now(), **kwargs
    )


def decision_still_to_do(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What "Record the decision first" (the answer to "Publish the outcome" without a complete
    decision record) lists as still to do; fails on any other page."""
    assert heading(page) == "Record the decision first"
    return [item.get_text(strip=True) for item in page.select("#still-to-do li")]
