"""The response journey: question pages one at a time, save and come back later, resume, check
your answers, submit and confirmation. `?return=check` brings people back to check your answers
after a change. Once a consultation stops accepting responses, anything posted is read back."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from involve.abuse_limits import (
    RESUME,
    limit_posts,
    limit_responding,
    limit_saving_for_later,
    limit_submitting,
)
from involve.models import AGREE_SCALE, Consultation, QuestionPage, Response
from involve.public.consultation_routes import public_consultation_or_404
from involve.public.journey_pages import (
    long_text_max,
    refuse_closed,
    stored_answers,
    stored_submitted,
    typed_answers,
)
from involve.public.journey_state import (
    current_response,
    forget_response,
    remember_response,
    remember_submitted_reference,
    submitted_reference,
)
from involve.public.response_forms import AnswersForm, ResumeForm, SubmitForm
from involve.public.routes import public
from involve.public.spam import is_submitted_too_fast
from involve.questionnaire.answers import clean_form, display_answer, error_anchor, page_errors
from involve.services import responses
from involve.services.about_you import profile_rows
from involve.services.lifecycle import is_accepting_responses

View = str | WerkzeugResponse
_SUBMISSION_KEY = re.compile(r"^[0-9a-f]{64}$")


@public.app_template_global("agree_scale_points")
def agree_scale_points() -> list[str]:
    return AGREE_SCALE


def _returning() -> dict[str, str]:
    return {"return": "check"} if request.args.get("return") == "check" else {}


def _to_consultation(consultation: Consultation) -> WerkzeugResponse:
    return redirect(url_for("public.consultation", slug=consultation.slug))


def _resume_code_key(consultation: Consultation) -> str:
    return f"resume_code:{consultation.id}"


def _render_question_page(
    consultation: Consultation,
    page: QuestionPage,
    page_number: int,
    *,
    form: AnswersForm,
    submitted: dict[str, Any],
    errors: dict[int, str],
) -> str:
    for question in page.questions:
        if question.id in errors:
            form.answer_errors[error_anchor(question)] = errors[question.id]
    if _returning():
        back_url = url_for("public.check_answers", slug=consultation.slug)
    elif page_number > 1:
        back_url = url_for(
            "public.question_page", slug=consultation.slug, page_number=page_number - 1
        )
    else:
        back_url = url_for("public.consultation", slug=consultation.slug)
    return render_template(
        "public/questions/page.html",
        consultation=consultation,
        page=page,
        page_number=page_number,
        form=form,
        submitted=submitted,
        errors=errors,
        back_url=back_url,
        action=url_for(
            "public.question_page", slug=consultation.slug, page_number=page_number, **_returning()
        ),
    )


def _after_page(consultation: Consultation, response: Response, page: QuestionPage) -> str:
    """Next visible page, else the about-you section, else check your answers."""
    slug = consultation.slug
    if _returning():
        return url_for("public.check_answers", slug=slug)
    shown = responses.pages_for(consultation, response)
    later = [number for number, each in enumerate(shown, 1) if each.position > page.position]
    if later:
        return url_for("public.question_page", slug=slug, page_number=later[0])
    if consultation.about_you_enabled:
        return url_for("public.about_you", slug=slug)
    return url_for("public.check_answers", slug=slug)


def _missing_errors(
    consultation: Consultation, response: Response | None, page_number: int
) -> dict[int, str]:
    """After check your answers sent someone here (?missing=1): the unanswered question's error."""
    if not request.args.get("missing"):
        return {}
    missing = responses.first_missing_answer(consultation, response, long_text_max=long_text_max())
    if missing is None or missing.page_number != page_number:
        return {}
    return {missing.question.id: missing.message}


def _typed_on_page() -> list[tuple[str, list[str]]]:
    """What was typed into the page being sent, to read back if it cannot be saved."""
    consultation = public_consultation_or_404((request.view_args or {}).get("slug", ""))
    return typed_answers(consultation, clean_form(request.form))


@public.route("/consultations/<slug>/questions/<int:page_number>", methods=["GET", "POST"])
@limit_responding(_typed_on_page)
@limit_saving_for_later(_typed_on_page)
def question_page(slug: str, page_number: int) -> View:
    consultation = public_consultation_or_404(slug)
    if not is_accepting_responses(consultation):
        if request.method == "POST":
            return refuse_closed(
                consultation, typed_answers(consultation, clean_form(request.form))
            )
        return _to_consultation(consultation)
    response = current_response(consultation)
    shown = responses.pages_for(consultation, response)
    if not 1 <= page_number <= len(shown):
        abort(404)
    page = shown[page_number - 1]
    if request.method == "GET":
        return _render_question_page(
            consultation,
            page,
            page_number,
            form=AnswersForm(),
            submitted=stored_submitted(page.questions, response),
            errors=_missing_errors(consultation, response, page_number),
        )
    return _save_page(consultation, response, page, page_number)


