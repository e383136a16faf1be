"""The theme summary's pure parts: small-count suppression, percentages and quote choice."""

from __future__ import annotations

import pytest

from involve.services.theme_summary import _Item, representative_quotes
from involve.services.theme_summary_export import percent
from involve.services.theme_summary_groups import GroupCell, group_cells, suppressed_cells


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([50, 40, 30], [False, False, False]),  # nothing small: nothing hidden
        ([12, 9, 9], [False, True, True]),  # two small cells hide each other
        ([15, 10, 0], [False, False, True]),  # a lone hidden 0 protects nothing and needs none
        ([30, 12, 4, 20], [False, True, True, False]),  # the next smallest is 12, not 20
        ([5, 20, 20], [True, True, False]),  # a tie hides the first
        ([3], [True]),  # a single cell has no partner
        ([0, 0, 0], [True, True, True]),
        ([9, 10], [True, True]),
    ],
)
def test_counts_under_ten_are_hidden_and_a_lone_hidden_cell_gets_a_partner(counts, hidden):
    assert suppressed_cells(counts) == hidden


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        # Worked by hand: with the row total known, a hidden cell is safe only if another
        # non-zero hidden cell shares the remainder with it.
        ([40, 3, 0], [True, True, True]),  # 43 - 40 would give 3 if 40 were shown
        ([40, 0, 3], [True, True, True]),  # the same, whatever the order
        ([25, 12, 3, 0, 0], [False, True, True, True, True]),  # 3 hides with 12, the smallest
        ([40, 0, 0], [False, True, True]),  # only zeros hidden: nothing small can be derived
        ([0, 3], [True, True]),  # all hidden; the row total (the theme's count) is 3 anyway
        ([12, 0, 9, 0], [True, True, True, True]),  # 9 needs a partner: 12 is the only one
        ([30, 4, 6, 0], [False, True, True, True]),  # two small non-zero cells already
    ],
)
def test_hidden_zeros_do_not_count_as_a_partner_for_a_small_count(counts, hidden):
    assert suppressed_cells(counts) == hidden
    total = sum(counts)
    non_zero_hidden = [
        count for count, is_hidden in zip(counts, hidden, strict=True) if is_hidden and count
    ]
    shown = sum(count for count, is_hidden in zip(counts, hidden, strict=True) if not is_hidden)
    # What someone could work out from the total: never a single small non-zero count (unless
    # nothing is shown, when the total itself is that count and is shown as the theme's count)
    assert len(non_zero_hidden) != 1 or not shown or total - shown != non_zero_hidden[0]


def test_group_cells_hide_the_share_of_suppressed_cells():
    assert group_cells([15, 10, 0], 25) == [
        GroupCell(15, 0.6, False),
        GroupCell(10, 0.4, False),
        GroupCell(0, None, True),
    ]
    assert group_cells([40, 3, 0], 43) == [
        GroupCell(40, None, True),
        GroupCell(3, None, True),
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

    assert quotes[0].text == (
        "Honestly the council never listens. Bring back the evening bus service."
    )
    assert quotes[0].is_highlight
    assert str(quotes[0].marked) == (
        "Honestly the council never listens. <mark>Bring back the evening bus service</mark>."
    )
    assert len(quotes) == 3
    assert all(not quote.is_highlight for quote in quotes[1:])


def test_no_members_means_no_quotes():
    assert representative_quotes([]) == []


def test_a_highlighted_quote_is_escaped_around_its_mark():
    members = [_item(1, "<b>Fix</b> the potholes on Mill Lane now", ["potholes"])]

    (quote,) = representative_quotes(members)

    assert quote.text == "<b>Fix</b> the potholes on Mill Lane now"
    assert str(quote.marked) == "&lt;b&gt;Fix&lt;/b&gt; the <mark>potholes</mark> on Mill Lane now"
