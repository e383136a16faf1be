"""compare and under_represented against hand-worked figures and scipy, degenerate cases included."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from analysis.representativeness import (
    DEFAULT_RESPONSE_RATE,
    MixComparison,
    compare,
    under_represented,
)

# A population of 1,000 (A 500, B 300, C 200) and 50 respondents (A 30, B 15, C 5), worked by hand:
#   shares s = .6 .3 .1, p = .5 .3 .2; D = (|.6-.5| + 0 + |.1-.2|) / 2 = 0.1
#   rate indices 1.2, 1.0, 0.5; expected 25, 15, 10; chi2 = 25/25 + 0 + 25/10 = 3.5 on 2 dof
#   propensities rho = 30/500, 15/300, 5/200 = .06 .05 .025; mean rho = 50/1000 = .05
#   S^2 = .5 (.01)^2 + .3 (0)^2 + .2 (.025)^2 = .000175; CV = S / .05 = sqrt(.07); R = 1 - 2S
#   P_u = sqrt(.5) .01, 0, sqrt(.2) (-.025); min/max = 0.5 / 1.2
POPULATION = {"A": 500, "B": 300, "C": 200}
RESPONDENTS = {"A": 30, "B": 15, "C": 5}


def by_group(comparison: MixComparison):
    return {group.group: group for group in comparison.groups}


def assert_no_nan_or_inf(comparison: MixComparison) -> None:
    def numbers(record):
        return [value for value in vars(record).values() if isinstance(value, float)]

    values = numbers(comparison) + [v for group in comparison.groups for v in numbers(group)]
    assert all(math.isfinite(value) for value in values)


def test_the_table_and_statistics_match_a_hand_worked_example() -> None:
    result = compare(RESPONDENTS, POPULATION)
    groups = by_group(result)

    assert result.n == 50
    assert [group.group for group in result.groups] == ["A", "B", "C"]
    assert [groups[name].expected for name in "ABC"] == pytest.approx([25, 15, 10])
    assert [groups[name].observed_share for name in "ABC"] == pytest.approx([0.6, 0.3, 0.1])
    assert [groups[name].reference_share for name in "ABC"] == pytest.approx([0.5, 0.3, 0.2])
    assert [groups[name].rate_index for name in "ABC"] == pytest.approx([1.2, 1.0, 0.5])
    assert result.duncan_d == pytest.approx(0.1)
    assert result.chi2 == pytest.approx(3.5)
    assert result.dof == 2
    assert result.p_value == pytest.approx(math.exp(-3.5 / 2))  # chi-square on 2 dof
    assert result.merged == ()
    assert result.response_rate == pytest.approx(0.05)
    assert not result.response_rate_assumed
    assert result.propensity_sd == pytest.approx(math.sqrt(0.000175))
    assert result.cv == pytest.approx(math.sqrt(0.07))
    assert result.r_indicator == pytest.approx(1 - 2 * math.sqrt(0.000175))
    assert result.min_max_rate_ratio == pytest.approx(0.5 / 1.2)
    partials = [groups[name].partial_indicator for name in "ABC"]
    assert partials == pytest.approx([math.sqrt(0.5) * 0.01, 0.0, math.sqrt(0.2) * -0.025])
    assert [groups[name].partial_cv for name in "ABC"] == pytest.approx(
        [math.sqrt(0.5) * 0.2, 0.0, math.sqrt(0.2) * -0.5]
    )


def test_propensities_computed_directly_from_counts_give_the_same_s_and_partials() -> None:
    population = {"16-24": 1200, "25-44": 3100, "45-64": 2900, "65-74": 1500, "75+": 1300}
    respondents = {"16-24": 9, "25-44": 61, "45-64": 88, "65-74": 52, "75+": 20}
    result = compare(respondents, population)

    size = sum(population.values())
    shares = {name: count / size for name, count in population.items()}
    rho = {name: respondents[name] / population[name] for name in population}
    mean = sum(shares[name] * rho[name] for name in population)
    sd = math.sqrt(sum(shares[name] * (rho[name] - mean) ** 2 for name in population))
    assert mean == pytest.approx(sum(respondents.values()) / size)
    assert result.propensity_sd == pytest.approx(sd)
    assert result.cv == pytest.approx(sd / mean)
    assert result.r_indicator == pytest.approx(1 - 2 * sd)
    for group in result.groups:
        expected = math.sqrt(shares[group.group]) * (rho[group.group] - mean)
        assert group.partial_indicator == pytest.approx(expected)
    # Schouten, Shlomo & Skinner (2011): the squared partials add up to the variance.
    assert sum(group.partial_indicator**2 for group in result.groups) == pytest.approx(sd**2)


def test_chi_square_agrees_with_scipy_on_the_same_table() -> None:
    population = {"a": 40, "b": 25, "c": 20, "d": 15}
    respondents = {"a": 52, "b": 20, "c": 18, "d": 10}
    result = compare(respondents, population)

    oracle = stats.chisquare([52, 20, 18, 10], f_exp=[40, 25, 20, 15])
    assert result.chi2 == pytest.approx(oracle.statistic)
    assert result.p_value == pytest.approx(oracle.pvalue)
    assert result.dof == 3


def test_groups_expected_under_five_are_pooled_and_the_pooling_reported() -> None:
    # n = 100: expected 60, 30, 4, 3, 2, 1. The four small groups pool to 10 (>= 5).
    reference = {"w": 0.60, "x": 0.30, "y": 0.04, "z": 0.03, "v": 0.02, "u": 0.01}
    observed = {"w": 50, "x": 35, "y": 8, "z": 1, "v": 6, "u": 0}
    result = compare(observed, reference)

    assert result.merged == (("y", "z", "v", "u"),)
    oracle = stats.chisquare([50, 35, 15], f_exp=[60, 30, 10])
    assert result.chi2 == pytest.approx(oracle.statistic)
    assert result.p_value == pytest.approx(oracle.pvalue)
    assert result.dof == 2


def test_a_small_pool_takes_in_the_smallest_other_group() -> None:
    # n = 100: expected 50, 30, 17, 3. The pool of "d" (3) is topped up with "c" (17).
    result = compare({"a": 45, "b": 33, "c": 20, "d": 2}, {"a": 50, "b": 30, "c": 17, "d": 3})

    assert result.merged == (("c", "d"),)
    oracle = stats.chisquare([45, 33, 22], f_exp=[50, 30, 20])
    assert result.chi2 == pytest.approx(oracle.statistic)
    assert result.dof == 2


def test_reference_counts_shares_and_percentages_give_the_same_mix() -> None:
    counts = compare(RESPONDENTS, POPULATION)
    shares = compare(RESPONDENTS, {"A": 0.5, "B": 0.3, "C": 0.2})
    percentages = compare(RESPONDENTS, {"A": 50, "B": 30, "C": 20})

    for other in (shares, percentages):
        for group, other_group in zip(counts.groups, other.groups, strict=True):
            assert other_group.group == group.group
            assert other_group.expected == pytest.approx(group.expected)
            assert other_group.reference_share == pytest.approx(group.reference_share)
            assert other_group.rate_index == pytest.approx(group.rate_index)
            assert other_group.partial_cv == pytest.approx(group.partial_cv)
        assert other.duncan_d == pytest.approx(counts.duncan_d)
        assert other.chi2 == pytest.approx(counts.chi2)
        assert other.p_value == pytest.approx(counts.p_value)
        assert other.cv == pytest.approx(counts.cv)
        # Shares carry no population size, so the response rate behind R is the default.
        assert other.response_rate == DEFAULT_RESPONSE_RATE
        assert other.response_rate_assumed
        assert other.propensity_sd == pytest.approx(DEFAULT_RESPONSE_RATE * counts.cv)


def test_a_given_response_rate_scales_r_and_the_partials_but_not_cv() -> None:
    low = compare(RESPONDENTS, POPULATION, response_rate=0.002)
    high = compare(RESPONDENTS, POPULATION, response_rate=0.2)

    assert low.cv == high.cv
    assert low.r_indicator == pytest.approx(1 - 2 * 0.002 * low.cv)
    assert high.r_indicator == pytest.approx(1 - 2 * 0.2 * high.cv)
    assert low.r_indicator > 0.99  # near 1 at a consultation's response rate, whatever the mix
    assert by_group(high)["C"].partial_indicator == pytest.approx(math.sqrt(0.2) * -0.5 * 0.2)


def test_a_group_with_no_respondents_has_rate_index_zero_and_go_vocals_score_collapses() -> None:
    result = compare({"A": 40, "B": 10, "C": 0}, POPULATION)
    c = by_group(result)["C"]

    assert (c.observed, c.observed_share, c.rate_index) == (0, 0.0, 0.0)
    assert c.in_reference
    assert c.partial_cv == pytest.approx(-math.sqrt(0.2))
    assert result.min_max_rate_ratio == 0.0
    assert result.duncan_d == pytest.approx(0.5 * (0.3 + 0.1 + 0.2))  # s = .8 .2 0
    assert result.cv is not None and result.cv > 0
    assert_no_nan_or_inf(result)


def test_a_group_only_in_the_observed_counts_is_flagged_and_left_out_of_cv() -> None:
    result = compare({"A": 30, "B": 15, "C": 5, "Elsewhere": 50}, POPULATION)
    elsewhere = by_group(result)["Elsewhere"]

    assert [group.group for group in result.groups] == ["A", "B", "C", "Elsewhere"]
    assert not elsewhere.in_reference
    assert elsewhere.reference_share == 0.0
    assert elsewhere.expected == 0.0
    assert elsewhere.rate_index is None
    assert elsewhere.partial_indicator is None
    assert elsewhere.shortfall_p_value is None
    assert result.n_outside_reference == 50
    # D counts the outsiders: s = .3 .15 .05 .5 against p = .5 .3 .2 0.
    assert result.duncan_d == pytest.approx(0.5 * (0.2 + 0.15 + 0.15 + 0.5))
    # CV and R are over the reference population only, so they match the example without them.
    inside = compare(RESPONDENTS, POPULATION)
    assert result.cv == pytest.approx(inside.cv)
    assert result.r_indicator == pytest.approx(inside.r_indicator)
    # The outsiders, expected 0, are pooled with the smallest group for chi-square.
    assert result.merged == (("C", "Elsewhere"),)
    oracle = stats.chisquare([30, 15, 55], f_exp=[50, 30, 20])
    assert result.chi2 == pytest.approx(oracle.statistic)
    assert_no_nan_or_inf(result)


def test_a_group_only_in_the_reference_counts_as_observed_zero() -> None:
    result = compare({"A": 30, "B": 20}, POPULATION)

    assert by_group(result)["C"].observed == 0
    assert by_group(result)["C"].rate_index == 0.0
    assert result.min_max_rate_ratio == 0.0


def test_no_respondents_gives_a_table_of_expected_zeros_and_no_statistics() -> None:
    for observed in ({}, {"A": 0, "B": 0, "C": 0}):
        result = compare(observed, POPULATION)

        assert result.n == 0
        assert [group.expected for group in result.groups] == [0.0, 0.0, 0.0]
        for group in result.groups:
            assert group.observed_share is None
            assert group.rate_index is None
            assert group.partial_indicator is None
            assert group.shortfall_p_value is None
        for statistic in ("duncan_d", "chi2", "dof", "p_value", "cv", "r_indicator"):
            assert getattr(result, statistic) is None
        assert result.min_max_rate_ratio is None
        assert under_represented(result) == ()


def test_an_all_zero_or_empty_reference_gives_no_statistics() -> None:
    for reference in ({"A": 0, "B": 0}, {}):
        result = compare({"A": 3, "B": 4}, reference)

        assert [group.group for group in result.groups] == ["A", "B"]
        assert all(not group.in_reference for group in result.groups)
        assert all(group.reference_share == 0.0 for group in result.groups)
        assert all(group.rate_index is None for group in result.groups)
        assert result.n_outside_reference == 7
        for statistic in ("duncan_d", "chi2", "dof", "p_value", "cv", "r_indicator"):
            assert getattr(result, statistic) is None
        assert result.min_max_rate_ratio is None
        assert_no_nan_or_inf(result)


def test_a_single_group_has_no_degrees_of_freedom_and_no_p_value() -> None:
    result = compare({"All": 12}, {"All": 1000})

    assert (result.chi2, result.dof, result.p_value, result.merged) == (0.0, 0, None, ())
    assert result.duncan_d == 0.0
    assert result.cv == 0.0
    assert result.r_indicator == 1.0
    assert result.min_max_rate_ratio == 1.0


def test_when_every_group_is_pooled_into_one_cell_there_is_no_p_value() -> None:
    result = compare({"A": 1, "B": 2, "C": 0}, {"A": 0.5, "B": 0.3, "C": 0.2})

    assert result.merged == (("A", "B", "C"),)
    assert (result.chi2, result.dof, result.p_value) == (0.0, 0, None)
    assert result.duncan_d == pytest.approx(0.5 * (abs(1 / 3 - 0.5) + abs(2 / 3 - 0.3) + 0.2))
    assert_no_nan_or_inf(result)


def test_every_respondent_outside_the_reference_leaves_cv_and_r_undefined() -> None:
    result = compare({"Elsewhere": 20}, POPULATION)

    assert result.duncan_d == pytest.approx(1.0)
    assert result.chi2 is not None and math.isfinite(result.chi2)
    assert (result.cv, result.r_indicator, result.min_max_rate_ratio) == (None, None, None)
    assert_no_nan_or_inf(result)


def test_under_represented_needs_a_low_rate_index_and_a_significant_shortfall() -> None:
    population = {"16-24": 1500, "25-64": 6000, "65+": 2500}
    big = compare({"16-24": 20, "25-64": 420, "65+": 160}, population)
    small = compare({"16-24": 2, "25-64": 6, "65+": 2}, population)

    young = by_group(big)["16-24"]
    oracle = stats.binomtest(20, 600, 0.15, alternative="less").pvalue
    assert young.shortfall_p_value == pytest.approx(oracle)
    assert [group.group for group in under_represented(big)] == ["16-24"]
    # Rate index 2/10 / .15 = 1.33 and .2/.25 = 0.8: neither is short; with 10 people nothing is.
    assert under_represented(small) == ()
    # 65+ (rate 1.07) is never flagged, however lenient the test.
    assert "65+" not in [g.group for g in under_represented(big, threshold=1.0, alpha=1.0)]


def test_under_represented_lists_the_lowest_rate_index_first() -> None:
    population = {"a": 25, "b": 25, "c": 25, "d": 25}
    result = compare({"a": 300, "b": 60, "c": 100, "d": 40}, population)

    assert [group.group for group in under_represented(result)] == ["d", "b"]


def test_results_are_deterministic_and_independent_of_input_order() -> None:
    first = compare({"C": 5, "A": 30, "B": 15}, POPULATION)
    second = compare({"A": 30, "B": 15, "C": 5}, POPULATION)
    reordered = compare(RESPONDENTS, {"C": 200, "B": 300, "A": 500})

    assert first == second
    assert (reordered.chi2, reordered.dof, reordered.p_value) == (first.chi2, 2, first.p_value)
    assert reordered.duncan_d == pytest.approx(first.duncan_d)
    assert reordered.cv == pytest.approx(first.cv)
    assert [group.group for group in reordered.groups] == ["C", "B", "A"]


@pytest.mark.parametrize(
    ("observed", "reference", "response_rate"),
    [
        ({"A": -1}, {"A": 1}, None),
        ({"A": 1.5}, {"A": 1}, None),
        ({"A": 1}, {"A": float("nan")}, None),
        ({"A": 1}, {"A": -0.2}, None),
        ({"A": 1}, {"A": 1}, 0.0),
        ({"A": 1}, {"A": 1}, 1.5),
    ],
)
def test_invalid_counts_or_response_rates_are_refused(observed, reference, response_rate) -> None:
    with pytest.raises(ValueError):
        compare(observed, reference, response_rate=response_rate)
