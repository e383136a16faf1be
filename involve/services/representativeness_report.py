"""The representativeness report of one activity: per dimension, who took part against who lives
in the area (or the activity's own reference, or the plan's target mix), flagged shortfalls with
outreach prompts, summary statistics in plain words, and small numbers suppressed.

This module assembles the page-level report (the totals, channels and organisations tables,
and the dimensions in order); each dimension's table is built in representativeness_dimension.py
and the statistics are put into words in representativeness_wording.py.

Read-only: it reads the database each time it is asked, so it is live while the activity runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity
from involve.services.authority import get_settings
from involve.services.outreach_prompts import prompt_texts
from involve.services.reference_distributions import resolve_reference
from involve.services.reference_groups import Dimension
from involve.services.representativeness_counts import (
    PART_EXCLUDED,
    PART_INDIVIDUALS,
    PART_ORGANISATIONS,
    ObservedCounts,
    observed_counts,
)
from involve.services.representativeness_dimension import DimensionReport, ReportRow, _dimension
from involve.services.response_parts import channel_table, is_total_hidden, shown_parts
from involve.services.small_numbers import (
    cell_text,
    count_text,
    is_small,
    small_number_threshold,
    suppression,
)

ORDER = (
    Dimension.CATEGORY,
    Dimension.AGE,
    Dimension.SEX,
    Dimension.ECONOMIC_ACTIVITY,
    Dimension.ETHNIC_GROUP,
    Dimension.DISABILITY,
    Dimension.WARD,
)


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
    rows = [
        CountRow(CHANNEL_LABELS[channel], count, cell_text(count, state, threshold))
        for channel, count, state in channel_table(counts.channels_by_part, parts, threshold)
    ]
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
    dimensions = [
        _dimension(activity, key, counts, area_code, threshold, texts, organisations_small)
        for key in ORDER
    ]
    totals = {
        PART_INDIVIDUALS: counts.individuals,
        PART_ORGANISATIONS: counts.organisations_total,
        PART_EXCLUDED: counts.excluded_total,
    }
    channels, channels_note = _channels(counts, shown_parts(totals, threshold), threshold)
    organisations = _suppressed_rows(
        [(label, counts.organisations.get(key, 0)) for key, label in ORGANISATION_LABELS.items()],
        threshold,
    )
    area = resolve_reference(activity, Dimension.AGE, area_code)
    hidden_total = is_total_hidden(totals, threshold)
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
