"""An activity's decision record and its "You said, we did" page: everyone who reads reports
sees the record; engagement officers write it, publish it and take it down."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Activity
from involve.officer import officer
from involve.officer.activity_routes import activity_or_404
from involve.officer.decision_forms import DecisionForm, build_decision_form
from involve.services import decisions
from involve.services.errors import DomainError
from involve.services.moderation_public import count_published
from involve.services.representativeness_report import consultation_activity
from involve.services.small_numbers import small_number_threshold
from involve.services.you_said_themes import codeframe_counts


def _to_record(activity: Activity) -> Response:
    return redirect(url_for("officer.decision_record", activity_id=activity.id))


def _form(activity: Activity, *, from_request: bool = True) -> DecisionForm:
    codeframes = decisions.citable_codeframes(activity)
    record = decisions.get_record(activity)
    # Officers see exact counts next to each theme; the public page suppresses small ones.
    counted = codeframe_counts(codeframes, theme_responses={}, threshold=1)
    counts = {theme.theme_id: f"{theme.count:,}" for item in counted for theme in item.themes}
    return build_decision_form(
        codeframes=codeframes,
        record=record,
        closed_on=decisions.closed_on(activity),
        counts=counts,
        from_request=from_request,
    )


def _page(activity: Activity, form: DecisionForm, problems: list[str] | None = None) -> str:
    record = decisions.get_record(activity)
    return render_template(
        "officer/decisions/record.html",
        activity=activity,
        record=record,
        form=form,
        problems=problems or [],
        has_closed=decisions.has_closed(activity),
        closed_at=decisions.closing_moment(activity),
        cited=[
            codeframe
            for codeframe, _ in form.theme_fields
            if record is not None and codeframe.id in (record.codeframe_ids or [])
        ],
        people_to_email=decisions.people_to_email(record),
        threshold=small_number_threshold(),
        published_quotes=count_published(activity),
    )


@officer.route("/activities/<int:activity_id>/decision")
@require_permission(Permission.READ_REPORTS)
def decision_record(activity_id: int) -> str:
    activity = activity_or_404(activity_id)
    return _page(activity, _form(activity, from_request=False))


@officer.route("/consultations/<int:consultation_id>/decision")
@require_permission(Permission.READ_REPORTS)
def consultation_decision_record(consultation_id: int) -> Response:
    """The consultation overview links here: its activity's decision record."""
    activity = consultation_activity(consultation_id)
    if activity is None:
        abort(404)
    return _to_record(activity)


@officer.route("/activities/<int:activity_id>/decision", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def save_decision_record(activity_id: int) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    if not decisions.has_closed(activity):
        flash("The decision can be recorded once the activity has closed", "error")
        return _to_record(activity)
    form = _form(activity)
    if form.validate_on_submit():
        try:
            _, changed = decisions.save_record(
                actor=current_user, activity=activity, details=form.details()
            )
        except decisions.DecisionRejected as error:
            target = getattr(form, error.field, form.decision)
            target.errors = [*target.errors, str(error)]
        else:
            flash("Decision saved" if changed else "No changes to save", "success")
            return _to_record(activity)
    return _page(activity, form)


@officer.route("/activities/<int:activity_id>/decision/publish", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def publish_decision_record(activity_id: int) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    record = decisions.get_record(activity)
    if record is None:
        flash("Save the decision before publishing it", "error")
        return _to_record(activity)
    try:
        is_outcome = decisions.publish_record(
            actor=current_user, record=record, base_url=request.url_root
        )
    except decisions.DecisionNotReady as error:
        return _page(activity, _form(activity, from_request=False), problems=error.problems)
    except DomainError as error:
        flash(str(error), "error")
        return _to_record(activity)
    flash(
        "The outcome is published: \u201cYou said, we did\u201d is on the public site and anyone "
        "who asked to hear about it is being e-mailed"
        if is_outcome
        else "\u201cYou said, we did\u201d is published",
        "success",
    )
    return _to_record(activity)


@officer.route("/activities/<int:activity_id>/decision/withdraw", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def withdraw_decision_record(activity_id: int) -> Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    record = decisions.get_record(activity)
    if record is not None:
        try:
            decisions.withdraw_record(actor=current_user, record=record)
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(
                "The outcome has been taken down: the consultation is closed again"
                if activity.consultation is not None
                else "\u201cYou said, we did\u201d has been taken down",
                "success",
            )
    return _to_record(activity)
