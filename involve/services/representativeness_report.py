"""The representativeness report of one activity: per dimension, who took part against who lives
in the area (or the activity's own reference, or the plan's target mix), flagged shortfalls with
outreach prompts, summary statistics in plain words, and small numbers suppressed.

Read-only: it reads the database each time it is asked, so it is live while the activity runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import select

from analysis.representativeness import MixComparison, compare, under_represented
from involve.extensions import db
from involve.models import Activity
from involve.services.authority import get_settings
from involve.services.outreach_prompts import prompt_for, prompt_texts
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
    ETHNIC_GROUPS,
    SEX_GROUPS,
    Dimension,
    age_base_text,
    age_groups,
)
from involve.services.representativeness_counts import (
    PART_EXCLUDED,
    PART_INDIVIDUALS,
    PART_ORGANISATIONS,
    ObservedCounts,
    observed_counts,
)
from involve.services.small_numbers import (
    PRIMARY,
    cell_text,
    count_text,
    is_small,
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
    Dimension.SEX: SEX_GROUPS,
    Dimension.ETHNIC_GROUP: ETHNIC_GROUPS,
    Dimension.DISABILITY: DISABILITY_GROUPS,
    Dimension.CATEGORY: CATEGORY_GROUPS,
}
HIDDEN_GROUP = "hidden groups"
HIDDEN_NOTE = (
    "Some counts in this table are hidden, so these figures treat the hidden groups as one group: "
    "they cannot be used to work the hidden counts out."
)
ORGANISATIONS_LEFT_OUT = (
    "Fewer than {threshold} organisations responded, so they are left out of this table (and "
    "their number cannot be worked out from it)."
)
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
    responses_text: str = ""
    channels_note: str = ""

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
        chance = (
            "is unlikely to be chance"
            if comparison.p_value < 0.05
            else "could well be down to chance"
        )
        p_text = "p < 0.001" if comparison.p_value < 0.001 else f"p = {comparison.p_value:.3f}"
        merged = (
            f" Groups with too few expected to test on their own were pooled: "
            f"{'; '.join(', '.join(labels.get(g, g) for g in group) for group in comparison.merged)}."
            if comparison.merged
            else ""
        )
        lines.append(f"A difference this large {chance} (chi-square, {p_text}).{merged}")
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


def _groups(activity: Activity, dimension: str, area_code: str) -> dict[str, str]:
    if dimension == Dimension.WARD:
        return ward_groups(area_code)
    if dimension == Dimension.AGE:
        return age_groups(comparison_min_age(activity))
    return FIXED_GROUPS[dimension]


def _public_comparison(
    observed: dict[str, int], reference: dict[str, float], hidden: list[str]
) -> MixComparison:
    """compare() on the table as a reader sees it: the hidden groups pooled into one, so the
    summary figures are the same whatever the hidden counts are (given their sum, which the
    shown total gives away anyway)."""
    if not hidden:
        return compare(observed, reference)
    shown = {key: count for key, count in observed.items() if key not in hidden}
    shown_reference = {key: share for key, share in reference.items() if key not in hidden}
    shown[HIDDEN_GROUP] = sum(observed[key] for key in hidden)
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


def _not_compared(activity: Activity, dimension: str, groups: dict[str, str]) -> str:
    """Why a dimension has nothing to show, or "" when it has."""
    if dimension == Dimension.ECONOMIC_ACTIVITY:
        return NOT_ASKED
    if activity.consultation_id is None and dimension not in (Dimension.CATEGORY, Dimension.AGE):
        return "Not recorded: attendance is counted by local-person category and age."
    if not groups:
        return (
            "No wards are loaded for the council's area: import them with "
            "flask involve import-wards to see who took part ward by ward."
        )
    return ""


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
    groups = (
        {} if dimension == Dimension.ECONOMIC_ACTIVITY else _groups(activity, dimension, area_code)
    )
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
    states = suppression([observed[key] for key in groups], threshold)
    report.not_given_text = count_text(report.not_given, threshold)
    if is_small(report.not_given, threshold):
        # The caption's total and the individuals' total would give the hidden count away.
        report.n_text = ""
    if reference is None:
        report.status = "observed_only"
        report.rows = [
            ReportRow(
                key=key,
                label=label,
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
            for (key, label), state in zip(groups.items(), states, strict=True)
        ]
        return report
    try:
        _compared(report, observed, reference, groups, states, threshold, texts)
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
    states: list[str],
    threshold: int,
    texts: dict[tuple[str, str], str],
) -> None:
    hidden = [key for key, state in zip(groups, states, strict=True) if state]
    comparison = _public_comparison(observed, reference, hidden)
    short = {group.group for group in under_represented(comparison, RATE_THRESHOLD)}
    by_key = {group.group: group for group in comparison.groups}
    reference_total = math.fsum(reference.values())
    if not math.isfinite(reference_total):
        raise ValueError("the reference total is not a finite number")
    hidden_sum = sum(observed[key] for key in hidden)
    for key, state in zip(groups, states, strict=True):
        share = reference.get(key, 0.0) / reference_total if reference_total > 0 else 0.0
        if state:
            upper = threshold - 1 if state == PRIMARY else hidden_sum
            flagged = _short_even_at_most(min(upper, hidden_sum), report.n, share)
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
                observed_percent=None if state else observed[key] / report.n * 100,
                reference_percent=share * 100,
                expected=report.n * share,
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
    labels = {**groups, HIDDEN_GROUP: "the groups whose counts are hidden"}
    report.summary, report.r_text = _summary(comparison, labels, against)
    if hidden:
        report.summary.insert(0, HIDDEN_NOTE)


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


def _channels(
    counts: ObservedCounts, parts: list[str], threshold: int
) -> tuple[list[CountRow], str]:
    """The channel table over the parts of the responses that are shown as numbers: a part with
    fewer than threshold people is left out, so the table's total cannot give it away."""
    by_channel: dict[str, int] = {}
    for part in parts:
        for key, count in counts.channels_by_part.get(part, {}).items():
            by_channel[key] = by_channel.get(key, 0) + count
    rows = _suppressed_rows(
        [(label, by_channel.get(key, 0)) for key, label in CHANNEL_LABELS.items()], threshold
    )
    left_out = {
        PART_INDIVIDUALS: "individuals",
        PART_ORGANISATIONS: "organisations",
        PART_EXCLUDED: "councillors and co-opted or nominated members",
    }
    missing = [left_out[part] for part in left_out if part not in parts]
    note = (
        f"This table leaves out {', and '.join(missing)}: fewer than {threshold} responded, "
        "so a total including them would give their number away."
        if missing
        else ""
    )
    return rows, note


