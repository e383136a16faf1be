"""What the year's compliance report says about its checks, in the same words on the page, in
the PDF and in the spreadsheets: never that every consultation passes when some were changed
since the checks ran (their last results are shown, marked) or not checked at all."""

from __future__ import annotations

from involve.services.compliance_year import ActivityRow
from involve.services.compliance_year_summary import YearSummary
from involve.services.fairness_checks import day_text

NOT_CHECKED = "Not checked yet"


def number_of(count: int, one: str, many: str) -> str:
    """ "1 activity", "3 activities": figures as the page writes them (no thousands comma)."""
    return f"{count} {one if count == 1 else many}"


def checked_on(summary: YearSummary) -> str:
    snapshot = summary.data.snapshot
    return day_text(snapshot.checked_at) if snapshot is not None else ""


def changed_mark(summary: YearSummary) -> str:
    """The mark on an activity whose results are from before its latest change."""
    return f"changed since the checks last ran on {checked_on(summary)}"


def consultations_changed(summary: YearSummary) -> list[ActivityRow]:
    return [row for row in summary.consultations_checked if summary.is_changed(row)]


def consultations_not_checked(summary: YearSummary) -> list[ActivityRow]:
    return [row for row in summary.gaps.not_checked if row.activity.consultation_id]


def failing_at_a_glance(summary: YearSummary) -> str:
    """Like "1 of 3 checked (2 changed since the checks last ran on 5 May 2026: their last
    results); 1 consultation not checked yet"."""
    if summary.data.snapshot is None:
        return NOT_CHECKED
    checked = len(summary.consultations_checked)
    changed = len(consultations_changed(summary))
    unchecked = len(consultations_not_checked(summary))
    if not checked and not unchecked:
        return "No consultation to check"
    text = f"{len(summary.gaps.failing_checks)} of {checked} checked"
    if changed:
        their = "its" if changed == 1 else "their"
        text += f" ({changed} {changed_mark(summary)}: {their} last results)"
    if unchecked:
        text += f"; {number_of(unchecked, 'consultation', 'consultations')} not checked yet"
    return text


def fairness_caveat(summary: YearSummary) -> str:
    """Which results may be out of date, and which are missing; "" when all are current."""
    changed = len(consultations_changed(summary))
    unchecked = len(consultations_not_checked(summary))
    sentences = []
    if changed:
        has = number_of(changed, "consultation has", "consultations have")
        sentences.append(
            f"{has} changed since the checks last ran on {checked_on(summary)}: "
            f"{'its' if changed == 1 else 'their'} last results are shown, marked as changed."
        )
    if unchecked:
        sentences.append(
            f"{number_of(unchecked, 'consultation is', 'consultations are')} not checked yet."
        )
    if sentences:
        sentences.append("Run the checks again to bring the results up to date.")
    return " ".join(sentences)


def fairness_lead(summary: YearSummary) -> str:
    """What the fairness section says when the last results hold no failure or warning."""
    caveat = fairness_caveat(summary)
    if not summary.consultations_checked and not consultations_not_checked(summary):
        return "There was no consultation to check."
    if caveat:
        return (
            f"No check failed or warned when the checks last ran on {checked_on(summary)}, "
            f"but that does not cover every consultation now. {caveat}"
        )
    return "Every consultation checked passes every check."


def row_fairness(summary: YearSummary, row: ActivityRow) -> str:
    """The activity's fairness column."""
    entry = summary.entry(row)
    if entry is None:
        return NOT_CHECKED
    if entry.fairness is None:
        return "Not a consultation"
    failed = f"{len(entry.failing)} failed"
    if summary.is_changed(row):
        return f"{failed} when last checked; {changed_mark(summary)}"
    return failed


def checks_status(summary: YearSummary) -> list[str]:
    """The sentences before the activities named as changed since, and as not checked."""
    gaps = summary.gaps
    changed = (
        f"{number_of(len(gaps.changed), 'activity has', 'activities have')} changed since: "
        f"{'its' if len(gaps.changed) == 1 else 'their'} last results are shown, marked "
        f"\u201c{changed_mark(summary)}\u201d"
        if gaps.changed
        else ""
    )
    unchecked = (
        f"{number_of(len(gaps.not_checked), 'activity is', 'activities are')} not checked yet"
        if gaps.not_checked
        else ""
    )
    return [changed, unchecked]
