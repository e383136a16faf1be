"""The fairness checklist as CSV: one row per check, with its evidence as full web addresses so
the file can be read away from the service."""

from __future__ import annotations

import re
from collections.abc import Iterator

from involve.public_urls import external_url
from involve.services.exports import Cell, csv_lines
from involve.services.fairness_checks import Checklist, Evidence
from involve.templating import UK

HEADER = ("group", "check", "title", "status", "reason", "details", "evidence")


def checklist_rows(checklist: Checklist) -> Iterator[list[Cell]]:
    for check in checklist.checks:
        yield [
            check.group.label,
            check.id,
            check.title,
            check.status.label,
            check.reason,
            " | ".join(check.details),
            " | ".join(f"{link.text}: {_address(link)}" for link in check.evidence),
        ]


def _address(link: Evidence) -> str:
    return external_url(link.endpoint, anchor=link.anchor, **link.values)


def checklist_csv(checklist: Checklist) -> Iterator[str]:
    return csv_lines(HEADER, checklist_rows(checklist))


def checklist_filename(checklist: Checklist) -> str:
    safe = re.sub(r"[^a-z0-9-]+", "-", checklist.consultation.slug.lower()).strip("-")[:80]
    return f"{safe or 'consultation'}-fairness-{checklist.checked_at.astimezone(UK):%Y-%m-%d}.csv"
