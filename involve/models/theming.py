"""Theming free text: a codeframe of themes per free-text question (or per activity's points
raised), officers' codes, the model's suggestions, campaign groups and the model versions that
made the suggestions, so every accepted suggestion can be traced to who accepted it and which
model produced it.

Every text to be themed is a `ThemeItem` pointing at exactly one source row (an `Answer` or a
`FeedbackItem`); codes, suggestions and notes hang off the item, so deleting a response (for
example on an erasure request) deletes its codes with it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.activities import Activity, FeedbackItem
from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utc_now
from involve.models.consultations import Question
from involve.models.responses import Answer


class Codeframe(TimestampMixin, Base):
    """The themes used to code one free-text question, or one activity's points raised."""

    __tablename__ = "codeframe"
    __table_args__ = (
        CheckConstraint("(question_id IS NULL) <> (activity_id IS NULL)", name="one_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), unique=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    question: Mapped[Question | None] = relationship()
    activity: Mapped[Activity | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(
        back_populates="codeframe",
        cascade="all, delete-orphan",
        order_by="(Theme.position, Theme.id)",
    )


class Theme(TimestampMixin, Base):
    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("codeframe_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(
        ForeignKey("codeframe.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Where it came from: "officer", "discovered" (accepted from Discover themes), "merged",
    # "split" — shown next to the theme so an auditor can see how the codeframe grew.
    origin: Mapped[str] = mapped_column(String(30), default="officer")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    codeframe: Mapped[Codeframe] = relationship(back_populates="themes")


class Stance(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class DuplicateStatus(StrEnum):
    SUSPECTED = "suspected"  # found by the near-duplicate grouping, not yet looked at
    CAMPAIGN = "campaign"  # an officer confirmed it is an organised campaign
    NOT_CAMPAIGN = "not_campaign"  # an officer looked and it is coincidence


class DuplicateGroup(TimestampMixin, Base):
    """Identical or near-identical texts, e.g. an organised campaign's letter. Members are the
    items whose duplicate_group_id points here; reports count confirmed campaigns separately."""

    __tablename__ = "duplicate_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(
        ForeignKey("codeframe.id", ondelete="CASCADE"), index=True
    )
    example_text: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[DuplicateStatus] = mapped_column(
        enum_column(DuplicateStatus), default=DuplicateStatus.SUSPECTED
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ThemeItem(Base):
    """One text to theme: an answer to the codeframe's question, or one point raised."""

    __tablename__ = "theme_item"
    __table_args__ = (
        CheckConstraint("(answer_id IS NULL) <> (feedback_item_id IS NULL)", name="one_source"),
        Index("ix_theme_item_codeframe_reviewed", "codeframe_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(ForeignKey("codeframe.id", ondelete="CASCADE"))
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), unique=True
    )
    feedback_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_item.id", ondelete="CASCADE"), unique=True
    )
    # The officer's note and the excerpts they highlighted (each a substring of the text).
    note: Mapped[str] = mapped_column(Text, default="")
    highlights: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Set when an officer saves the coding screen for this item (even "no theme fits").
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    no_theme_fits: Mapped[bool] = mapped_column(default=False)
    # The officer's stance code, and the model's (or TextBlob prior's) when there is none.
    stance: Mapped[Stance | None] = mapped_column(enum_column(Stance))
    predicted_stance: Mapped[Stance | None] = mapped_column(enum_column(Stance))
    polarity: Mapped[float | None] = mapped_column(Float)
    # "Code next" hands an item to one analyst for a while so two never code the same one.
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How much the model would learn from a code here (higher first); set with suggestions.
    learning_value: Mapped[float | None] = mapped_column(Float)
    # Bumped on every save, so a save made from a stale page is detected, not silently applied.
    version: Mapped[int] = mapped_column(Integer, default=1)
    duplicate_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("duplicate_group.id", ondelete="SET NULL"), index=True
    )

    codeframe: Mapped[Codeframe] = relationship()
    answer: Mapped[Answer | None] = relationship()
    feedback_item: Mapped[FeedbackItem | None] = relationship()
    duplicate_group: Mapped[DuplicateGroup | None] = relationship()
    codings: Mapped[list[ThemeCoding]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    suggestions: Mapped[list[ThemeSuggestion]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )

    @property
    def text(self) -> str:
        if self.answer is not None:
            return self.answer.text
        return self.feedback_item.text if self.feedback_item is not None else ""


class CodingSource(StrEnum):
    OFFICER = "officer"  # ticked on the coding screen
    SUGGESTION = "suggestion"  # a model suggestion an officer accepted (one by one or in bulk)


class ModelVersion(Base):
    """One training run of the theme model for a codeframe, with its cross-validated scores."""

    __tablename__ = "theme_model_version"
    __table_args__ = (UniqueConstraint("codeframe_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(
        ForeignKey("codeframe.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 ... per codeframe
    trained_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    trained_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    coded_examples: Mapped[int] = mapped_column(Integer)
    # {theme_id (str): {"precision", "recall", "f1", "examples"}} from cross-validation.
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Saved ThemeModel under instance/models/, so a suggestion can be reproduced later.
    stored_name: Mapped[str] = mapped_column(String(120), default="")
    library_version: Mapped[str] = mapped_column(String(60), default="")


class ThemeCoding(Base):
    """A theme given to an item, by an officer or by accepting a suggestion."""

    __tablename__ = "theme_coding"
    __table_args__ = (UniqueConstraint("item_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("theme_item.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    source: Mapped[CodingSource] = mapped_column(enum_column(CodingSource))
    coded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    coded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    # For accepted suggestions: the model that proposed it and its score.
    model_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("theme_model_version.id", ondelete="SET NULL")
    )
    suggestion_score: Mapped[float | None] = mapped_column(Float)

    item: Mapped[ThemeItem] = relationship(back_populates="codings")
    theme: Mapped[Theme] = relationship()
    model_version: Mapped[ModelVersion | None] = relationship()


class ThemeSuggestion(Base):
    """The latest model's score for one theme on one not-yet-coded item."""

    __tablename__ = "theme_suggestion"
    __table_args__ = (UniqueConstraint("item_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("theme_item.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    model_version_id: Mapped[int] = mapped_column(
        ForeignKey("theme_model_version.id", ondelete="CASCADE"), index=True
    )

    item: Mapped[ThemeItem] = relationship(back_populates="suggestions")
    theme: Mapped[Theme] = relationship()
    model_version: Mapped[ModelVersion] = relationship()
