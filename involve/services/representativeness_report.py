"""The representativeness report of one activity: per dimension, who took part against who lives
in the area (or the activity's own reference, or the plan's target mix), flagged shortfalls with
outreach prompts, summary statistics in plain words, and small numbers suppressed.

Read-only: it reads the database each time it is asked, so it is live while the activity runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.representativeness import MixComparison, compare, under_represented
from involve.models import Activity
from involve.services.authority import get_settings
from involve.services.outreach_prompts import prompt_for, prompt_texts
from involve.services.reference_distributions import (
    ResolvedReference,
    resolve_reference,
    ward_groups,
)
from involve.services.reference_groups import (
    AGE_GROUPS,
    CATEGORY_GROUPS,
    CATEGORY_NOTE,
    DIMENSION_LABELS,
    DISABILITY_GROUPS,
    ETHNIC_GROUPS,
    SEX_GROUPS,
    Dimension,
)
from involve.services.representativeness_counts import ObservedCounts, observed_counts
from involve.services.small_numbers import (
    cell_text,
    small_number_threshold,
    suppression,
)

RATE_THRESHOLD = 0.67
ORDER = (
    Dimension.CATEGORY,
    Dimension.AGE,
    Dimension.SEX,
    Dimension.ECONOMIC_ACTIVITY,
    Dimension.ETHNIC_GROUP,
    Dimension.DISABILITY,
    Dimension.WARD,
)
FIXED_GROUPS = {
    Dimension.AGE: AGE_GROUPS,
    Dimension.SEX: SEX_GROUPS,
    Dimension.ETHNIC_GROUP: ETHNIC_GROUPS,
    Dimension.DISABILITY: DISABILITY_GROUPS,
    Dimension.CATEGORY: CATEGORY_GROUPS,
}
NOT_ASKED = (
    "Not asked: the 'About you' questions do not ask whether people work, study or are "
    "retired, so there is nothing to compare with the census table of economic activity "
    "(TS066). Full-time students are counted among the local-person categories."
)


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
    status: str  # compared | observed_only | too_few | not_asked
    message: str = ""
    n: int = 0
    not_given: int = 0
    not_given_text: str = ""
    rows: list[ReportRow] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    r_text: str = ""
    reference: ResolvedReference | None = None
    reference_label: str = ""
    is_census: bool = False
    note: str = ""

    @property
    def flagged(self) -> list[ReportRow]:
        return [row for row in self.rows if row.flagged]


@dataclass
class CountRow:
    label: str
    count: int
    text: str


@dataclass
class Report:
    activity: Activity
    threshold: int
    counts: ObservedCounts
    dimensions: list[DimensionReport]
    channels: list[CountRow]
    organisations: list[CountRow]
    individuals_text: str
    organisations_text: str
    excluded_text: str
    area_name: str

    @property
    def flagged(self) -> list[tuple[DimensionReport, ReportRow]]:
        return [(dim, row) for dim in self.dimensions for row in dim.flagged]


def _suppressed_rows(labelled: list[tuple[str, int]], threshold: int) -> list[CountRow]:
    states = suppression([count for _, count in labelled], threshold)
    return [
        CountRow(label, count, cell_text(count, state, threshold))
        for (label, count), state in zip(labelled, states, strict=True)
    ]


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def _summary(
    comparison: MixComparison, labels: dict[str, str], against: str
) -> tuple[list[str], str]:
    lines = []
    if comparison.duncan_d is not None:
        lines.append(
            f"{comparison.duncan_d * 100:.0f}% of respondents would need to be in a different "
            f"group to match {against} (the dissimilarity index, D)."
        )
    if comparison.cv is not None:
        lines.append(
            f"Take-up varies between groups by a coefficient of variation (CV) of "
            f"{comparison.cv:.2f}: 0 means every group took part at the same rate; the higher, "
            "the more uneven."
        )
    if comparison.p_value is not None:
        chance = "unlikely" if comparison.p_value < 0.05 else "could well be"
        p_text = "p < 0.001" if comparison.p_value < 0.001 else f"p = {comparison.p_value:.3f}"
        merged = (
            f" Groups with too few expected to test on their own were pooled: "
            f"{'; '.join(', '.join(labels.get(g, g) for g in group) for group in comparison.merged)}."
            if comparison.merged
            else ""
        )
        lines.append(
            f"A difference this large is {chance} to be chance (chi-square, {p_text}).{merged}"
        )
    r_text = ""
    if comparison.r_indicator is not None:
        r_text = (
            f"R-indicator {comparison.r_indicator:.3f} (1 is fully representative). At the "
            "response rates of a consultation R is always close to 1, so read D and CV first."
        )
    return lines, r_text


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


def _dimension(
    activity: Activity,
    dimension: str,
    counts: ObservedCounts,
    area_code: str,
    threshold: int,
    texts: dict[tuple[str, str], str],
) -> DimensionReport:
    report = DimensionReport(dimension, DIMENSION_LABELS[dimension], "compared")
    if dimension == Dimension.ECONOMIC_ACTIVITY:
        report.status, report.message = "not_asked", NOT_ASKED
        return report
    if activity.consultation_id is None and dimension not in (Dimension.CATEGORY, Dimension.AGE):
        report.status = "not_asked"
        report.message = "Not recorded: attendance is counted by local-person category and age."
        return report
    groups = ward_groups(area_code) if dimension == Dimension.WARD else FIXED_GROUPS[dimension]
    if not groups:
        report.status = "not_asked"
        report.message = (
            "No wards are loaded for the council's area: import them with "
            "flask involve import-wards to see who took part ward by ward."
        )
        return report
    observed, report.not_given = _observed_groups(counts.dimensions.get(dimension, {}), groups)
    report.n = sum(observed.values())
    report.not_given_text = f"{report.not_given:,}"  # says nothing about any group: shown
    if dimension == Dimension.CATEGORY:
        report.note = CATEGORY_NOTE
        mix = _target_mix(activity)
        reference = {key: mix.get(key, 0.0) for key in groups} if any(mix.values()) else None
        report.reference_label = "Target mix in the activity's plan" if reference else ""
    else:
        resolved = resolve_reference(activity, dimension, area_code)
        reference = resolved.counts if resolved else None
        if resolved is not None:
            report.reference, report.is_census = resolved, resolved.is_census
            report.reference_label = resolved.title
            report.note = resolved.note
    if report.n < threshold:
        report.status = "too_few"
        report.message = (
            "Nobody has answered yet."
            if report.n == 0
            else f"Fewer than {threshold} people answered, so the breakdown is hidden to "
            "protect them."
        )
        return report
    keys = list(groups)
    states = suppression([observed[key] for key in keys], threshold)
    if reference is None:
        report.status = "observed_only"
        report.rows = [
            ReportRow(
                key=key,
                label=groups[key],
                observed=observed[key],
                observed_text=cell_text(observed[key], state, threshold),
                suppressed=bool(state),
                observed_percent=None if state else observed[key] / report.n * 100,
                reference_percent=None,
                expected=None,
                rate_index=None,
                flagged=False,
                prompt="",
            )
            for key, state in zip(keys, states, strict=True)
        ]
        return report
    comparison = compare(observed, reference)
    short = {group.group for group in under_represented(comparison, RATE_THRESHOLD)}
    by_key = {group.group: group for group in comparison.groups}
    for key, state in zip(keys, states, strict=True):
        group, hide = by_key[key], bool(state)
        report.rows.append(
            ReportRow(
                key=key,
                label=groups[key],
                observed=group.observed,
                observed_text=cell_text(group.observed, state, threshold),
                suppressed=hide,
                observed_percent=None if hide else _percent(group.observed_share),
                reference_percent=group.reference_share * 100,
                expected=group.expected,
                rate_index=None if hide else group.rate_index,
                flagged=key in short,
                prompt=prompt_for(texts, dimension, key) if key in short else "",
            )
        )
    against = (
        "the area"
        if report.is_census
        else "the target mix"
        if dimension == Dimension.CATEGORY
        else "the reference"
    )
    report.summary, report.r_text = _summary(comparison, groups, against)
    return report


CHANNEL_LABELS = {
    "online": "Online",
    "paper": "Paper",
    "phone": "Phone",
    "email": "Email",
    "event": "At the event (attendance)",
    "assisted_digital": "Assisted digital",
}
ORGANISATION_LABELS = {
    "business": "Businesses",
    "voluntary_or_community": "Voluntary or community groups",
    "public_body": "Public bodies",
    "other": "Other organisations",
}


def build_report(activity: Activity) -> Report:
    """Everything the page and the CSV show, from the database as it is now."""
    settings = get_settings()
    area_code = settings.ons_code if settings is not None else ""
    threshold = small_number_threshold()
    counts = observed_counts(activity)
    texts = prompt_texts()
    dimensions = [_dimension(activity, key, counts, area_code, threshold, texts) for key in ORDER]
    channels = _suppressed_rows(
        [(label, counts.channels.get(key, 0)) for key, label in CHANNEL_LABELS.items()],
        threshold,
    )
    organisations = _suppressed_rows(
        [(label, counts.organisations.get(key, 0)) for key, label in ORGANISATION_LABELS.items()],
        threshold,
    )
    area = resolve_reference(activity, Dimension.AGE, area_code)
    # The three parts of the responses total are one more table whose total is shown.
    glance = _suppressed_rows(
        [
            ("individuals", counts.individuals),
            ("organisations", counts.organisations_total),
            ("excluded", counts.excluded_total),
        ],
        threshold,
    )
    return Report(
        activity=activity,
        threshold=threshold,
        counts=counts,
        dimensions=dimensions,
        channels=channels,
        organisations=organisations,
        individuals_text=glance[0].text,
        organisations_text=glance[1].text,
        excluded_text=glance[2].text,
        area_name=settings.name if settings is not None and area is not None else "",
    )
