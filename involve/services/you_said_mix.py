"""Who took part, in words, for "We asked, you said, we did": how many people and organisations,
by which channel, and how the mix compared with residents (age) and with the target mix of local
people (category), straight from the representativeness report, so its suppression holds:
small counts read "fewer than 10", councillors and co-opted members are left out of the mix,
organisations are counted apart. Shortfalls are stated plainly, not smoothed over.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from involve.models import Activity
from involve.services.reference_groups import Dimension
from involve.services.representativeness_dimension import DimensionReport, ReportRow
from involve.services.representativeness_report import CountRow, Report, build_report
from involve.services.small_numbers import count_text

NOUNS = {Dimension.AGE: "age", Dimension.CATEGORY: "connection to the area"}


@dataclass
class WhoTookPart:
    threshold: int
    counts: list[str] = field(default_factory=list)
    channels: list[CountRow] = field(default_factory=list)
    channels_note: str = ""
    mix: list[str] = field(default_factory=list)


def _percent(value: float | None) -> str:
    if value is None:
        return ""
    if 0 < value < 0.5:
        return "less than 1%"
    return f"{value:.0f}%"


def _people(row: ReportRow, dimension: str) -> str:
    """ "People aged 16 to 24", "People under 16", "Businesses"."""
    if dimension != Dimension.AGE:
        return "Other people affected" if row.key == "others_affected" else row.label
    if row.label.lower().startswith("under"):
        return f"People {row.label[0].lower()}{row.label[1:]}"
    return f"People aged {row.label}"


def _against(dim: DimensionReport) -> str:
    if dim.key == Dimension.CATEGORY:
        return "in the target mix we set"
    return "of residents" if dim.is_census else "in the reference figures"


def _shortfall(dim: DimensionReport, row: ReportRow, who: str) -> str:
    if row.observed_text == "hidden":  # hidden only so that a small count cannot be worked out
        took_part = f"how many of the {who} were in this group is hidden, to protect others"
    elif row.suppressed:
        took_part = f"{row.observed_text} of the {who} were in this group"
    elif row.observed == 0:
        took_part = f"none of the {who}"
    else:
        took_part = f"{_percent(row.observed_percent)} of {who}"
    against = f"{_percent(row.reference_percent)} {_against(dim)}"
    return f"{_people(row, dim.key)} were under-represented: {took_part}, against {against}."


def dimension_sentences(dim: DimensionReport, who: str, kind: str) -> list[str]:
    """The comparison of one dimension in plain words; `who` is "respondents" or "people who
    came", `kind` is "consultation" or "activity"."""
    noun = NOUNS.get(dim.key, dim.label.lower())
    if dim.status == "not_asked":
        return [f"We did not record people's {noun}, so we cannot compare it."]
    if dim.status == "too_few":
        return [
            f"Too few people told us their {noun} to compare it without risking identifying them."
        ]
    if dim.status == "unusable":
        return [f"We cannot compare people's {noun} at the moment."]
    if dim.status == "observed_only":
        if dim.key == Dimension.CATEGORY:
            return [f"We did not set a target mix of local people for this {kind}."]
        return [f"We have no figures for the area to compare people's {noun} with."]
    flagged = dim.flagged
    if not flagged:
        against = "the target mix we set" if dim.key == Dimension.CATEGORY else "residents"
        return [f"Compared with {against}, no group by {noun} was under-represented."]
    return [_shortfall(dim, row, who) for row in flagged]


def _counts(report: Report, is_event: bool) -> list[str]:
    counts = report.counts
    if is_event:
        return [f"People who came: {count_text(counts.attendance, report.threshold)}."]
    lines = [
        f"Responses: {report.responses_text}.",
        f"Individuals, counted in the mix below: {report.individuals_text}.",
    ]
    if counts.organisations_total:
        lines.append(
            f"Organisations, counted separately from individuals: {report.organisations_text}."
        )
    if counts.excluded_total:
        lines.append(
            "Councillors and co-opted or nominated members, left out of the mix: "
            f"{report.excluded_text}."
        )
    return lines


def who_took_part(activity: Activity) -> WhoTookPart:
    """Counts, channels and the mix in words, for the public page."""
    report = build_report(activity)
    is_event = activity.consultation_id is None
    who = "people who came" if is_event else "respondents"
    kind = "activity" if is_event else "consultation"
    by_key = {dim.key: dim for dim in report.dimensions}
    mix = []
    for key in (Dimension.CATEGORY, Dimension.AGE):
        if key in by_key:
            mix.extend(dimension_sentences(by_key[key], who, kind))
    return WhoTookPart(
        threshold=report.threshold,
        counts=_counts(report, is_event),
        # Channels nobody used are left out; a hidden one stays, so nothing can be worked out.
        channels=[] if is_event else [row for row in report.channels if row.text != "0"],
        channels_note="" if is_event else report.channels_note,
        mix=mix,
    )
