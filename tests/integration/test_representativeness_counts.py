"""Observed counts come from GROUP BY queries: councillors left out and counted, organisations
apart from the resident mix, offline responses and event attendance included."""

from __future__ import annotations

from involve.models import (
    ActivityFormat,
    AttendanceDimension,
    Channel,
    ElectedStatus,
    OrganisationType,
    ResponseStatus,
)
from involve.services.representativeness_counts import observed_counts
from tests.factories_activities import ActivityFactory, AttendanceCountFactory
from tests.factories_representativeness import consultation_activity, respondent


def test_counts_group_respondents_and_leave_out_elected_members():
    activity = consultation_activity()
    consultation = activity.consultation
    respondent(consultation, age_band="18_24", connections=["live", "study"], sex="Female")
    respondent(consultation, age_band="16_17", connections=["study"], sex="Male")
    respondent(
        consultation,
        age_band="65_74",
        connections=["live"],
        sex="Female",
        ethnic_group="White",
        disability="No",
        ward_code="E05010986",
    )
    respondent(
        consultation,
        age_band="75_84",
        connections=["live", "work"],
        channel=Channel.PAPER,
        ward_code="E05010986",
    )
    respondent(consultation, age_band="35_49", connections=["work"], channel=Channel.PHONE)
    respondent(consultation, age_band="50_64", connections=["live", "run_a_business"])
    respondent(consultation, age_band="prefer_not_to_say", connections=["visit"])
    respondent(consultation, age_band=None, connections=[], profile=False, channel=Channel.EMAIL)
    respondent(consultation, elected=ElectedStatus.COUNCILLOR, sex="Male")
    respondent(consultation, elected=ElectedStatus.COOPTED_OR_NOMINATED)
    respondent(
        consultation,
        organisation=OrganisationType.BUSINESS,
        age_band=None,
        connections=["run_a_business"],
    )
    respondent(consultation, organisation=OrganisationType.VOLUNTARY_OR_COMMUNITY, age_band=None)
    respondent(consultation, organisation=OrganisationType.PUBLIC_BODY, age_band=None)
    respondent(consultation, status=ResponseStatus.IN_PROGRESS)  # not submitted: not counted

    counts = observed_counts(activity)

    assert counts.responses == 13
    assert counts.excluded == {"councillor": 1, "coopted_or_nominated": 1}
    assert counts.organisations == {"business": 1, "voluntary_or_community": 1, "public_body": 1}
    assert counts.individuals == 8
    assert counts.channels == {"online": 10, "paper": 1, "phone": 1, "email": 1}
    assert counts.attendance == 0
    assert counts.dimensions["category"] == {
        "children_and_young_people": 2,  # under 25 comes before student and resident
        "residents": 2,
        "workers": 1,
        "businesses": 2,  # the business and the resident who runs one
        "visitors": 1,
        "not_given": 1,  # no "about you" answers at all
        "voluntary_and_community_groups": 1,
        "others_affected": 1,  # the public body
    }
    assert counts.dimensions["age"] == {
        "16-24": 2,
        "65-74": 1,
        "75-84": 1,
        "35-49": 1,
        "50-64": 1,
        "not_given": 2,
    }
    assert counts.dimensions["sex"] == {"Female": 2, "Male": 1, "not_given": 5}
    assert counts.dimensions["ethnic_group"] == {"White": 1, "not_given": 7}
    assert counts.dimensions["ward"] == {"E05010986": 2, "not_given": 6}


def test_an_event_counts_its_attendance_by_category_and_age():
    event = ActivityFactory(format=ActivityFormat.WORKSHOP)
    for dimension, group, count in (
        (AttendanceDimension.CATEGORY, "residents", 30),
        (AttendanceDimension.CATEGORY, "businesses", 4),
        (AttendanceDimension.CATEGORY, "not_known", 2),
        (AttendanceDimension.AGE_BAND, "16_17", 3),
        (AttendanceDimension.AGE_BAND, "18_24", 5),
        (AttendanceDimension.AGE_BAND, "65_74", 20),
    ):
        AttendanceCountFactory(activity=event, dimension=dimension, group_value=group, count=count)

    counts = observed_counts(event)

    assert counts.responses == 0
    assert counts.attendance == 36  # the fuller of the two lists
    assert counts.channels == {"event": 36}
    assert counts.dimensions["category"] == {"residents": 30, "businesses": 4, "not_given": 2}
    assert counts.dimensions["age"] == {"16-24": 8, "65-74": 20}


def test_an_event_with_an_online_survey_adds_attendance_to_the_responses():
    activity = consultation_activity(format=ActivityFormat.DROP_IN)
    respondent(activity.consultation, age_band="18_24", connections=["live"])
    AttendanceCountFactory(activity=activity, group_value="residents", count=12)

    counts = observed_counts(activity)

    assert counts.channels == {"online": 1, "event": 12}
    assert counts.dimensions["category"] == {"children_and_young_people": 1, "residents": 12}
