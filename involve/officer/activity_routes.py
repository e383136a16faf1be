"""Officer screens for involvement activities: list, create, overview, change, publish."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from werkzeug.wrappers import Response
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import limit_service_choices, require_can_change
from involve.forms import InvolveForm, strip_whitespace
from involve.models import Activity, AgeBand, AudienceCategory, OpportunityType, StrategyKind
from involve.officer import officer
from involve.officer.activity_forms import AGE_GROUP_LABELS, ActivityForm, build_activity_form
from involve.services import activities
from involve.services.authority import list_partners, list_services
from involve.services.errors import DomainError, NotFound
from involve.services.strategy import list_strategy_items


class OverrideForm(InvolveForm):
    override_reason = TextAreaField(
        "Why should it be published without a complete plan?",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message="Enter the reason for publishing without a complete plan"),
            Length(max=2000, message="Reason must be 2,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Publish without a complete plan", widget=GovSubmitInput())


def activity_or_404(activity_id: int) -> Activity:
    try:
        return activities.get_activity(activity_id)
    except NotFound:
        abort(404)


def to_overview(activity: Activity) -> Response:
    return redirect(url_for("officer.activity_overview", activity_id=activity.id))


def _form(activity: Activity | None = None) -> ActivityForm:
    form = build_activity_form(
        services=list_services(),
        partners=list_partners(),
        strategy_items=list_strategy_items(),
        activity=activity,
    )
    limit_service_choices(form.service_id, current_user, editing=activity)
    return form


@officer.route("/activities")
@require_permission(Permission.READ_REPORTS)
def list_activities() -> str:
    return render_template("officer/activities/list.html", rows=activities.list_activities())


@officer.route("/activities/new", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def new_activity() -> str | Response:
    form = _form()
    if form.validate_on_submit():
        created = activities.create_activity(actor=current_user, details=form.details())
        flash(f"{created.title} has been created as a draft", "success")
        return to_overview(created)
    return render_template("officer/activities/form.html", form=form, activity=None)


@officer.route("/activities/<int:activity_id>")
@require_permission(Permission.READ_REPORTS)
def activity_overview(activity_id: int) -> str:
    return _overview(activity_or_404(activity_id))


@officer.route("/activities/<int:activity_id>/details", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def edit_activity(activity_id: int) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    if activity.consultation_id is not None:
        flash("Change this activity's details in the consultation builder")
        return to_overview(activity)
    form = _form(activity)
    if form.validate_on_submit():
        try:
            changed = activities.update_activity(
                actor=current_user, activity=activity, details=form.details()
            )
        except activities.NotReadyToPublish as error:
            # Published activities must stay publishable: say what the edit would break.
            for problem in error.problems:
                field = form.starts_on if "starts" in problem else form.venue_name
                field.errors = [*field.errors, f"{problem}: this activity is published"]
        else:
            flash("Details saved" if changed else "No changes to save", "success")
            return to_overview(activity)
    return render_template("officer/activities/form.html", form=form, activity=activity)


@officer.route("/activities/<int:activity_id>/publish", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def publish_activity(activity_id: int) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    try:
        activities.publish_activity(actor=current_user, activity=activity)
    except activities.NotReadyToPublish as error:
        return _overview(activity, problems=error.problems)
    except DomainError as error:
        flash(str(error), "error")
        return to_overview(activity)
    flash(f"{activity.title} has been published", "success")
    return to_overview(activity)


@officer.route("/activities/<int:activity_id>/publish-override", methods=["POST"])
@require_permission(Permission.MANAGE_SETTINGS)
def publish_activity_with_override(activity_id: int) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    form = OverrideForm()
    if not form.validate_on_submit():
        return _overview(
            activity, problems=activities.publish_problems(activity), override_form=form
        )
    try:
        activities.publish_activity(
            actor=current_user, activity=activity, override_reason=form.override_reason.data
        )
    except activities.NotReadyToPublish as error:
        return _overview(activity, problems=error.problems)
    except DomainError as error:
        flash(str(error), "error")
        return to_overview(activity)
    flash(f"{activity.title} has been published without a complete plan", "success")
    return to_overview(activity)


@officer.route("/activities/<int:activity_id>/unpublish", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def unpublish_activity(activity_id: int) -> Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    try:
        activities.unpublish_activity(actor=current_user, activity=activity)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"{activity.title} is a draft again", "success")
    return to_overview(activity)


def _overview(
    activity: Activity, problems: list[str] | None = None, override_form: OverrideForm | None = None
) -> str:
    return render_template(
        "officer/activities/overview.html",
        activity=activity,
        problems=problems or [],
        override_form=override_form or OverrideForm(formdata=None),
        can_override=activities.can_override(current_user),
        plan_problems=_plan_problems_or_none(activity, problems),
        labels=_labels(activity),
        plan_url=_optional_url("officer.activity_plan", activity),
        events_url=_optional_url("officer.activity_event", activity)
        if activity.format.is_event
        else "",
    )


def _plan_problems_or_none(activity: Activity, problems: list[str] | None) -> list[str] | None:
    """Only worth showing on a draft that is not a consultation's; None when planning is absent."""
    if activity.published_at is not None or activity.consultation_id is not None or problems:
        return None
    try:
        return activities.plan_problems(activity)
    except ImportError:
        return None


def _optional_url(endpoint: str, activity: Activity) -> str:
    """A link to another engineer's screen, or "" when that screen is not there."""
    if endpoint not in current_app.view_functions:
        return ""
    return url_for(endpoint, activity_id=activity.id)


def _labels(activity: Activity) -> dict[str, Any]:
    ages = {band.value: label for band, label in AGE_GROUP_LABELS.items()}
    return {
        "opportunity_types": "; ".join(
            OpportunityType(value).label
            for value in activity.opportunity_types
            if value in OpportunityType._value2member_map_
        ),
        "audiences": ", ".join(
            AudienceCategory(value).label
            for value in activity.audiences
            if value in AudienceCategory._value2member_map_
        ),
        "age_groups": ", ".join(
            ages[value]
            for value in activity.age_groups
            if value in ages and value != AgeBand.PREFER_NOT_TO_SAY
        ),
        "partners": ", ".join(partner.name for partner in activity.partners),
        "strategy": [
            (
                kind.label,
                "; ".join(item.title for item in activity.strategy_items if item.kind == kind),
            )
            for kind in StrategyKind
        ],
    }
