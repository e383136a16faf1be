"""Plain-English labels for the response enums, for officer screens (exports keep raw values)."""

from __future__ import annotations

from enum import StrEnum

from involve.models import (
    AgeBand,
    Channel,
    Connection,
    ElectedStatus,
    OrganisationType,
    RespondingAs,
)

CHANNEL_LABELS = {
    Channel.ONLINE: "Online",
    Channel.PAPER: "Paper",
    Channel.PHONE: "Phone",
    Channel.EMAIL: "Email",
    Channel.EVENT: "Event",
    Channel.ASSISTED_DIGITAL: "Assisted digital",
}

RESPONDING_AS_LABELS = {
    RespondingAs.INDIVIDUAL: "Individual",
    RespondingAs.ORGANISATION: "Organisation",
}

ORGANISATION_TYPE_LABELS = {
    OrganisationType.BUSINESS: "Business",
    OrganisationType.VOLUNTARY_OR_COMMUNITY: "Voluntary or community group",
    OrganisationType.PUBLIC_BODY: "Public body",
    OrganisationType.OTHER: "Other",
}

CONNECTION_LABELS = {
    Connection.LIVE: "Lives in the area",
    Connection.WORK: "Works in the area",
    Connection.STUDY: "Studies in the area",
    Connection.VISIT: "Visits the area",
    Connection.USE_A_SERVICE: "Uses a service",
    Connection.RUN_A_BUSINESS: "Runs a business",
    Connection.OTHER: "Other",
}

ELECTED_STATUS_LABELS = {
    ElectedStatus.NEITHER: "Neither",
    ElectedStatus.COUNCILLOR: "Councillor",
    ElectedStatus.COOPTED_OR_NOMINATED: "Co-opted or nominated member",
}

AGE_BAND_LABELS = {
    AgeBand.UNDER_16: "Under 16",
    AgeBand.AGE_16_17: "16 to 17",
    AgeBand.AGE_18_24: "18 to 24",
    AgeBand.AGE_25_34: "25 to 34",
    AgeBand.AGE_35_49: "35 to 49",
    AgeBand.AGE_50_64: "50 to 64",
    AgeBand.AGE_65_74: "65 to 74",
    AgeBand.AGE_75_84: "75 to 84",
    AgeBand.AGE_85_PLUS: "85 or over",
    AgeBand.PREFER_NOT_TO_SAY: "Prefer not to say",
}

# Keyed by type: members of different enums can share a value ("other").
_BY_TYPE: dict[type, dict] = {
    Channel: CHANNEL_LABELS,
    RespondingAs: RESPONDING_AS_LABELS,
    OrganisationType: ORGANISATION_TYPE_LABELS,
    ElectedStatus: ELECTED_STATUS_LABELS,
    AgeBand: AGE_BAND_LABELS,
    Connection: CONNECTION_LABELS,
}


def label_of(value: StrEnum | None) -> str:
    """The label of any response enum member; "" for None."""
    if value is None:
        return ""
    return _BY_TYPE.get(type(value), {}).get(value, str(value))


def connection_labels(values: list[str]) -> list[str]:
    labels = []
    for value in values:
        try:
            labels.append(CONNECTION_LABELS[Connection(value)])
        except ValueError:
            labels.append(value)
    return labels
