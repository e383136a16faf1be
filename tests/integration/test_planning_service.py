"""The plan behind an activity: problems until complete, completion, the admin override,
previous engagement found on a fixed set of activities, and the census reference mix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import ActivityFormat, AttendanceDimension, AuditEvent, Role, Way
from involve.models.base import utc_now
from involve.models.responses import ResponseStatus
from involve.services import planning
from involve.services.errors import DomainError, NotPermitted
from involve.services.planning import Section
from involve.services.previous_engagement import find_previous_engagement
from involve.services.reference_mix import reference_mix_for
from tests.factories import ConsultationFactory, OfficerFactory, ResponseFactory, ServiceFactory
from tests.factories_activities import (
    ActivityFactory,
    ActivityPlanFactory,
    AttendanceCountFactory,
    StrategyItemFactory,
)

STAKEHOLDER = {"group": "Library users", "category": "service_users", "how_reached": "Posters"}


def _draft(**kwargs):  # type: ignore[no-untyped-def]
    return ActivityFactory(published_at=None, **kwargs)


def _events() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_a_new_activity_has_a_problem_for_every_section_and_no_plan_is_written() -> None:
    activity = _draft()

    problems = planning.plan_problems(activity)

    assert problems == [
        "Say who may be affected by or interested in this activity",
        "Say who it is appropriate to inform, consult or involve, and why this way",
        "Confirm that no previous engagement on this subject was found",
        "Say what benefits the activity is expected to bring",
        "Say why the cost and staff time are proportionate",
        "Say what personal data the activity needs and why",
        "Set the target mix",
    ]
    assert activity.plan is None


def test_saving_every_section_completes_the_plan_and_each_save_is_audited() -> None:
    officer = OfficerFactory(role=Role.ENGAGEMENT_OFFICER)
    activity = _draft()
    answers = [
        (Section.WHO_AND_WHY, {"why_this_way": "A workshop suits a design question."}),
        (Section.BENEFITS_AND_COSTS, {"expected_benefits": "Better hours"}),
        (Section.BENEFITS_AND_COSTS, {"proportionality": "Two evenings, small cost"}),
        (Section.PRIVACY, {"personal_data_needed": "None", "personal_data_reason": "Counts only"}),
        (Section.TARGET_MIX, {"target_mix": {"sex_female": 0.5, "sex_male": 0.5}}),
    ]
    planning.add_stakeholders(actor=officer, activity=activity, rows=[STAKEHOLDER])
    for section, data in answers:
        planning.save_plan_section(actor=officer, activity=activity, section=section, data=data)
        assert activity.plan.completed_at is None

    planning.save_previous_engagement(actor=officer, activity=activity, use="", shown=[])

    assert planning.plan_problems(activity) == []
    assert activity.plan.completed_at is not None
    assert activity.plan.previous_engagement_use == planning.NO_PREVIOUS_ENGAGEMENT
    assert activity.plan.expected_benefits == "Better hours"
    assert activity.plan.stakeholders == [STAKEHOLDER]
    saved = [event for event in _events() if event.action == "activity_plan.section_saved"]
    assert len(saved) == 7
    assert saved[-1].detail["complete"] is True
    assert saved[-1].officer_id == officer.id


def test_taking_an_answer_away_makes_the_plan_incomplete_again() -> None:
    officer = OfficerFactory()
    plan = ActivityPlanFactory(activity=_draft())
    assert planning.plan_problems(plan.activity) == []

    planning.remove_stakeholder(actor=officer, activity=plan.activity, index=0)

    assert planning.plan_problems(plan.activity) == [
        "Say who may be affected by or interested in this activity"
    ]
    assert plan.completed_at is None


def test_a_section_refuses_fields_that_are_not_its_own_and_bad_mix_shares() -> None:
    officer = OfficerFactory()
    activity = _draft()

    with pytest.raises(ValueError):
        planning.save_plan_section(
            actor=officer, activity=activity, section=Section.PRIVACY, data={"why_this_way": "x"}
        )
    with pytest.raises(ValueError):
        planning.save_plan_section(
            actor=officer,
            activity=activity,
            section=Section.TARGET_MIX,
            data={"target_mix": {"sex_female": 1.5}},
        )
    with pytest.raises(ValueError):
        planning.save_plan_section(
            actor=officer,
            activity=activity,
            section=Section.TARGET_MIX,
            data={"target_mix": {"martians": 0.5}},
        )


def test_when_earlier_engagement_exists_the_officer_must_say_how_it_is_used() -> None:
    officer = OfficerFactory()
    ActivityFactory(title="Library opening hours survey", starts_at=utc_now() - timedelta(days=300))
    activity = _draft(title="Library opening hours")

    assert (
        "Record how earlier engagement on this subject is used, or why asking again is justified"
        in planning.plan_problems(activity)
    )
    shown = find_previous_engagement(activity)
    with pytest.raises(DomainError):
        planning.save_previous_engagement(actor=officer, activity=activity, use="", shown=shown)

    planning.save_previous_engagement(
        actor=officer, activity=activity, use="We reuse the 2024 results.", shown=shown
    )

    assert planning.section_problems(activity, Section.PREVIOUS_ENGAGEMENT) == []
    assert activity.plan.previous_engagement_matches == [
        {
            "activity_id": shown[0].activity_id,
            "title": "Library opening hours survey",
            "score": shown[0].score,
        }
    ]


def test_only_an_administrator_can_override_and_only_with_a_reason() -> None:
    activity = _draft()
    officer = OfficerFactory(role=Role.ENGAGEMENT_OFFICER)
    admin = OfficerFactory(role=Role.ADMIN)

    with pytest.raises(NotPermitted):
        planning.record_override(actor=officer, activity=activity, reason="Urgent")
    with pytest.raises(planning.PlanOverrideRefused):
        planning.record_override(actor=admin, activity=activity, reason="   ")
    assert activity.plan is None or activity.plan.override_reason == ""

    planning.record_override(actor=admin, activity=activity, reason="  Statutory deadline  ")

    assert activity.plan.override_reason == "Statutory deadline"
    assert activity.plan.override_by_id == admin.id
    event = _events()[-1]
    assert event.action == "activity_plan.overridden"
    assert event.detail["reason"] == "Statutory deadline"
    assert "Set the target mix" in event.detail["plan_problems"]


def _fixed_set():  # type: ignore[no-untyped-def]
    """Earlier activities around a planned review of library opening hours."""
    libraries, parking = ServiceFactory(name="Libraries"), ServiceFactory(name="Parking")
    long_ago = utc_now() - timedelta(days=400)

    def earlier(title, summary, service, days_ago=400, **kwargs):  # type: ignore[no-untyped-def]
        return ActivityFactory(
            title=title,
            summary=summary,
            service=service,
            starts_at=utc_now() - timedelta(days=days_ago),
            **kwargs,
        )

    survey = ConsultationFactory(
        title="Library opening hours survey",
        topics=["Libraries", "Opening hours"],
        opens_at=long_ago,
        closes_at=long_ago + timedelta(days=42),
        published_at=long_ago,
    )
    hours = earlier(
        "Library opening hours survey",
        "How do you use library opening hours?",
        libraries,
        format=ActivityFormat.ONLINE_CONSULTATION,
        way=Way.CONSULT,
        consultation=survey,
    )
    for _ in range(3):
        ResponseFactory(consultation=survey)
    ResponseFactory(consultation=survey, status=ResponseStatus.IN_PROGRESS, submitted_at=None)
    closures = earlier(
        "Library closures workshop",
        "Proposals to close two branch libraries",
        libraries,
        outcome_summary="Both branches stayed open with volunteers.",
    )
    AttendanceCountFactory(activity=closures, count=20)
    AttendanceCountFactory(activity=closures, count=5, group_value="businesses")
    AttendanceCountFactory(
        activity=closures, dimension=AttendanceDimension.AGE_BAND, group_value="25_34", count=9
    )
    leisure = earlier("Leisure centre opening hours", "Opening hours at the pool", None)
    mobile = earlier("Mobile library", "Where the van stops", libraries)
    mobile.strategy_items = [StrategyItemFactory(title="Reading for pleasure")]
    earlier("Town centre parking charges", "Car parking charges", parking)
    # Not candidates: a draft, one that starts after the planned activity, and the plan itself.
    earlier("Library opening hours draft", "Opening hours", libraries, published_at=None)
    earlier("Library opening hours next year", "Opening hours", libraries, days_ago=-400)
    planned = _draft(
        title="Library opening hours review",
        summary="Changes to opening hours at the district's libraries",
        service=libraries,
        starts_at=utc_now() + timedelta(days=30),
    )
    db.session.flush()
    return planned, hours, closures, leisure, mobile


def test_previous_engagement_is_ranked_with_dates_sizes_and_outcomes() -> None:
    planned, hours, closures, leisure, mobile = _fixed_set()

    found = find_previous_engagement(planned)

    assert [item.activity_id for item in found] == [hours.id, leisure.id, closures.id, mobile.id]
    first = found[0]
    assert first.size == 3
    assert first.size_text == "3 responses"
    assert first.outcome == "Closed"
    assert first.reasons[1:] == ["same service", "same area"]
    assert first.starts_at == hours.starts_at
    by_id = {item.activity_id: item for item in found}
    assert by_id[closures.id].size == 25  # the fuller of the two attendance lists
    assert by_id[closures.id].outcome == "Both branches stayed open with volunteers."
    assert by_id[leisure.id].size_text == "Not recorded"
    assert by_id[leisure.id].reasons == [
        "similar wording: hour, opening, opening hour",
        "same area",
    ]


def test_previous_engagement_respects_the_limit_and_the_plan_itself_is_never_listed() -> None:
    planned, hours, *_ = _fixed_set()

    assert [item.activity_id for item in find_previous_engagement(planned, limit=1)] == [hours.id]
    assert planned.id not in [item.activity_id for item in find_previous_engagement(planned)]


def test_the_stroud_reference_mix_comes_from_the_census_file() -> None:
    mix = reference_mix_for("E07000082")

    assert mix.area_name == "Stroud"
    assert mix.population == 121104
    census = {row.key: row.census_percent for row in mix.rows if row.census_percent is not None}
    assert census == {
        "age_0-14": 16.1,
        "age_15-24": 9.3,
        "age_25-34": 10.4,
        "age_35-44": 11.4,
        "age_45-54": 14.6,
        "age_55-64": 14.8,
        "age_65-74": 12.5,
        "age_75plus": 10.8,
        "sex_female": 51.1,
        "sex_male": 48.9,
    }
    assert mix.default_target_mix()["sex_female"] == 0.511
    categories = [row.key for row in mix.rows if row.dimension == "category"]
    assert categories[0] == "residents"
    assert len(categories) == 9


def test_an_unknown_area_has_no_census_default_but_still_offers_rows_to_fill() -> None:
    mix = reference_mix_for("E99999999")

    assert not mix.has_census
    assert mix.default_target_mix() == {}
    assert all(row.census_percent is None for row in mix.rows)
    assert [row.key for row in mix.rows][:2] == ["age_0-14", "age_15-24"]
