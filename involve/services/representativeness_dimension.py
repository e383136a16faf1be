"""One dimension of the representativeness report (age, sex, ward, ...): the observed counts
against the reference (census, the activity's own, or the plan's target mix), the rows of the
table with small numbers suppressed, the flagged shortfalls with their outreach prompts, and the
summary statistics computed on the table as a reader sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from analysis.representativeness import MixComparison, compare, under_represented
from involve.models import Activity
from involve.services.outreach_prompts import prompt_for
from involve.services.reference_distributions import (
    ResolvedReference,
    comparison_min_age,
    resolve_reference,
    ward_groups,
)
from involve.services.reference_groups import (
    ADULT_AGE,
    CATEGORY_GROUPS,
    CATEGORY_NOTE,
    DIMENSION_LABELS,
    DISABILITY_GROUPS,
    ECONOMIC_ACTIVITY_GROUPS,
    ETHNIC_GROUPS,
    SEX_GROUPS,
    Dimension,
    age_base_text,
    age_groups,
)
from involve.services.representativeness_counts import ObservedCounts
from involve.services.representativeness_suppression import PublishedTable, published_table
from involve.services.representativeness_wording import (
    HIDDEN_NOTE,
    NOT_GIVEN_POOLED,
    ORGANISATIONS_LEFT_OUT,
    TOO_FEW_TO_SHOW,
    _not_compared,
    _summary,
)
from involve.services.small_numbers import PRIMARY, cell_text

RATE_THRESHOLD = 0.67
FIXED_GROUPS = {
    Dimension.SEX: SEX_GROUPS,
    Dimension.ECONOMIC_ACTIVITY: ECONOMIC_ACTIVITY_GROUPS,
    Dimension.ETHNIC_GROUP: ETHNIC_GROUPS,
    Dimension.DISABILITY: DISABILITY_GROUPS,
    Dimension.CATEGORY: CATEGORY_GROUPS,
}
HIDDEN_GROUP = "hidden groups"


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    observed: int
    observed_text: str
    suppressed: bool
    observed_percent: float | None  # None when suppressed or nobody answered
    reference_percent: float | None  # None without a reference
    expected: float | None
    rate_index: float | None  # None when suppressed or undefined
    flagged: bool
    prompt: str


@dataclass
class DimensionReport:
    key: str
    label: str
    status: str  # compared | observed_only | too_few | not_asked | unusable
    message: str = ""
    n: int = 0
    not_given: int = 0
    not_given_text: str = ""
    rows: list[ReportRow] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    r_text: str = ""
    reference: ResolvedReference | None = None
    reference_label: str = ""
    base: str = ""  # who the reference counts, in words
    is_census: bool = False
    note: str = ""
    n_text: str = ""  # the caption's total, or "" when it would give a hidden count away
    not_given_label: str = "Not given"

    @property
    def flagged(self) -> list[ReportRow]:
        return [row for row in self.rows if row.flagged]


def _observed_groups(raw: dict[str, int], groups: dict[str, str]) -> tuple[dict[str, int], int]:
    observed = dict.fromkeys(groups, 0)
    not_given = 0
    for key, count in raw.items():
        if key in observed:
            observed[key] += count
        else:
            not_given += count
    return observed, not_given


def _target_mix(activity: Activity) -> dict[str, float]:
    mix = activity.plan.target_mix if activity.plan else {}
    return {key: float(share) for key, share in mix.items() if key in CATEGORY_GROUPS}


def _groups(activity: Activity, dimension: str, area_code: str) -> dict[str, str]:
    if dimension == Dimension.WARD:
        return ward_groups(area_code)
    if dimension == Dimension.AGE:
        return age_groups(comparison_min_age(activity))
    return FIXED_GROUPS[dimension]


def _public_comparison(
    observed: dict[str, int], reference: dict[str, float], hidden: list[str], pooled: int = 0
) -> MixComparison:
    """compare() on the table as a reader sees it: the hidden groups pooled into one (with the
    people who did not answer, when there are too few of them to show), so the summary figures
    are the same whatever the hidden counts are (given their sum, which the shown total gives
    away anyway)."""
    if not hidden:
        return compare(observed, reference)
    shown = {key: count for key, count in observed.items() if key not in hidden}
    shown_reference = {key: share for key, share in reference.items() if key not in hidden}
    shown[HIDDEN_GROUP] = sum(observed[key] for key in hidden) + pooled
    shown_reference[HIDDEN_GROUP] = sum(reference.get(key, 0.0) for key in hidden)
    return compare(shown, shown_reference)


def _short_even_at_most(upper: int, n: int, share: float) -> bool:
    """Whether a hidden group would be flagged even if it had as many people as it can have
    (threshold - 1, or all the hidden people): a flag that says nothing about the hidden count."""
    if share <= 0 or share >= 1 or n <= 0:
        return False
    bound = compare({"group": upper, "rest": n - upper}, {"group": share, "rest": 1 - share})
    return any(group.group == "group" for group in under_represented(bound, RATE_THRESHOLD))


def _status_message(report: DimensionReport, threshold: int) -> str:
    if report.n == 0:
        return "Nobody has answered yet."
    return f"Fewer than {threshold} people answered, so the breakdown is hidden to protect them."


def _observed(
    report: DimensionReport,
    activity: Activity,
    counts: ObservedCounts,
    groups: dict[str, str],
    organisations_hidden: bool,
) -> dict[str, int]:
    raw = dict(counts.dimensions.get(report.key, {}))
    if report.key == Dimension.CATEGORY and organisations_hidden:
        for key, count in counts.organisation_categories.items():
            raw[key] = raw.get(key, 0) - count
    observed, report.not_given = _observed_groups(raw, groups)
    if report.key == Dimension.AGE and comparison_min_age(activity) >= ADULT_AGE:
        report.not_given_label = "Not given, or under 16"
    if report.key == Dimension.ECONOMIC_ACTIVITY:
        report.not_given_label = "Not given, or not asked (under 16)"
    report.n = sum(observed.values())
    report.n_text = f"{report.n:,}"
    return observed


def _reference(
    report: DimensionReport,
    activity: Activity,
    area_code: str,
    groups: dict[str, str],
    note: str,
) -> dict[str, float] | None:
    if report.key == Dimension.CATEGORY:
        report.note = CATEGORY_NOTE + (" " + note if note else "")
        mix = _target_mix(activity)
        reference = {key: mix.get(key, 0.0) for key in groups} if any(mix.values()) else None
        report.reference_label = "Target mix in the activity's plan" if reference else ""
        return reference
    resolved = resolve_reference(activity, report.key, area_code)
    if resolved is not None:
        report.reference, report.is_census = resolved, resolved.is_census
        report.reference_label = resolved.title
        report.base = resolved.base
        report.note = resolved.note
    if report.key == Dimension.AGE and not report.base:
        report.base = age_base_text(comparison_min_age(activity))
    return resolved.counts if resolved else None


def _dimension(
    activity: Activity,
    dimension: str,
    counts: ObservedCounts,
    area_code: str,
    threshold: int,
    texts: dict[tuple[str, str], str],
    organisations_hidden: bool = False,
) -> DimensionReport:
    report = DimensionReport(dimension, DIMENSION_LABELS[dimension], "compared")
    groups = _groups(activity, dimension, area_code)
    report.message = _not_compared(activity, dimension, groups)
    if report.message:
        report.status = "not_asked"
        return report
    observed = _observed(report, activity, counts, groups, organisations_hidden)
    left_out = ORGANISATIONS_LEFT_OUT.format(threshold=threshold) if organisations_hidden else ""
    reference = _reference(report, activity, area_code, groups, left_out)
    if report.n < threshold:
        report.status = "too_few"
        report.message = _status_message(report, threshold)
        return report
    table = published_table(
        [observed[key] for key in groups], report.n, report.not_given, threshold
    )
    if table is None:
        report.status = "too_few"
        report.message = TOO_FEW_TO_SHOW
        return report
    report.n_text, report.not_given_text = table.n_text, table.not_given_text
    if reference is None:
        report.status = "observed_only"
        report.rows = [
            ReportRow(
                key=key,
                label=label,
                observed=observed[key],
                observed_text=cell_text(observed[key], state, threshold),
                suppressed=bool(state),
                observed_percent=None if state else observed[key] / table.base * 100,
                reference_percent=None,
                expected=None,
                rate_index=None,
                flagged=False,
                prompt="",
            )
            for (key, label), state in zip(groups.items(), table.states, strict=True)
        ]
        if table.pooled:
            report.summary = [NOT_GIVEN_POOLED]
        return report
    try:
        _compared(report, observed, reference, groups, table, threshold, texts)
    except (ValueError, OverflowError):  # a stored reference no comparison can use
        report.status, report.rows, report.summary, report.r_text = "unusable", [], [], ""
        report.message = (
            f"The reference figures ({report.reference_label}) cannot be compared: a count is "
            "not a usable number. Replace them, or import the census table again."
        )
    return report


def _compared(
    report: DimensionReport,
    observed: dict[str, int],
    reference: dict[str, float],
    groups: dict[str, str],
    table: PublishedTable,
    threshold: int,
    texts: dict[tuple[str, str], str],
) -> None:
    states, base = table.states, table.base
    hidden = [key for key, state in zip(groups, states, strict=True) if state]
    comparison = _public_comparison(observed, reference, hidden, table.pooled)
    short = {group.group for group in under_represented(comparison, RATE_THRESHOLD)}
    by_key = {group.group: group for group in comparison.groups}
    reference_total = math.fsum(reference.values())
    if not math.isfinite(reference_total):
        raise ValueError("the reference total is not a finite number")
    # What a reader knows of the hidden groups: their sum (with any pooled "not given").
    hidden_sum = sum(observed[key] for key in hidden) + table.pooled
    for key, state in zip(groups, states, strict=True):
        share = reference.get(key, 0.0) / reference_total if reference_total > 0 else 0.0
        if state:
            upper = threshold - 1 if state == PRIMARY else hidden_sum
            flagged = _short_even_at_most(min(upper, hidden_sum), base, share)
            rate_index = None
        else:
            flagged, rate_index = key in short, by_key[key].rate_index
        report.rows.append(
            ReportRow(
                key=key,
                label=groups[key],
                observed=observed[key],
                observed_text=cell_text(observed[key], state, threshold),
                suppressed=bool(state),
                observed_percent=None if state else observed[key] / base * 100,
                reference_percent=share * 100,
                expected=base * share,
                rate_index=rate_index,
                flagged=flagged,
                prompt=prompt_for(texts, report.key, key) if flagged else "",
            )
        )
    against = (
        "the area"
        if report.is_census
        else "the target mix"
        if report.key == Dimension.CATEGORY
        else "the reference"
    )
    hidden_label = "the groups whose counts are hidden"
    if table.pooled:
        hidden_label += ", with the people who did not answer"
    labels = {**groups, HIDDEN_GROUP: hidden_label}
    report.summary, report.r_text = _summary(comparison, labels, against)
    if hidden:
        report.summary.insert(0, HIDDEN_NOTE)
    if table.pooled:
        report.summary.insert(0, NOT_GIVEN_POOLED)
