"""When each piece of a consultation's fairness evidence was written, and by whom, and whether a
piece of text is a reason at all. Evidence written after the moment it speaks to (a short
period's justification after the consultation opened, the options still open after it closed, a
sign-off after publication) is told apart by the checks, so it cannot quietly turn a fail into
a pass.

Each record's time is the moment of the audit event that saved it, so the officer who wrote it
is found by that event, in one query."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, Officer
from involve.templating import UK, format_datetime


class Record(StrEnum):
    """A piece of fairness evidence: the fields it is saved in, and its *_recorded_at column."""

    OPTIONS = "options_still_open"
    SHORT_PERIOD = "short_period_reason"
    AGREED = "agreed"

    @property
    def fields(self) -> tuple[str, ...]:
        return ("agreed_by", "agreed_on") if self is Record.AGREED else (self.value,)

    @property
    def column(self) -> str:
        return f"{self.value}_recorded_at"


MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]")
# Said instead of a reason; compared after lower-casing and dropping punctuation.
PLACEHOLDERS = frozenset(
    {
        "to be confirmed",
        "to be decided",
        "to be agreed",
        "to be added",
        "to follow later",
        "not yet known",
        "not known yet",
        "see the report",
    }
)


def is_reason(text: str) -> bool:
    """Whether text can stand as a reason: at least 3 words (numbers count), 2 different ones
    of two letters or more, and not a placeholder such as "to be confirmed". So ".", "n/a",
    "tbc" or "x x x" are not reasons; "Keep, or raise by £2" is."""
    words = [word.lower() for word in _WORD.findall(text)]
    real = {word for word in words if len(_LETTERS.findall(word)) >= 2}
    return len(words) >= MIN_WORDS and len(real) >= 2 and " ".join(words) not in PLACEHOLDERS


def is_name(text: str) -> bool:
    """Whether text can name who agreed a consultation: at least 2 letters, not just marks."""
    return len(_LETTERS.findall(text)) >= 2


def stamp_records(consultation: Consultation, *, changed: Iterable[str], at: datetime) -> None:
    """Set when each changed piece of evidence was recorded (`at`, the moment of the audit event
    that saved it), or clear it when the evidence was emptied."""
    changed = set(changed)
    for record in Record:
        if changed.isdisjoint(record.fields):
            continue
        present = any(getattr(consultation, name) for name in record.fields)
        setattr(consultation, record.column, at if present else None)


@dataclass(frozen=True)
class EvidenceRecord:
    """When one piece of evidence was recorded (None: before the service kept the date) and the
    name of the officer who saved it ("" when not known, such as from the command line)."""

    recorded_at: datetime | None
    by: str = ""

    @property
    def is_dated(self) -> bool:
        return self.recorded_at is not None

    def is_after(self, moment: datetime | None) -> bool:
        return self.recorded_at is not None and moment is not None and self.recorded_at > moment

    @property
    def text(self) -> str:
        """ "Recorded 3 June 2026 by Priya Engagement", or why the date is not known."""
        if self.recorded_at is None:
            return "Date recorded not known: it was entered before the service kept the date"
        by = f" by {self.by}" if self.by else ""
        return f"Recorded {format_datetime(self.recorded_at, with_time=False)}{by}"


def moment_text(recorded: datetime, event: datetime, event_text: str = "") -> tuple[str, str]:
    """When something was recorded and when the event it is judged against happened, in words:
    with the times when both fall on the same UK day, so "recorded on 1 June 2026, after it
    opened on 1 June 2026" never reads as a contradiction. event_text ("on 13 July 2026")
    replaces the event's own date when the days differ."""
    if recorded.astimezone(UK).date() == event.astimezone(UK).date():
        return f"at {format_datetime(recorded)}", f"at {format_datetime(event)}"
    return (
        f"on {format_datetime(recorded, with_time=False)}",
        event_text or f"on {format_datetime(event, with_time=False)}",
    )


def evidence_records(consultation: Consultation) -> dict[Record, EvidenceRecord]:
    """Each piece of evidence that has text, with when and by whom it was recorded (one query)."""
    present = {
        record: getattr(consultation, record.column)
        for record in Record
        if any(getattr(consultation, name) for name in record.fields)
    }
    moments = {moment for moment in present.values() if moment is not None}
    names: dict[datetime, str] = {}
    if moments:
        names = {
            moment: name or ""
            for moment, name in db.session.execute(
                select(AuditEvent.occurred_at, Officer.full_name)
                .outerjoin(Officer, Officer.id == AuditEvent.officer_id)
                .where(
                    AuditEvent.object_type == "consultation",
                    AuditEvent.object_id == str(consultation.id),
                    AuditEvent.occurred_at.in_(moments),
                )
            ).all()
        }
    return {
        record: EvidenceRecord(moment, names.get(moment, "") if moment else "")
        for record, moment in present.items()
    }


def record_notes(consultation: Consultation) -> dict[str, str]:
    """ "Recorded 3 June 2026 by Priya Engagement" for each piece of fairness evidence that has
    text, by its field name (options_still_open, short_period_reason, agreed)."""
    return {record.value: item.text for record, item in evidence_records(consultation).items()}
