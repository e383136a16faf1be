"""The theme summary as a download: one table, a row per theme then the overall counts, and
its record in the audit log."""

from __future__ import annotations

import math

from involve.models import Officer
from involve.services.audit import record_event
from involve.services.exports import Cell
from involve.services.theme_summary import QUOTES_PER_THEME, STANCE_LABELS, ThemeSummary
from involve.services.theme_summary_groups import GroupCell


def percent(share: float | None) -> str:
    """A share as a whole percentage; "under 1%" rather than a misleading 0%."""
    if share is None:
        return ""
    if 0 < share < 0.005:
        return "under 1%"
    # Half up (not Python's half to even), with a nudge for binary fractions like 0.285.
    return f"{math.floor(share * 100 + 0.5 + 1e-9)}%"


def _group_csv_cell(cell: GroupCell) -> list[Cell]:
    if cell.suppressed:
        return ["fewer than 10", ""]
    return [cell.count, percent(cell.share)]


def summary_rows(summary: ThemeSummary) -> tuple[list[str], list[list[Cell]]]:
    """The summary as one table: a row per theme, then the overall counts (not yet made safe
    for spreadsheets: exports.csv_lines does that)."""
    header = [
        "Theme",
        "Texts",
        "Share of coded texts",
        "Also in confirmed campaigns",
        "Coded by officers",
        "Accepted suggestions",
        *(f"{label} stance" for label in STANCE_LABELS.values()),
    ]
    for table in summary.group_tables:
        for column in table.columns:
            header += [f"{table.title}: {column}", f"{table.title}: {column} (share)"]
    header += [f"Quote {number}" for number in range(1, QUOTES_PER_THEME + 1)]
    rows: list[list[Cell]] = []
    for index, theme in enumerate(summary.themes):
        row: list[Cell] = [
            theme.name,
            theme.count,
            percent(theme.share),
            theme.campaign_count,
            theme.officer_count,
            theme.suggestion_count,
            *(percent(share) for share in theme.sentiment.values()),
        ]
        for table in summary.group_tables:
            for cell in table.rows[index][2]:
                row += _group_csv_cell(cell)
        quotes: list[Cell] = [quote.text for quote in theme.quotes]
        rows.append(row + quotes + [""] * (QUOTES_PER_THEME - len(quotes)))
    rows += [
        ["All coded texts (not counting confirmed campaigns)", summary.coded],
        ["No theme fits", summary.no_theme_fits],
        ["Not coded yet", summary.uncoded],
        ["In confirmed campaigns (counted separately)", summary.campaign_texts],
        ["In suspected duplicate groups", summary.suspected_texts],
    ]
    return header, rows


def summary_filename(summary: ThemeSummary) -> str:
    return f"theme-summary-{summary.codeframe.id}-{summary.made_at:%Y-%m-%d}.csv"


def record_summary_export(*, actor: Officer, summary: ThemeSummary) -> None:
    """Downloads are in the audit log, like response exports: who took which figures out."""
    record_event(
        actor=actor,
        action="theming.summary_exported",
        object_type="codeframe",
        object_id=summary.codeframe.id,
        summary=f"Downloaded the theme summary of {summary.title} as CSV",
        detail={"format": "csv", "themes": len(summary.themes), "coded": summary.coded},
    )
