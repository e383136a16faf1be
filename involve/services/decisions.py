"""Decision records: once an activity has closed or taken place, the decision it informed (what,
when, by whom, on what report), how the responses were taken into account, the theme summaries
it cites and, per theme, what the council did. Publishing it shows the "We asked, you said, we
did" page.

For a consultation that page is its outcome: one state. Publishing the record publishes the
outcome (phase "outcome published", e-mailing the people who asked to hear, each once ever);
taking it down returns the consultation to closed. The record's `published_at` is the truth;
the consultation's `outcome_published_at` is kept equal to it here and nowhere else. Its
`first_published_at` outlives a take-down: how late the outcome was is judged by it. An outcome
cannot be published until the record is complete (publish_problems), nor before the close.

Every save and every publication is in the audit log, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from urllib.parse import urlsplit

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Activity,
    Codeframe,
    Consultation,
    DecisionRecord,
    Officer,
    Phase,
    Question,
    QuestionPage,
)
from involve.models.base import utc_now
from involve.services import lifecycle
from involve.services.activities import activity_for_consultation, timing_of
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.subscription_notices import count_outcome_recipients
from involve.templating import UK

DECISION_MAX = 5_000
CONSIDERED_MAX = 10_000
THEME_RESPONSE_MAX = 2_000
DECISION_MAKER_MAX = 200
REPORT_TITLE_MAX = 300
REPORT_URL_MAX = 1_000


class DecisionRejected(DomainError):
    """The record cannot be saved as given; `field` names the form field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class DecisionNotReady(DomainError):
    """The decision record lacks what "You said, we did" needs; `problems` says what."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class DecisionDetails:
    decision: str
    decided_on: date | None
    decision_maker: str
    report_title: str
    report_url: str
    how_responses_considered: str
    codeframe_ids: list[int]
    theme_responses: dict[str, str]  # theme id (as text) -> what we did

    @classmethod
    def of(cls, record: DecisionRecord) -> DecisionDetails:
        return cls(
            decision=record.decision,
            decided_on=record.decided_on,
            decision_maker=record.decision_maker,
            report_title=record.report_title,
            report_url=record.report_url,
            how_responses_considered=record.how_responses_considered,
            codeframe_ids=list(record.codeframe_ids or []),
            theme_responses=dict(record.theme_responses or {}),
        )


EMPTY_DETAILS = DecisionDetails(
    decision="",
    decided_on=None,
    decision_maker="",
    report_title="",
    report_url="",
    how_responses_considered="",
    codeframe_ids=[],
    theme_responses={},
)


@dataclass(frozen=True)
class CitableCodeframe:
    """A theme summary the decision can cite: a free-text question's, or the points raised."""

    id: int
    heading: str
    themes: list[tuple[int, str]]  # (theme id, name) in the codeframe's order


# -- when a decision can be recorded -----------------------------------------------------------
def closing_moment(activity: Activity) -> datetime | None:
    """When the activity closed (a consultation) or ended (anything else)."""
    consultation = activity.consultation
    if consultation is not None:
        return consultation.closed_early_at or consultation.closes_at
    return activity.ends_at or activity.starts_at


def closed_on(activity: Activity) -> date | None:
    """The UK date it closed or ended: a decision cannot be dated before it."""
    moment = closing_moment(activity)
    return moment.astimezone(UK).date() if moment is not None else None


def has_closed(activity: Activity, now: datetime | None = None) -> bool:
    """A decision is recorded only after people have had their say."""
    consultation = activity.consultation
    if consultation is not None:
        return lifecycle.phase_of(consultation, now) in (Phase.CLOSED, Phase.OUTCOME_PUBLISHED)
    return timing_of(activity, now) == "past"


def is_https_url(value: str) -> bool:
    """A web address people can follow safely from the public page: https, with a host."""
    if not value or len(value) > REPORT_URL_MAX or any(char.isspace() for char in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname)


# -- reading -----------------------------------------------------------------------------------
def get_record(activity: Activity) -> DecisionRecord | None:
    return db.session.scalar(
        select(DecisionRecord).where(DecisionRecord.activity_id == activity.id)
    )


def get_published_record(activity: Activity) -> DecisionRecord | None:
    record = get_record(activity)
    return record if record is not None and record.published_at is not None else None


