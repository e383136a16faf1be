"""Representative quotes are typical and different from one another."""

from __future__ import annotations

from analysis.quotes import select_quotes

TEXTS = [
    "The waiting room was cold and the chairs were uncomfortable.",
    "The waiting room was cold and the chairs were uncomfortable!",
    "The waiting room was so cold and the chairs were uncomfortable.",
    "Staff explained the treatment clearly and kindly.",
    "Parking at the hospital is expensive and hard to find.",
    "ok",
]


def test_quotes_are_never_near_duplicates_of_each_other():
    chosen = select_quotes(TEXTS, 3)
    assert len(chosen) == 3
    waiting_room = {0, 1, 2}
    assert len(waiting_room & set(chosen)) == 1
    assert 5 not in chosen  # too short to be informative


def test_quotes_are_deterministic():
    assert select_quotes(TEXTS, 2) == select_quotes(list(TEXTS), 2)
