"""The compliance reports as CSV and XLSX: one row per claim for an activity, one row per activity
for a year. Evidence is written as full web addresses so a file can be read away from the
service (the checks as at their last run); every cell goes through the spreadsheet formula-safety of involve.services.exports."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime

from flask import url_for

from involve.services.compliance_claims import Link, Section
from involve.services.compliance_labels import age_label, audience_label, opportunity_label
from involve.services.compliance_year_summary import YearSummary
from involve.services.exports import Cell, csv_lines, xlsx_bytes
from involve.templating import UK

ACTIVITY_HEADER = ("section", "claim", "status", "value", "details", "evidence")


def evidence_cell(links: Sequence[Link], root_url: str) -> str:
    return " | ".join(f"{link.text}: {link.address(root_url)}" for link in links)


def activity_rows(sections: Sequence[Section], root_url: str) -> Iterator[list[Cell]]:
    for section in sections:
        for claim in section.claims:
            yield [
                section.title,
                claim.label,
                claim.status.label if claim.status is not None else "",
                claim.value,
                " | ".join(claim.details),
                evidence_cell(claim.links, root_url),
            ]


def activity_csv(sections: Sequence[Section], root_url: str) -> str:
    return "".join(csv_lines(ACTIVITY_HEADER, activity_rows(sections, root_url)))


def activity_xlsx(sections: Sequence[Section], root_url: str) -> bytes:
    return xlsx_bytes(ACTIVITY_HEADER, activity_rows(sections, root_url), title="Compliance")


def report_filename(name: str, extension: str, *, made_at: datetime) -> str:
    """A filename safe in a Content-Disposition header and on any file system."""
    safe = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")[:80] or "report"
    return f"{safe}-compliance-{made_at.astimezone(UK):%Y-%m-%d}.{extension}"


YEAR_HEADER = (
    "activity",
    "service",
    "date",
    "way",
    "format",
    "opportunity_types",
    "audiences",
    "age_groups",
    "area",
    "people_taking_part",
    "plan_complete",
    "decision_recorded",
    "decided_on",
    "outcome_published_on",
    "outcome_on_time",
    "fairness_failed",
    "fairness_warnings",
    "under_represented",
    "checked_at",
    "changed_since_checked",
    "strategy_links",
    "commissioning_stage",
    "compliance_report",
)


def _day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(UK).date()
    return moment.isoformat()


def year_rows(summary: YearSummary, root_url: str) -> Iterator[list[Cell]]:
    """One row per activity, with what the page says of it: the checks as at their last run,
    with whether the activity changed since (its results may be out of date)."""
    data = summary.data
    checked_at = data.snapshot.checked_at if data.snapshot is not None else None
    for row in data.rows:
        activity, entry = row.activity, summary.entry(row)
        source = activity.consultation or activity
        yield [
            activity.title,
            activity.service.name if activity.service else "",
            _day(row.when),
            activity.way.label,
            activity.format.label,
            "; ".join(map(opportunity_label, activity.opportunity_types)),
            "; ".join(map(audience_label, activity.audiences)),
            "; ".join(map(age_label, activity.age_groups)) or "All ages",
            "Whole area"
            if source.whole_area or not source.ward_codes
            else "; ".join(data.ward_names.get(code, code) for code in source.ward_codes),
            "" if row.people is None else row.people,
            "yes" if row.plan_complete else "no",
            "yes" if row.decision is not None else "no",
            _day(row.decision.decided_on) if row.decision is not None else "",
            _day(row.timing.published_at),
            row.timing.timeliness.label,
            "" if entry is None else "; ".join(c.title for c in entry.failing),
            ""
            if entry is None
            else "; ".join(c.title for c in entry.checks if c.status.value == "warning"),
            ""
            if entry is None
            else "; ".join(f"{f.label} ({f.dimension_label.lower()})" for f in entry.flags),
            "not checked yet" if entry is None else _day(checked_at),
            "" if entry is None else "yes" if summary.is_changed(row) else "no",
            "; ".join(
                f"{item.kind.label}: {item.reference_code} {item.title}".replace("  ", " ")
                for item in activity.strategy_items
            ),
            activity.commissioning_stage.label if activity.commissioning_stage else "",
            root_url.rstrip("/") + url_for("officer.activity_compliance", activity_id=activity.id),
        ]


def year_csv(summary: YearSummary, root_url: str) -> str:
    return "".join(csv_lines(YEAR_HEADER, year_rows(summary, root_url)))


def year_xlsx(summary: YearSummary, root_url: str) -> bytes:
    return xlsx_bytes(YEAR_HEADER, year_rows(summary, root_url), title="Activities")
