"""Officer screens for a consultation's questions: the builder, adding and changing questions,
ordering them, wording fixes once frozen, and the preview residents will see."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.ids import id_from
from involve.models import Consultation, Question, QuestionKind, QuestionPage
from involve.officer import officer
from involve.officer.consultation_routes import consultation_or_404
from involve.officer.question_forms import (
    KIND_HINTS,
    ChooseKindForm,
    MoveToPageForm,
    WordingFixForm,
    build_question_form,
)
from involve.services import data_minimisation, questions
from involve.services.errors import DomainError, NotFound


def to_builder(consultation: Consultation) -> Response:
    return redirect(url_for("officer.consultation_questions", consultation_id=consultation.id))


def _question_or_404(consultation: Consultation, question_id: int) -> Question:
    try:
        return questions.get_question(consultation, question_id)
    except NotFound:
        abort(404)


def _kind_or_404(kind: str) -> QuestionKind:
    try:
        return QuestionKind(kind)
    except ValueError:
        abort(404)


@officer.route("/consultations/<int:consultation_id>/questions")
@require_permission(Permission.READ_REPORTS)
def consultation_questions(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    return render_template(
        "officer/consultations/questions.html",
        consultation=consultation,
        is_frozen=questions.is_frozen(consultation),
        frozen_message=questions.FROZEN_MESSAGE,
        questions_by_id={q.id: q for page in consultation.pages for q in page.questions},
        minimisation=data_minimisation.check_personal_data(consultation),
    )


@officer.route(
    "/consultations/<int:consultation_id>/pages/<int:page_id>/questions/new",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def choose_question_kind(consultation_id: int, page_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    if questions.is_frozen(consultation):
        flash(questions.FROZEN_MESSAGE, "error")
        return to_builder(consultation)
    form = ChooseKindForm()
    if form.validate_on_submit():
        return redirect(
            url_for(
                "officer.new_question",
                consultation_id=consultation.id,
                page_id=page.id,
                kind=form.kind.data,
            )
        )
    return render_template(
        "officer/consultations/choose_kind.html",
        form=form,
        consultation=consultation,
        heading="Add a question",
        action=url_for(
            "officer.choose_question_kind", consultation_id=consultation.id, page_id=page.id
        ),
        kind_hints={kind.value: hint for kind, hint in KIND_HINTS.items()},
    )


@officer.route(
    "/consultations/<int:consultation_id>/pages/<int:page_id>/questions/new/<kind>",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def new_question(consultation_id: int, page_id: int, kind: str) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    page = page_or_404(consultation, page_id)
    question_kind = _kind_or_404(kind)
    form = build_question_form(question_kind)
    if form.validate_on_submit():
        try:
            questions.add_question(actor=current_user, page=page, spec=form.spec())
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"Question added: {form.text.data}", "success")
        return to_builder(consultation)
    return render_template(
        "officer/consultations/question_form.html",
        form=form,
        consultation=consultation,
        kind=question_kind,
        question=None,
    )


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/edit",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def edit_question(consultation_id: int, question_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    if questions.is_frozen(consultation):
        return redirect(
            url_for(
                "officer.fix_question_wording",
                consultation_id=consultation.id,
                question_id=question.id,
            )
        )
    kind = _kind_or_404(request.args.get("kind", question.kind.value))
    form = build_question_form(kind, question)
    if form.validate_on_submit():
        try:
            questions.update_question(actor=current_user, question=question, spec=form.spec())
        except questions.RoutingProblem as error:
            form.options.errors = [str(error)]
        except DomainError as error:
            flash(str(error), "error")
            return to_builder(consultation)
        else:
            flash(f"Question saved: {question.text}", "success")
            return to_builder(consultation)
    minimisation = data_minimisation.check_personal_data(consultation)
    return render_template(
        "officer/consultations/question_form.html",
        form=form,
        consultation=consultation,
        kind=kind,
        question=question,
        minimisation=minimisation,
        personal_data_warning_for=minimisation.for_question(question),
    )


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/change-type",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def change_question_kind(consultation_id: int, question_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    if questions.is_frozen(consultation):
        flash(questions.FROZEN_MESSAGE, "error")
        return to_builder(consultation)
    form = ChooseKindForm(data={"kind": question.kind.value})
    if form.validate_on_submit():
        return redirect(
            url_for(
                "officer.edit_question",
                consultation_id=consultation.id,
                question_id=question.id,
                kind=form.kind.data,
            )
        )
    return render_template(
        "officer/consultations/choose_kind.html",
        form=form,
        consultation=consultation,
        heading="Change the type of question",
        action=url_for(
            "officer.change_question_kind",
            consultation_id=consultation.id,
            question_id=question.id,
        ),
        kind_hints={kind.value: hint for kind, hint in KIND_HINTS.items()},
    )


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/fix-wording",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def fix_question_wording(consultation_id: int, question_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    form = WordingFixForm(data={"text": question.text, "hint": question.hint})
    if form.validate_on_submit():
        questions.fix_wording(
            actor=current_user,
            question=question,
            text=form.text.data,
            hint=form.hint.data or "",
            reason=form.reason.data,
        )
        flash("Wording fixed. The change and its reason have been recorded", "success")
        return to_builder(consultation)
    return render_template(
        "officer/consultations/wording_fix.html",
        form=form,
        consultation=consultation,
        question=question,
    )


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/delete", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def delete_question(consultation_id: int, question_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    run_change(questions.delete_question, f"Question deleted: {question.text}", question=question)
    return to_builder(consultation)


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/move-up", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def move_question_up(consultation_id: int, question_id: int) -> Response:
    return _move_question(consultation_id, question_id, "up")


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/move-down", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def move_question_down(consultation_id: int, question_id: int) -> Response:
    return _move_question(consultation_id, question_id, "down")


def _move_question(consultation_id: int, question_id: int, direction: str) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    run_change(questions.move_question, "", question=question, direction=direction)
    return to_builder(consultation)


@officer.route(
    "/consultations/<int:consultation_id>/questions/<int:question_id>/move-to-page",
    methods=["POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def move_question_to_page(consultation_id: int, question_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    question = _question_or_404(consultation, question_id)
    form = MoveToPageForm()
    target = id_from(form.to_page.data) if form.validate_on_submit() else None
    if target is None:
        flash("Select a page", "error")
        return to_builder(consultation)
    page = page_or_404(consultation, target)
    run_change(questions.move_question_to_page, "Question moved", question=question, page=page)
    return to_builder(consultation)


def page_or_404(consultation: Consultation, page_id: int) -> QuestionPage:
    try:
        return questions.get_page(consultation, page_id)
    except NotFound:
        abort(404)


def run_change(action: Callable[..., object], success: str, **kwargs: object) -> bool:
    """Call a questions service; show its refusal (frozen, routing) as a banner."""
    try:
        action(actor=current_user, **kwargs)
    except DomainError as error:
        flash(str(error), "error")
        return False
    if success:
        flash(success, "success")
    return True
