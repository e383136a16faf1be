"""Who raised each theme, for the theme summary: respondent groups (responding as, age group)
as table columns, and small counts in those tables hidden so nobody can be singled out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from involve.models import AgeBand, RespondingAs

NOT_KNOWN = "not_known"
SUPPRESS_BELOW = 10  # respondent-group counts under this are hidden (disclosure control)
RESPONDING_AS_COLUMNS = {
    RespondingAs.INDIVIDUAL: "Individual",
    RespondingAs.ORGANISATION: "Organisation",
    NOT_KNOWN: "Not known",
}
# The stored bands are census-aligned (35 to 49 straddles 45), so the summary groups them on
# band edges: under 25, 25 to 49, 50 to 64, 65 and over.
AGE_GROUPS = {
    AgeBand.UNDER_16: "under_25",
    AgeBand.AGE_16_17: "under_25",
    AgeBand.AGE_18_24: "under_25",
    AgeBand.AGE_25_34: "25_49",
    AgeBand.AGE_35_49: "25_49",
    AgeBand.AGE_50_64: "50_64",
    AgeBand.AGE_65_74: "65_plus",
    AgeBand.AGE_75_84: "65_plus",
    AgeBand.AGE_85_PLUS: "65_plus",
}
AGE_COLUMNS = {
    "under_25": "Under 25",
    "25_49": "25 to 49",
    "50_64": "50 to 64",
    "65_plus": "65 and over",
    NOT_KNOWN: "Not known",
}


@dataclass(frozen=True)
class GroupCell:
    count: int
    share: float | None  # of the theme's texts, 0..1; None when suppressed
    suppressed: bool


@dataclass(frozen=True)
class GroupTable:
    """One way of splitting respondents (e.g. by age), a row of cells per theme."""

    title: str
    columns: list[str]
    rows: list[tuple[str, int, list[GroupCell]]]  # theme name, its texts, a cell per column


# -- suppression (pure) ----------------------------------------------------------------------
def suppressed_cells(counts: Sequence[int], *, below: int = SUPPRESS_BELOW) -> list[bool]:
    """Which cells of a row to hide: every count under `below`, and, when only one non-zero
    count is hidden, the smallest non-zero count shown too, so it cannot be worked out by taking
    the others from the row total. A hidden 0 protects nothing: with [40, 3, 0] and a total of
    43, hiding 3 and 0 still gives 3 = 43 - 40, so 40 is hidden as well."""
    hidden = [count < below for count in counts]
    hidden_non_zero = sum(
        1 for count, is_hidden in zip(counts, hidden, strict=True) if is_hidden and count
    )
    if hidden_non_zero == 1:
        shown = [index for index, count in enumerate(counts) if count and not hidden[index]]
        if shown:
            hidden[min(shown, key=lambda index: (counts[index], index))] = True
    return hidden


def group_cells(counts: Sequence[int], total: int) -> list[GroupCell]:
    hidden = suppressed_cells(counts)
    return [
        GroupCell(count, None if is_hidden or not total else count / total, is_hidden)
        for count, is_hidden in zip(counts, hidden, strict=True)
    ]
