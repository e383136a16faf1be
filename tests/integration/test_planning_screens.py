"""The planning screen: a task list, and a form page per section that validates and stores."""

from __future__ import annotations

from datetime import timedelta

from involve.extensions import db
from involve.models import ActivityPlan, OpportunityType, Way
from involve.models.base import utc_now
from involve.services import planning
from tests.factories import AuthoritySettingsFactory
from tests.factories_activities import ActivityFactory, ActivityPlanFactory
from tests.pages import banner, error_summary, field_error, heading


def _draft(**kwargs):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(published_at=None, **kwargs)
    db.session.commit()
    return activity


def _plan_url(activity, part: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/plan" + (f"/{part}" if part else "")


def _statuses(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        item.select_one(
            ".govuk-task-list__name-and-hint a, .govuk-task-list__name-and-hint div"
        ).get_text(strip=True): item.select_one(".govuk-task-list__status").get_text(strip=True)
        for item in page.select(".govuk-task-list__item")
    }


def test_the_task_list_shows_every_section_incomplete_and_creates_no_plan(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft()

    page = pages.get(_plan_url(activity))

    assert heading(page) == "Plan the activity"
    assert _statuses(page) == {section.label: "Incomplete" for section in planning.Section}
    assert len(page.select(".govuk-task-list__link")) == 6
    assert db.session.get(ActivityPlan, activity.id) is None
    assert activity.plan is None


def test_a_complete_plan_shows_completed_sections_and_its_answers(pages, sign_in_as):
    sign_in_as("analyst")
    plan = ActivityPlanFactory(activity=ActivityFactory(published_at=None))
    db.session.commit()

    page = pages.get(_plan_url(plan.activity))

    assert set(_statuses(page).values()) == {"Completed"}
    assert "The plan is complete" in page.select_one("#plan-status").get_text()
    assert page.select(".govuk-task-list__link") == []  # an analyst reads, does not change
    cells = [cell.get_text(strip=True) for cell in page.select("#stakeholders td")]
    assert cells == [
        "Town centre residents",
        "Residents",
        "Leaflets and the residents' association",
    ]
    assert "Residents: 100%" in page.select_one("#target-mix").get_text()


def test_readers_cannot_open_the_section_forms(pages, sign_in_as):
    sign_in_as("auditor")
    activity = _draft()

    pages.get(_plan_url(activity, "privacy"), expected_status=403)
    pages.post(_plan_url(activity, "privacy"), {}, expected_status=403)


def test_a_missing_activity_is_not_found(pages, sign_in_as):
    sign_in_as("engagement_officer")

    pages.get("/officer/activities/999999/plan", expected_status=404)


def test_stakeholder_rows_must_be_complete_and_are_added_and_removed(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft()
    url = _plan_url(activity, "stakeholders")

    page = pages.post(url, {}, expected_status=200)
    assert error_summary(page) == [
        "Enter at least one group who may be affected by or interested in this activity"
    ]

    page = pages.post(url, {"group_1": "Library users", "category_2": "businesses"})
    assert field_error(page, "category_1") == "Select the category of Library users"
    assert field_error(page, "how_reached_1") == "Enter how Library users will be reached"
    assert field_error(page, "group_2") == "Enter the name of the group"
    assert activity.plan is None

    rows = {
        "group_1": "Library users",
        "category_1": "service_users",
        "how_reached_1": "Posters in every branch",
        "group_3": "<b>Book group</b>",
        "category_3": "voluntary_and_community_groups",
        "how_reached_3": "Email",
    }
    pages.post(url, rows, expected_status=302)
    page = pages.get(url)
    assert "2 groups added" in banner(page)
    cells = [cell.get_text(strip=True) for cell in page.select("#stakeholders td")][:3]
    assert cells == ["Library users", "Service users", "Posters in every branch"]
    assert "<b>Book group</b>" in page.select_one("#stakeholders").get_text()

    pages.post(f"{url}/0/remove", {}, expected_status=302)
    db.session.expire_all()
    assert [row["group"] for row in activity.plan.stakeholders] == ["<b>Book group</b>"]
    pages.post(f"{url}/5/remove", {}, expected_status=404)
    # With groups saved, an empty form just returns to the plan.
    pages.post(url, {}, expected_status=302)


def test_who_and_why_shows_the_way_and_opportunities_and_needs_an_answer(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft(way=Way.INVOLVE, opportunity_types=[OpportunityType.DESIGN.value])
    url = _plan_url(activity, "who-and-why")

    page = pages.get(url)
    facts = page.select_one("#activity-facts").get_text(" ", strip=True)
    assert "Involving in another way" in facts
    assert "Design policies and services" in facts

    page = pages.post(url, {"why_this_way": "  "})
    assert field_error(page, "why_this_way") == (
        "Enter who it is appropriate to inform, consult or involve, and why this way"
    )

    pages.post(url, {"why_this_way": "Users design the new hours with us."}, expected_status=302)
    db.session.expire_all()
    assert activity.plan.why_this_way == "Users design the new hours with us."
    page = pages.get(_plan_url(activity))
    assert "Who to inform, consult or involve, and why saved" in banner(page)
    assert _statuses(page)[planning.Section.WHO_AND_WHY.label] == "Completed"


def test_benefits_and_costs_shows_the_cost_and_needs_both_answers(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft(estimated_cost_pounds=1500, estimated_staff_hours=40)
    url = _plan_url(activity, "benefits-and-costs")

    facts = pages.get(url).select_one("#activity-facts").get_text(" ", strip=True)
    assert "£1,500" in facts
    assert "40 hours" in facts

    page = pages.post(url, {"expected_benefits": "Hours people can use"})
    assert error_summary(page) == ["Enter why the cost and staff time are proportionate"]

    pages.post(
        url,
        {"expected_benefits": "Hours people can use", "proportionality": "Small cost"},
        expected_status=302,
    )
    db.session.expire_all()
    assert (activity.plan.expected_benefits, activity.plan.proportionality) == (
        "Hours people can use",
        "Small cost",
    )


def test_privacy_needs_the_data_and_the_reason(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft()
    url = _plan_url(activity, "privacy")

    page = pages.post(url, {"personal_data_needed": "x" * 5001})
    assert field_error(page, "personal_data_needed").endswith("5,000 characters or fewer")
    assert field_error(page, "personal_data_reason") == (
        "Enter why the activity needs this personal data"
    )

    pages.post(
        url,
        {"personal_data_needed": "Names for booking", "personal_data_reason": "Room capacity"},
        expected_status=302,
    )
    db.session.expire_all()
    assert activity.plan.personal_data_needed == "Names for booking"


def test_previous_engagement_lists_matches_and_keeps_what_was_shown(pages, sign_in_as):
    sign_in_as("engagement_officer")
    earlier = ActivityFactory(
        title="Library opening hours survey",
        summary="When should libraries open?",
        starts_at=utc_now() - timedelta(days=200),
        outcome_summary="Saturday hours extended.",
    )
    ActivityFactory(
        title="Parking charges", summary="Car parks", starts_at=utc_now() - timedelta(days=100)
    )
    activity = _draft(title="Library opening hours", summary="New hours")
    url = _plan_url(activity, "previous-engagement")

    page = pages.get(url)
    rows = page.select("#previous-engagement tbody tr")
    assert len(rows) == 1
    cells = [cell.get_text(strip=True) for cell in rows[0].select("td")]
    assert cells[0] == "Library opening hours survey"
    assert cells[3] == "Saturday hours extended."
    assert "same area" in cells[5]
    assert page.select_one("#none_found") is None

    page = pages.post(url, {})
    assert error_summary(page) == [
        "Enter how the earlier engagement is used, or why asking again is justified"
    ]

    pages.post(
        url, {"previous_engagement_use": "We start from last year's results."}, expected_status=302
    )
    db.session.expire_all()
    assert activity.plan.previous_engagement_use == "We start from last year's results."
    assert [match["activity_id"] for match in activity.plan.previous_engagement_matches] == [
        earlier.id
    ]


def test_with_no_previous_engagement_the_officer_confirms_none_was_found(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _draft(title="Allotment waiting lists", summary="Who gets a plot")
    url = _plan_url(activity, "previous-engagement")

    page = pages.get(url)
    assert page.select_one("#no-matches") is not None

    page = pages.post(url, {})
    assert field_error(page, "none_found").startswith("Select to confirm that no previous")

    pages.post(url, {"none_found": "y"}, expected_status=302)
    db.session.expire_all()
    assert activity.plan.previous_engagement_use == planning.NO_PREVIOUS_ENGAGEMENT
    assert activity.plan.previous_engagement_matches == []
    page = pages.get(url)
    assert page.select_one("#none_found").has_attr("checked")


def test_the_target_mix_starts_from_the_census_and_must_add_up(pages, sign_in_as):
    sign_in_as("engagement_officer")
    AuthoritySettingsFactory(ons_code="E07000082")
    activity = _draft()
    url = _plan_url(activity, "target-mix")

    page = pages.get(url)
    assert "Stroud" in page.select_one("#census-source").get_text()
    assert page.select_one("#mix_age_0_14")["value"] == "16.1"
    assert page.select_one("#mix_sex_female")["value"] == "51.1"
    assert page.select_one("#mix_residents").get("value", "") == ""

    census = {field["name"]: field.get("value", "") for field in page.select("input.govuk-input")}
    page = pages.post(url, {**census, "mix_sex_male": "abc", "mix_age_75plus": "101"})
    assert field_error(page, "mix_sex_male") == "Male must be a number between 0 and 100"
    assert field_error(page, "mix_age_75plus") == (
        "Aged 75 and over must be a number between 0 and 100"
    )

    page = pages.post(url, {**census, "mix_residents": "80", "mix_businesses": "10"})
    assert field_error(page, "mix_residents") == (
        "The percentages for local-person categories must add up to 100; they add up to 90"
    )

    page = pages.post(url, {**census, "mix_sex_female": "60"})
    assert error_summary(page) == [
        "The percentages for sex must add up to 100; they add up to 108.9"
    ]

    pages.post(url, {**census, "mix_residents": "90", "mix_businesses": "10%"}, expected_status=302)
    db.session.expire_all()
    mix = activity.plan.target_mix
    assert mix["age_0-14"] == 0.161
    assert mix["sex_male"] == 0.489
    assert mix["businesses"] == 0.1
    assert "students" not in mix
    assert pages.get(url).select_one("#mix_residents")["value"] == "90"


def test_without_census_figures_the_officer_enters_the_mix(pages, sign_in_as):
    sign_in_as("engagement_officer")
    AuthoritySettingsFactory(ons_code="E99999999")
    activity = _draft()
    url = _plan_url(activity, "target-mix")

    page = pages.get(url)
    assert "you must enter the target mix yourself" in page.select_one(".govuk-warning-text").text
    assert page.select_one("#mix_age_0_14").get("value", "") == ""

    page = pages.post(url, {})
    assert error_summary(page) == [
        "Enter the target mix for age bands, sex or local-person categories"
    ]
    pages.post(url, {"mix_sex_female": "50", "mix_sex_male": "50"}, expected_status=302)
    db.session.expire_all()
    assert activity.plan.target_mix == {"sex_female": 0.5, "sex_male": 0.5}
