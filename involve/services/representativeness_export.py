"""Every table of the representativeness page as one CSV, with small numbers suppressed as on the
page, cells made safe for spreadsheets (involve.services.exports), and the export audited."""

from __future__ import annotations

from collections.abc import Iterator

from involve.models import Officer
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.exports import Cell, csv_lines, export_filename
from involve.services.reference_groups import OGL_ATTRIBUTION
from involve.services.representativeness_report import Report
from involve.services.representativeness_weighting import WeightedResults

HEADER = [
    "table",
    "group",
    "respondents",
    "respondents_percent",
    "reference_percent",
    "expected",
    "rate_index",
    "under_represented",
    "weighted_estimate_percent",
    "reference",
    "source",
]


def _number(value: float | None, places: int = 1) -> Cell:
    return "" if value is None else f"{value:.{places}f}"


def report_rows(report: Report, weighted: WeightedResults) -> Iterator[list[Cell]]:
    """One row per group of every table, then the channel, organisation and estimate tables."""
    for dimension in report.dimensions:
        attribution = OGL_ATTRIBUTION if dimension.is_census else ""
        if dimension.status in ("not_asked", "too_few", "unusable"):
            yield [dimension.label, "", "", "", "", "", "", "", "", "", dimension.message]
            continue
        for row in dimension.rows:
            yield [
                dimension.label,
                row.label,
                row.observed_text,
                _number(row.observed_percent),
                _number(row.reference_percent),
                _number(row.expected),
                _number(row.rate_index, 2),
                "yes" if row.flagged else "",
                "",
                dimension.reference_label
                + (f" ({dimension.base})" if dimension.base and dimension.is_census else ""),
                attribution,
            ]
        yield [dimension.label, dimension.not_given_label, dimension.not_given_text, *[""] * 8]
    for row in report.channels:
        yield ["How people took part", row.label, row.text, *[""] * 8]
    for row in report.organisations:
        yield ["Organisations (not in the resident mix)", row.label, row.text, *[""] * 8]
    if report.channels_note:
        yield ["How people took part", "Note", report.channels_note, *[""] * 8]
    yield ["Responses", "All responses", report.responses_text, *[""] * 8]
    yield ["Responses", "Individuals in the resident mix", report.individuals_text, *[""] * 8]
    yield ["Responses", "Organisations", report.organisations_text, *[""] * 8]
    yield [
        "Responses",
        "Councillors and co-opted members (left out)",
        report.excluded_text,
        *[""] * 8,
    ]
    for question in weighted.questions:
        table = f"Estimate (weighted by {' and '.join(weighted.margins)}): {question.text}"
        for option in question.options:
            yield [
                table,
                option.option,
                option.count_text,
                _number(option.share),
                "",
                "",
                "",
                "",
                option.weighted_text.removesuffix("%"),
                "",
                f"effective sample size {question.effective_n:.0f} of {question.n}",
            ]


def report_csv(report: Report, weighted: WeightedResults) -> Iterator[str]:
    return csv_lines(HEADER, report_rows(report, weighted))


def report_filename(report: Report) -> str:
    name = export_filename(report.activity.slug, "csv", today=utc_now())
    return name.replace("-responses-", "-representativeness-")


def record_report_export(*, actor: Officer, report: Report) -> None:
    record_event(
        actor=actor,
        action="representativeness.exported",
        object_type="activity",
        object_id=report.activity.id,
        summary=f"Exported the representativeness tables of {report.activity.title} as CSV",
        detail={"format": "csv", "responses": report.counts.responses},
    )
