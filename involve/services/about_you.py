"""The standard "about you" section and the optional equality questions of a response.

Equality answers live in their own table (EqualityAnswers) so they can be reported only as
totals and withdrawn on their own; they are stored as the words the person chose.
"""

from __future__ import annotations

from flask import url_for

from involve.extensions import db
from involve.models import (
    AgeBand,
    Connection,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    PostcodeLookup,
    RespondentProfile,
    RespondingAs,
    Response,
)
from involve.questionnaire.postcodes import compact_postcode
from involve.services.economic_activity import ANSWER_LABELS as ECONOMIC_ACTIVITY_ANSWERS

RESPONDING_AS_LABELS = {
    RespondingAs.INDIVIDUAL: "As an individual",
    RespondingAs.ORGANISATION: "On behalf of an organisation or group",
}
ORGANISATION_TYPE_LABELS = {
    OrganisationType.BUSINESS: "A business",
    OrganisationType.VOLUNTARY_OR_COMMUNITY: "A voluntary or community group",
    OrganisationType.PUBLIC_BODY: "A public body",
    OrganisationType.OTHER: "Another kind of organisation",
}
CONNECTION_LABELS = {
    Connection.LIVE: "I live here",
    Connection.WORK: "I work here",
    Connection.STUDY: "I study here",
    Connection.VISIT: "I visit",
    Connection.USE_A_SERVICE: "I use a council service here",
    Connection.RUN_A_BUSINESS: "I run a business here",
    Connection.OTHER: "Something else",
}
ELECTED_STATUS_LABELS = {
    ElectedStatus.NEITHER: "No, neither",
    ElectedStatus.COUNCILLOR: "Yes, I am a councillor",
    ElectedStatus.COOPTED_OR_NOMINATED: "Yes, I am a co-opted or nominated member",
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

PREFER_NOT_TO_SAY = "Prefer not to say"
SEX_OPTIONS = ["Female", "Male", PREFER_NOT_TO_SAY]
ETHNIC_GROUP_OPTIONS = [
    "Asian or Asian British",
    "Black, Black British, Caribbean or African",
    "Mixed or multiple ethnic groups",
    "White",
    "Other ethnic group",
    PREFER_NOT_TO_SAY,
]
DISABILITY_OPTIONS = [
    "Yes, limited a lot",
    "Yes, limited a little",
    "No",
    PREFER_NOT_TO_SAY,
]

UNDER_16_NOTE = "We do not ask people under 16 for contact details, to protect your privacy."


def _profile_of(response: Response) -> RespondentProfile:
    if response.profile is None:
        response.profile = RespondentProfile(connections=[])
    return response.profile


def save_about_you(
    *,
    response: Response,
    responding_as: RespondingAs,
    organisation_type: OrganisationType | None,
    organisation_name: str,
    connections: list[Connection],
    connection_other: str,
    elected_status: ElectedStatus,
) -> RespondentProfile:
    """Who is responding and their connection to the area; organisation details only for
    organisations, the "other" text only when "other" is chosen."""
    profile = _profile_of(response)
    is_organisation = responding_as == RespondingAs.ORGANISATION
    profile.responding_as = responding_as
    profile.organisation_type = organisation_type if is_organisation else None
    profile.organisation_name = organisation_name if is_organisation else ""
    profile.connections = [connection.value for connection in connections]
    profile.connection_other = connection_other if Connection.OTHER in connections else ""
    profile.elected_status = elected_status
    if is_organisation:
        profile.economic_activity = ""  # asked of individuals only
    db.session.flush()
    return profile


def lookup_postcode(postcode: str) -> PostcodeLookup | None:
    """The ward and district of a postcode, or None when it is not in the lookup."""
    return db.session.get(PostcodeLookup, compact_postcode(postcode))


def save_age_and_postcode(
    *, response: Response, age_band: AgeBand, postcode: str
) -> RespondentProfile:
    """Stores the age band and the postcode with its ward and district (blank when the
    postcode is unknown). Contact details are cleared for under-16s."""
    profile = _profile_of(response)
    profile.age_band = age_band
    profile.postcode = postcode
    found = lookup_postcode(postcode) if postcode else None
    profile.ward_code = found.ward_code if found else ""
    profile.district_code = found.district_code if found else ""
    if age_band == AgeBand.UNDER_16:
        profile.name = ""
        profile.email = ""
        profile.wants_updates = False
        profile.economic_activity = ""
    db.session.flush()
    return profile


def is_under_16(response: Response) -> bool:
    return response.profile is not None and response.profile.age_band == AgeBand.UNDER_16


def asks_economic_activity(profile: RespondentProfile | None) -> bool:
    """What people do is asked of individuals aged 16 or over (or who did not say their age):
    the census table it is compared with (TS066) counts residents aged 16 and over."""
    if profile is None:
        return True
    return (
        profile.responding_as != RespondingAs.ORGANISATION and profile.age_band != AgeBand.UNDER_16
    )


def save_economic_activity(*, response: Response, economic_activity: str) -> RespondentProfile:
    """Store the answer ("" when left blank); nothing is stored for organisations or under-16s."""
    if economic_activity and economic_activity not in ECONOMIC_ACTIVITY_ANSWERS:
        raise ValueError(f"Not an economic activity option: {economic_activity[:40]!r}")
    profile = _profile_of(response)
    profile.economic_activity = economic_activity if asks_economic_activity(profile) else ""
    db.session.flush()
    return profile


def save_contact_details(
    *, response: Response, name: str, email: str, wants_updates: bool
) -> RespondentProfile:
    profile = _profile_of(response)
    if profile.age_band == AgeBand.UNDER_16:
        raise ValueError("Contact details are not stored for under-16s")
    profile.name = name
    profile.email = email
    profile.wants_updates = wants_updates and bool(email)
    db.session.flush()
    return profile


def save_equality_answers(
    *, response: Response, sex: str, ethnic_group: str, disability: str
) -> EqualityAnswers | None:
    """All optional: nothing is stored when every answer is blank and none was stored before."""
    equality = response.equality
    if equality is None:
        if not (sex or ethnic_group or disability):
            return None
        equality = response.equality = EqualityAnswers()
    equality.sex = sex
    equality.ethnic_group = ethnic_group
    equality.disability = disability
    db.session.flush()
    return equality


def _label(labels: dict, value: object) -> str:
    return labels.get(value, "") if value is not None else ""


def profile_rows(response: Response) -> list[tuple[str, str, str]]:
    """(label, answer, change url) rows for check your answers: the about-you answers when the
    consultation asks them, then the equality answers when it asks those. Needs a request."""
    consultation = response.consultation
    slug = consultation.slug
    rows: list[tuple[str, str, str]] = []
    if consultation.about_you_enabled:
        rows.extend(_about_you_rows(response.profile, slug))
    if consultation.equality_questions_enabled:
        change = url_for("public.equality", slug=slug, **{"return": "check"})
        equality = response.equality
        for label, value in (
            ("Sex", equality.sex if equality else ""),
            ("Ethnic group", equality.ethnic_group if equality else ""),
            ("Disability", equality.disability if equality else ""),
        ):
            rows.append((label, value or "Not answered", change))
    return rows


def _about_you_rows(profile: RespondentProfile | None, slug: str) -> list[tuple[str, str, str]]:
    first = url_for("public.about_you", slug=slug, **{"return": "check"})
    second = url_for("public.about_you_age", slug=slug, **{"return": "check"})
    third = url_for("public.about_you_contact", slug=slug, **{"return": "check"})
    what_you_do = url_for("public.about_you_activity", slug=slug, **{"return": "check"})
    if profile is None:
        return [("About you", "Not answered", first)]
    responding_as = _label(RESPONDING_AS_LABELS, profile.responding_as)
    if profile.responding_as == RespondingAs.ORGANISATION:
        kind = _label(ORGANISATION_TYPE_LABELS, profile.organisation_type)
        responding_as = f"{responding_as}: {profile.organisation_name} ({kind.lower()})"
    connections = [
        _connection_text(value, profile.connection_other) for value in profile.connections
    ]
    rows = [
        ("Responding", responding_as or "Not answered", first),
        ("Connection to the area", ", ".join(connections) or "Not answered", first),
        (
            "Councillor or co-opted member",
            _label(ELECTED_STATUS_LABELS, profile.elected_status) or "Not answered",
            first,
        ),
        ("Age", _label(AGE_BAND_LABELS, profile.age_band) or "Not answered", second),
        ("Postcode", profile.postcode or "Not given", second),
    ]
    if asks_economic_activity(profile):
        answer = ECONOMIC_ACTIVITY_ANSWERS.get(profile.economic_activity, "")
        rows.append(("What you do", answer or "Not answered", what_you_do))
    if profile.age_band != AgeBand.UNDER_16:
        contact = ", ".join(part for part in (profile.name, profile.email) if part)
        if contact and profile.wants_updates:
            contact += " (wants updates)"
        rows.append(("Contact details", contact or "Not given", third))
    return rows


def _connection_text(value: str, other: str) -> str:
    label = CONNECTION_LABELS.get(value, value)  # type: ignore[call-overload]
    return f"{label}: {other}" if value == Connection.OTHER and other else label
