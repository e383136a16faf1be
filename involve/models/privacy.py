"""Privacy records: the moderation queue that every free text passes before the public sees it,
and the log of officers' access to personal data (views, exports, subject access, erasure).

Data changes are still written to the audit log; the access log answers a different question,
"who looked at or took away this person's data, and why", which a data protection officer asks.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utc_now

if TYPE_CHECKING:
    from involve.models.activities import FeedbackItem
    from involve.models.officers import Officer
    from involve.models.responses import Answer


class ModerationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"  # the redacted text is published as it is
    EDITED = "edited"  # an officer's edit is published; the edit and its reason are kept
    WITHHELD = "withheld"  # never published; the reason is kept


class ModerationSource(StrEnum):
    """Why a text is in the queue."""

    QUOTE = "quote"  # chosen as a quote for a theme (theme summary, "you said")
    CONSENTED_RESPONSE = "consented_response"  # the respondent agreed to publication
    POINT_RAISED = "point_raised"  # a point raised at an event


class ModerationItem(TimestampMixin, Base):
    """One free text on its way to the public: exactly one of answer_id / feedback_item_id.

    One decision per text (unique keys), whichever route brought it here. `redacted_text` is
    `analysis.privacy.redact` of the text when it was queued; `published_text` is what the
    public sees once approved (the redacted text) or edited (the officer's text), else "".
    """

    __tablename__ = "moderation_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), unique=True
    )
    feedback_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_item.id", ondelete="CASCADE"), unique=True
    )
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    source: Mapped[ModerationSource] = mapped_column(enum_column(ModerationSource))
    status: Mapped[ModerationStatus] = mapped_column(
        enum_column(ModerationStatus), default=ModerationStatus.PENDING, index=True
    )
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    published_text: Mapped[str] = mapped_column(Text, default="")
    pii_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # what redact() found
    reason: Mapped[str] = mapped_column(Text, default="")  # why edited or withheld
    queued_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    answer: Mapped[Answer | None] = relationship()
    feedback_item: Mapped[FeedbackItem | None] = relationship()
    decided_by: Mapped[Officer | None] = relationship(foreign_keys=[decided_by_id])


class AccessAction(StrEnum):
    VIEW_RESPONSE = "view_response"
    EXPORT_RESPONSES = "export_responses"  # redacted, no personal data
    EXPORT_PERSONAL_DATA = "export_personal_data"  # with personal data: a reason is required
    SUBJECT_ACCESS_SEARCH = "subject_access_search"
    SUBJECT_ACCESS_VIEW = "subject_access_view"
    SUBJECT_ACCESS_EXPORT = "subject_access_export"
    ERASURE = "erasure"
    EQUALITY_WITHDRAWAL = "equality_withdrawal"
    MODERATION_VIEW = "moderation_view"
    EMAIL_VIEW = "email_view"  # one e-mail in the officer outbox (addresses and links masked)


class PersonalDataAccess(Base):
    """One officer's view or export of personal data. Never holds the personal data itself:
    a search records that a search was made and how many records matched, not the e-mail."""

    __tablename__ = "personal_data_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), index=True)
    action: Mapped[AccessAction] = mapped_column(enum_column(AccessAction, 40))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(80), default="")
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    officer: Mapped[Officer | None] = relationship()
