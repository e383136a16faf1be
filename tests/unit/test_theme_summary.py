"""The theme summary's pure parts: small-count suppression, percentages and quote choice."""

from __future__ import annotations

import pytest

from involve.services.theme_summary import (
    GroupCell,
    _Item,
    group_cells,
    representative_quotes,
    suppressed_cells,
)
from involve.services.theme_summary_export import percent


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([50, 40, 30], [False, False, False]),  # nothing small: nothing hidden
        ([12, 9, 9], [False, True, True]),  # two small cells hide each other
        ([15, 10, 0], [False, True, True]),  # 0 is under 10; 10 hidden so 0 can't be derived
        ([30, 12, 4, 20], [False, True, True, False]),  # the next smallest is 12, not 20
        ([5, 20, 20], [True, True, False]),  # a tie hides the first
        ([3], [True]),  # a single cell has no partner
        ([0, 0, 0], [True, True, True]),
        ([9, 10], [True, True]),
    ],
)
def test_counts_under_ten_are_hidden_and_a_lone_hidden_cell_gets_a_partner(counts, hidden):
    assert suppressed_cells(counts) == hidden


def test_group_cells_hide_the_share_of_suppressed_cells():
    assert group_cells([15, 10, 0], 25) == [
        GroupCell(15, 0.6, False),
        GroupCell(10, None, True),
        GroupCell(0, None, True),
    ]


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.0, "0%"), (0.004, "under 1%"), (0.005, "1%"), (0.571, "57%"), (1.0, "100%"), (None, "")],
)
def test_percent_is_whole_and_never_rounds_something_down_to_nothing(share, text):
    assert percent(share) == text


def _item(item_id: int, text: str, highlights: list[str] | None = None) -> _Item:
    return _Item(
        id=item_id,
        text=text,
        is_reviewed=True,
        no_theme_fits=False,
        stance="negative",
        is_officer_stance=False,
        highlights=highlights or [],
        group_status=None,
        groups={},
    )


REPEATED = "The buses stop running far too early in the evening for shift workers"
DIFFERENT = [
    "Parking charges in the town centre have doubled and shops are suffering",
    "The library opening hours suit retired people but not families with children",
    "Potholes on the high street have been left unrepaired for months now",
]


def test_quotes_never_include_two_near_duplicates():
    members = [_item(n, REPEATED + ("!" * (n % 3))) for n in range(8)]
    members += [_item(100 + n, text) for n, text in enumerate(DIFFERENT)]

    quotes = [quote.text for quote in representative_quotes(members)]

    assert len(quotes) == 3
    assert sum(1 for quote in quotes if quote.startswith(REPEATED)) <= 1


def test_quotes_prefer_what_officers_highlighted():
    members = [_item(n, text) for n, text in enumerate(DIFFERENT)]
    members.append(
        _item(
            9,
            "Honestly the council never listens. Bring back the evening bus service.",
            ["Bring back the evening bus service"],
        )
    )

    quotes = representative_quotes(members)

    assert quotes[0].text == "Bring back the evening bus service"
    assert quotes[0].is_highlight
    assert len(quotes) == 3
    assert all(not quote.is_highlight for quote in quotes[1:])


def test_no_members_means_no_quotes():
    assert representative_quotes([]) == []
