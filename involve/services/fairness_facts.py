"""The figures the fairness checks judge, read once per consultation in a fixed number of
queries (none per question, response or theme): its activity and plan, its decision record,
the open period, offline responses, how far the free-text analysis got and when, the council's
pre-election periods, when each piece of fairness evidence was recorded and by whom, and (only
when a check asks) the representativeness report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import selectinload

from analysis.readability import Readability, readability
from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    AuditEvent,
    Channel,
    Codeframe,
    Consultation,
    DecisionRecord,
    ElectionPeriod,
    Phase,
    Question,
    QuestionPage,
    Response,
    ResponseStatus,
    ThemeCoding,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.consultation_dates import real_opening
from involve.services.fairness_checks import day_text
from involve.services.fairness_records import EvidenceRecord, Record, evidence_records
from involve.services.lifecycle import phase_of
from involve.services.representativeness_report import Report, build_report
from involve.services.theming_hub import in_confirmed_campaign, is_coded
from involve.services.theming_items import FREE_TEXT_KINDS
from involve.templating import UK

MAX_ELECTION_PERIODS = 500  # a council enters a few a year; the cap only bounds the query


@dataclass(frozen=True)
class OpenPeriod:
    opens_at: datetime
    ends_at: datetime  # the close, or the early close when it came first
    closed_early: bool

    @property
    def days(self) -> int:
        """Calendar days open in the UK, a part day counting as a day: 9am on 1 March to
        11:59pm on 14 March is 14 days. Counted in dates, not hours, so a period over a clock
        change (a 25 or 23-hour day) is not a day longer or shorter than the calendar says."""
        return max((self.last_day - self.first_day).days + 1, 0)

    @property
    def first_day(self) -> date:
        return self.opens_at.astimezone(UK).date()

    @property
    def last_day(self) -> date:
        """The last UK day it was open: a close at midnight ends the day before."""
        return (self.ends_at - timedelta(seconds=1)).astimezone(UK).date()

    @property
    def closed_on(self) -> date:
        """The UK date of the close itself, as the decision form reads it: the day after the
        last day open when the close is at midnight."""
        return self.ends_at.astimezone(UK).date()

    @property
    def closes_at_midnight(self) -> bool:
        return self.closed_on != self.last_day

    @property
    def closing_text(self) -> str:
        """ "on 13 July 2026", or "at midnight at the end of 12 July 2026"."""
        if self.closes_at_midnight:
            return f"at midnight at the end of {day_text(self.last_day)}"
        return f"on {day_text(self.closed_on)}"


@dataclass(frozen=True)
class QuestionAnalysis:
    """How far the coding of one free-text question's answers got, by the hub's measures."""

    question_id: int
    text: str
    codeframe_id: int | None
    texts: int  # submitted answers with text, including any not yet synced into the codeframe
    coded: int  # reviewed or given a code, not in a confirmed campaign
    in_campaigns: int
    last_coded_at: datetime | None

    @property
    def to_code(self) -> int:
        return max(self.texts - self.coded - self.in_campaigns, 0)

    @property
    def is_complete(self) -> bool:
        return self.codeframe_id is not None and self.to_code == 0


@dataclass(frozen=True)
class OfflineFigures:
    total: int  # submitted responses that came by paper, phone, e-mail, at an event ...
    late: int  # of those, entered or received after the decision date
    last_entered_at: datetime | None


@dataclass
class Facts:
    consultation: Consultation
    now: datetime
    phase: Phase
    activity: Activity | None
    decision: DecisionRecord | None
    period: OpenPeriod | None
    elections: list[ElectionPeriod]
    offline: OfflineFigures
    analysis: list[QuestionAnalysis]
    audit_events: int
    text: Readability
    documents: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    # When and by whom each piece of fairness evidence with text was recorded.
    records: dict[Record, EvidenceRecord] = field(default_factory=dict)

    @property
    def is_published(self) -> bool:
        return self.phase != Phase.DRAFT

    @property
    def has_closed(self) -> bool:
        return self.phase in (Phase.CLOSED, Phase.OUTCOME_PUBLISHED)

    @property
    def decided_on(self) -> date | None:
        return self.decision.decided_on if self.decision is not None else None

    @property
    def outcome_published_at(self) -> datetime | None:
        """When the outcome was made public, if it is public now: its decision record's
        publication, the one state (the consultation's outcome_published_at only mirrors it)."""
        return self.decision.published_at if self.decision is not None else None

    @property
    def outcome_first_published_at(self) -> datetime | None:
        """When the outcome was first made public, kept when the page is taken down to be
        corrected: what Principles I and J judge, so a correction never makes it "late"."""
        return self.decision.first_published_at if self.decision is not None else None

    def record(self, which: Record) -> EvidenceRecord:
        """When and by whom a piece of evidence was recorded (date not known when never kept)."""
        return self.records.get(which, EvidenceRecord(None))

    @cached_property
    def report(self) -> Report | None:
        """The representativeness report: built only when a check needs it (many queries)."""
        return build_report(self.activity) if self.activity is not None else None


def gather_facts(consultation: Consultation, *, now: datetime | None = None) -> Facts:
    now = now or utc_now()
    activity = db.session.scalars(
        select(Activity)
        .where(Activity.consultation_id == consultation.id)
        .options(selectinload(Activity.plan), selectinload(Activity.strategy_items))
    ).first()
    decision = (
        db.session.scalars(
            select(DecisionRecord).where(DecisionRecord.activity_id == activity.id)
        ).first()
        if activity is not None
        else None
    )
    decided_on = decision.decided_on if decision is not None else None
    return Facts(
        consultation=consultation,
        now=now,
        phase=phase_of(consultation, now),
        activity=activity,
        decision=decision,
        period=open_period(consultation),
        elections=list(
            db.session.scalars(
                select(ElectionPeriod)
                .order_by(ElectionPeriod.starts_on, ElectionPeriod.id)
                .limit(MAX_ELECTION_PERIODS)
            )
        ),
        offline=_offline(consultation, decided_on),
        analysis=_analysis(consultation),
        audit_events=db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.object_type == "consultation",
                AuditEvent.object_id == str(consultation.id),
            )
        )
        or 0,
        text=readability(
            "\n".join((consultation.summary, consultation.proposal, consultation.reasons))
        ),
        documents=[document.title for document in consultation.documents],
        links=[link.title for link in consultation.links],
        records=evidence_records(consultation),
    )


