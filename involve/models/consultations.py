"""A consultation: what is proposed and why, when it runs, its pages of questions and documents.

The phase (draft, scheduled, open, closed, outcome published) follows from the clock and the
officer's decisions (publish, close early, publish the outcome); residents see a consultation
only from when it opens. See involve.services.lifecycle.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.authority import Service
from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column


class Phase(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    OUTCOME_PUBLISHED = "outcome_published"

    @property
    def label(self) -> str:
        return {
            Phase.DRAFT: "Draft",
            Phase.SCHEDULED: "Scheduled",
            Phase.OPEN: "Open",
            Phase.CLOSED: "Closed",
            Phase.OUTCOME_PUBLISHED: "Outcome published",
        }[self]


class AudienceCategory(StrEnum):
    """Local persons, as the statutory guidance lists them."""

    RESIDENTS = "residents"
    CHILDREN_AND_YOUNG_PEOPLE = "children_and_young_people"
    STUDENTS = "students"
    WORKERS = "workers"
    VISITORS = "visitors"
    SERVICE_USERS = "service_users"
    BUSINESSES = "businesses"
    VOLUNTARY_AND_COMMUNITY_GROUPS = "voluntary_and_community_groups"
    OTHERS_AFFECTED = "others_affected"

    @property
    def label(self) -> str:
        return AUDIENCE_LABELS[self]


AUDIENCE_LABELS = {
    AudienceCategory.RESIDENTS: "Residents",
    AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE: "Children and young people",
    AudienceCategory.STUDENTS: "Students",
    AudienceCategory.WORKERS: "People who work in the area",
    AudienceCategory.VISITORS: "Visitors",
    AudienceCategory.SERVICE_USERS: "Service users",
    AudienceCategory.BUSINESSES: "Businesses",
    AudienceCategory.VOLUNTARY_AND_COMMUNITY_GROUPS: "Voluntary and community groups",
    AudienceCategory.OTHERS_AFFECTED: "Anyone else affected",
}


class Consultation(TimestampMixin, Base):
    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Public address: /consultations/<slug>. Unique, readable, not a guessable sequence.
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(1000), default="")
    proposal: Mapped[str] = mapped_column(Text, default="")  # what is proposed
    reasons: Mapped[str] = mapped_column(Text, default="")  # and why (Gunning 2)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"), index=True)
    whole_area: Mapped[bool] = mapped_column(Boolean, default=True)
    ward_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    audiences: Mapped[list[str]] = mapped_column(JSON, default=list)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_due_on: Mapped[date | None] = mapped_column(Date)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    other_ways_to_respond: Mapped[str] = mapped_column(Text, default="")
    about_you_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    equality_questions_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Privacy: months after the close until names, e-mails, full postcodes and resume codes are
    # removed (flask involve apply-retention); the notice's sections an officer has rewritten
    # ({section key: text}; the rest are generated from settings); when retention last ran.
    retention_months: Mapped[int] = mapped_column(Integer, default=24)
    privacy_notice_overrides: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    personal_data_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Fairness (issue 8): the options still open when consulting (Gunning 1), why an open period
    # shorter than the guidance is justified (Gunning 3), and who agreed the consultation
    # before publication (Consultation Principle H).
    options_still_open: Mapped[str] = mapped_column(Text, default="")
    short_period_reason: Mapped[str] = mapped_column(Text, default="")
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    agreed_on: Mapped[date | None] = mapped_column(Date)
    # When each of those was last recorded, so a check can tell evidence written before the
    # consultation opened from evidence added afterwards.
    options_still_open_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    short_period_reason_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agreed_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Officer decisions; the phase is derived from these and the clock.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_early_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    service: Mapped[Service | None] = relationship()
    pages: Mapped[list[QuestionPage]] = relationship(
        back_populates="consultation",
        order_by="QuestionPage.position",
        cascade="all, delete-orphan",
    )
    documents: Mapped[list[ConsultationDocument]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan"
    )
    links: Mapped[list[ConsultationLink]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan"
    )


class QuestionPage(Base):
    """A page of questions. Routing: shown only when an earlier answer has a given value."""

    __tablename__ = "question_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200), default="")
    show_if_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", use_alter=True, ondelete="SET NULL")
    )
    show_if_value: Mapped[str] = mapped_column(String(200), default="")

    consultation: Mapped[Consultation] = relationship(back_populates="pages")
    questions: Mapped[list[Question]] = relationship(
        back_populates="page",
        order_by="Question.position",
        cascade="all, delete-orphan",
        foreign_keys="Question.page_id",
    )


class QuestionKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREE_SCALE = "agree_scale"
    GRID = "grid"
    RANKING = "ranking"
    NUMBER = "number"
    DATE = "date"
    POSTCODE = "postcode"

    @property
    def label(self) -> str:
        return QUESTION_KIND_LABELS[self]


QUESTION_KIND_LABELS = {
    QuestionKind.SHORT_TEXT: "Short text",
    QuestionKind.LONG_TEXT: "Long text",
    QuestionKind.SINGLE_CHOICE: "Single choice",
    QuestionKind.MULTIPLE_CHOICE: "Multiple choice",
    QuestionKind.AGREE_SCALE: "Agree or disagree (5-point scale)",
    QuestionKind.GRID: "Grid of statements on a scale",
    QuestionKind.RANKING: "Ranking",
    QuestionKind.NUMBER: "Number",
    QuestionKind.DATE: "Date",
    QuestionKind.POSTCODE: "Postcode",
}

AGREE_SCALE = [
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
]


class Question(Base):
    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("question_page.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    text: Mapped[str] = mapped_column(String(500))
    hint: Mapped[str] = mapped_column(String(1000), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Choices for single/multiple choice and ranking; statements (rows) for a grid.
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    statements: Mapped[list[str]] = mapped_column(JSON, default=list)
    allow_other: Mapped[bool] = mapped_column(Boolean, default=False)
    max_length: Mapped[int | None] = mapped_column(Integer)
    min_value: Mapped[int | None] = mapped_column(Integer)
    max_value: Mapped[int | None] = mapped_column(Integer)
    # Wording fixes made after responses arrived: [{"at", "by", "from", "to", "reason"}].
    wording_history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    page: Mapped[QuestionPage] = relationship(back_populates="questions", foreign_keys=[page_id])


class ConsultationDocument(Base):
    """A supporting document, stored outside the web root under a random name."""

    __tablename__ = "consultation_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    consultation: Mapped[Consultation] = relationship(back_populates="documents")


class ConsultationLink(Base):
    __tablename__ = "consultation_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(1000))

    consultation: Mapped[Consultation] = relationship(back_populates="links")
