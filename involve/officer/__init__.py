"""The officer blueprint: every page needs a signed-in officer, checked once here for all."""

from __future__ import annotations

from flask import Blueprint, Response
from flask_login import login_required

officer = Blueprint("officer", __name__)


@officer.before_request
@login_required
def require_sign_in() -> None:
    """Runs before every officer view; login_required redirects anonymous visitors to sign in."""


@officer.after_request
def never_cache(response: Response) -> Response:
    """Officer pages and downloads hold personal data and unpublished work: no browser or proxy
    may keep a copy (a shared council PC's back button, a caching proxy)."""
    response.headers["Cache-Control"] = "no-store"
    return response


# Route modules register themselves on the blueprint when imported.
from involve.officer import (  # noqa: E402, F401
    access_log_routes,
    activity_routes,
    admin_routes,
    compliance_routes,
    consultation_routes,
    dashboard_routes,
    data_request_routes,
    decision_routes,
    document_routes,
    election_routes,
    event_routes,
    fairness_routes,
    import_routes,
    job_routes,
    moderation_routes,
    offline_routes,
    outbox_routes,
    page_routes,
    planning_routes,
    privacy_routes,
    question_routes,
    representativeness_routes,
    response_routes,
    retention_routes,
    strategy_routes,
    theming_codeframe_routes,
    theming_coding_routes,
    theming_hub_routes,
    theming_suggestion_routes,
    theming_summary_routes,
    two_factor_reset_routes,
    year_routes,
)
