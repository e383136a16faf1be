"""A response to a consultation: its answers, the "about you" profile, and equality answers,
which are kept in their own table so they can be reported only in aggregate and withdrawn."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column
from involve.models.consultations import Consultation, Question


class ResponseStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class Channel(StrEnum):
    """How the response reached the council; offline ones are keyed in by officers."""

    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"
    EMAIL = "email"
    EVENT = "event"
    ASSISTED_DIGITAL = "assisted_digital"


class RespondingAs(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


class OrganisationType(StrEnum):
    BUSINESS = "business"
    VOLUNTARY_OR_COMMUNITY = "voluntary_or_community"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class Connection(StrEnum):
    LIVE = "live"
    WORK = "work"
    STUDY = "study"
    VISIT = "visit"
    USE_A_SERVICE = "use_a_service"
    RUN_A_BUSINESS = "run_a_business"
    OTHER = "other"


class ElectedStatus(StrEnum):
    """Councillors and co-opted or nominated members are not 'local persons' under the duty:
    recorded if they respond, never counted in the balanced mix."""

    NEITHER = "neither"
    COUNCILLOR = "councillor"
    COOPTED_OR_NOMINATED = "coopted_or_nominated"


class AgeBand(StrEnum):
    """Census-aligned bands, with 16-17 split out so under-16s can be treated differently."""

    UNDER_16 = "under_16"
    AGE_16_17 = "16_17"
    AGE_18_24 = "18_24"
    AGE_25_34 = "25_34"
    AGE_35_49 = "35_49"
    AGE_50_64 = "50_64"
    AGE_65_74 = "65_74"
    AGE_75_84 = "75_84"
    AGE_85_PLUS = "85_plus"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class Response(TimestampMixin, Base):
    __tablename__ = "response"
    __table_args__ = (Index("ix_response_consultation_status", "consultation_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"))
    # Human-friendly, unambiguous: e.g. K7M-Q9P-2XD (no 0/O, 1/I/L).
    reference: Mapped[str] = mapped_column(String(11), unique=True)
    status: Mapped[ResponseStatus] = mapped_column(enum_column(ResponseStatus))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.ONLINE)
    received_on: Mapped[datetime | None] = mapped_column(UTCDateTime())  # offline channels
    # Set for responses that came in a bulk import: the file and its row (for error reports).
    import_id: Mapped[int | None] = mapped_column(ForeignKey("response_import.id"), index=True)
    import_row: Mapped[int | None] = mapped_column()
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # "Save and come back later": only a hash of the resume code is kept.
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resume_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set once when submitted, so a double submit or a replayed form stores one response.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    # The respondent agreed that their answers may be published (after redaction and moderation).
    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when personal data was removed: by retention ("retention") or on request ("erasure").
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymised_by: Mapped[str] = mapped_column(String(20), default="")

    consultation: Mapped[Consultation] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    profile: Mapped[RespondentProfile | None] = relationship(
        back_populates="response", cascade="all, delete-orphan", uselist=False
    )
    equality: Mapped[EqualityAnswers | None] = relationship(
        back_populates="response", cascade="all, delete-orphan", uselist=False
    )


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    # Shape depends on the question kind: str, list[str], {"statement": "scale point"},
    # {"choices": [...], "other": "..."}, ISO date string, number.
    value: Mapped[Any] = mapped_column(JSON)
    # Free text of the answer, for search and theming ("" for closed answers).
    text: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


class RespondentProfile(Base):
    """The standard "about you" section."""

    __tablename__ = "respondent_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    responding_as: Mapped[RespondingAs | None] = mapped_column(enum_column(RespondingAs))
    organisation_type: Mapped[OrganisationType | None] = mapped_column(
        enum_column(OrganisationType)
    )
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    connections: Mapped[list[str]] = mapped_column(JSON, default=list)
    connection_other: Mapped[str] = mapped_column(String(200), default="")
    elected_status: Mapped[ElectedStatus | None] = mapped_column(enum_column(ElectedStatus))
    age_band: Mapped[AgeBand | None] = mapped_column(enum_column(AgeBand), index=True)
    postcode: Mapped[str] = mapped_column(String(8), default="")
    ward_code: Mapped[str] = mapped_column(String(9), default="", index=True)
    # Census TS066 style: what the respondent does (employed, student, retired ...), optional.
    economic_activity: Mapped[str] = mapped_column(String(40), default="", index=True)
    district_code: Mapped[str] = mapped_column(String(9), default="")
    # Contact details, optional, never asked of under-16s.
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    wants_updates: Mapped[bool] = mapped_column(Boolean, default=False)

    response: Mapped[Response] = relationship(back_populates="profile")


class EqualityAnswers(Base):
    __tablename__ = "equality_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    sex: Mapped[str] = mapped_column(String(30), default="")
    ethnic_group: Mapped[str] = mapped_column(String(60), default="")
    disability: Mapped[str] = mapped_column(String(30), default="")

    response: Mapped[Response] = relationship(back_populates="equality")
