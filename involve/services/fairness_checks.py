"""The shapes of the fairness checklist (see involve.services.fairness): a check's status, its
group, its evidence links, and small wording helpers the checks share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask import current_app, url_for

from involve.auth.permissions import Permission
from involve.models import Activity, Consultation
from involve.templating import UK


class Status(StrEnum):
    PASS = "pass"
    WARNING = "warning"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {
            Status.PASS: "Pass",
            Status.WARNING: "Warning",
            Status.FAIL: "Fail",
            Status.NOT_APPLICABLE: "Not applicable",
        }[self]

    @property
    def severity(self) -> int:
        return {Status.NOT_APPLICABLE: 0, Status.PASS: 1, Status.WARNING: 2, Status.FAIL: 3}[self]


class Group(StrEnum):
    GUNNING = "gunning"
    PRINCIPLES = "principles"
    DUTY = "duty"

    @property
    def label(self) -> str:
        return {
            Group.GUNNING: "The Gunning principles",
            Group.PRINCIPLES: "Consultation Principles (Cabinet Office, 2018)",
            Group.DUTY: "The duty to involve",
        }[self]


@dataclass(frozen=True)
class Evidence:
    """A link to the officer page that shows what a check relied on. `permission` is what the
    reader needs to open it (the page refuses others); None for pages every reader can open."""

    text: str
    endpoint: str
    values: Mapping[str, Any] = field(default_factory=dict)
    anchor: str = ""
    permission: Permission | None = None

    @property
    def url(self) -> str:
        return url_for(self.endpoint, **self.values, _anchor=self.anchor or None)


@dataclass(frozen=True)
class Check:
    id: str
    group: Group
    title: str
    status: Status
    reason: str
    evidence: tuple[Evidence, ...] = ()
    details: tuple[str, ...] = ()  # extra lines: the holidays named, the long sentences ...


@dataclass(frozen=True)
class Checklist:
    consultation: Consultation
    activity: Activity | None
    checks: tuple[Check, ...]
    checked_at: datetime

    @property
    def counts(self) -> dict[Status, int]:
        found = Counter(check.status for check in self.checks)
        return {status: found.get(status, 0) for status in Status}

    @property
    def groups(self) -> list[tuple[Group, list[Check]]]:
        return [
            (group, [check for check in self.checks if check.group == group]) for group in Group
        ]

    def get(self, check_id: str) -> Check:
        return next(check for check in self.checks if check.id == check_id)

    @property
    def worst(self) -> Status:
        return max((check.status for check in self.checks), key=lambda status: status.severity)


def worst(*statuses: Status) -> Status:
    return max(statuses, key=lambda status: status.severity)


def day_text(value: date | datetime | None) -> str:
    """12 March 2026 (a datetime in UK local time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(UK).date()
    return f"{value.day} {value:%B %Y}"


def end_sentence(text: str) -> str:
    """A full stop after text, unless it already ends a sentence (inside its closing quote):
    “It closes in July.” needs none after it."""
    return text if text.rstrip("\u201d\"'").endswith((".", "!", "?")) else f"{text}."


def clipped(text: str, limit: int) -> str:
    """Text on one line, cut to `limit` characters with "..." when longer: a quote in a reason."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else plural_form or singular + 's'}"


def has_endpoint(endpoint: str) -> bool:
    """Whether the app has this page: the compliance report leaves a claim unlinked rather than
    fail when it cannot build a link (see compliance_claims.page_link)."""
    return endpoint in current_app.view_functions
