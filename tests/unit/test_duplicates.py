"""Near-duplicate (campaign) grouping."""

from __future__ import annotations

from analysis.duplicates import find_duplicate_groups

CAMPAIGN = (
    "Save our library! Closing the Westfield branch would cut off older residents and children."
)
OTHERS = [
    "The bus station needs better lighting at night.",
    "Parking charges in the town centre are too high for shoppers.",
    "I would like more recycling collections in the summer.",
    "Save our park from development, it is used every day.",
]


def test_planted_campaign_is_grouped_and_unrelated_texts_are_not():
    variants = [
        CAMPAIGN,
        CAMPAIGN.lower(),
        CAMPAIGN + " Thank you.",
        CAMPAIGN.replace("Westfield", "Westfeld"),
        "Save our library!! Closing the Westfield branch would cut off older residents and kids.",
    ]
    texts = [OTHERS[0], *variants[:2], OTHERS[1], *variants[2:], OTHERS[2], OTHERS[3]]
    groups = find_duplicate_groups(texts)
    assert len(groups) == 1
    assert groups[0].size == 5
    assert groups[0].members == [1, 2, 4, 5, 6]


def test_no_groups_among_different_texts_or_empty_ones():
    assert find_duplicate_groups([*OTHERS, "", ""]) == []
