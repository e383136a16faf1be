"""The API described twice: for people at /api (a GOV.UK page) and for programs at
/api/openapi.json (OpenAPI 3.1)."""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template, request, url_for

from involve.api import api
from involve.api.openapi import OGL, build_openapi
from involve.api.problems import DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_TEXT
from involve.api.routes import RESULTS_NOT_YET
from involve.services.authority import get_settings_or_placeholder
from involve.services.small_numbers import small_number_threshold

OPENAPI_MAX_AGE = 3600


@api.route("")
def docs() -> str:
    return render_template(
        "api/docs.html",
        licence_url=OGL,
        threshold=small_number_threshold(),
        max_per_page=MAX_PER_PAGE,
        default_per_page=DEFAULT_PER_PAGE,
        max_text=MAX_TEXT,
        not_yet_anchor=RESULTS_NOT_YET,
        base_url=request.url_root.rstrip("/"),
    )


@api.route("/openapi.json")
def openapi() -> Response:
    document = build_openapi(
        server_url=request.url_root.rstrip("/"),
        authority=get_settings_or_placeholder().name or current_app.config["SERVICE_NAME"],
        docs_url=url_for("api.docs", _external=True),
    )
    response = jsonify(document)
    response.headers["Cache-Control"] = f"public, max-age={OPENAPI_MAX_AGE}"
    return response
