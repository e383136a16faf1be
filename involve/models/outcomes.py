"""Closing the loop (issue 8): the decision an activity fed, what was done about each theme,
people who asked to hear about outcomes, the e-mails sent to them, and the council's
pre-election periods that a fair consultation avoids."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column

if TYPE_CHECKING:
    from involve.models.activities import Activity
    from involve.models.consultations import Consultation
    from involve.models.officers import Officer


class DecisionRecord(TimestampMixin, Base):
    """The decision an activity informed: who decided, when, on what report, and how the
    responses were taken into account (Gunning 4: conscientious consideration).

    `codeframe_ids` are the theme summaries the decision cites; `theme_responses` says, per
    theme ({theme id as text: "what we did"}), what the council did about it, for "We asked,
    you said, we did". Public once `published_at` is set.
    """

    __tablename__ = "decision_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), unique=True
    )
    decision: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_maker: Mapped[str] = mapped_column(String(200), default="")
    report_title: Mapped[str] = mapped_column(String(300), default="")
    report_url: Mapped[str] = mapped_column(String(1000), default="")
    how_responses_considered: Mapped[str] = mapped_column(Text, default="")
    codeframe_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    theme_responses: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it was first made public: set once, never cleared by taking the page down, so
    # correcting a published outcome does not make it "late" (Consultation Principles I and J
    # and the compliance reports judge this one). Migration 0011 filled it for older rows.
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    activity: Mapped[Activity] = relationship()
    recorded_by: Mapped[Officer | None] = relationship()

    @validates("published_at")
    def _keep_first_publication(self, _key: str, value: datetime | None) -> datetime | None:
        """Whoever publishes it (the service, the demo, a factory) records the first
        publication too, once: publishing again after a take-down leaves it as it was."""
        if value is not None and self.first_published_at is None:
            self.first_published_at = value
        return value


class ElectionPeriod(TimestampMixin, Base):
    """A pre-election period (purdah) the council entered: consulting during one is flagged
    (Consultation Principle K)."""

    __tablename__ = "election_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))


class SubscriptionKind(StrEnum):
    TOPIC = "topic"
    AREA = "area"  # a ward
    CONSULTATION = "consultation"  # the outcome of one consultation


class Subscription(TimestampMixin, Base):
    """Someone who asked to be e-mailed. Confirmed by a link first (so no one can sign someone
    else up); `token` is the secret in the confirm and unsubscribe links."""

    __tablename__ = "subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    kind: Mapped[SubscriptionKind] = mapped_column(enum_column(SubscriptionKind))
    topic: Mapped[str] = mapped_column(String(80), default="")
    ward_code: Mapped[str] = mapped_column(String(9), default="")
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    consultation: Mapped[Consultation | None] = relationship()


class EmailStatus(StrEnum):
    QUEUED = "queued"
    # Claimed by one sender, which holds it for a lease (from updated_at) while it talks to the
    # mail server; another sender may take it over only once the lease has run out.
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the retries


class EmailMessage(TimestampMixin, Base):
    """One e-mail, written here first and then sent by a background job through the configured
    adapter (SMTP, GOV.UK Notify, or the local outbox), retried on failure."""

    __tablename__ = "email_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="")  # subscription_confirm, outcome ...
    status: Mapped[EmailStatus] = mapped_column(
        enum_column(EmailStatus), default=EmailStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    adapter: Mapped[str] = mapped_column(String(20), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscription.id", ondelete="SET NULL")
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="SET NULL")
    )
