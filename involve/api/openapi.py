"""The API's OpenAPI 3.1 description, built as a Python dict and served at /api/openapi.json.
Paths, parameters and responses here; the objects' schemas are in openapi_schemas."""

from __future__ import annotations

from typing import Any

from involve.api.openapi_schemas import SCHEMAS, STATUSES, ref
from involve.api.problems import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, MAX_TEXT

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
HEADERS = {
    "Access-Control-Allow-Origin": {"$ref": "#/components/headers/AccessControlAllowOrigin"},
    "Cache-Control": {"$ref": "#/components/headers/CacheControl"},
}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": HEADERS,
        "content": {"application/json": {"schema": ref(schema)}},
    }


def _parameter(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


def _get(
    summary: str,
    ok: dict[str, Any],
    *,
    operation_id: str,
    parameters: tuple[str, ...] = (),
    errors: tuple[str, ...] = ("BadRequest",),
    description: str = "",
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "operationId": operation_id,
        "parameters": [_parameter(name) for name in parameters],
        "responses": {
            "200": ok,
            **{
                "400" if error == "BadRequest" else "404": {
                    "$ref": f"#/components/responses/{error}"
                }
                for error in errors
            },
        },
    }
    if description:
        operation["description"] = description
    return {"get": operation}


PATHS: dict[str, Any] = {
    "/api": _get(
        "How to use the API (this description, for people)",
        {"description": "A web page.", "content": {"text/html": {"schema": {"type": "string"}}}},
        operation_id="docs",
        errors=(),
    ),
    "/api/openapi.json": _get(
        "This OpenAPI description",
        {
            "description": "An OpenAPI 3.1 document.",
            "headers": HEADERS,
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        operation_id="openapi",
        errors=(),
    ),
    "/api/v1/consultations": _get(
        "Published consultations, latest first",
        _json("ConsultationList", "One page of consultations."),
        operation_id="listConsultations",
        parameters=("page", "per_page", "topic", "status", "ward"),
    ),
    "/api/v1/consultations/{slug}": _get(
        "One consultation: proposal, reasons, dates, areas, documents, questions, outcome",
        _json("Consultation", "The consultation."),
        operation_id="getConsultation",
        parameters=("slug",),
        errors=("BadRequest", "NotFound"),
    ),
    "/api/v1/consultations/{slug}/results": _get(
        "A closed consultation's aggregate results",
        _json("Results", "Counts with small numbers suppressed, themes and moderated quotes."),
        operation_id="getConsultationResults",
        parameters=("slug",),
        errors=("BadRequest", "NotFound"),
        description=(
            "Published once the consultation has closed. Before then the answer is 404 with "
            "the problem type ending in #results-not-yet-published."
        ),
    ),
    "/api/v1/activities": _get(
        "Published involvement activities, latest first",
        _json("ActivityList", "One page of activities."),
        operation_id="listActivities",
        parameters=("page", "per_page"),
    ),
    "/api/v1/activities/{slug}": _get(
        "One activity: format, dates, venue, audiences, outcome, attendance",
        _json("Activity", "The activity."),
        operation_id="getActivity",
        parameters=("slug",),
        errors=("BadRequest", "NotFound"),
    ),
    "/api/v1/bulk.zip": _get(
        "Everything, as JSON Lines files in a zip, with a README",
        {
            "description": "consultations.jsonl, questions.jsonl, results.jsonl, activities.jsonl",
            "headers": HEADERS,
            "content": {
                "application/zip": {
                    "schema": {"type": "string", "contentMediaType": "application/zip"}
                }
            },
        },
        operation_id="bulkDownload",
        errors=(),
    ),
}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


PARAMETERS = {
    "page": _query(
        "page",
        "Page number, from 1.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    ),
    "per_page": _query(
        "per_page",
        f"Items a page, at most {MAX_PER_PAGE}.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    ),
    "topic": _query(
        "topic",
        "Only consultations with this topic (exact).",
        {"type": "string", "maxLength": MAX_TEXT},
    ),
    "status": _query("status", "Only consultations in this phase.", {"enum": STATUSES}),
    "ward": _query(
        "ward",
        "Only consultations covering this ward (ONS code), whole-area ones included.",
        {"type": "string", "pattern": "^[EWSNewsn][0-9]{8}$"},
    ),
    "slug": {
        "name": "slug",
        "in": "path",
        "required": True,
        "description": "The address name, as in the web page's address.",
        "schema": {"type": "string", "maxLength": 120},
    },
}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"Access-Control-Allow-Origin": HEADERS["Access-Control-Allow-Origin"]},
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


def build_openapi(*, server_url: str, authority: str, docs_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{authority}: open data on consultations and involvement",
            "version": "1.0.0",
            "summary": "Published consultations, questions, aggregate results and activities.",
            "description": (
                "Read-only and open: no key, no sign-in. Only published things, never personal "
                "data; counts from 1 to the threshold minus one are suppressed (null, "
                f'"suppressed": true). How to use it: {docs_url}'
            ),
            "license": {"name": "Open Government Licence v3.0", "url": OGL},
        },
        "servers": [{"url": server_url}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "parameters": PARAMETERS,
            "responses": {
                "BadRequest": _problem("A parameter is not valid (see invalid_params)."),
                "NotFound": _problem("Nothing published has that address, or not yet."),
            },
            "headers": {
                "AccessControlAllowOrigin": {
                    "description": "Always *: any web page may read the data.",
                    "schema": {"const": "*"},
                },
                "CacheControl": {
                    "description": "How long caches may keep the answer.",
                    "schema": {"type": "string"},
                },
            },
        },
    }
