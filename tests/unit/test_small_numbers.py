"""Small-number suppression, primary and secondary, checked against expectations worked by hand."""

from __future__ import annotations

import pytest

from involve.services.small_numbers import (
    PRIMARY,
    SECONDARY,
    cell_text,
    small_number_threshold,
    suppressed_cells,
    suppression,
)

P, S = PRIMARY, SECONDARY


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Nothing small: nothing hidden; zeros name nobody and are shown.
        ([40, 0, 25], ["", "", ""]),
        # One small cell would follow from the total: the smallest other (non-zero) cell goes too.
        ([50, 3, 40], ["", P, S]),
        ([12, 3, 0], [S, P, ""]),
        # Two small cells summing to 2 must both be 1: a third is hidden.
        ([30, 1, 1, 30], [S, P, P, ""]),
        # Two small cells summing to 18 must both be 9: a third is hidden. It was the smaller
        # of the two 20s, so it is at most 20, and the small two still sum to at least 18: the
        # last 20 goes too.
        ([20, 9, 9, 20], [S, P, P, S]),
        # 1 and 10: the "hidden" cell is not small (or it would read "fewer than 10"), so it is
        # 10 and the small one 1: a third cell is hidden.
        ([40, 1, 10, 50], [S, P, S, ""]),
        # Two small cells summing to 7 could be 1+6 … 6+1: enough on their own.
        ([100, 3, 4], ["", P, P]),
        # Four small cells summing to 7: each lies somewhere in 1..4; the big cell stays shown.
        ([140, 2, 1, 3, 1], ["", P, P, P, P]),
    ],
)
def test_suppression_hides_small_cells_and_whatever_would_give_them_away(counts, expected):
    assert suppression(counts, 10) == expected
    assert suppressed_cells(counts, 10) == [bool(state) for state in expected]


def test_a_hidden_cell_cannot_be_worked_out_from_the_total():
    counts = [50, 3, 40]
    hidden = suppressed_cells(counts, 10)
    shown_total = sum(
        count for count, is_hidden in zip(counts, hidden, strict=True) if not is_hidden
    )
    # Reader knows the total (93) and the shown cells (50): 43 split between two hidden cells,
    # one "fewer than 10" and one "hidden": 3+40, 4+39 … 9+34 all fit.
    assert sum(counts) - shown_total == 43
    assert sum(hidden) == 2


def test_cells_read_as_fewer_than_the_threshold_or_hidden():
    assert cell_text(3, P, 10) == "fewer than 10"
    assert cell_text(40, S, 10) == "hidden"
    assert cell_text(1234, "", 10) == "1,234"


def test_the_threshold_comes_from_the_environment_but_never_below_five(monkeypatch):
    monkeypatch.delenv("INVOLVE_SMALL_NUMBER_THRESHOLD", raising=False)
    assert small_number_threshold() == 10
    monkeypatch.setenv("INVOLVE_SMALL_NUMBER_THRESHOLD", "20")
    assert small_number_threshold() == 20
    monkeypatch.setenv("INVOLVE_SMALL_NUMBER_THRESHOLD", "3")
    assert small_number_threshold() == 5
    monkeypatch.setenv("INVOLVE_SMALL_NUMBER_THRESHOLD", "ten")
    assert small_number_threshold() == 10
