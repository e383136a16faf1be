"""The publish gate (a complete plan, or an administrator's recorded override) and the activity
every consultation has."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, ActivityFormat, AuditEvent, OpportunityType, Way
from involve.models.base import utc_now
from involve.services import activities
from involve.templating import UK
from tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ServiceFactory,
)
from tests.factories_activities import ActivityFactory, ActivityPlanFactory
from tests.pages import banner, error_summary, field_error

PLAN_PROBLEM = "Say who may be affected by or interested in this activity"


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_publishing_is_refused_while_the_plan_is_incomplete(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityFactory(published_at=None)
    db.session.commit()
    overview = pages.get(f"/officer/activities/{activity.id}")
    assert PLAN_PROBLEM in [
        item.get_text(strip=True) for item in overview.select("#plan-problems li")
    ]
    page = pages.post(f"/officer/activities/{activity.id}/publish")
    assert page.find("title").get_text().startswith("Error: ")
    assert PLAN_PROBLEM in error_summary(page)
    # An engagement officer is not offered the override.
    assert page.select_one("#override_reason") is None
    db.session.refresh(activity)
    assert activity.published_at is None
    assert "activity.published" not in _actions()


def test_an_event_without_a_date_cannot_be_published_even_with_a_plan(pages, sign_in_as):
    sign_in_as("admin")
    activity = ActivityPlanFactory(activity__published_at=None, activity__starts_at=None).activity
    db.session.commit()
    page = pages.post(f"/officer/activities/{activity.id}/publish")
    assert error_summary(page) == ["Set the date and time the event starts"]
    page = pages.post(
        f"/officer/activities/{activity.id}/publish-override", {"override_reason": "Urgent"}
    )
    assert error_summary(page) == ["Set the date and time the event starts"]
    db.session.refresh(activity)
    assert activity.published_at is None


def test_an_activity_with_a_complete_plan_is_published_and_unpublished(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityPlanFactory(activity__published_at=None).activity
    db.session.commit()
    pages.post(f"/officer/activities/{activity.id}/publish", expected_status=302)
    db.session.refresh(activity)
    assert activity.published_at is not None
    page = pages.get(f"/officer/activities/{activity.id}")
    assert "has been published" in banner(page)
    assert page.find("a", string="Public page")["href"] == f"/activities/{activity.slug}"
    pages.post(f"/officer/activities/{activity.id}/unpublish", expected_status=302)
    db.session.refresh(activity)
    assert activity.published_at is None
    assert _actions()[-2:] == ["activity.published", "activity.unpublished"]


def test_an_admin_overrides_the_gate_with_a_reason_that_is_recorded(pages, sign_in_as):
    admin = sign_in_as("admin")
    activity = ActivityFactory(published_at=None)
    db.session.commit()
    page = pages.post(f"/officer/activities/{activity.id}/publish")
    assert page.select_one("#override_reason") is not None
    page = pages.post(
        f"/officer/activities/{activity.id}/publish-override", {"override_reason": "  "}
    )
    assert field_error(page, "override_reason") == (
        "Enter the reason for publishing without a complete plan"
    )
    pages.post(
        f"/officer/activities/{activity.id}/publish-override",
        {"override_reason": "The hall was booked before the plan existed"},
        expected_status=302,
    )
    db.session.refresh(activity)
    assert activity.published_at is not None
    assert activity.plan.override_reason == "The hall was booked before the plan existed"
    assert activity.plan.override_by_id == admin.id
    assert "activity_plan.overridden" in _actions()
    published = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "activity.published")
    ).one()
    assert published.detail["override_reason"] == "The hall was booked before the plan existed"
    page = pages.get(f"/officer/activities/{activity.id}")
    assert "The hall was booked before the plan existed" in page.get_text()


def test_a_non_admin_cannot_override_the_gate(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    activity = ActivityFactory(published_at=None)
    db.session.commit()
    pages.post(
        f"/officer/activities/{activity.id}/publish-override",
        {"override_reason": "Because"},
        expected_status=403,
    )
    try:
        activities.publish_activity(actor=officer, activity=activity, override_reason="Because")
    except activities.NotPermitted:
        pass
    else:
        raise AssertionError("expected NotPermitted")
    db.session.refresh(activity)
    assert activity.published_at is None
    assert activity.plan is None


def test_creating_a_consultation_gives_it_a_consult_activity(pages, sign_in_as):
    sign_in_as("engagement_officer")
    service = ServiceFactory(name="Waste")
    db.session.commit()
    pages.post(
        "/officer/consultations/new",
        {
            "title": "Bin collections",
            "summary": "Fortnightly bins",
            "area": "whole",
            "service_id": str(service.id),
        },
        expected_status=302,
    )
    activity = db.session.scalars(select(Activity)).one()
    assert activity.consultation.title == "Bin collections"
    assert activity.way == Way.CONSULT
    assert activity.format == ActivityFormat.ONLINE_CONSULTATION
    assert activity.opportunity_types == [OpportunityType.GIVE_FEEDBACK.value]
    assert (activity.title, activity.summary, activity.service_id) == (
        "Bin collections",
        "Fortnightly bins",
        service.id,
    )
    assert activity.published_at is None
    # Changing the consultation keeps its activity in step.
    consultation = activity.consultation
    pages.post(
        f"/officer/consultations/{consultation.id}/details",
        {
            "title": "Bin collections 2026",
            "summary": "Weekly bins",
            "area": "whole",
            "service_id": "",
        },
        expected_status=302,
    )
    db.session.refresh(activity)
    assert (activity.title, activity.summary, activity.service_id) == (
        "Bin collections 2026",
        "Weekly bins",
        None,
    )


def test_copying_a_consultation_gives_the_copy_its_own_activity(pages, sign_in_as):
    sign_in_as("engagement_officer")
    original = ConsultationFactory(title="Parking")
    db.session.commit()
    pages.post(f"/officer/consultations/{original.id}/copy", expected_status=302)
    rows = db.session.scalars(select(Activity).order_by(Activity.id)).all()
    assert [(row.title, row.consultation.copied_from_id) for row in rows] == [
        ("Copy of Parking", original.id)
    ]
    assert rows[0].published_at is None


def test_publishing_a_consultation_publishes_its_activity_without_a_plan(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(published_at=None)
    QuestionFactory(page=QuestionPageFactory(consultation=consultation))
    db.session.commit()
    pages.post(f"/officer/consultations/{consultation.id}/publish", expected_status=302)
    activity = activities.activity_for_consultation(consultation)
    assert activity is not None
    assert activity.published_at == consultation.published_at
    assert activity.starts_at == consultation.opens_at


def test_existing_consultations_get_their_activities_once(db_session):
    published = ConsultationFactory(title="Old one")
    draft = ConsultationFactory(title="Draft one", published_at=None)
    assert activities.ensure_consultation_activities() == 2
    assert activities.ensure_consultation_activities() == 0
    assert activities.activity_for_consultation(published).published_at == published.published_at
    assert activities.activity_for_consultation(draft).published_at is None


def test_a_consultation_activity_is_published_from_the_consultation_only(pages, sign_in_as):
    sign_in_as("admin")
    consultation = ConsultationFactory(published_at=None)
    activity = activities.create_consultation_activity(actor=None, consultation=consultation)
    db.session.commit()
    pages.post(f"/officer/activities/{activity.id}/publish", expected_status=302)
    db.session.refresh(activity)
    assert activity.published_at is None
    assert "Publish this consultation from its own page" in banner(
        pages.get(f"/officer/activities/{activity.id}")
    )


def test_editing_a_published_event_cannot_remove_what_publishing_required(pages, sign_in_as):
    from involve.models import ActivityFormat
    from tests.factories_activities import ActivityFactory, ActivityPlanFactory

    sign_in_as("engagement_officer")
    # A fixed time of day: the factory's "now + 10 days, for 2 hours" crosses midnight when the
    # suite runs after 10pm, and the form (which sends dates only) then reads a different error.
    starts = datetime.combine(
        (utc_now() + timedelta(days=10)).astimezone(UK).date(), time(10), tzinfo=UK
    )
    activity = ActivityFactory(
        format=ActivityFormat.INFORMATION_CAMPAIGN,
        venue_name="",
        how_to_take_part="",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    ActivityPlanFactory(activity=activity)
    data = {
        "title": activity.title,
        "way": activity.way.value,
        "format": "public_meeting",  # an event now, with no venue or way to take part
        "opportunity_types": "give_feedback",
        "starts_on": [str(starts.day), str(starts.month), str(starts.year)],
    }
    page = pages.post(f"/officer/activities/{activity.id}/details", data)
    assert page.find("title").get_text().startswith("Error: ")
    assert any("this activity is published" in error for error in error_summary(page)), (
        error_summary(page)
    )
    assert activity.format == ActivityFormat.INFORMATION_CAMPAIGN  # nothing was changed


def test_a_consultations_activity_is_changed_only_in_the_builder(pages, sign_in_as):
    from tests.factories import ConsultationFactory
    from tests.factories_activities import ActivityFactory

    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    activity = ActivityFactory(consultation=consultation, title="Original")
    pages.post(
        f"/officer/activities/{activity.id}/details",
        {"title": "Hijacked", "way": "involve", "format": "public_meeting"},
        expected_status=302,
    )
    assert activity.title == "Original"