def citable_codeframes(activity: Activity) -> list[CitableCodeframe]:
    """The activity's theme summaries: one per themed free-text question of its consultation
    (in questionnaire order), then the points raised at it. Two queries."""
    conditions = [Codeframe.activity_id == activity.id]
    if activity.consultation_id is not None:
        conditions.append(QuestionPage.consultation_id == activity.consultation_id)
    codeframes = db.session.scalars(
        select(Codeframe)
        .outerjoin(Question, Question.id == Codeframe.question_id)
        .outerjoin(QuestionPage, QuestionPage.id == Question.page_id)
        .where(or_(*conditions))
        .order_by(
            Codeframe.question_id.is_(None), QuestionPage.position, Question.position, Codeframe.id
        )
        .options(selectinload(Codeframe.themes), selectinload(Codeframe.question))
    ).all()
    return [
        CitableCodeframe(
            id=codeframe.id,
            heading=codeframe.question.text
            if codeframe.question is not None
            else f"Points raised at {activity.title}",
            themes=[(theme.id, theme.name) for theme in codeframe.themes],
        )
        for codeframe in codeframes
    ]


# -- rules -------------------------------------------------------------------------------------
def details_problem(activity: Activity, details: DecisionDetails) -> DecisionRejected | None:
    """The first rule the details break, or None. The form checks these too; this is the
    service's own guard, so no route can store a record the rules forbid."""
    if not has_closed(activity):
        return DecisionRejected(
            "decided_on", "The decision can be recorded once the activity has closed"
        )
    checks = (
        ("decision", not details.decision, "Enter what was decided"),
        ("decision", len(details.decision) > DECISION_MAX, f"What was decided must be {DECISION_MAX:,} characters or fewer"),
        ("decided_on", details.decided_on is None, "Enter the date of the decision"),
        ("decision_maker", not details.decision_maker, "Enter who made the decision"),
        ("decision_maker", len(details.decision_maker) > DECISION_MAKER_MAX, f"Who made the decision must be {DECISION_MAKER_MAX} characters or fewer"),
        ("report_title", len(details.report_title) > REPORT_TITLE_MAX, f"The report's title must be {REPORT_TITLE_MAX} characters or fewer"),
        ("report_url", bool(details.report_url) and not is_https_url(details.report_url), "Enter the report's web address starting with https://"),
        ("how_responses_considered", len(details.how_responses_considered) > CONSIDERED_MAX, f"How the responses were taken into account must be {CONSIDERED_MAX:,} characters or fewer"),
    )  # fmt: skip
    for field, broken, message in checks:
        if broken:
            return DecisionRejected(field, message)
    for key, text in details.theme_responses.items():
        if len(text) > THEME_RESPONSE_MAX:
            return DecisionRejected(
                f"theme_{key}",
                f"What was done about a theme must be {THEME_RESPONSE_MAX:,} characters or fewer",
            )
    closed, decided = closed_on(activity), details.decided_on
    if decided is not None and closed is not None and decided < closed:
        return DecisionRejected("decided_on", "The decision date must not be before the close")
    if decided is not None and decided > utc_now().astimezone(UK).date():
        return DecisionRejected("decided_on", "The decision date must be today or in the past")
    return None


def publish_problems(details: DecisionDetails) -> list[str]:
    """What must be filled in before the record can be public, in an officer's words."""
    problems = []
    if not details.decision.strip():
        problems.append("Say what was decided")
    if details.decided_on is None:
        problems.append("Give the date of the decision")
    if not details.decision_maker.strip():
        problems.append("Say who made the decision")
    if not details.how_responses_considered.strip():
        problems.append("Say how the responses were taken into account")
    return problems


def _cleaned(details: DecisionDetails, codeframes: Sequence[CitableCodeframe]) -> DecisionDetails:
    """Only this activity's codeframes and themes are kept (a stale or altered form may send
    others); blank theme responses are dropped."""
    known_codeframes = {codeframe.id for codeframe in codeframes}
    known_themes = {str(theme_id) for codeframe in codeframes for theme_id, _ in codeframe.themes}
    return DecisionDetails(
        decision=details.decision.strip(),
        decided_on=details.decided_on,
        decision_maker=details.decision_maker.strip(),
        report_title=details.report_title.strip(),
        report_url=details.report_url.strip(),
        how_responses_considered=details.how_responses_considered.strip(),
        codeframe_ids=[i for i in dict.fromkeys(details.codeframe_ids) if i in known_codeframes],
        theme_responses={
            key: text.strip()
            for key, text in details.theme_responses.items()
            if key in known_themes and text.strip()
        },
    )


