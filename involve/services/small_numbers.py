"""Small-number suppression, so no published table lets a reader single out a few people.

Primary: a count from 1 to threshold - 1 is shown as "fewer than <threshold>" (0 names nobody
and is shown). Secondary: a table's total is always shown, so one hidden cell could be worked
out by subtraction, and a few hidden cells with a small sum can pin each other down (two hidden
cells adding up to 2 must both be 1). So more cells are hidden, smallest first and preferring
cells with people in them, until at least two are hidden and no hidden cell's value follows
from the others' bounds: a primary cell lies in 1..threshold-1, a secondary one (shown as
"hidden") in 0..the hidden sum. The threshold is 10 unless INVOLVE_SMALL_NUMBER_THRESHOLD (or
the SMALL_NUMBER_THRESHOLD setting) says otherwise, and never below 5.
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


def _derivable(counts: Sequence[int], states: Sequence[str], threshold: int) -> bool:
    """True when a reader who knows the hidden cells' sum and bounds can work one of them out."""
    hidden = [index for index, state in enumerate(states) if state]
    total = sum(counts[index] for index in hidden)
    bounds = {
        index: (1, threshold - 1) if states[index] == PRIMARY else (0, total) for index in hidden
    }
    for index in hidden:
        others = [bounds[other] for other in hidden if other != index]
        low = max(bounds[index][0], total - sum(high for _, high in others))
        high = min(bounds[index][1], total - sum(low for low, _ in others))
        if low >= high:
            return True
    return False


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
