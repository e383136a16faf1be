"""rake and effective_sample_size against hand-worked IPF and a plain row-by-row IPF."""

from __future__ import annotations

import math
import random

import pytest

from analysis.representativeness import effective_sample_size, rake

# A 2x2 sample of 10: men young 1, men old 3, women young 2, women old 4; targets half and half.
SAMPLE = (
    [{"sex": "M", "age": "young"}] * 1
    + [{"sex": "M", "age": "old"}] * 3
    + [{"sex": "F", "age": "young"}] * 2
    + [{"sex": "F", "age": "old"}] * 4
)
HALVES = {"sex": {"M": 0.5, "F": 0.5}, "age": {"young": 0.5, "old": 0.5}}


def per_cell(rows, weights):
    cells: dict[tuple[str, ...], float] = {}
    for row, weight in zip(rows, weights, strict=True):
        cells.setdefault(tuple(row.values()), weight)
        assert cells[tuple(row.values())] == pytest.approx(weight)  # one weight per cell
    return cells


def weighted_shares(rows, weights, dimension, categories):
    totals = dict.fromkeys(categories, 0.0)
    for row, weight in zip(rows, weights, strict=True):
        if row.get(dimension) in totals:
            totals[row[dimension]] += weight
    whole = sum(totals.values())
    return {category: total / whole for category, total in totals.items()}


def rake_row_by_row(rows, margins, sweeps):
    """The textbook loop, one row at a time, for comparison."""
    weights = [1.0] * len(rows)
    targets = {d: {c: v / sum(m.values()) for c, v in m.items()} for d, m in margins.items()}
    for _ in range(sweeps):
        for dimension, shares in targets.items():
            known = [i for i, row in enumerate(rows) if row.get(dimension) in shares]
            whole = sum(weights[i] for i in known)
            totals = dict.fromkeys(shares, 0.0)
            for i in known:
                totals[rows[i][dimension]] += weights[i]
            for i in known:
                category = rows[i][dimension]
                weights[i] *= shares[category] * whole / totals[category]
    mean = sum(weights) / len(weights)
    return [weight / mean for weight in weights]


def test_one_sweep_of_a_2x2_matches_the_hand_worked_weights() -> None:
    # Sex: men 4 -> 5 (x 5/4), women 6 -> 5 (x 5/6). Age then: young 5/4 + 2(5/6) = 35/12 -> 5
    # (x 12/7), old 3(5/4) + 4(5/6) = 85/12 -> 5 (x 12/17). Total stays 10, so the mean is 1.
    weights = rake(SAMPLE, HALVES, max_iter=1)

    assert per_cell(SAMPLE, weights) == pytest.approx(
        {
            ("M", "young"): 15 / 7,
            ("M", "old"): 15 / 17,
            ("F", "young"): 10 / 7,
            ("F", "old"): 10 / 17,
        }
    )


def test_a_converged_2x2_keeps_the_sample_odds_ratio_and_meets_both_margins() -> None:
    # IPF keeps the cross-product ratio of the starting table, (1 x 4) / (3 x 2) = 2/3. With every
    # margin 5, the fitted table is [[a, 5 - a], [5 - a, a]], so a / (5 - a) = sqrt(2/3).
    a = 5 * math.sqrt(2 / 3) / (1 + math.sqrt(2 / 3))
    weights = rake(SAMPLE, HALVES, tol=1e-12)

    assert per_cell(SAMPLE, weights) == pytest.approx(
        {
            ("M", "young"): a / 1,
            ("M", "old"): (5 - a) / 3,
            ("F", "young"): (5 - a) / 2,
            ("F", "old"): a / 4,
        },
        rel=1e-9,
    )
    assert sum(weights) == pytest.approx(len(SAMPLE))


def test_one_dimension_is_exact_in_one_step_and_unknown_rows_keep_their_weight() -> None:
    rows = [{"ward": "North"}] * 6 + [{"ward": "South"}] * 2 + [{"ward": "not known"}, {}]
    weights = rake(rows, {"ward": {"North": 2500, "South": 7500}})

    # The 8 known rows keep their total of 8: North 6 -> 2, South 2 -> 6.
    assert weights == pytest.approx([1 / 3] * 6 + [3.0] * 2 + [1.0, 1.0])


def test_counts_and_shares_as_margins_give_the_same_weights() -> None:
    counts = {"sex": {"M": 4800, "F": 5200}, "age": {"young": 3000, "old": 7000}}
    shares = {"sex": {"M": 0.48, "F": 0.52}, "age": {"young": 0.3, "old": 0.7}}

    assert rake(SAMPLE, counts) == pytest.approx(rake(SAMPLE, shares))


