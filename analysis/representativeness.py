"""How far the people who took part mirror a reference population (a census profile or a target
mix): the per-group table, dissimilarity, chi-square, R-indicator, CV and flagged shortfalls.

Pure: no Flask, SQLAlchemy or involve imports. Every statistic that cannot be defined for the
input is None, never NaN or inf, and no degenerate input raises (see `compare`). Raking and the
effective sample size live in representativeness_weights.py and are re-exported here.

References: Schouten, Cobben & Bethlehem (2009), "Indicators for the representativeness of
survey response", Survey Methodology 35(1); Schouten, Shlomo & Skinner (2011), "Indicators for
monitoring and improving representativeness of response", J. Official Statistics 27(2).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scipy import stats

from analysis.representativeness_weights import effective_sample_size, rake

__all__ = [
    "COUNTS_ABOVE",
    "DEFAULT_RESPONSE_RATE",
    "MIN_EXPECTED",
    "GroupComparison",
    "MixComparison",
    "compare",
    "effective_sample_size",
    "rake",
    "under_represented",
]

# Chi-square cells with fewer expected responses than this are pooled (Cochran's rule).
MIN_EXPECTED = 5.0
# A reference whose total is above this is read as counts of people (a population): shares sum
# to about 1 and percentages, even rounded ones, to 99-101.
COUNTS_ABOVE = 101.0
# Used for R and the partial indicators when the population size is unknown (a reference given as
# shares): about a few hundred responses from tens of thousands of residents, which is typical of
# a council consultation. CV does not depend on it.
DEFAULT_RESPONSE_RATE = 0.01


@dataclass(frozen=True)
class GroupComparison:
    group: str
    observed: int
    expected: float  # n * reference_share
    observed_share: float | None  # None when n = 0
    reference_share: float  # 0 when the group is missing from the reference (or all of it is 0)
    rate_index: float | None  # observed_share / reference_share; None when either is undefined
    in_reference: bool  # False: reference share 0, so rate index and partials are undefined
    partial_indicator: float | None  # unconditional partial R-indicator P_u (negative = short)
    partial_cv: float | None  # the same divided by the response rate: scale-free
    shortfall_p_value: float | None  # one-sided exact binomial P(X <= observed | n, share)


@dataclass(frozen=True)
class MixComparison:
    n: int
    groups: tuple[GroupComparison, ...]
    duncan_d: float | None  # 1/2 sum |s - p|, 0 (same mix) .. 1 (no overlap)
    chi2: float | None
    dof: int | None
    p_value: float | None  # None when dof is 0 or the test cannot be run
    merged: tuple[tuple[str, ...], ...]  # chi-square cells made of more than one group
    cv: float | None  # S(rho) / mean rho: scale-free
    r_indicator: float | None  # 1 - 2 S(rho): depends on the response rate
    propensity_sd: float | None  # S(rho)
    response_rate: float | None  # mean propensity used for R and P_u
    response_rate_assumed: bool  # True when DEFAULT_RESPONSE_RATE was used
    n_outside_reference: int  # respondents in groups with reference share 0
    min_max_rate_ratio: float | None  # Go Vocal's score: lowest rate index / highest


def compare(
    observed: Mapping[str, int],
    reference: Mapping[str, float],
    *,
    response_rate: float | None = None,
) -> MixComparison:
    """Compare the observed mix of respondents with a reference mix, group by group.

    `observed` holds counts of respondents per group; `reference` holds counts of people or shares
    (or percentages) per group, normalised here. Groups are listed in reference order, then the
    groups found only in `observed`.

    Per group: expected = n * reference share; rate index = observed share / reference share (1 is
    a fair share, 0.5 half of it); a one-sided exact binomial p-value for "fewer than expected"
    (the reference is treated as known, as a census is).

    Whole mix: Duncan's dissimilarity D = 1/2 sum |s_k - p_k| (the share of respondents who would
    have to move group to match the reference); Pearson's chi-square goodness of fit, with groups
    whose expected count is under MIN_EXPECTED pooled into one cell (topped up with the smallest
    other groups until it reaches MIN_EXPECTED) and the pooled groups reported in `merged`; Go
    Vocal's min/max rate ratio, for comparison, which is 0 as soon as one group is empty.

    Representativeness indicators, aggregate form (Schouten, Cobben & Bethlehem 2009). With
    population shares p_k and response propensities rho_k, mean rho = sum p_k rho_k and
    S^2 = sum p_k (rho_k - mean rho)^2; CV = S / mean rho, R = 1 - 2S, and the unconditional
    partial R-indicator of group k is P_u = sqrt(p_k) (rho_k - mean rho) (Schouten, Shlomo &
    Skinner 2011; sum P_u^2 = S^2). A comparison with a reference identifies only relative
    propensities: rho_k / mean rho = r_k, the rate index computed among respondents in reference
    groups (equal to the rate index when nobody falls outside the reference). So CV =
    sqrt(sum p_k (r_k - 1)^2) and `partial_cv` = sqrt(p_k) (r_k - 1) are identified and scale-free,
    while R and P_u also need the response rate, mean rho: pass `response_rate`; otherwise, when
    the reference is counts (total above COUNTS_ABOVE and at least the respondents in reference
    groups), it is those respondents / the reference total, and else DEFAULT_RESPONSE_RATE
    (`response_rate_assumed` is then True). Because S = mean rho * CV is tiny at consultation
    response rates, R is near 1 whatever the mix: lead with D, CV and the per-group table.

    Degenerate input never raises and never gives NaN or inf; undefined values are None:
    - n = 0: shares, rate indices, partials, p-values, D, chi-square, CV, R and the min/max ratio
      are None (0/0); expected counts are 0.
    - a group observed 0 times: share 0, rate index 0, a negative partial; min/max ratio 0.
    - a group only in `observed` (reference share 0): in_reference False, rate index and partials
      None (a share over 0); it counts in D and, pooled, in chi-square, and is left out of CV, R
      and the partials, which are defined over the reference population (n_outside_reference).
    - a group only in `reference`: observed 0, as above.
    - reference all zero (or empty): every reference share 0, every group out of reference, and
      every whole-mix statistic None.
    - one group, or every group pooled into one cell: chi2 0, dof 0, p_value None.
    - every respondent outside the reference: D and chi-square defined; CV, R, min/max None.
    Negative, non-finite or fractional counts, and a response rate outside (0, 1], are errors in
    the caller and raise ValueError.
    """
    counts = _checked(observed, "observed", whole=True)
    weights = _checked(reference, "reference", whole=False)
    if response_rate is not None and not 0 < response_rate <= 1:
        raise ValueError(f"response_rate must be in (0, 1], not {response_rate}")
    names = [*weights, *(name for name in counts if name not in weights)]
    n = int(sum(counts.values()))
    total = math.fsum(weights.values())
    shares = {name: weights.get(name, 0.0) / total if total > 0 else 0.0 for name in names}
    n_in = int(sum(counts.get(name, 0) for name in names if shares[name] > 0))
    rate, assumed = _response_rate(response_rate, total, n_in)
    observed_counts = [int(counts.get(name, 0)) for name in names]
    p_values = _shortfall_p_values(observed_counts, n, [shares[name] for name in names])
    rows = [
        _group(name, count, n, n_in, shares[name], rate, p_value)
        for name, count, p_value in zip(names, observed_counts, p_values, strict=True)
    ]
    defined = n > 0 and total > 0
    chi2, dof, p_value, merged = _chi_square(rows) if defined else (None, None, None, ())
    cv = _cv(rows) if defined and n_in > 0 else None
    sd = None if cv is None or rate is None else rate * cv
    return MixComparison(
        n=n,
        groups=tuple(rows),
        duncan_d=_duncan(rows) if defined else None,
        chi2=chi2,
        dof=dof,
        p_value=p_value,
        merged=merged,
        cv=cv,
        r_indicator=None if sd is None else 1 - 2 * sd,
        propensity_sd=sd,
        response_rate=rate,
        response_rate_assumed=assumed,
        n_outside_reference=n - n_in,
        min_max_rate_ratio=_min_max(rows) if defined and n_in > 0 else None,
    )


def under_represented(
    comparison: MixComparison, threshold: float = 0.67, alpha: float = 0.05
) -> tuple[GroupComparison, ...]:
    """Groups clearly short of their fair share: rate index below `threshold` and a shortfall
    unlikely by chance, i.e. the one-sided exact binomial test P(X <= observed) for X ~
    Binomial(n, reference share) is below `alpha`. A small group with a low rate index in a small
    sample is therefore not flagged until the evidence is there. No correction is made for testing
    many groups: the rate-index threshold, not the p-value, is the main filter. Groups out of the
    reference and comparisons with n = 0 are never flagged. Lowest rate index first, ties in
    comparison order."""
    flagged = [
        group
        for group in comparison.groups
        if group.rate_index is not None
        and group.shortfall_p_value is not None
        and group.rate_index < threshold
        and group.shortfall_p_value < alpha
    ]
    return tuple(sorted(flagged, key=lambda group: group.rate_index or 0.0))


def _checked(values: Mapping[str, float], label: str, *, whole: bool) -> dict[str, float]:
    checked = {}
    for name, value in values.items():
        number = float(value)
        if not math.isfinite(number) or number < 0:
            raise ValueError(f"{label} value for {name!r} must be a non-negative number: {value}")
        if whole and not number.is_integer():
            raise ValueError(f"{label} count for {name!r} must be a whole number: {value}")
        checked[str(name)] = number
    return checked


def _response_rate(given: float | None, total: float, n_in: int) -> tuple[float | None, bool]:
    if given is not None:
        return given, False
    if total > COUNTS_ABOVE and total >= n_in:
        # Zero respondents in the population is a response rate of 0: S = 0, R = 1 if defined.
        return n_in / total, False
    return DEFAULT_RESPONSE_RATE, True


def _shortfall_p_values(
    counts: Sequence[int], n: int, shares: Sequence[float]
) -> list[float | None]:
    """P(X <= observed) for X ~ Binomial(n, share), in one scipy call; None where undefined."""
    if n == 0:
        return [None] * len(counts)
    values = stats.binom.cdf(counts, n, shares)
    return [
        float(value) if share > 0 else None for value, share in zip(values, shares, strict=True)
    ]


def _group(
    name: str,
    count: int,
    n: int,
    n_in: int,
    share: float,
    rate: float | None,
    p_value: float | None,
) -> GroupComparison:
    observed_share = count / n if n > 0 else None
    in_reference = share > 0
    rate_index = None
    partial_cv = None
    if in_reference and observed_share is not None:
        rate_index = observed_share / share
        if n_in > 0:
            partial_cv = math.sqrt(share) * (count / n_in / share - 1)
    return GroupComparison(
        group=name,
        observed=count,
        expected=n * share,
        observed_share=observed_share,
        reference_share=share,
        rate_index=rate_index,
        in_reference=in_reference,
        partial_indicator=None if partial_cv is None or rate is None else rate * partial_cv,
        partial_cv=partial_cv,
        shortfall_p_value=p_value,
    )


def _duncan(rows: Sequence[GroupComparison]) -> float:
    return 0.5 * math.fsum(abs((row.observed_share or 0.0) - row.reference_share) for row in rows)


def _cv(rows: Sequence[GroupComparison]) -> float:
    # partial_cv^2 = p_k (r_k - 1)^2, so the sum is CV^2 (Schouten et al. 2011, sum P_u^2 = S^2).
    return math.sqrt(math.fsum(row.partial_cv**2 for row in rows if row.partial_cv is not None))


def _min_max(rows: Sequence[GroupComparison]) -> float | None:
    rates = [row.rate_index for row in rows if row.rate_index is not None]
    return min(rates) / max(rates) if rates and max(rates) > 0 else None


def _chi_square(
    rows: Sequence[GroupComparison],
) -> tuple[float, int, float | None, tuple[tuple[str, ...], ...]]:
    cells = _pooled_cells(rows)
    chi2 = math.fsum((observed - expected) ** 2 / expected for _, observed, expected in cells)
    dof = len(cells) - 1
    p_value = float(stats.chi2.sf(chi2, dof)) if dof > 0 else None
    merged = tuple(names for names, _, _ in cells if len(names) > 1)
    return chi2, dof, p_value, merged


def _pooled_cells(rows: Sequence[GroupComparison]) -> list[tuple[tuple[str, ...], int, float]]:
    """(groups, observed, expected) cells for the chi-square test: groups that are neither
    expected nor observed are dropped; the rest with expected < MIN_EXPECTED are pooled, and the
    pool takes in the smallest other groups until it reaches MIN_EXPECTED or stands alone."""
    present = [row for row in rows if row.expected > 0 or row.observed > 0]
    pool = [row for row in present if row.expected < MIN_EXPECTED]
    large = [row for row in present if row.expected >= MIN_EXPECTED]
    if pool:
        # Smallest first, ties in comparison order (sorted is stable).
        for row in sorted(large, key=lambda row: row.expected):
            if math.fsum(member.expected for member in pool) >= MIN_EXPECTED:
                break
            pool.append(row)
            large.remove(row)
    cells = [((row.group,), row.observed, row.expected) for row in large]
    if pool:
        order = {row.group: index for index, row in enumerate(rows)}
        pool.sort(key=lambda row: order[row.group])
        cells.append(
            (
                tuple(row.group for row in pool),
                sum(row.observed for row in pool),
                math.fsum(row.expected for row in pool),
            )
        )
    return cells
