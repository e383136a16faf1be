"""The representativeness page of an activity, its CSV, the activity's own reference figures,
and the council's outreach prompts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Activity
from involve.officer import officer
from involve.officer.activity_routes import activity_or_404
from involve.officer.representativeness_forms import (
    ExportForm,
    PromptForm,
    group_field_name,
    reference_form,
)
from involve.services import outreach_prompts, reference_distributions
from involve.services.authority import get_settings
from involve.services.lifecycle import is_accepting_responses
from involve.services.reference_distributions import OFFICER_DIMENSIONS, ReferenceRejected
from involve.services.reference_groups import DIMENSION_LABELS, OGL_ATTRIBUTION
from involve.services.representativeness_export import (
    record_report_export,
    report_csv,
    report_filename,
)
from involve.services.representativeness_report import build_report, consultation_activity
from involve.services.representativeness_weighting import weighted_results


def _area_code() -> str:
    settings = get_settings()
    return settings.ons_code if settings is not None else ""


def _to_report(activity: Activity) -> Response:
    return redirect(url_for("officer.representativeness", activity_id=activity.id))


@officer.route("/activities/<int:activity_id>/representativeness")
@require_permission(Permission.READ_REPORTS)
def representativeness(activity_id: int) -> str:
    activity = activity_or_404(activity_id)
    report = build_report(activity)
    consultation = activity.consultation
    return render_template(
        "officer/representativeness/report.html",
        activity=activity,
        report=report,
        weighted=weighted_results(activity, _area_code(), report.threshold),
        is_live=consultation is not None and is_accepting_responses(consultation),
        own_references=reference_distributions.list_activity_references(activity),
        officer_dimensions=[(key, DIMENSION_LABELS[key]) for key in OFFICER_DIMENSIONS],
        export_form=ExportForm(),
        attribution=OGL_ATTRIBUTION,
    )


@officer.route("/consultations/<int:consultation_id>/who-took-part")
@require_permission(Permission.READ_REPORTS)
def consultation_representativeness(consultation_id: int) -> Response:
    """The consultation overview links here: its activity's representativeness page."""
    activity = consultation_activity(consultation_id)
    if activity is None:
        abort(404)
    return _to_report(activity)


@officer.route("/activities/<int:activity_id>/representativeness.csv", methods=["POST"])
@require_permission(Permission.READ_REPORTS)
def representativeness_csv(activity_id: int) -> Response:
    activity = activity_or_404(activity_id)
    report = build_report(activity)
    weighted = weighted_results(activity, _area_code(), report.threshold)
    record_report_export(actor=current_user, report=report)
    return Response(
        stream_with_context(report_csv(report, weighted)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{report_filename(report)}"'},
    )


@officer.route(
    "/activities/<int:activity_id>/representativeness/reference/<dimension>",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def representativeness_reference(activity_id: int, dimension: str) -> str | Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    if dimension not in OFFICER_DIMENSIONS:
        abort(404)
    groups = reference_distributions.officer_groups(dimension, _area_code())
    if not groups:
        abort(404)
    form = reference_form(groups)
    upload = form.spreadsheet.data
    if form.validate_on_submit():
        try:
            counts = (
                reference_distributions.parse_reference_csv(upload.read(), groups)
                if getattr(upload, "filename", "")
                else form.typed_counts()
            )
            reference_distributions.save_activity_reference(
                actor=current_user,
                activity=activity,
                dimension=dimension,
                title=form.title.data or "",
                source=form.source.data or "",
                counts=counts,
            )
        except ReferenceRejected as error:
            field = (
                form.spreadsheet if getattr(upload, "filename", "") else form[group_field_name(0)]
            )
            field.errors = [*field.errors, str(error)]
        else:
            flash(f"{DIMENSION_LABELS[dimension]} reference figures saved", "success")
            return _to_report(activity)
    return render_template(
        "officer/representativeness/reference_form.html",
        activity=activity,
        form=form,
        dimension_label=DIMENSION_LABELS[dimension],
        group_fields=[form[group_field_name(index)] for index in range(len(groups))],
    )


@officer.route(
    "/activities/<int:activity_id>/representativeness/reference/<int:reference_id>/remove",
    methods=["POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def remove_representativeness_reference(activity_id: int, reference_id: int) -> Response:
    activity = activity_or_404(activity_id)
    require_can_change(activity)
    reference = reference_distributions.get_activity_reference(activity, reference_id)
    if reference is None:
        abort(404)
    reference_distributions.remove_activity_reference(
        actor=current_user, activity=activity, reference=reference
    )
    flash("Reference figures removed: the census is used again", "success")
    return _to_report(activity)


@officer.route("/settings/outreach-prompts")
@require_permission(Permission.READ_REPORTS)
def outreach_prompt_list() -> str:
    return render_template(
        "officer/representativeness/prompts.html", prompts=outreach_prompts.list_prompts()
    )


@officer.route("/settings/outreach-prompts/change", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def outreach_prompt_edit() -> str | Response:
    dimension = request.args.get("dimension", "")
    group = request.args.get("group", "")
    prompt = outreach_prompts.find_prompt(dimension, group)
    if prompt is None:
        abort(404)
    form = PromptForm(data={"text": prompt.text} if request.method == "GET" else None)
    if form.validate_on_submit():
        outreach_prompts.save_prompt(
            actor=current_user, dimension=dimension, group=group, text=form.text.data or ""
        )
        flash(f"Prompt for {prompt.group_label} saved", "success")
        return redirect(url_for("officer.outreach_prompt_list"))
    return render_template("officer/representativeness/prompt_form.html", prompt=prompt, form=form)
