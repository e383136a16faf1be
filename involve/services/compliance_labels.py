"""Plain-English names for the stored values the compliance reports show (opportunity types,
audiences, age groups), tolerant of a value an older version stored that is no longer offered."""

from __future__ import annotations

from collections.abc import Iterable

from involve.models import AgeBand, AudienceCategory, OpportunityType

AGE_LABELS = {
    AgeBand.UNDER_16.value: "Under 16",
    AgeBand.AGE_16_17.value: "16 to 17",
    AgeBand.AGE_18_24.value: "18 to 24",
    AgeBand.AGE_25_34.value: "25 to 34",
    AgeBand.AGE_35_49.value: "35 to 49",
    AgeBand.AGE_50_64.value: "50 to 64",
    AgeBand.AGE_65_74.value: "65 to 74",
    AgeBand.AGE_75_84.value: "75 to 84",
    AgeBand.AGE_85_PLUS.value: "85 and over",
}


def opportunity_label(value: str) -> str:
    try:
        return OpportunityType(value).label
    except ValueError:
        return value


def audience_label(value: str) -> str:
    try:
        return AudienceCategory(value).label
    except ValueError:
        return value


def age_label(value: str) -> str:
    return AGE_LABELS.get(value, value)


def joined(labels: Iterable[str], separator: str = ", ") -> str:
    return separator.join(label for label in labels if label)
