"""The previous-engagement ranking on a small fixed set of activities, checked by hand."""

from __future__ import annotations

from analysis.similarity import (
    SAME_AREA_BONUS,
    SAME_SERVICE_BONUS,
    Document,
    rank_similar,
    tokenise,
)

LIBRARIES, PARKING, LEISURE, OTHER = 1, 2, 3, 4

TARGET = Document(
    100,
    "Library opening hours",
    "Changes to opening hours at the district's libraries",
    ["Libraries"],
    service_id=LIBRARIES,
)

CANDIDATES = [
    Document(
        1,
        "Library closures",
        "Proposals to close two branch libraries",
        ["Libraries"],
        service_id=LIBRARIES,
    ),
    Document(
        2,
        "Library opening hours review",
        "How do you use library opening hours?",
        ["Libraries"],
        service_id=LIBRARIES,
    ),
    Document(
        3,
        "Town centre parking charges",
        "Changes to car parking charges in the town centre",
        ["Parking"],
        service_id=PARKING,
    ),
    Document(
        4,
        "Leisure centre opening hours",
        "Opening hours at the leisure centres",
        ["Leisure"],
        service_id=LEISURE,
    ),
    Document(
        5, "Parking permits for residents", "Resident parking permit zones", ["Parking"], PARKING
    ),
    Document(
        6,
        "Mobile library routes",
        "Where the van stops",
        ["Transport"],
        service_id=LIBRARIES,
        whole_area=False,
        ward_codes=["E05010974"],
    ),
    Document(7, "", "", []),
    Document(
        8,
        "Library opening hours",
        "Changes to opening hours at the district's libraries",
        ["Libraries"],
        service_id=OTHER,
        whole_area=False,
        ward_codes=["E05000001"],
    ),
]


def test_activities_on_the_same_subject_rank_first_and_unrelated_ones_are_left_out() -> None:
    # 8 says the same words (cosine 1); 2 shares "library opening hours" and the service; 4
    # shares only "opening hours"; 1 and 6 share only "library" (6 once, in its title). The
    # parking activities (3, 5) and the empty one (7) share no meaningful wording.
    matches = rank_similar(TARGET, CANDIDATES)

    assert [match.id for match in matches] == [8, 2, 4, 1, 6]


def test_the_score_is_the_wording_score_plus_bonuses_capped_at_one() -> None:
    matches = {match.id: match for match in rank_similar(TARGET, CANDIDATES)}

    assert matches[8].text_score == 1.0
    assert matches[8].score == 1.0
    review = matches[2]
    assert 0 < review.text_score < 1
    assert review.score == round(review.text_score + SAME_SERVICE_BONUS + SAME_AREA_BONUS, 4)
    leisure = matches[4]
    assert leisure.score == round(leisure.text_score + SAME_AREA_BONUS, 4)


def test_each_match_says_why_it_was_chosen() -> None:
    matches = {match.id: match for match in rank_similar(TARGET, CANDIDATES)}

    assert matches[2].reasons[0].startswith("similar wording: library opening")
    assert matches[2].reasons[1:] == ["same service", "same area"]
    assert matches[4].reasons == ["similar wording: hour, opening, opening hour", "same area"]
    assert matches[8].reasons[1:] == ["same area"]


def test_areas_overlap_only_by_ward_when_neither_covers_the_whole_area() -> None:
    in_ward = Document(200, "Library opening hours", whole_area=False, ward_codes=["E05000002"])
    same_ward = Document(201, "Library opening hours", whole_area=False, ward_codes=["E05000002"])
    other_ward = Document(202, "Library opening hours", whole_area=False, ward_codes=["E05000003"])

    matches = rank_similar(in_ward, [other_ward, same_ward])

    assert [(match.id, match.reasons[1:]) for match in matches] == [
        (201, ["same area"]),
        (202, []),
    ]


def test_ties_are_broken_by_id() -> None:
    twin = Document(9, "Library closures", "Proposals to close two branch libraries", ["Libraries"])
    first = Document(3, twin.title, twin.summary, twin.themes)

    matches = rank_similar(TARGET, [twin, first])

    assert [match.id for match in matches] == [3, 9]
    assert matches[0].score == matches[1].score


def test_the_target_itself_is_never_a_match_and_the_limit_is_kept() -> None:
    matches = rank_similar(TARGET, [*CANDIDATES, TARGET], limit=2)

    assert [match.id for match in matches] == [8, 2]


def test_a_single_candidate_is_ranked_alone() -> None:
    matches = rank_similar(TARGET, [CANDIDATES[1]])

    assert [match.id for match in matches] == [2]


def test_empty_texts_match_nothing() -> None:
    empty = Document(300, "", "", [])
    stop_words_only = Document(301, "The and of", "It is what it is", [])

    assert rank_similar(empty, CANDIDATES) == []
    assert rank_similar(TARGET, [empty, stop_words_only]) == []
    assert rank_similar(empty, [stop_words_only]) == []
    assert rank_similar(TARGET, []) == []


def test_a_high_minimum_score_leaves_out_weak_matches() -> None:
    matches = rank_similar(TARGET, CANDIDATES, min_score=0.5)

    assert [match.id for match in matches] == [8, 2]


def test_words_are_lower_cased_singular_and_free_of_stop_words() -> None:
    assert tokenise("The Libraries' opening HOURS and the bus") == [
        "library",
        "opening",
        "hour",
        "bus",
    ]
