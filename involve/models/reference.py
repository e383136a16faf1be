"""Reference populations that respondents are compared with (Census 2021 tables for an area, or an
officer's own figures for one activity), and the council's outreach prompts for missing groups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from involve.models.base import Base, TimestampMixin, UTCDateTime


class ReferenceDistribution(TimestampMixin, Base):
    """One table's categories for one area (an ONS code) or one activity, with where it came from.

    `scope` is the area's ONS code or "activity:<id>", so importing the same table again for the
    same area replaces the row instead of adding one (NULL activity ids would escape a unique key).
    """

    __tablename__ = "reference_distribution"
    __table_args__ = (UniqueConstraint("scope", "dimension", "table_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    area_code: Mapped[str] = mapped_column(String(9), default="", index=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    # What the categories describe: age_sex, age, sex, economic_activity, ethnic_group,
    # disability, ward, or another ONS table's theme.
    dimension: Mapped[str] = mapped_column(String(40))
    table_code: Mapped[str] = mapped_column(String(40))  # TS008, TS009, census-quiz, officer …
    title: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(10), default="count")  # count or percent
    # {category label: count or percentage}; the table's total is kept apart, in `total`.
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    total: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(300), default="")
    source_file: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    licence: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))


class OutreachPrompt(TimestampMixin, Base):
    """What the council suggests doing when a group is under-represented: channels that reach it.
    Defaults come from involve.services.outreach_prompts; a row here is the council's wording."""

    __tablename__ = "outreach_prompt"
    __table_args__ = (UniqueConstraint("dimension", "group_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(String(40))
    group_key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
