"""The planning screen: a task list of what the guidance says must be weighed before an activity
is published, and a form page for each section."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Activity, AudienceCategory, OpportunityType
from involve.officer import officer
from involve.officer.planning_forms import (
    BenefitsAndCostsForm,
    PreviousEngagementForm,
    PrivacyForm,
    StakeholdersForm,
    WhoAndWhyForm,
    target_mix_form,
)
from involve.services import activities, planning
from involve.services.errors import NotFound
from involve.services.planning import Section
from involve.services.previous_engagement import find_previous_engagement
from involve.services.reference_mix import (
    DIMENSION_LABELS,
    ReferenceMix,
    authority_reference_mix,
)


def plan_activity_or_404(activity_id: int) -> Activity:
    try:
        return activities.get_activity(activity_id)
    except NotFound:
        abort(404)


def to_plan(activity: Activity, section: Section | None = None) -> Response:
    if section is not None:
        flash(f"{section.label} saved", "success")
    return redirect(url_for("officer.activity_plan", activity_id=activity.id))


def category_label(value: str) -> str:
    if value in AudienceCategory._value2member_map_:
        return AudienceCategory(value).label
    return value


@officer.route("/activities/<int:activity_id>/plan")
@require_permission(Permission.READ_REPORTS)
def activity_plan(activity_id: int) -> str:
    activity = plan_activity_or_404(activity_id)
    sections = [(section, planning.section_problems(activity, section)) for section in Section]
    return render_template(
        "officer/planning/task_list.html",
        activity=activity,
        plan=activity.plan,
        sections=sections,
        complete=not any(problems for _, problems in sections),
        category_label=category_label,
        mix_rows=planning_mix_rows(activity),
    )


def planning_mix_rows(activity: Activity) -> list[tuple[str, float]]:
    """The saved target mix as (label, percentage) rows."""
    if activity.plan is None or not activity.plan.target_mix:
        return []
    labels = {row.key: row.label for row in authority_reference_mix().rows}
    return [(labels.get(key, key), share * 100) for key, share in activity.plan.target_mix.items()]


@officer.route("/activities/<int:activity_id>/plan/stakeholders", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_stakeholders(activity_id: int) -> str | Response:
    activity = plan_activity_or_404(activity_id)
    require_can_change(activity)
    saved = activity.plan.stakeholders if activity.plan else []
    form = StakeholdersForm(has_saved_rows=bool(saved))
    if form.validate_on_submit():
        if rows := form.rows():
            planning.add_stakeholders(actor=current_user, activity=activity, rows=rows)
            flash(f"{len(rows)} {'group' if len(rows) == 1 else 'groups'} added", "success")
            return redirect(url_for("officer.plan_stakeholders", activity_id=activity.id))
        return to_plan(activity)
    return render_template(
        "officer/planning/stakeholders.html",
        activity=activity,
        saved=saved,
        form=form,
        category_label=category_label,
    )


@officer.route("/activities/<int:activity_id>/plan/stakeholders/<int:row>/remove", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def remove_plan_stakeholder(activity_id: int, row: int) -> Response:
    activity = plan_activity_or_404(activity_id)
    require_can_change(activity)
    try:
        removed = planning.remove_stakeholder(actor=current_user, activity=activity, index=row)
    except IndexError:
        abort(404)
    flash(f"{removed['group']} removed", "success")
    return redirect(url_for("officer.plan_stakeholders", activity_id=activity.id))


def _text_section(
    activity_id: int, section: Section, form_class: Any, facts: list[tuple[str, str]]
) -> str | Response:
    """The sections that are only text answers: show the facts they weigh, save the answers."""
    activity = plan_activity_or_404(activity_id)
    require_can_change(activity)
    form = form_class(obj=activity.plan)
    if form.validate_on_submit():
        data = {name: form[name].data for name in planning.SECTION_FIELDS[section]}
        planning.save_plan_section(
            actor=current_user, activity=activity, section=section, data=data
        )
        return to_plan(activity, section)
    return render_template(
        "officer/planning/text_section.html",
        activity=activity,
        section=section,
        form=form,
        facts=facts,
        endpoint=request.endpoint,
    )


@officer.route("/activities/<int:activity_id>/plan/who-and-why", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_who_and_why(activity_id: int) -> str | Response:
    activity = plan_activity_or_404(activity_id)
    types = [
        OpportunityType(value).label
        for value in activity.opportunity_types
        if value in OpportunityType._value2member_map_
    ]
    facts = [
        ("Way of involving", activity.way.label),
        ("Kinds of opportunity", "; ".join(types) or "None chosen"),
        ("Format", activity.format.label),
        ("Audiences", ", ".join(category_label(value) for value in activity.audiences) or "None"),
    ]
    return _text_section(activity_id, Section.WHO_AND_WHY, WhoAndWhyForm, facts)


def _money(pounds: int | None) -> str:
    return f"£{pounds:,}" if pounds is not None else "Not given"


def _hours(hours: int | None) -> str:
    return f"{hours:,} hours" if hours is not None else "Not given"


@officer.route("/activities/<int:activity_id>/plan/benefits-and-costs", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_benefits_and_costs(activity_id: int) -> str | Response:
    activity = plan_activity_or_404(activity_id)
    facts = [
        ("Estimated cost", _money(activity.estimated_cost_pounds)),
        ("Estimated staff time", _hours(activity.estimated_staff_hours)),
    ]
    return _text_section(activity_id, Section.BENEFITS_AND_COSTS, BenefitsAndCostsForm, facts)


@officer.route("/activities/<int:activity_id>/plan/privacy", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_privacy(activity_id: int) -> str | Response:
    return _text_section(activity_id, Section.PRIVACY, PrivacyForm, [])


@officer.route("/activities/<int:activity_id>/plan/previous-engagement", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_previous_engagement(activity_id: int) -> str | Response:
    activity = plan_activity_or_404(activity_id)
    require_can_change(activity)
    matches = find_previous_engagement(activity)
    plan = activity.plan
    form = PreviousEngagementForm(
        has_matches=bool(matches),
        data={
            "previous_engagement_use": ""
            if plan is None or plan.previous_engagement_use == planning.NO_PREVIOUS_ENGAGEMENT
            else plan.previous_engagement_use,
            "none_found": plan is not None
            and plan.previous_engagement_use == planning.NO_PREVIOUS_ENGAGEMENT,
        },
    )
    if form.validate_on_submit():
        planning.save_previous_engagement(
            actor=current_user,
            activity=activity,
            use=form.previous_engagement_use.data or "",
            shown=matches,
        )
        return to_plan(activity, Section.PREVIOUS_ENGAGEMENT)
    return render_template(
        "officer/planning/previous_engagement.html",
        activity=activity,
        matches=matches,
        form=form,
    )


def _mix_values(activity: Activity, reference: ReferenceMix) -> dict[str, str]:
    """The saved target mix as percentages, or else the census default."""
    saved = activity.plan.target_mix if activity.plan else {}
    if saved:
        return {key: f"{share * 100:g}" for key, share in saved.items()}
    return {
        row.key: f"{row.census_percent:g}"
        for row in reference.rows
        if row.census_percent is not None
    }


@officer.route("/activities/<int:activity_id>/plan/target-mix", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def plan_target_mix(activity_id: int) -> str | Response:
    activity = plan_activity_or_404(activity_id)
    require_can_change(activity)
    reference = authority_reference_mix()
    form = target_mix_form(reference.rows, values=_mix_values(activity, reference))
    if form.validate_on_submit():
        mix = {key: round(percent / 100, 4) for key, percent in form.percents().items()}
        planning.save_plan_section(
            actor=current_user,
            activity=activity,
            section=Section.TARGET_MIX,
            data={"target_mix": mix},
        )
        return to_plan(activity, Section.TARGET_MIX)
    return render_template(
        "officer/planning/target_mix.html",
        activity=activity,
        reference=reference,
        form=form,
        dimensions=list(DIMENSION_LABELS),
    )