def test_three_dimensions_with_unknowns_agree_with_the_row_by_row_loop() -> None:
    generator = random.Random(7)
    values = {
        "sex": ["M", "F", "prefer not to say"],
        "age": ["16-24", "25-44", "45-64", "65+"],
        "ward": ["N", "S", "E", "W", "not known"],
    }
    rows = [
        {dimension: generator.choice(options) for dimension, options in values.items()}
        for _ in range(400)
    ]
    margins = {
        "sex": {"M": 49, "F": 51},
        "age": {"16-24": 0.14, "25-44": 0.33, "45-64": 0.32, "65+": 0.21},
        "ward": {"N": 2500, "S": 3100, "E": 1900, "W": 2500},
    }
    weights = rake(rows, margins, tol=1e-10)

    assert weights == pytest.approx(rake_row_by_row(rows, margins, sweeps=200), rel=1e-7)
    assert sum(weights) / len(weights) == pytest.approx(1.0)
    for dimension, targets in margins.items():
        whole = sum(targets.values())
        goal = {category: target / whole for category, target in targets.items()}
        assert weighted_shares(rows, weights, dimension, targets) == pytest.approx(goal, abs=1e-9)


def test_the_default_tolerance_is_met_on_every_margin() -> None:
    generator = random.Random(3)
    rows = [{"a": generator.choice("xyz"), "b": generator.choice("pq")} for _ in range(300)]
    margins = {"a": {"x": 0.2, "y": 0.3, "z": 0.5}, "b": {"p": 0.6, "q": 0.4}}
    weights = rake(rows, margins)

    for dimension, targets in margins.items():
        shares = weighted_shares(rows, weights, dimension, targets)
        assert max(abs(shares[c] - targets[c]) for c in targets) < 5e-4


def test_a_category_with_target_zero_gets_weight_zero() -> None:
    weights = rake(SAMPLE, {"sex": {"M": 0, "F": 1}})

    assert weights == pytest.approx([0.0] * 4 + [10 / 6] * 6)


def test_a_positive_target_with_no_rows_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match=r"'age'.*'middle'"):
        rake(SAMPLE, {"age": {"young": 1, "middle": 1, "old": 1}})


def test_a_target_only_zero_weighted_rows_could_meet_is_refused() -> None:
    rows = [{"sex": "M", "age": "young"}, {"sex": "F", "age": "old"}]

    with pytest.raises(ValueError, match="zero target"):
        rake(rows, {"sex": {"M": 0, "F": 1}, "age": {"young": 1, "old": 1}})


def test_margins_that_cannot_all_be_met_stop_at_max_iter_with_finite_weights() -> None:
    # Every man is young, so "men .5" and "young .2" cannot both hold.
    rows = [{"sex": "M", "age": "young"}, {"sex": "F", "age": "old"}] * 5
    margins = {"sex": {"M": 0.5, "F": 0.5}, "age": {"young": 0.2, "old": 0.8}}
    weights = rake(rows, margins, max_iter=50)

    assert all(math.isfinite(weight) and weight >= 0 for weight in weights)
    assert sum(weights) == pytest.approx(len(rows))


def test_empty_input_and_empty_margins() -> None:
    assert rake([], HALVES) == []
    assert rake(SAMPLE, {}) == [1.0] * len(SAMPLE)
    # A margin with no positive target carries no information and is left out.
    assert rake(SAMPLE, {"sex": {"M": 0, "F": 0}}) == [1.0] * len(SAMPLE)


@pytest.mark.parametrize(
    ("margins", "options"),
    [
        ({"sex": {"M": -1, "F": 1}}, {}),
        ({"sex": {"M": float("inf"), "F": 1}}, {}),
        (HALVES, {"max_iter": 0}),
        (HALVES, {"tol": 0}),
    ],
)
def test_invalid_margins_or_settings_are_refused(margins, options) -> None:
    with pytest.raises(ValueError):
        rake(SAMPLE, margins, **options)


def test_raking_is_deterministic() -> None:
    assert rake(SAMPLE, HALVES) == rake(SAMPLE, HALVES)


def test_effective_sample_size_by_hand() -> None:
    assert effective_sample_size([1.0, 1.0, 1.0, 1.0]) == 4.0
    assert effective_sample_size([1.0, 2.0, 3.0]) == pytest.approx(36 / 14)
    assert effective_sample_size([0.0, 5.0, 0.0]) == pytest.approx(1.0)
    assert effective_sample_size([]) == 0.0
    assert effective_sample_size([0.0, 0.0]) == 0.0
    # Kish: n / (1 + CV^2 of the weights); the raked 2x2 sample loses about a fifth.
    weights = rake(SAMPLE, HALVES, tol=1e-12)
    mean_square = sum(weight**2 for weight in weights) / len(weights)
    assert effective_sample_size(weights) == pytest.approx(len(weights) / mean_square)


@pytest.mark.parametrize("weights", [[1.0, -0.5], [1.0, float("nan")], [float("inf")]])
def test_effective_sample_size_refuses_negative_or_non_finite_weights(weights) -> None:
    with pytest.raises(ValueError):
        effective_sample_size(weights)
