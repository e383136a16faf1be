"""Which counts of a representativeness table are hidden, and what its shares are a share of.

The individuals' total is on the page, so a dimension's "not given" count is a cell of the table
like its groups: when it is too small to show, it is suppressed with them, and counted with the
hidden groups in every share, expected number and statistic (the base is then everyone in the
table). Otherwise a reader could subtract: the individuals' total less the shown counts when no
group is hidden, or less the base that any shown count and its share give away (count / share).
The same pooling is the last resort when the groups alone still pin each other down (all of them
hidden, say 9 and 9 of 18). A table that gives a count away even then is not shown at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from involve.services.small_numbers import (
    can_be_worked_out,
    cell_text,
    count_text,
    is_small,
    suppression,
)


@dataclass(frozen=True)
class PublishedTable:
    states: list[str]  # each group's suppression state ("" shown, PRIMARY or SECONDARY)
    base: int  # what the shares and expected numbers are of
    pooled: int  # the "not given" people counted with the hidden groups (0: none)
    n_text: str  # the table's total, as the caption shows it
    not_given_text: str


def hidden_states(counts: list[int], not_given: int, threshold: int) -> tuple[list[str], str, bool]:
    """(each group's state, the not-given cell's state ("" when shown), whether the table can be
    shown at all)."""
    states = suppression(counts, threshold)
    if not (
        is_small(not_given, threshold)
        or (not_given > 0 and can_be_worked_out(counts, states, threshold))
    ):
        return states, "", not can_be_worked_out(counts, states, threshold)
    cells = [*counts, not_given]
    everything = suppression(cells, threshold)
    return everything[:-1], everything[-1], not can_be_worked_out(cells, everything, threshold)


def published_table(
    counts: list[int], answered: int, not_given: int, threshold: int
) -> PublishedTable | None:
    """How a dimension's table is published; None when it cannot be without giving a count away."""
    states, not_given_state, is_safe = hidden_states(counts, not_given, threshold)
    if not is_safe:
        return None
    pooled = not_given if not_given_state else 0
    base = answered + pooled
    not_given_text = (
        cell_text(not_given, not_given_state, threshold)
        if not_given_state
        else count_text(not_given, threshold)
    )
    return PublishedTable(states, base, pooled, f"{base:,}", not_given_text)
