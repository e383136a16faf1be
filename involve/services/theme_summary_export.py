"""The theme summary as a download: one table, a row per theme then the overall counts, and
its record in the audit log. Quotes leave redacted, like every free text in an export."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from analysis.privacy import redact
from involve.extensions import db
from involve.models import Answer, Officer, Response, ThemeItem
from involve.services.anonymisation import council_terms, respondent_terms
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


def quote_terms(summary: ThemeSummary) -> dict[int, list[str]]:
    """Theme item id -> what to redact from its quote besides what the detectors find: the
    council's list of names and the respondent's own details (one query for every quote)."""
    item_ids = [quote.item_id for theme in summary.themes for quote in theme.quotes]
    council = council_terms()
    terms = {item_id: council for item_id in item_ids}
    if item_ids:
        rows = db.session.execute(
            select(ThemeItem.id, Response)
            .join(Answer, Answer.id == ThemeItem.answer_id)
            .join(Response, Response.id == Answer.response_id)
            .where(ThemeItem.id.in_(item_ids))
            .options(selectinload(Response.profile))
        ).tuples()
        for item_id, response in rows:
            terms[item_id] = council + respondent_terms(response)
    return terms


def summary_rows(
    summary: ThemeSummary, terms: Mapping[int, Sequence[str]] | None = None
) -> tuple[list[str], list[list[Cell]]]:
    """The summary as one table: a row per theme, then the overall counts (not yet made safe
    for spreadsheets: exports.csv_lines does that). Quotes are redacted, with `terms` (see
    quote_terms) as extra terms; without them the detectors alone still run."""
    terms = terms or {}
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
        quotes: list[Cell] = [
            redact(quote.text, terms.get(quote.item_id, ())) for quote in theme.quotes
        ]
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
