"""Officer screens for a consultation's details and lifecycle: list, create, overview, change,
copy, publish, close early and publish the outcome."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import limit_service_choices, require_can_change
from involve.models import AudienceCategory, Consultation, Phase
from involve.officer import officer
from involve.officer.consultation_forms import CloseEarlyForm, build_consultation_form
from involve.services import (
    consultations,
    data_minimisation,
    decisions,
    questions,
    theming_hub,
)
from involve.services.authority import list_services
from involve.services.consultation_dates import DateIsFact
from involve.services.errors import DomainError, NotFound
from involve.services.fairness_records import record_notes
from involve.templating import format_datetime

PHASE_TAG_CLASSES = {
    "draft": "govuk-tag--grey",
    "scheduled": "govuk-tag--blue",
    "open": "govuk-tag--green",
    "closed": "govuk-tag--orange",
    "outcome_published": "govuk-tag--purple",
}


def consultation_or_404(consultation_id: int) -> Consultation:
    try:
        return consultations.get_consultation(consultation_id)
    except NotFound:
        abort(404)


def to_overview(consultation: Consultation) -> Response:
    return redirect(url_for("officer.consultation_overview", consultation_id=consultation.id))


@officer.app_template_global()
def phase_tag(consultation: Consultation) -> dict[str, str]:
    """govukTag params for a consultation's phase."""
    phase = consultations.phase_of(consultation)
    return {"text": phase.label, "classes": PHASE_TAG_CLASSES[phase.value]}


@officer.route("/consultations")
@require_permission(Permission.READ_REPORTS)
def list_consultations() -> str:
    return render_template(
        "officer/consultations/list.html", rows=consultations.list_consultations()
    )


@officer.route("/consultations/new", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def new_consultation() -> str | Response:
    wards = consultations.list_wards_for_authority()
    form = build_consultation_form(services=list_services(), wards=wards)
    limit_service_choices(form.service_id, current_user, editing=None)
    if form.validate_on_submit():
        created = consultations.create_consultation(actor=current_user, details=form.details())
        flash(f"{created.title} has been created as a draft", "success")
        return to_overview(created)
    return render_template(
        "officer/consultations/details_form.html", form=form, wards=wards, consultation=None
    )


@officer.route("/consultations/<int:consultation_id>")
@require_permission(Permission.READ_REPORTS)
def consultation_overview(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    return _overview(consultation)


def _overview(consultation: Consultation, problems: list[str] | None = None) -> str:
    return render_template(
        "officer/consultations/overview.html",
        consultation=consultation,
        phase=consultations.phase_of(consultation),
        problems=problems or [],
        response_count=consultations.count_responses(consultation),
        is_frozen=questions.is_frozen(consultation),
        themable=theming_hub.themable_questions(consultation),
        minimisation=data_minimisation.check_personal_data(consultation),
        recorded=record_notes(consultation),
        area_text=_area_text(consultation),
        audience_text=", ".join(
            AudienceCategory(value).label
            for value in consultation.audiences
            if value in AudienceCategory.__members__.values()
        ),
    )


def _area_text(consultation: Consultation) -> str:
    if consultation.whole_area:
        return "The whole authority"
    names = {ward.code: ward.name for ward in consultations.list_wards_for_authority()}
    return ", ".join(names.get(code, code) for code in consultation.ward_codes)


@officer.route("/consultations/<int:consultation_id>/details", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def edit_consultation(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    wards = consultations.list_wards_for_authority()
    form = build_consultation_form(services=list_services(), wards=wards, consultation=consultation)
    limit_service_choices(form.service_id, current_user, editing=consultation)
    if form.validate_on_submit():
        try:
            changed = consultations.update_consultation(
                actor=current_user, consultation=consultation, details=form.details()
            )
        except DateIsFact as error:  # it opened or closed between the check and the save
            for name, message in error.problems.items():
                form[name].errors = [message]
        else:
            flash("Details saved" if changed else "No changes to save", "success")
            return to_overview(consultation)
    return render_template(
        "officer/consultations/details_form.html",
        form=form,
        wards=wards,
        consultation=consultation,
    )


@officer.route("/consultations/<int:consultation_id>/copy", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def copy_consultation(consultation_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    copy = consultations.copy_consultation(actor=current_user, consultation=consultation)
    flash(f"{copy.title} has been created as a draft", "success")
    return to_overview(copy)


@officer.route("/consultations/<int:consultation_id>/publish", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def publish_consultation(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        consultations.publish(
            actor=current_user, consultation=consultation, base_url=request.url_root
        )
    except consultations.NotReadyToPublish as error:
        return _overview(consultation, problems=error.problems)
    except DomainError as error:
        flash(str(error), "error")
        return to_overview(consultation)
    flash(published_message(consultation), "success")
    return to_overview(consultation)


def published_message(consultation: Consultation) -> str:
    """Says plainly when residents will see it: nobody but officers can before it opens."""
    if consultations.phase_of(consultation) == Phase.SCHEDULED:
        return (
            f"{consultation.title} has been published. Residents will see it from "
            f"{format_datetime(consultation.opens_at)}, when it opens for responses. Until "
            "then only officers can see it."
        )
    return f"{consultation.title} has been published and is open: residents can see it now"


@officer.route("/consultations/<int:consultation_id>/unpublish", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def unpublish_consultation(consultation_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        consultations.unpublish(actor=current_user, consultation=consultation)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"{consultation.title} is a draft again", "success")
    return to_overview(consultation)


@officer.route("/consultations/<int:consultation_id>/close-early", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def close_consultation_early(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    form = CloseEarlyForm()
    if form.validate_on_submit():
        try:
            consultations.close_early(
                actor=current_user, consultation=consultation, reason=form.reason.data
            )
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"{consultation.title} has been closed", "success")
        return to_overview(consultation)
    return render_template(
        "officer/consultations/close_early.html", form=form, consultation=consultation
    )


@officer.route("/consultations/<int:consultation_id>/publish-outcome", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def publish_consultation_outcome(consultation_id: int) -> str | Response:
    """The outcome is the decision record's page: without a complete record, the officer is
    shown what is missing and led to the record."""
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        decisions.publish_outcome(
            actor=current_user, consultation=consultation, base_url=request.url_root
        )
    except decisions.DecisionNotReady as error:
        return render_template(
            "officer/consultations/record_decision_first.html",
            consultation=consultation,
            problems=error.problems,
        )
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(
            f"The outcome of {consultation.title} is published: \u201cYou said, we did\u201d is "
            "on the public site and anyone who asked to hear about it is being e-mailed",
            "success",
        )
    return to_overview(consultation)
