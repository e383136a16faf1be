"""Small-number suppression, so no published table lets a reader single out a few people.

Primary: a count from 1 to threshold - 1 is shown as "fewer than <threshold>" (0 names nobody
and is shown). Secondary: a table's total is always shown, so one hidden cell could be worked
out by subtraction, and a few hidden cells with a small sum can pin each other down (two hidden
cells adding up to 2 must both be 1). So more cells are hidden, smallest first and preferring
cells with people in them, until at least two are hidden and no hidden cell's value follows
from what a reader who knows this rule can tell of each: a primary cell lies in
1..threshold-1; a secondary one (shown as "hidden") is not small, or it would be primary, so it
is 0 or at least the threshold, and, as the smallest cell left when it was hidden, no larger
than any cell still shown with people in it (and then not 0). The threshold is 10 unless
INVOLVE_SMALL_NUMBER_THRESHOLD (or the SMALL_NUMBER_THRESHOLD setting) says otherwise, and
never below 5.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from flask import current_app, has_app_context

DEFAULT_THRESHOLD = 10
MINIMUM_THRESHOLD = 5


def small_number_threshold() -> int:
    """The configured threshold, never below MINIMUM_THRESHOLD; a bad setting gives the default."""
    raw: object = None
    if has_app_context():
        raw = current_app.config.get("SMALL_NUMBER_THRESHOLD")
    if raw is None:
        raw = os.environ.get("INVOLVE_SMALL_NUMBER_THRESHOLD")
    try:
        value = int(str(raw)) if raw not in (None, "") else DEFAULT_THRESHOLD
    except ValueError:
        value = DEFAULT_THRESHOLD
    return max(MINIMUM_THRESHOLD, value)


PRIMARY = "primary"
SECONDARY = "secondary"


def suppression(counts: Sequence[int], threshold: int) -> list[str]:
    """Per cell of one table whose total is shown: "" (shown), PRIMARY or SECONDARY."""
    states = [PRIMARY if 0 < count < threshold else "" for count in counts]
    if not any(states):
        return states
    while sum(1 for state in states if state) < 2 or _derivable(counts, states, threshold):
        shown = [index for index, state in enumerate(states) if not state]
        if not shown:
            break
        smallest = min(shown, key=lambda index: (counts[index] == 0, counts[index], index))
        states[smallest] = SECONDARY
    return states


Intervals = list[tuple[int, int]]  # a set of whole numbers as sorted, disjoint ranges


def _merged(ranges: Intervals) -> Intervals:
    merged: Intervals = []
    for low, high in sorted(ranges):
        if low > high:
            continue
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _possible(
    counts: Sequence[int], states: Sequence[str], threshold: int, index: int, total: int
) -> Intervals:
    """The values a reader can give one hidden cell before using the table's total."""
    if states[index] == PRIMARY:
        return [(1, threshold - 1)]
    caps = [
        count if index < other else count - 1  # ties went to the earlier cell
        for other, (count, state) in enumerate(zip(counts, states, strict=True))
        if not state and count > 0
    ]
    if caps:
        return _merged([(threshold, min(total, *caps))])
    return [(0, 0), (threshold, total)]


def _derivable(counts: Sequence[int], states: Sequence[str], threshold: int) -> bool:
    """True when a reader who knows the hidden cells' sum and what each can be (see the module
    docstring) can work one of them out."""
    hidden = [index for index, state in enumerate(states) if state]
    total = sum(counts[index] for index in hidden)
    possible = {index: _possible(counts, states, threshold, index, total) for index in hidden}
    for index in hidden:
        others: Intervals = [(0, 0)]  # the sums the other hidden cells can make
        for other in hidden:
            if other != index:
                others = _merged(
                    [(low + a, high + b) for low, high in others for a, b in possible[other]]
                )
        left = [(total - high, total - low) for low, high in others]
        fits = _merged(
            [(max(low, a), min(high, b)) for low, high in possible[index] for a, b in left]
        )
        if sum(high - low + 1 for low, high in fits) <= 1:
            return True
    return False


def can_be_worked_out(counts: Sequence[int], states: Sequence[str], threshold: int) -> bool:
    """Whether a table suppressed as `states` (whose total is shown) still gives a hidden cell
    away: only when every cell is hidden and they still pin each other down."""
    return any(states) and _derivable(counts, states, threshold)


def suppressed_cells(counts: Sequence[int], threshold: int) -> list[bool]:
    """Which cells of one table (whose total is shown) must be hidden."""
    return [bool(state) for state in suppression(counts, threshold)]


def cell_text(count: int, state: str, threshold: int) -> str:
    """How a cell reads on the page and in the CSV."""
    if state == PRIMARY:
        return f"fewer than {threshold}"
    if state == SECONDARY:
        return "hidden"
    return f"{count:,}"


def is_small(count: int, threshold: int) -> bool:
    """A count that must not be shown: 1 to threshold - 1 (0 names nobody)."""
    return 0 < count < threshold


def count_text(count: int, threshold: int) -> str:
    """A count shown on its own (no table total to protect): "fewer than 10" when small."""
    return f"fewer than {threshold}" if is_small(count, threshold) else f"{count:,}"
