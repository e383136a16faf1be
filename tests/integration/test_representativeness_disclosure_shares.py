"""Small numbers and shares: no hidden count of a representativeness table can be worked out
from the totals, shares, expected numbers and statistics it publishes, the "not given" count
included.

Issue 6 leftover: a small "not given" count and the shares. The individuals' total is on the
page, so before the fix a reader got the hidden "not given" count as that total less the
table's base, and the base from the shown counts (when no group was hidden) or from any shown
row's count and share (count / share). Now such a count is suppressed with the groups and
pooled with the hidden ones, and every share is of the table's whole total. And a cell that
reads "hidden" is not small (it would read "fewer than 10"): 1 "fewer than 10" and 10 "hidden"
out of 11 gave both away until the suppression took that into account.

The reader these tests model works from the published figures and what each cell's wording
says; one who replays the suppression rule step by step can, in rare tables, narrow a hidden
count further (that is not checked here).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from involve.extensions import db
from involve.services.census_import import import_shipped_census
from involve.services.reference_groups import ECONOMIC_ACTIVITY_GROUPS
from tests.factories import AuthoritySettingsFactory
from tests.factories_representativeness import consultation_activity, many
from tests.integration.test_representativeness_disclosure import _cells, _csv, _text, _url


@pytest.fixture
def census():  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})


def _attack(page, table_id: str, individuals: int) -> set[int]:  # type: ignore[no-untyped-def]
    """Every "not given" count a reader can work out from the published table."""
    rows = _cells(page, table_id)
    rows.pop("Not given", None)
    shown = {label: cells for label, cells in rows.items() if cells[0].isdigit()}
    guesses = set()
    if len(shown) == len(rows):  # every group shown: the base is their sum
        guesses.add(individuals - sum(int(cells[0]) for cells in shown.values()))
    for cells in shown.values():  # count / share gives the base
        count, share = int(cells[0]), float(cells[1].rstrip("%"))
        if count and share:
            guesses.add(individuals - round(count / share * 100))
    return guesses


def test_a_small_not_given_count_cannot_be_worked_out_from_the_total_and_the_shares(
    pages, sign_in_as, census
):
    first, second = consultation_activity(), consultation_activity()
    many(first.consultation, 40, age_band="65_74", sex="Female")
    many(first.consultation, 40, age_band="50_64", sex="Male")
    many(first.consultation, 4, age_band="50_64")  # 4 gave no sex
    many(second.consultation, 38, age_band="65_74", sex="Female")
    many(second.consultation, 40, age_band="50_64", sex="Male")
    many(second.consultation, 6, age_band="50_64")  # 6 gave no sex
    db.session.commit()
    sign_in_as("analyst")
    one, two = pages.get(_url(first)), pages.get(_url(second))
    assert _text(one, "individuals") == _text(two, "individuals") == "84"
    assert 4 not in _attack(one, "table-sex", 84)
    assert 6 not in _attack(two, "table-sex", 84)
    assert _text(one, "dimension-sex") == _text(two, "dimension-sex")
    first_rows = [row for row in _csv(pages, first) if row[0] == "Sex"]
    assert first_rows == [row for row in _csv(pages, second) if row[0] == "Sex"]


def _footprint(report) -> tuple:  # type: ignore[no-untyped-def]
    """Everything a dimension publishes, rounded as the page and the CSV show it."""

    def rounded(value, places):  # type: ignore[no-untyped-def]
        return None if value is None else round(value, places)

    rows = tuple(
        (
            row.label,
            row.observed_text,
            rounded(row.observed_percent, 1),
            rounded(row.reference_percent, 1),
            rounded(row.expected, 1),
            rounded(row.rate_index, 2),
            row.flagged,
            row.prompt,
        )
        for row in report.rows
    )
    return (
        report.status,
        report.message,
        report.n_text,
        report.not_given_text,
        rows,
        tuple(report.summary),
        report.r_text,
    )


def _publisher(activity, dimension):  # type: ignore[no-untyped-def]
    """publish(table, states=None): the dimension's report of a table, with its cells hidden as
    the page hides them, or as `states` says (what a reader assumes when trying other values)."""
    from unittest import mock

    from involve.services import representativeness_suppression as suppression
    from involve.services.outreach_prompts import prompt_texts
    from involve.services.representativeness_counts import ObservedCounts
    from involve.services.representativeness_dimension import _dimension

    texts = prompt_texts()

    def publish(table, states=None):  # type: ignore[no-untyped-def]
        counts = ObservedCounts(dimensions={dimension: dict(table)})
        if states is None:
            return _dimension(activity, dimension, counts, "E07000082", 10, texts)
        with mock.patch.object(suppression, "hidden_states", return_value=states):
            return _dimension(activity, dimension, counts, "E07000082", 10, texts)

    return publish


def _fillings(cells: tuple, states: tuple) -> Iterator[tuple]:
    """Every way to fill a table's hidden cells that fits how they read ("fewer than 10": 1 to
    9; "hidden": 0 or at least 10, or it would read "fewer than 10") and adds up to what the
    shown cells leave of the total, which is on the page."""
    hidden = [index for index, state in enumerate(states) if state]
    total = sum(cells[index] for index in hidden)

    def values(index: int) -> list[int]:
        if states[index] == "primary":
            return list(range(1, 10))
        return [0, *range(10, total + 1)]

    for first in itertools.product(*(values(index) for index in hidden[:-1])):
        last = total - sum(first)
        if last in values(hidden[-1]):
            filled = list(cells)
            for index, value in zip(hidden, (*first, last), strict=True):
                filled[index] = value
            yield tuple(filled)


def _reader_cannot_work_out_hidden_cells(activity, dimension, groups, tables) -> int:  # type: ignore[no-untyped-def]
    """A reader with every figure of a published table (counts, shares, expected numbers, rate
    indices, totals, summary statistics, flags and prompts) tries every way to fill its hidden
    cells, worked out with the same cells hidden: each hidden cell must keep more than one
    possible value. Returns how many hidden cells were tried."""
    from involve.services.representativeness_suppression import hidden_states

    publish = _publisher(activity, dimension)
    keys = [*groups, "not_given"]
    tried = 0
    for table in tables:
        cells = tuple(table.get(key, 0) for key in keys)
        states = hidden_states(list(cells[:-1]), cells[-1], 10)
        cell_states = (*states[0], states[1])
        report = publish(table)
        if not report.rows or not any(cell_states):
            continue  # no table shown, or nothing hidden in it
        published = _footprint(report)
        hidden = [index for index, state in enumerate(cell_states) if state]
        possible: dict[int, set[int]] = {index: set() for index in hidden}
        for filled in _fillings(cells, cell_states):
            if _footprint(publish(dict(zip(keys, filled, strict=True)), states)) == published:
                for index in hidden:
                    possible[index].add(filled[index])
            if all(len(values) > 1 for values in possible.values()):
                break
        assert all(len(values) > 1 for values in possible.values()), (table, possible)
        tried += len(hidden)
    return tried


def test_no_hidden_count_follows_from_what_a_sex_table_publishes(census):
    """Every split of 40 individuals into female and male, with 0 to 12 or 20 not given."""
    activity = consultation_activity()
    tables = [
        {"Female": female, "Male": 40 - given - female, "not_given": given}
        for given in (*range(13), 20)
        for female in range(40 - given + 1)
    ]
    assert _reader_cannot_work_out_hidden_cells(activity, "sex", ["Female", "Male"], tables) > 300


def test_no_hidden_count_follows_from_what_an_economic_activity_table_publishes(census):
    """100 individuals: some retired, few students, few not given, the rest in work."""
    activity = consultation_activity()
    tables = [
        {
            "employed": 100 - retired - students - given,
            "retired": retired,
            "full_time_student": students,
            "not_given": given,
        }
        for retired in (0, 5, 12, 30)
        for students in (0, 1, 3, 8, 9, 10, 11, 14)
        for given in (0, 1, 2, 4, 9, 10, 12)
    ]
    groups = list(ECONOMIC_ACTIVITY_GROUPS)  # all seven, in the page's order
    tried = _reader_cannot_work_out_hidden_cells(activity, "economic_activity", groups, tables)
    assert tried > 300