# -- changing ----------------------------------------------------------------------------------
def save_record(
    *, actor: Officer | None, activity: Activity, details: DecisionDetails
) -> tuple[DecisionRecord, list[str]]:
    """Create or change the activity's decision record; returns it and the fields changed."""
    details = _cleaned(details, citable_codeframes(activity))
    problem = details_problem(activity, details)
    if problem is not None:
        raise problem
    record = get_record(activity)
    is_published = record is not None and record.published_at is not None
    if is_published and not details.how_responses_considered:
        raise DecisionRejected(
            "how_responses_considered",
            "Enter how the responses were taken into account: the page is published",
        )
    is_new = record is None
    before = DecisionDetails.of(record) if record is not None else None
    if record is None:
        record = DecisionRecord(activity_id=activity.id)
        db.session.add(record)
    for item in fields(DecisionDetails):
        setattr(record, item.name, getattr(details, item.name))
    record.recorded_by_id = actor.id if actor is not None else None
    changed = [
        item.name
        for item in fields(DecisionDetails)
        if before is None or getattr(before, item.name) != getattr(details, item.name)
    ]
    db.session.flush()
    if is_new or changed:
        record_event(
            actor=actor,
            action="decision_record.created" if is_new else "decision_record.changed",
            object_type="activity",
            object_id=activity.id,
            summary=f"{'Recorded' if is_new else 'Changed'} the decision on {activity.title}",
            detail={"fields": changed, "decision_record_id": record.id},
        )
    return record, changed


def publish_record(*, actor: Officer | None, record: DecisionRecord, base_url: str = "") -> bool:
    """Make "We asked, you said, we did" public. For a consultation this publishes its outcome,
    e-mailing the people who asked to hear (`base_url` starts the links when INVOLVE_PUBLIC_URL
    is not set); returns whether it did."""
    if record.published_at is not None:
        raise DomainError("This is already published")
    problems = publish_problems(DecisionDetails.of(record))
    if problems:
        raise DecisionNotReady(problems)
    activity = record.activity
    consultation = activity.consultation
    # Every refusal comes before the first change: a caught refusal still ends in a commit.
    if consultation is not None:
        lifecycle.check_outcome_can_be_published(consultation)
    elif not has_closed(activity):
        raise DomainError("The decision can be published once the activity has closed")
    record.published_at = utc_now()  # and first_published_at, the first time (the model's rule)
    record_event(
        actor=actor,
        action="decision_record.published",
        object_type="activity",
        object_id=activity.id,
        summary=f"Published \u201cYou said, we did\u201d for {activity.title}",
        detail={"decision_record_id": record.id},
    )
    if consultation is None:
        return False
    lifecycle.publish_outcome(
        actor=actor, consultation=consultation, record=record, base_url=base_url
    )
    return True


def withdraw_record(*, actor: Officer | None, record: DecisionRecord) -> None:
    """Take the page down (to correct it, say). A consultation's outcome goes with it: the
    consultation is closed again until the record is published again."""
    if record.published_at is None:
        raise DomainError("This is not published")
    record.published_at = None
    record_event(
        actor=actor,
        action="decision_record.withdrawn",
        object_type="activity",
        object_id=record.activity_id,
        summary=f"Took down \u201cYou said, we did\u201d for {record.activity.title}",
        detail={"decision_record_id": record.id},
    )
    consultation = record.activity.consultation
    if consultation is not None:
        lifecycle.withdraw_outcome(actor=actor, consultation=consultation)


# -- a consultation's outcome ------------------------------------------------------------------
def outcome_problems(record: DecisionRecord | None) -> list[str]:
    """What the decision record still needs before the outcome can be published."""
    details = DecisionDetails.of(record) if record is not None else EMPTY_DETAILS
    return publish_problems(details)


def people_to_email(record: DecisionRecord | None) -> int:
    """How many people publishing this unpublished record would e-mail now: for a consultation,
    those who asked to hear its outcome and have not been sent it already."""
    if record is None or record.published_at is not None:
        return 0
    consultation = record.activity.consultation
    return count_outcome_recipients(consultation) if consultation is not None else 0


def publish_outcome(
    *, actor: Officer | None, consultation: Consultation, base_url: str = ""
) -> DecisionRecord:
    """The consultation page's "Publish the outcome": publishes its decision record, which is
    the outcome. Refused (DecisionNotReady) while the record is missing or incomplete, so no
    one is e-mailed about an outcome without a decision."""
    phase = lifecycle.phase_of(consultation)
    if phase == Phase.OUTCOME_PUBLISHED:
        raise lifecycle.WrongPhase("The outcome is already published")
    if phase != Phase.CLOSED:
        raise lifecycle.WrongPhase(
            "The outcome can be published only after the consultation has closed"
        )
    activity = activity_for_consultation(consultation)
    record = get_record(activity) if activity is not None else None
    problems = outcome_problems(record)
    if record is None or problems:
        raise DecisionNotReady(problems)
    publish_record(actor=actor, record=record, base_url=base_url)
    return record
