"""Long work (discovering themes, training the theme model) runs as a background job. Its state
lives in this table, not in the worker, so the page that shows it survives a reload, a restart
of the web process and a change of worker."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class BackgroundJob(TimestampMixin, Base):
    __tablename__ = "background_job"
    __table_args__ = (Index("ix_background_job_kind_subject", "kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Which function runs it (a key of involve.jobs.registry.JOB_KINDS) and what it works on.
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)  # e.g. the codeframe id
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # 0..100
    stage: Mapped[str] = mapped_column(String(200), default="")  # shown beside the bar
    # What the job produced (e.g. proposed themes), and a plain-English error when it failed.
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Updated with each progress report; a running job silent for long was lost with its worker.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
