"""The "about you" pages and the equality questions, between the last question page and check
your answers. `?return=check` sends people back to check your answers after a change."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from involve.abuse_limits import limit_responding
from involve.forms import InvolveForm
from involve.models import (
    AgeBand,
    Connection,
    Consultation,
    ElectedStatus,
    OrganisationType,
    RespondingAs,
    Response,
)
from involve.public.about_you_forms import (
    AboutYouForm,
    AgeAndPostcodeForm,
    ContactForm,
    EconomicActivityForm,
    EqualityForm,
)
from involve.public.consultation_routes import public_consultation_or_404
from involve.public.journey_pages import refuse_closed
from involve.public.journey_state import current_response, remember_response
from involve.public.routes import public
from involve.public.spam import HONEYPOT_FIELD
from involve.services import about_you, responses
from involve.services.lifecycle import is_accepting_responses

View = str | WerkzeugResponse


def _consultation_or_404(slug: str, *, equality: bool = False) -> Consultation:
    consultation = public_consultation_or_404(slug)
    enabled = (
        consultation.equality_questions_enabled if equality else consultation.about_you_enabled
    )
    if not enabled:
        abort(404)
    return consultation


def _refusal(consultation: Consultation, form_class: type[InvolveForm]) -> View | None:
    """Closed or not yet open: nothing is stored. A GET goes back to the consultation; a POST
    shows what the person typed, so nothing is lost without a message."""
    if is_accepting_responses(consultation):
        return None
    if request.method == "POST":
        return refuse_closed(consultation, _typed_back(form_class()))
    flash("This consultation is not accepting responses.")
    return redirect(url_for("public.consultation", slug=consultation.slug))


def _typed_back(form: InvolveForm) -> list[tuple[str, list[str]]]:
    """(label, lines) for each field the person filled in, choices shown as their labels."""
    read_back = []
    for field in form:
        skipped = field.type in ("CSRFTokenField", "SubmitField") or field.name == HONEYPOT_FIELD
        if skipped or not field.data:
            continue
        labels = {choice.value: choice.label for choice in getattr(field, "choices", None) or []}
        values = field.data if isinstance(field.data, list) else [field.data]
        lines = [str(labels.get(value, value)) for value in values if value not in ("", None)]
        if lines and field.type != "BooleanField":
            read_back.append((field.label.text, lines))
    return read_back


def _response_for_saving(consultation: Consultation) -> Response:
    """POST only: the in-progress response, started here when the person has none yet."""
    response = current_response(consultation)
    if response is None:
        response = responses.start_response(consultation=consultation)
        remember_response(consultation, response)
    return response


def _returning() -> dict[str, str]:
    return {"return": "check"} if request.args.get("return") == "check" else {}


def _check_answers(consultation: Consultation) -> str:
    return url_for("public.check_answers", slug=consultation.slug)


def _after_about_you(consultation: Consultation) -> str:
    if not _returning() and consultation.equality_questions_enabled:
        return url_for("public.equality", slug=consultation.slug)
    return _check_answers(consultation)


def _render(template: str, consultation: Consultation, form: object, **context: object) -> str:
    return render_template(
        f"public/about_you/{template}",
        consultation=consultation,
        form=form,
        returning=_returning(),
        check_answers_url=_check_answers(consultation),
        **context,
    )


@public.route("/consultations/<slug>/about-you", methods=["GET", "POST"], endpoint="about_you")
@limit_responding(lambda: _typed_back(AboutYouForm()))
def about_you_page(slug: str) -> View:
    consultation = _consultation_or_404(slug)
    if refusal := _refusal(consultation, AboutYouForm):
        return refusal
    response = current_response(consultation)
    if request.method == "GET" and response is not None and response.profile is not None:
        form = AboutYouForm(obj=response.profile)
    else:
        form = AboutYouForm()
    if form.validate_on_submit():
        about_you.save_about_you(
            response=_response_for_saving(consultation),
            responding_as=RespondingAs(form.responding_as.data),
            organisation_type=OrganisationType(form.organisation_type.data)
            if form.organisation_type.data
            else None,
            organisation_name=form.organisation_name.data or "",
            connections=[Connection(value) for value in form.connections.data or []],
            connection_other=form.connection_other.data or "",
            elected_status=ElectedStatus(form.elected_status.data),
        )
        if _returning():
            return redirect(_check_answers(consultation))
        return redirect(url_for("public.about_you_age", slug=slug))
    return _render("about_you.html", consultation, form)


@public.route("/consultations/<slug>/about-you/age-and-postcode", methods=["GET", "POST"])
@limit_responding(lambda: _typed_back(AgeAndPostcodeForm()))
def about_you_age(slug: str) -> View:
    consultation = _consultation_or_404(slug)
    if refusal := _refusal(consultation, AgeAndPostcodeForm):
        return refusal
    response = current_response(consultation)
    if request.method == "GET" and response is not None and response.profile is not None:
        form = AgeAndPostcodeForm(obj=response.profile)
    else:
        form = AgeAndPostcodeForm()
    if form.validate_on_submit():
        response = _response_for_saving(consultation)
        # Coming from check answers, the contact page is still asked if it never was before.
        contact_never_asked = response.profile is None or response.profile.age_band in (
            None,
            AgeBand.UNDER_16,
        )
        about_you.save_age_and_postcode(
            response=response,
            age_band=AgeBand(form.age_band.data),
            postcode=form.postcode.data or "",
        )
        if about_you.is_under_16(response):
            flash(about_you.UNDER_16_NOTE)
            return redirect(_after_about_you(consultation))
        if _returning() and not contact_never_asked:
            return redirect(_check_answers(consultation))
        if about_you.asks_economic_activity(response.profile):
            # From check answers, the contact page still follows: "then" carries that along.
            then = {"then": "contact"} if _returning() else {}
            return redirect(url_for("public.about_you_activity", slug=slug, **_returning(), **then))
        return redirect(url_for("public.about_you_contact", slug=slug, **_returning()))
    return _render("age_and_postcode.html", consultation, form)


def _after_activity(consultation: Consultation) -> str:
    if _returning() and request.args.get("then") != "contact":
        return _check_answers(consultation)
    return url_for("public.about_you_contact", slug=consultation.slug, **_returning())


@public.route("/consultations/<slug>/about-you/what-you-do", methods=["GET", "POST"])
@limit_responding(lambda: _typed_back(EconomicActivityForm()))
def about_you_activity(slug: str) -> View:
    """What people do (work, study, retired ...): optional, and only for individuals aged 16
    or over, who are sent straight on otherwise."""
    consultation = _consultation_or_404(slug)
    if refusal := _refusal(consultation, EconomicActivityForm):
        return refusal
    response = current_response(consultation)
    profile = response.profile if response is not None else None
    if not about_you.asks_economic_activity(profile):
        return redirect(_after_activity(consultation))
    form = (
        EconomicActivityForm(obj=profile)
        if request.method == "GET" and profile is not None
        else EconomicActivityForm()
    )
    if form.validate_on_submit():
        about_you.save_economic_activity(
            response=_response_for_saving(consultation),
            economic_activity=form.economic_activity.data or "",
        )
        return redirect(_after_activity(consultation))
    then = {"then": "contact"} if request.args.get("then") == "contact" else {}
    return _render(
        "what_you_do.html",
        consultation,
        form,
        action=url_for("public.about_you_activity", slug=slug, **_returning(), **then),
    )


@public.route("/consultations/<slug>/about-you/contact-details", methods=["GET", "POST"])
@limit_responding(lambda: _typed_back(ContactForm()))
def about_you_contact(slug: str) -> View:
    consultation = _consultation_or_404(slug)
    if refusal := _refusal(consultation, ContactForm):
        return refusal
    response = current_response(consultation)
    under_16 = response is not None and about_you.is_under_16(response)
    if request.method == "GET" and response is not None and response.profile is not None:
        form = ContactForm(obj=response.profile)
    else:
        form = ContactForm()
    if under_16 and request.method == "POST":
        return redirect(_after_about_you(consultation))
    if form.validate_on_submit():
        about_you.save_contact_details(
            response=_response_for_saving(consultation),
            name=form.name.data or "",
            email=form.email.data or "",
            wants_updates=bool(form.wants_updates.data),
        )
        return redirect(_after_about_you(consultation))
    asked_activity = response is None or about_you.asks_economic_activity(response.profile)
    return _render(
        "contact.html",
        consultation,
        form,
        back_url=url_for(
            "public.about_you_activity" if asked_activity else "public.about_you_age", slug=slug
        ),
        under_16=under_16,
        under_16_note=about_you.UNDER_16_NOTE,
        next_url=_after_about_you(consultation),
    )


@public.route("/consultations/<slug>/equality", methods=["GET", "POST"])
@limit_responding(lambda: _typed_back(EqualityForm()))
def equality(slug: str) -> View:
    consultation = _consultation_or_404(slug, equality=True)
    if refusal := _refusal(consultation, EqualityForm):
        return refusal
    response = current_response(consultation)
    if request.method == "GET" and response is not None and response.equality is not None:
        form = EqualityForm(obj=response.equality)
    else:
        form = EqualityForm()
    if form.validate_on_submit():
        about_you.save_equality_answers(
            response=_response_for_saving(consultation),
            sex=form.sex.data or "",
            ethnic_group=form.ethnic_group.data or "",
            disability=form.disability.data or "",
        )
        return redirect(_check_answers(consultation))
    back_url = None
    if consultation.about_you_enabled:
        under_16 = response is not None and about_you.is_under_16(response)
        back_page = "public.about_you_age" if under_16 else "public.about_you_contact"
        back_url = url_for(back_page, slug=slug)
    return _render("equality.html", consultation, form, back_url=back_url)
