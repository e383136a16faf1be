"""Officer screens for a consultation's pages of questions: add, rename, delete, order, route,
and preview them as a resident will see them."""

from __future__ import annotations

from flask import flash, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.officer import officer
from involve.officer.consultation_routes import consultation_or_404
from involve.officer.question_forms import PageForm, build_routing_form
from involve.officer.question_routes import page_or_404, run_change, to_builder
from involve.services import questions
from involve.services.errors import DomainError


@officer.route("/consultations/<int:consultation_id>/pages/new", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def new_page(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    form = PageForm()
    if form.validate_on_submit():
        run_change(
            questions.add_page,
            "Page added",
            consultation=consultation,
            title=form.title.data or "",
        )
        return to_builder(consultation)
    return render_template(
        "officer/consultations/page_form.html",
        form=form,
        consultation=consultation,
        heading="Add a page",
        action=url_for("officer.new_page", consultation_id=consultation.id),
    )


@officer.route(
    "/consultations/<int:consultation_id>/pages/<int:page_id>/rename", methods=["GET", "POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def rename_page(consultation_id: int, page_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    form = PageForm(data={"title": page.title})
    if form.validate_on_submit():
        run_change(questions.rename_page, "Page renamed", page=page, title=form.title.data or "")
        return to_builder(consultation)
    return render_template(
        "officer/consultations/page_form.html",
        form=form,
        consultation=consultation,
        heading=f"Rename page {page.position + 1}",
        action=url_for("officer.rename_page", consultation_id=consultation.id, page_id=page.id),
    )


@officer.route("/consultations/<int:consultation_id>/pages/<int:page_id>/delete", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def delete_page(consultation_id: int, page_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    run_change(questions.delete_page, "Page deleted", page=page)
    return to_builder(consultation)


@officer.route("/consultations/<int:consultation_id>/pages/<int:page_id>/move-up", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def move_page_up(consultation_id: int, page_id: int) -> Response:
    return _move_page(consultation_id, page_id, "up")


@officer.route(
    "/consultations/<int:consultation_id>/pages/<int:page_id>/move-down", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def move_page_down(consultation_id: int, page_id: int) -> Response:
    return _move_page(consultation_id, page_id, "down")


def _move_page(consultation_id: int, page_id: int, direction: str) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    run_change(questions.move_page, "", page=page, direction=direction)
    return to_builder(consultation)


@officer.route(
    "/consultations/<int:consultation_id>/pages/<int:page_id>/routing", methods=["GET", "POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def page_routing(consultation_id: int, page_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    form = build_routing_form(page)
    if form.validate_on_submit():
        question_id, value = form.chosen()
        try:
            question = (
                None if question_id is None else questions.get_question(consultation, question_id)
            )
            questions.set_page_routing(
                actor=current_user, page=page, question=question, value=value
            )
        except DomainError as error:
            message = str(error)
            form.condition.errors = [
                "Select a question on an earlier page" if "not found" in message else message
            ]
        else:
            flash("Routing saved", "success")
            return to_builder(consultation)
    return render_template(
        "officer/consultations/page_routing.html",
        form=form,
        consultation=consultation,
        page=page,
        is_frozen=questions.is_frozen(consultation),
    )


@officer.route("/consultations/<int:consultation_id>/preview")
@require_permission(Permission.READ_REPORTS)
def preview_consultation(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    return render_template("officer/consultations/preview.html", consultation=consultation)