def open_period(consultation: Consultation) -> OpenPeriod | None:
    opens_at = real_opening(consultation)  # published late, it opened when it was published
    if opens_at is None or consultation.closes_at is None:
        return None
    early = consultation.closed_early_at
    if early is not None and early < consultation.closes_at:
        return OpenPeriod(opens_at, max(early, opens_at), True)
    return OpenPeriod(opens_at, consultation.closes_at, False)


def start_of_day_after(day: date) -> datetime:
    """Midnight (UK time) at the end of a day: anything at or after it happened after the day."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=UK)


def _offline(consultation: Consultation, decided_on: date | None) -> OfflineFigures:
    offline = Response.channel != Channel.ONLINE
    late = (
        offline
        & or_(
            Response.created_at >= start_of_day_after(decided_on),
            Response.received_on >= start_of_day_after(decided_on),
        )
        if decided_on is not None
        else None
    )
    total, late_count, last = db.session.execute(
        select(
            func.count(Response.id).filter(offline),
            func.count(Response.id).filter(late) if late is not None else literal(0),
            func.max(Response.created_at).filter(offline),
        ).where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
        )
    ).one()
    return OfflineFigures(total or 0, late_count or 0, last)


def _analysis(consultation: Consultation) -> list[QuestionAnalysis]:
    """Each free-text question's coding progress, in four queries whatever their number."""
    questions = db.session.execute(
        select(Question.id, Question.text)
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(
            QuestionPage.consultation_id == consultation.id,
            Question.kind.in_(FREE_TEXT_KINDS),
        )
        .order_by(QuestionPage.position, Question.position, Question.id)
    ).all()
    if not questions:
        return []
    ids = [question_id for question_id, _ in questions]
    texts = dict(
        db.session.execute(
            select(Answer.question_id, func.count(Answer.id))
            .join(Response, Response.id == Answer.response_id)
            .where(
                Answer.question_id.in_(ids),
                Response.status == ResponseStatus.SUBMITTED,
                func.trim(Answer.text) != "",
            )
            .group_by(Answer.question_id)
        ).all()
    )
    frames = {
        question_id: (codeframe_id, coded or 0, campaigns or 0, reviewed)
        for question_id, codeframe_id, coded, campaigns, reviewed in db.session.execute(
            select(
                Codeframe.question_id,
                Codeframe.id,
                func.count(ThemeItem.id).filter(is_coded(), ~in_confirmed_campaign()),
                func.count(ThemeItem.id).filter(in_confirmed_campaign()),
                func.max(ThemeItem.reviewed_at),
            )
            .outerjoin(ThemeItem, ThemeItem.codeframe_id == Codeframe.id)
            .where(Codeframe.question_id.in_(ids))
            .group_by(Codeframe.question_id, Codeframe.id)
        ).all()
    }
    coded_at = dict(
        db.session.execute(
            select(ThemeItem.codeframe_id, func.max(ThemeCoding.coded_at))
            .join(ThemeCoding, ThemeCoding.item_id == ThemeItem.id)
            .where(ThemeItem.codeframe_id.in_([frame[0] for frame in frames.values()]))
            .group_by(ThemeItem.codeframe_id)
        ).all()
    )
    found = []
    for question_id, text in questions:
        codeframe_id, coded, campaigns, reviewed = frames.get(question_id, (None, 0, 0, None))
        moments = [moment for moment in (reviewed, coded_at.get(codeframe_id)) if moment]
        found.append(
            QuestionAnalysis(
                question_id=question_id,
                text=text,
                codeframe_id=codeframe_id,
                texts=texts.get(question_id, 0),
                coded=coded,
                in_campaigns=campaigns,
                last_coded_at=max(moments) if moments else None,
            )
        )
    return found
