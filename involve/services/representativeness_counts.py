"""Who took part in an activity, counted by the database: GROUP BY queries over its consultation's
submitted responses (online and keyed-in offline ones alike) plus, for an event, the attendance
counts. Nothing here loops over responses in Python, so a million responses stay a few queries.

The "resident mix" (age, sex, economic activity, ethnic group, disability, ward) counts
individuals only:
organisation responses are counted apart, and councillors and co-opted or nominated members are
left out of every mix and counted, as the duty to involve requires. The local-person category mix
includes organisations (businesses and groups are local persons) but not elected members.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, func, or_, select

from involve.extensions import db
from involve.models import (
    Activity,
    AgeBand,
    AttendanceCount,
    AttendanceDimension,
    AudienceCategory,
    Channel,
    Connection,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from involve.services.reference_groups import AGE_BAND_GROUP, NOT_GIVEN, Dimension

YOUNG_BANDS = ("under_16", "16_17", "18_24")
EXCLUDED_STATUSES = (ElectedStatus.COUNCILLOR, ElectedStatus.COOPTED_OR_NOMINATED)
PART_INDIVIDUALS = "individuals"
PART_ORGANISATIONS = "organisations"
PART_EXCLUDED = "excluded"


@dataclass
class ObservedCounts:
    responses: int = 0  # submitted responses, everyone
    attendance: int = 0  # people counted at the event (0 when not an event)
    excluded: dict[str, int] = field(default_factory=dict)  # ElectedStatus value -> count
    organisations: dict[str, int] = field(default_factory=dict)  # OrganisationType value -> count
    individuals: int = 0  # responses in the resident mix
    channels: dict[str, int] = field(default_factory=dict)  # Channel value -> count
    # The same split by who answered (PART_*), so a small part can be left out of a shown total.
    channels_by_part: dict[str, dict[str, int]] = field(default_factory=dict)
    # Organisations' share of the local-person category counts (category -> count).
    organisation_categories: dict[str, int] = field(default_factory=dict)
    # dimension -> group key (or NOT_GIVEN) -> count; attendance included where it says so
    dimensions: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def organisations_total(self) -> int:
        return sum(self.organisations.values())


def _submitted(consultation_id: int) -> ColumnElement[bool]:
    return and_(
        Response.consultation_id == consultation_id, Response.status == ResponseStatus.SUBMITTED
    )


def not_elected() -> ColumnElement[bool]:
    return or_(
        RespondentProfile.elected_status.is_(None),
        RespondentProfile.elected_status.not_in(EXCLUDED_STATUSES),
    )


def in_resident_mix() -> ColumnElement[bool]:
    """Individuals who are local persons: not organisations, not elected or co-opted members."""
    return and_(
        or_(
            RespondentProfile.responding_as.is_(None),
            RespondentProfile.responding_as != RespondingAs.ORGANISATION,
        ),
        not_elected(),
    )


def category_expression() -> Any:
    """Each respondent's one local-person category (see reference_groups.CATEGORY_NOTE)."""
    connections = cast(RespondentProfile.connections, String)

    def has(connection: Connection) -> ColumnElement[bool]:
        return connections.like(f'%"{connection.value}"%')

    organisation = RespondentProfile.responding_as == RespondingAs.ORGANISATION
    return case(
        (RespondentProfile.id.is_(None), NOT_GIVEN),
        (
            and_(organisation, RespondentProfile.organisation_type == OrganisationType.BUSINESS),
            AudienceCategory.BUSINESSES.value,
        ),
        (
            and_(
                organisation,
                RespondentProfile.organisation_type == OrganisationType.VOLUNTARY_OR_COMMUNITY,
            ),
            AudienceCategory.VOLUNTARY_AND_COMMUNITY_GROUPS.value,
        ),
        (organisation, AudienceCategory.OTHERS_AFFECTED.value),
        (has(Connection.RUN_A_BUSINESS), AudienceCategory.BUSINESSES.value),
        (
            RespondentProfile.age_band.in_(YOUNG_BANDS),
            AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE.value,
        ),
        (has(Connection.STUDY), AudienceCategory.STUDENTS.value),
        (has(Connection.LIVE), AudienceCategory.RESIDENTS.value),
        (has(Connection.WORK), AudienceCategory.WORKERS.value),
        (has(Connection.USE_A_SERVICE), AudienceCategory.SERVICE_USERS.value),
        (has(Connection.VISIT), AudienceCategory.VISITORS.value),
        (has(Connection.OTHER), AudienceCategory.OTHERS_AFFECTED.value),
        else_=NOT_GIVEN,
    )


def _base(consultation_id: int, *columns: Any) -> Any:
    return (
        select(*columns, func.count())
        .select_from(Response)
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
        .where(_submitted(consultation_id))
        .group_by(*columns)
    )


def _add(target: dict[str, int], key: str | None, count: int) -> None:
    key = key or NOT_GIVEN
    target[key] = target.get(key, 0) + count


