"""The API described twice: for people at /api (a GOV.UK page) and for programs at
/api/openapi.json (OpenAPI 3.1)."""

from __future__ import annotations

from flask import Response, current_app, jsonify, make_response, render_template

from involve.api import api
from involve.api.openapi import OGL, build_openapi
from involve.api.problems import DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_TEXT
from involve.api.routes import RESULTS_NOT_YET
from involve.public_urls import (
    NOT_SHARED,
    external_url,
    is_request_derived,
    request_cache_control,
    root_url,
)
from involve.services.authority import get_settings_or_placeholder
from involve.services.small_numbers import small_number_threshold

OPENAPI_MAX_AGE = 3600


@api.route("")
def docs() -> Response:
    response = make_response(
        render_template(
            "api/docs.html",
            licence_url=OGL,
            threshold=small_number_threshold(),
            max_per_page=MAX_PER_PAGE,
            default_per_page=DEFAULT_PER_PAGE,
            max_text=MAX_TEXT,
            not_yet_anchor=RESULTS_NOT_YET,
            base_url=root_url().rstrip("/"),
        )
    )
    if is_request_derived():  # its example addresses came from this request's Host header
        response.headers["Cache-Control"] = NOT_SHARED
    return response


@api.route("/openapi.json")
def openapi() -> Response:
    document = build_openapi(
        server_url=root_url().rstrip("/"),
        authority=get_settings_or_placeholder().name or current_app.config["SERVICE_NAME"],
        docs_url=external_url("api.docs"),
    )
    response = jsonify(document)
    # Its server address is the request's own when PUBLIC_URL is unset: then never shared.
    response.headers["Cache-Control"] = request_cache_control(f"public, max-age={OPENAPI_MAX_AGE}")
    return response
