"""The public site: home page and the standing pages every council service must have."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from involve.public.home_forms import FindConsultationsForm
from involve.services.public_listing import (
    ListingFilters,
    PostcodeArea,
    find_postcode_area,
    list_public_consultations,
)

public = Blueprint("public", __name__)

# Residents' forms take no files, and their largest page (long answers, in any script) is well
# under this: a bigger body is refused with the GOV.UK 413 page before it is read. The app-wide
# MAX_CONTENT_LENGTH is sized for officers' uploads.
PUBLIC_MAX_BODY_BYTES = 2 * 1024 * 1024


@public.url_value_preprocessor
def limit_body_size(endpoint: str | None, values: dict | None) -> None:
    """Runs before any before_request (CSRF reads the form there), so the cap applies to it."""
    request.max_content_length = min(
        PUBLIC_MAX_BODY_BYTES, current_app.config.get("MAX_CONTENT_LENGTH") or PUBLIC_MAX_BODY_BYTES
    )


# Pages that show what a respondent typed, their details, their resume code or their reference:
# no browser or proxy may keep a copy (the back button of a library or shared family PC).
PRIVATE_ENDPOINTS = frozenset(
    {
        "public.question_page",
        "public.saved",
        "public.about_you",
        "public.about_you_age",
        "public.about_you_activity",
        "public.about_you_contact",
        "public.equality",
        "public.check_answers",
        "public.confirmation",
    }
)


@public.after_request
def never_cache_answers(response: Response) -> Response:
    if request.endpoint in PRIVATE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    return response


@public.route("/")
def home() -> str:
    """Open and decided consultations, searched and filtered by a GET form."""
    form = FindConsultationsForm(formdata=request.args)
    is_valid = form.validate()
    postcode_area: PostcodeArea | None = None
    if is_valid and form.postcode.data:
        postcode_area = find_postcode_area(form.postcode.data)
    filters = ListingFilters(
        words=form.q.data or "",
        topic=form.topic.data or "",
        ward_code=form.area.data or "",
        postcode_ward_code=postcode_area.ward_code if postcode_area else None,
    )
    listing = list_public_consultations(filters=filters)
    form.set_options(topics=listing.topics, areas=listing.areas)
    is_filtered = bool(filters.words or filters.topic or filters.ward_code or postcode_area)
    return render_template(
        "public/home.html",
        form=form,
        listing=listing,
        postcode_area=postcode_area,
        is_filtered=is_filtered,
    )


@public.route("/accessibility-statement")
def accessibility_statement() -> str:
    return render_template("pages/accessibility_statement.html")


@public.route("/privacy-notice")
def privacy_notice() -> str:
    return render_template("pages/privacy_notice.html")


@public.route("/cookies")
def cookies() -> str:
    return render_template("pages/cookies.html")


# Imported last: these modules add their routes to `public`.
from involve.public import (  # noqa: E402, F401
    about_you_routes,
    activity_routes,
    consultation_routes,
    outcome_routes,
    privacy_routes,
    response_routes,
    subscription_routes,
    withdrawal_routes,
)