def _profiles(counts: ObservedCounts, consultation_id: int) -> None:
    """One GROUP BY over responses and profiles gives the channels, the exclusions, the
    organisations and the individuals' age, ward and category (a few thousand groups at most)."""
    query = _base(
        consultation_id,
        Response.channel,
        RespondentProfile.responding_as,
        RespondentProfile.organisation_type,
        RespondentProfile.elected_status,
        RespondentProfile.age_band,
        RespondentProfile.ward_code,
        category_expression(),
    )
    dimensions: dict[str, dict[str, int]] = {
        Dimension.CATEGORY: {},
        Dimension.AGE: {},
        Dimension.WARD: {},
    }
    for channel, responding_as, kind, elected, band, ward, category, count in db.session.execute(
        query
    ):
        counts.responses += count
        _add(counts.channels, channel.value, count)
        if elected in EXCLUDED_STATUSES:
            _add(counts.channels_by_part.setdefault(PART_EXCLUDED, {}), channel.value, count)
            _add(counts.excluded, elected.value, count)
            continue
        _add(dimensions[Dimension.CATEGORY], category, count)
        if responding_as == RespondingAs.ORGANISATION:
            _add(counts.channels_by_part.setdefault(PART_ORGANISATIONS, {}), channel.value, count)
            _add(counts.organisation_categories, category, count)
            _add(counts.organisations, (kind or OrganisationType.OTHER).value, count)
            continue
        _add(counts.channels_by_part.setdefault(PART_INDIVIDUALS, {}), channel.value, count)
        counts.individuals += count
        _add(dimensions[Dimension.AGE], AGE_BAND_GROUP.get(getattr(band, "value", "")), count)
        _add(dimensions[Dimension.WARD], ward, count)
    counts.dimensions.update(dimensions)


def _equality(counts: ObservedCounts, consultation_id: int) -> None:
    """Equality answers, in aggregate only, for the individuals in the resident mix; those who
    gave none are "not given"."""
    columns = {
        Dimension.SEX: EqualityAnswers.sex,
        Dimension.ETHNIC_GROUP: EqualityAnswers.ethnic_group,
        Dimension.DISABILITY: EqualityAnswers.disability,
    }
    query = (
        _base(consultation_id, *columns.values())
        .join(EqualityAnswers, EqualityAnswers.response_id == Response.id)
        .where(in_resident_mix())
    )
    found: dict[str, dict[str, int]] = {dimension: {} for dimension in columns}
    answered = 0
    for *values, count in db.session.execute(query):
        answered += count
        for dimension, value in zip(columns, values, strict=True):
            _add(found[dimension], value, count)
    for dimension, groups in found.items():
        if counts.individuals > answered:
            _add(groups, NOT_GIVEN, counts.individuals - answered)
        counts.dimensions[dimension] = groups


def _economic_activity(counts: ObservedCounts, consultation_id: int) -> None:
    """What the individuals in the resident mix do, from one GROUP BY. Under-16s are never asked
    (an answer stored for one anyway is not counted), so they are among the "not given"."""
    answer = case(
        (RespondentProfile.age_band == AgeBand.UNDER_16, ""),
        else_=func.coalesce(RespondentProfile.economic_activity, ""),
    )
    query = _base(consultation_id, answer).where(in_resident_mix())
    groups: dict[str, int] = {}
    for value, count in db.session.execute(query):
        _add(groups, value, count)
    counts.dimensions[Dimension.ECONOMIC_ACTIVITY] = groups


def _attendance(counts: ObservedCounts, activity: Activity) -> None:
    query = (
        select(AttendanceCount.dimension, AttendanceCount.group_value, AttendanceCount.count)
        .where(AttendanceCount.activity_id == activity.id)
        .order_by(AttendanceCount.id)
    )
    sums: Counter[str] = Counter()
    for dimension, group, count in db.session.execute(query):
        sums[dimension.value] += count
        if dimension == AttendanceDimension.CATEGORY:
            target = counts.dimensions.setdefault(Dimension.CATEGORY, {})
            key = group if group in AudienceCategory._value2member_map_ else NOT_GIVEN
        else:
            target = counts.dimensions.setdefault(Dimension.AGE, {})
            key = AGE_BAND_GROUP.get(group, NOT_GIVEN)
        target[key] = target.get(key, 0) + count
    counts.attendance = max(sums.values(), default=0)
    if counts.attendance:
        counts.channels[Channel.EVENT.value] = (
            counts.channels.get(Channel.EVENT.value, 0) + counts.attendance
        )
        _add(
            counts.channels_by_part.setdefault(PART_INDIVIDUALS, {}),
            Channel.EVENT.value,
            counts.attendance,
        )


def observed_counts(activity: Activity) -> ObservedCounts:
    """Every count the representativeness page shows for one activity: three GROUP BY queries
    over its consultation's responses, and one over its attendance when it is an event."""
    counts = ObservedCounts()
    if activity.consultation_id is not None:
        _profiles(counts, activity.consultation_id)
        _equality(counts, activity.consultation_id)
        _economic_activity(counts, activity.consultation_id)
    if activity.format.is_event:
        _attendance(counts, activity)
    return counts