def consultation_activity(consultation_id: int) -> Activity | None:
    """The activity whose survey is this consultation, if any."""
    return db.session.scalars(
        select(Activity).where(Activity.consultation_id == consultation_id)
    ).first()


def build_report(activity: Activity) -> Report:
    """Everything the page and the CSV show, from the database as it is now.

    Small parts of the responses (fewer than threshold organisations, or councillors and
    co-opted members) are shown as "fewer than 10" and kept out of every total the page shows:
    the responses total is hidden, the channel table leaves them out, and the local-person
    category table leaves out organisations, so no subtraction gives them away."""
    settings = get_settings()
    area_code = settings.ons_code if settings is not None else ""
    threshold = small_number_threshold()
    counts = observed_counts(activity)
    texts = prompt_texts()
    organisations_small = is_small(counts.organisations_total, threshold)
    excluded_small = is_small(counts.excluded_total, threshold)
    dimensions = [
        _dimension(activity, key, counts, area_code, threshold, texts, organisations_small)
        for key in ORDER
    ]
    individuals_small = is_small(counts.individuals, threshold)
    parts = [] if individuals_small else [PART_INDIVIDUALS]
    parts += [] if organisations_small else [PART_ORGANISATIONS]
    parts += [] if excluded_small else [PART_EXCLUDED]
    channels, channels_note = _channels(counts, parts, threshold)
    organisations = _suppressed_rows(
        [(label, counts.organisations.get(key, 0)) for key, label in ORGANISATION_LABELS.items()],
        threshold,
    )
    area = resolve_reference(activity, Dimension.AGE, area_code)
    hidden_total = individuals_small or organisations_small or excluded_small
    return Report(
        activity=activity,
        threshold=threshold,
        counts=counts,
        dimensions=dimensions,
        channels=channels,
        organisations=organisations,
        individuals_text=count_text(counts.individuals, threshold),
        organisations_text=count_text(counts.organisations_total, threshold),
        excluded_text=count_text(counts.excluded_total, threshold),
        area_name=settings.name if settings is not None and area is not None else "",
        responses_text="hidden, so the small numbers below cannot be worked out"
        if hidden_total
        else f"{counts.responses:,}",
        channels_note=channels_note,
    )
