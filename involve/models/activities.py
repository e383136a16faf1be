"""Involvement activities of every kind: the statute's three ways (inform, consult, involve) and
the guidance's five opportunity types, with their plan, attendance and the points people raised.

An online consultation is an activity of way "consult" whose consultation_id names its survey.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.authority import PartnerOrganisation, Service
from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column
from involve.models.consultations import Consultation


class Way(StrEnum):
    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"

    @property
    def label(self) -> str:
        return {
            Way.INFORM: "Providing information",
            Way.CONSULT: "Consulting",
            Way.INVOLVE: "Involving in another way",
        }[self]


class OpportunityType(StrEnum):
    """The five kinds of opportunity the statutory guidance expects authorities to offer."""

    INFLUENCE_DECISIONS = "influence_decisions"
    GIVE_FEEDBACK = "give_feedback"
    DESIGN = "design"
    CO_PRODUCE = "co_produce"
    ASSESS_SERVICES = "assess_services"

    @property
    def label(self) -> str:
        return {
            OpportunityType.INFLUENCE_DECISIONS: "Influence or take part in decisions",
            OpportunityType.GIVE_FEEDBACK: "Give feedback on decisions, services, policies and outcomes",
            OpportunityType.DESIGN: "Design policies and services",
            OpportunityType.CO_PRODUCE: "Co-produce or deliver part of a service",
            OpportunityType.ASSESS_SERVICES: "Assess services",
        }[self]


class ActivityFormat(StrEnum):
    ONLINE_CONSULTATION = "online_consultation"
    PUBLIC_MEETING = "public_meeting"
    DROP_IN = "drop_in"
    WORKSHOP = "workshop"
    FOCUS_GROUP = "focus_group"
    CITIZENS_PANEL = "citizens_panel"
    CO_DESIGN_SESSION = "co_design_session"
    CO_PRODUCTION_GROUP = "co_production_group"
    SERVICE_USER_PANEL = "service_user_panel"
    SERVICE_REVIEW = "service_review"
    PARTICIPATORY_BUDGETING = "participatory_budgeting"
    INFORMATION_CAMPAIGN = "information_campaign"
    OTHER = "other"

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self]

    @property
    def is_event(self) -> bool:
        """Formats where people gather at a time and place, so attendance is recorded."""
        return self not in (
            ActivityFormat.ONLINE_CONSULTATION,
            ActivityFormat.INFORMATION_CAMPAIGN,
            ActivityFormat.SERVICE_REVIEW,
        )


FORMAT_LABELS = {
    ActivityFormat.ONLINE_CONSULTATION: "Online consultation",
    ActivityFormat.PUBLIC_MEETING: "Public meeting",
    ActivityFormat.DROP_IN: "Drop-in session",
    ActivityFormat.WORKSHOP: "Workshop",
    ActivityFormat.FOCUS_GROUP: "Focus group",
    ActivityFormat.CITIZENS_PANEL: "Citizens' panel or jury",
    ActivityFormat.CO_DESIGN_SESSION: "Co-design session",
    ActivityFormat.CO_PRODUCTION_GROUP: "Co-production group",
    ActivityFormat.SERVICE_USER_PANEL: "Service user panel",
    ActivityFormat.SERVICE_REVIEW: "Mystery shopping or service review",
    ActivityFormat.PARTICIPATORY_BUDGETING: "Participatory budgeting vote",
    ActivityFormat.INFORMATION_CAMPAIGN: "Information campaign",
    ActivityFormat.OTHER: "Other",
}


class CommissioningStage(StrEnum):
    ANALYSE = "analyse"
    PLAN = "plan"
    SECURE = "secure"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return {
            CommissioningStage.ANALYSE: "Analyse need",
            CommissioningStage.PLAN: "Plan",
            CommissioningStage.SECURE: "Secure services",
            CommissioningStage.REVIEW: "Monitor and review",
        }[self]


class StrategyKind(StrEnum):
    SCS_PRIORITY = "scs_priority"
    LAA_TARGET = "laa_target"
    JSNA_THEME = "jsna_theme"

    @property
    def label(self) -> str:
        return {
            StrategyKind.SCS_PRIORITY: "Sustainable Community Strategy priority",
            StrategyKind.LAA_TARGET: "Local Area Agreement target",
            StrategyKind.JSNA_THEME: "Joint Strategic Needs Assessment theme",
        }[self]


class StrategyItem(TimestampMixin, Base):
    """An SCS priority, LAA target (with its lead partner) or JSNA theme that officers maintain."""

    __tablename__ = "strategy_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[StrategyKind] = mapped_column(enum_column(StrategyKind))
    title: Mapped[str] = mapped_column(String(300))
    reference_code: Mapped[str] = mapped_column(String(40), default="")
    lead_partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner_organisation.id"))
    is_active: Mapped[bool] = mapped_column(default=True)

    lead_partner: Mapped[PartnerOrganisation | None] = relationship()


activity_partner = Table(
    "activity_partner",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("partner_id", ForeignKey("partner_organisation.id"), primary_key=True),
)

activity_strategy_item = Table(
    "activity_strategy_item",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("strategy_item_id", ForeignKey("strategy_item.id"), primary_key=True),
)


class Activity(TimestampMixin, Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(1000), default="")
    way: Mapped[Way] = mapped_column(enum_column(Way))
    opportunity_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    format: Mapped[ActivityFormat] = mapped_column(enum_column(ActivityFormat))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"), index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(500), default="")
    access_information: Mapped[str] = mapped_column(Text, default="")
    how_to_take_part: Mapped[str] = mapped_column(Text, default="")
    audiences: Mapped[list[str]] = mapped_column(JSON, default=list)
    age_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    named_communities: Mapped[str] = mapped_column(String(500), default="")
    whole_area: Mapped[bool] = mapped_column(default=True)
    ward_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    estimated_cost_pounds: Mapped[int | None] = mapped_column(Integer)
    actual_cost_pounds: Mapped[int | None] = mapped_column(Integer)
    estimated_staff_hours: Mapped[int | None] = mapped_column(Integer)
    actual_staff_hours: Mapped[int | None] = mapped_column(Integer)
    commissioning_stage: Mapped[CommissioningStage | None] = mapped_column(
        enum_column(CommissioningStage)
    )
    # The online survey, when this activity is a consultation built in the questionnaire builder.
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id"), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome_summary: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    service: Mapped[Service | None] = relationship()
    consultation: Mapped[Consultation | None] = relationship()
    partners: Mapped[list[PartnerOrganisation]] = relationship(secondary=activity_partner)
    strategy_items: Mapped[list[StrategyItem]] = relationship(secondary=activity_strategy_item)
    plan: Mapped[ActivityPlan | None] = relationship(
        back_populates="activity", cascade="all, delete-orphan", uselist=False
    )
    attendance: Mapped[list[AttendanceCount]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )
    feedback_items: Mapped[list[FeedbackItem]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="FeedbackItem.id"
    )
    materials: Mapped[list[ActivityMaterial]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class ActivityPlan(TimestampMixin, Base):
    """The officer's answers to what the statutory guidance says must be weighed, kept as
    evidence: who is affected, who to involve and why, previous engagement, benefits and
    costs, privacy, and the balanced mix sought."""

    __tablename__ = "activity_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), unique=True
    )
    # [{"group": "...", "category": AudienceCategory value, "how_reached": "..."}]
    stakeholders: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    why_this_way: Mapped[str] = mapped_column(Text, default="")
    previous_engagement_use: Mapped[str] = mapped_column(Text, default="")
    # The matches shown when the officer answered: [{"activity_id", "score"}].
    previous_engagement_matches: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    expected_benefits: Mapped[str] = mapped_column(Text, default="")
    proportionality: Mapped[str] = mapped_column(Text, default="")
    personal_data_needed: Mapped[str] = mapped_column(Text, default="")
    personal_data_reason: Mapped[str] = mapped_column(Text, default="")
    # {AudienceCategory or age band value: share 0..1}
    target_mix: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    activity: Mapped[Activity] = relationship(back_populates="plan")


class AttendanceDimension(StrEnum):
    CATEGORY = "category"  # AudienceCategory values
    AGE_BAND = "age_band"  # AgeBand values


class AttendanceCount(Base):
    """Aggregate attendance at an event: no personal data needed."""

    __tablename__ = "attendance_count"
    __table_args__ = (UniqueConstraint("activity_id", "dimension", "group_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    dimension: Mapped[AttendanceDimension] = mapped_column(enum_column(AttendanceDimension))
    group_value: Mapped[str] = mapped_column(String(60))
    count: Mapped[int] = mapped_column(Integer)

    activity: Mapped[Activity] = relationship(back_populates="attendance")


class FeedbackItem(Base):
    """A point people raised at an event (or by letter), entered as free text to be themed
    with everything else."""

    __tablename__ = "feedback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    raised_by_group: Mapped[str] = mapped_column(String(60), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime())

    activity: Mapped[Activity] = relationship(back_populates="feedback_items")


class ActivityMaterial(Base):
    """Slides, flipchart photos and handouts from an event, stored like consultation documents."""

    __tablename__ = "activity_material"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    activity: Mapped[Activity] = relationship(back_populates="materials")


class ResponseImport(Base):
    """One imported file of offline responses; its hash stops the same file going in twice."""

    __tablename__ = "response_import"
    __table_args__ = (UniqueConstraint("consultation_id", "file_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    row_count: Mapped[int] = mapped_column(Integer)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
