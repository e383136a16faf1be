"""Keying in a response that came on paper, by phone, by e-mail, at an event or with help."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import (
    AgeBand,
    Channel,
    Consultation,
    ElectedStatus,
    RespondingAs,
)
from involve.officer import officer
from involve.officer.offline_forms import OfflineResponseForm
from involve.questionnaire.answers import (
    clean_form,
    error_anchor,
    page_errors,
    parse_answer,
)
from involve.services import offline_responses, response_queries
from involve.services.errors import NotFound
from involve.services.response_import import parse_visible_answers
from involve.services.response_import_columns import ordered_questions
from involve.services.responses import optional_copy


def consultation_or_404(consultation_id: int) -> Consultation:
    try:
        return response_queries.get_consultation(consultation_id)
    except NotFound:
        abort(404)


def render_not_taking(consultation: Consultation, status: int) -> tuple[str, int]:
    return render_template("officer/offline/not_taking.html", consultation=consultation), status


def _conditions(consultation: Consultation) -> dict[int, str]:
    """page id -> "Only answer if ..." for pages routing may hide."""
    questions = {question.id: question for question in ordered_questions(consultation.pages)}
    notes = {}
    for page in consultation.pages:
        condition = questions.get(page.show_if_question_id or 0)
        if condition is not None:
            notes[page.id] = (
                f'Only answer if the answer to "{condition.text}" was "{page.show_if_value}"'
            )
    return notes


def _render(consultation: Consultation, form: OfflineResponseForm, **context: object) -> str:
    return render_template(
        "officer/offline/new.html",
        consultation=consultation,
        pages=sorted(consultation.pages, key=lambda page: page.position),
        conditions=_conditions(consultation),
        form=form,
        **{"submitted": {}, "errors": {}, "entered": None, "skipped": 0, **context},
    )


def _entered(consultation: Consultation) -> object:
    reference = request.args.get("entered", "")
    if not reference:
        return None
    return response_queries.find_reference(consultation=consultation, search=reference)


@officer.route("/consultations/<int:consultation_id>/responses/new", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def new_offline_response(consultation_id: int) -> str | tuple[str, int] | HttpResponse:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    if not offline_responses.is_taking_offline_responses(consultation):
        return render_not_taking(consultation, 409 if request.method == "POST" else 200)
    form = OfflineResponseForm(consultation=consultation)
    if request.method == "GET":
        return _render(
            consultation,
            form,
            entered=_entered(consultation),
            skipped=request.args.get("skipped", 0, type=int),
        )
    form_ok = form.validate()
    typed_form = clean_form(request.form)
    answers, skipped = parse_visible_answers(
        consultation.pages, typed_form, long_text_max=current_app.config["LONG_TEXT_MAX"]
    )
    questions = {question.id: question for question in ordered_questions(consultation.pages)}
    errors = page_errors(ordered_questions(consultation.pages), answers)
    submitted = _typed(consultation, typed_form)
    form.answer_errors = {error_anchor(questions[qid]): message for qid, message in errors.items()}
    if not form_ok or errors:
        return _render(consultation, form, submitted=submitted, errors=errors)
    response = offline_responses.enter_response(
        actor=current_user,
        consultation=consultation,
        channel=Channel(form.channel.data),
        received_on=form.received_on.data,
        answers=answers,
        about_you=offline_responses.AboutYouBasics(
            responding_as=RespondingAs(form.responding_as.data)
            if form.responding_as.data
            else None,
            organisation_name=form.organisation_name.data or "",
            age_band=AgeBand(form.age_band.data) if form.age_band.data else None,
            economic_activity=form.economic_activity.data or "",
            postcode=form.postcode.data or "",
            elected_status=(
                ElectedStatus(form.elected_status.data) if form.elected_status.data else None
            ),
        ),
    )
    return redirect(
        url_for(
            "officer.new_offline_response",
            consultation_id=consultation.id,
            entered=response.reference,
            skipped=skipped or None,
        )
    )


def _typed(consultation: Consultation, form: Mapping[str, Any]) -> dict[str, object]:
    """Every answer field as sent, to show the page again with nothing lost."""
    submitted: dict[str, object] = {}
    for question in ordered_questions(consultation.pages):
        parsed = parse_answer(
            optional_copy(question), form, long_text_max=current_app.config["LONG_TEXT_MAX"]
        )
        submitted.update(parsed.submitted)
    return submitted
