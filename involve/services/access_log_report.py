"""The access log as officers and data protection officers read it: actions in words, what was
looked at, the consultation, and a CSV of the whole log (or one action)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import AccessAction, Consultation, PersonalDataAccess
from involve.services.exports import Cell

ACTION_LABELS = {
    AccessAction.VIEW_RESPONSE: "Viewed a response",
    AccessAction.EXPORT_RESPONSES: "Exported responses (no personal data)",
    AccessAction.EXPORT_PERSONAL_DATA: "Exported responses with personal data",
    AccessAction.SUBJECT_ACCESS_SEARCH: "Searched for a person's data",
    AccessAction.SUBJECT_ACCESS_VIEW: "Viewed a person's data",
    AccessAction.SUBJECT_ACCESS_EXPORT: "Exported a person's data",
    AccessAction.ERASURE: "Erased a person's data",
    AccessAction.EQUALITY_WITHDRAWAL: "Withdrew equality answers",
    AccessAction.MODERATION_VIEW: "Viewed texts awaiting moderation",
    AccessAction.EMAIL_VIEW: "Viewed an e-mail in the outbox",
}
FORMAT_LABELS = {
    "json": "JSON file",
    "readable": "readable page",
    "page": "readable page",
    "csv": "CSV file",
    "xlsx": "Excel file",
}
OBJECT_LABELS = {
    "response": "Response",
    "answer": "Answer in response",
    "consultation": "",
    "email_data": "Subscriptions and e-mails",
    "email_message": "E-mail",
}
CSV_HEADER = [
    "When (UTC)",
    "Officer",
    "Officer e-mail",
    "Action",
    "Action code",
    "What",
    "Consultation",
    "Reason",
]
CSV_BATCH = 500


def parse_action(value: str | None) -> AccessAction | None:
    """The action filter from the query string; anything unknown means no filter."""
    try:
        return AccessAction(value) if value else None
    except ValueError:
        return None


def describe(entry: PersonalDataAccess) -> str:
    """What was looked at, in words, from the entry's object and detail (never personal data)."""
    detail = entry.detail or {}
    if entry.action == AccessAction.SUBJECT_ACCESS_SEARCH:
        matches = int(detail.get("matches", 0))
        by = "e-mail address" if detail.get("by") == "email" else "response reference"
        text = f"Search by {by}: {matches} response{'s' if matches != 1 else ''} found"
        mentions = int(detail.get("mentions", 0))
        if mentions:
            text += f", {mentions} mention{'s' if mentions != 1 else ''} in other answers"
        return text + _email_counts(detail)
    label = OBJECT_LABELS.get(entry.object_type, entry.object_type.replace("_", " ").capitalize())
    # A consultation is named in its own column: its id would only confuse here.
    object_id = "" if entry.object_type == "consultation" else entry.object_id
    text = " ".join(part for part in (label, object_id) if part)
    if detail.get("format"):
        text += f" ({FORMAT_LABELS.get(str(detail['format']), str(detail['format']).upper())})"
    if isinstance(detail.get("count"), int):
        text += f" ({detail['count']:,} responses)"
    return (text.strip() + _email_counts(detail)) or "—"


def _email_counts(detail: dict[str, object]) -> str:
    """The counts of a person's subscriptions and e-mails, like ", 2 subscriptions, 3 e-mails"."""
    parts = [
        f"{count} {noun}{'s' if count != 1 else ''}"
        for key, noun in (("subscriptions", "subscription"), ("emails", "e-mail"))
        if isinstance(count := detail.get(key), int) and count
    ]
    return "".join(f", {part}" for part in parts)


def consultation_titles(entries: Iterable[PersonalDataAccess]) -> dict[int, str]:
    ids = {entry.consultation_id for entry in entries if entry.consultation_id is not None}
    if not ids:
        return {}
    return dict(
        db.session.execute(
            select(Consultation.id, Consultation.title).where(Consultation.id.in_(ids))
        ).all()
    )


@dataclass(frozen=True)
class AccessRow:
    occurred_at: datetime
    officer: str
    officer_email: str
    action: str
    action_code: str
    what: str
    consultation: str
    reason: str


def access_rows(entries: Sequence[PersonalDataAccess]) -> list[AccessRow]:
    titles = consultation_titles(entries)
    return [
        AccessRow(
            occurred_at=entry.occurred_at,
            officer=entry.officer.full_name if entry.officer else "System (command line)",
            officer_email=entry.officer.email if entry.officer else "",
            action=ACTION_LABELS.get(entry.action, str(entry.action)),
            action_code=str(entry.action),
            what=describe(entry),
            consultation=titles.get(entry.consultation_id or 0, ""),
            reason=entry.reason,
        )
        for entry in entries
    ]


def iter_csv_rows(action: AccessAction | None) -> Iterator[list[Cell]]:
    """Every entry, newest first, in batches so a long log is never all in memory."""
    query = (
        select(PersonalDataAccess)
        .where(*([PersonalDataAccess.action == action] if action else []))
        .options(selectinload(PersonalDataAccess.officer))
        .order_by(PersonalDataAccess.occurred_at.desc(), PersonalDataAccess.id.desc())
    )
    offset = 0
    while True:
        batch = db.session.scalars(query.offset(offset).limit(CSV_BATCH)).all()
        if not batch:
            return
        for row in access_rows(batch):
            yield [
                row.occurred_at.isoformat(),
                row.officer,
                row.officer_email,
                row.action,
                row.action_code,
                row.what,
                row.consultation,
                row.reason,
            ]
        offset += CSV_BATCH