def _save_page(
    consultation: Consultation, response: Response | None, page: QuestionPage, page_number: int
) -> View:
    """Continue: every answer must be valid before anything is saved. Save and come back later:
    whatever parses is saved, and only badly formed answers are shown back to fix. A filled-in
    honeypot saves nothing: the page comes back with everything typed and the box to empty."""
    form = AnswersForm()
    is_trapped = not form.validate()
    saving_for_later = request.form.get("action") == "save"
    parsed = responses.parse_page(
        page,
        clean_form(request.form),
        long_text_max=long_text_max(),
        skip_required=saving_for_later,
    )
    errors = page_errors(page.questions, parsed)
    submitted = {
        key: value for answer in parsed.values() for key, value in answer.submitted.items()
    }
    if is_trapped or (errors and not saving_for_later):
        return _render_question_page(
            consultation, page, page_number, form=form, submitted=submitted, errors=errors
        )
    if response is None:
        response = responses.start_response(consultation=consultation)
        remember_response(consultation, response)
    responses.save_page_answers(response=response, page=page, parsed=parsed)
    if errors:
        return _render_question_page(
            consultation, page, page_number, form=form, submitted=submitted, errors=errors
        )
    if saving_for_later:
        session[_resume_code_key(consultation)] = responses.create_resume_code(response=response)
        return redirect(url_for("public.saved", slug=consultation.slug))
    return redirect(_after_page(consultation, response, page))


@public.route("/consultations/<slug>/saved")
def saved(slug: str) -> View:
    consultation = public_consultation_or_404(slug)
    code = session.get(_resume_code_key(consultation))
    if not code:
        return _to_consultation(consultation)
    shown_code = responses.format_resume_code(code)
    return render_template(
        "public/saved.html",
        consultation=consultation,
        code=shown_code,
        resume_url=url_for("public.resume", slug=slug, code=shown_code, _external=True),
    )


@public.route("/consultations/<slug>/resume", methods=["GET", "POST"])
@limit_posts(RESUME, failures_only=True)
def resume(slug: str) -> View:
    consultation = public_consultation_or_404(slug)
    if not is_accepting_responses(consultation):
        if request.method == "POST":
            return refuse_closed(consultation, [])
        return _to_consultation(consultation)
    form = ResumeForm() if request.method == "POST" else ResumeForm(code=request.args.get("code"))
    if form.validate_on_submit():
        response = responses.find_resumable_response(consultation=consultation, code=form.code.data)
        if response is not None:
            remember_response(consultation, response)
            return redirect(url_for("public.question_page", slug=slug, page_number=1))
        form.code.errors = [f"Enter the code you were given, like {responses.RESUME_CODE_EXAMPLE}"]
    return render_template(
        "public/resume.html",
        consultation=consultation,
        form=form,
        example=responses.RESUME_CODE_EXAMPLE,
    )


def _missing_redirect(consultation: Consultation, response: Response | None) -> View | None:
    """Sends people to the first page with a required question still unanswered."""
    missing = responses.first_missing_answer(consultation, response, long_text_max=long_text_max())
    if missing is None:
        return None
    return redirect(
        url_for(
            "public.question_page",
            slug=consultation.slug,
            page_number=missing.page_number,
            missing=1,
            **{"return": "check"},
        )
    )


def _answer_rows(consultation: Consultation, response: Response) -> list[dict[str, Any]]:
    values = responses.stored_values(response)
    rows = []
    for number, page in enumerate(responses.pages_for(consultation, response), start=1):
        change = url_for(
            "public.question_page",
            slug=consultation.slug,
            page_number=number,
            **{"return": "check"},
        )
        for question in page.questions:
            lines = display_answer(question, values.get(question.id)) or ["Not answered"]
            rows.append({"question": question.text, "lines": lines, "change": change})
    return rows


@public.route("/consultations/<slug>/check-answers", methods=["GET", "POST"])
@limit_submitting()
def check_answers(slug: str) -> View:
    consultation = public_consultation_or_404(slug)
    form = SubmitForm()
    if request.method == "POST":
        key = form.submission_key.data or ""
        already = responses.find_by_submission_key(key) if _SUBMISSION_KEY.match(key) else None
        if already is not None and already.consultation_id == consultation.id:
            forget_response(consultation)
            remember_submitted_reference(consultation, already.reference)
            return redirect(url_for("public.confirmation", slug=slug))
    response = current_response(consultation)
    if not is_accepting_responses(consultation):
        if request.method == "POST":
            return refuse_closed(consultation, stored_answers(consultation, response))
        return _to_consultation(consultation)
    if response is None:
        return redirect(url_for("public.question_page", slug=slug, page_number=1))
    missing = _missing_redirect(consultation, response)
    if missing is not None:
        return missing
    is_too_fast = False
    if request.method == "POST" and _SUBMISSION_KEY.match(form.submission_key.data or ""):
        # Spam checks: a filled-in honeypot, or a response sent faster than a person could.
        is_valid = form.validate()  # only the honeypot can fail: CSRF was checked already
        is_too_fast = is_valid and is_submitted_too_fast(response)
        if is_valid and not is_too_fast:
            responses.submit_response(
                response=response,
                submission_key=form.submission_key.data,
                publish_consent=form.gives_publish_consent,
            )
            forget_response(consultation)
            remember_submitted_reference(consultation, response.reference)
            return redirect(url_for("public.confirmation", slug=slug))
    form.submission_key.data = responses.new_submission_key()
    return render_template(
        "public/check_answers.html",
        consultation=consultation,
        form=form,
        is_too_fast=is_too_fast,
        answer_rows=_answer_rows(consultation, response),
        profile_rows=profile_rows(response),
    )


@public.route("/consultations/<slug>/confirmation")
def confirmation(slug: str) -> View:
    consultation = public_consultation_or_404(slug)
    reference = submitted_reference(consultation)
    if not reference:
        return _to_consultation(consultation)
    submitted = responses.find_submitted_response(consultation, reference)
    return render_template(
        "public/confirmation.html",
        consultation=consultation,
        reference=reference,
        publish_consent=submitted is not None and submitted.publish_consent,
        gave_equality_answers=submitted is not None and submitted.equality is not None,
    )
