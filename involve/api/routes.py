"""The open-data API's consultation endpoints, and the headers and errors of every API response.

Read-only, no sign-in, published things only (see involve.services.open_data). Results are
published once a consultation has closed; asking for them earlier answers 404 with the problem
type RESULTS_NOT_YET (documented on /api), so a client can tell "not yet" from "no such thing".
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from involve.api import api
from involve.api.problems import (
    ApiProblem,
    choice_param,
    open_data_headers,
    paging,
    problem_response,
    slug_param,
    text_param,
    ward_param,
)
from involve.api.results import results_for
from involve.api.serialisers import closed_at, consultation_detail, consultation_summary, when
from involve.models import Phase
from involve.public_urls import external_url
from involve.services import open_data
from involve.services.errors import NotFound
from involve.services.geography import ward_names
from involve.services.lifecycle import phase_of
from involve.services.small_numbers import small_number_threshold

STATUSES = tuple(phase.value for phase in open_data.PUBLIC_PHASES)
RESULTS_NOT_YET = "results-not-yet-published"


@api.after_request
def add_open_data_headers(response: Response) -> Response:
    if request.path.startswith("/api/"):
        return open_data_headers(response)
    return response


@api.errorhandler(ApiProblem)
def answer_problem(problem: ApiProblem) -> Response:
    return problem_response(problem)


def page_links(endpoint: str, found: open_data.PageOf[Any], **filters: str) -> dict[str, Any]:
    """self, first, last, and next / prev where they exist, keeping the filters."""
    kept = {name: value for name, value in filters.items() if value}

    def link(page: int) -> str:
        return external_url(endpoint, page=page, per_page=found.per_page, **kept)

    return {
        "self": link(found.page),
        "first": link(1),
        "last": link(found.total_pages),
        "next": link(found.page + 1) if found.page < found.total_pages else None,
        "prev": link(found.page - 1) if found.page > 1 else None,
    }


def page_meta(found: open_data.PageOf[Any]) -> dict[str, int]:
    return {
        "page": found.page,
        "per_page": found.per_page,
        "total": found.total,
        "total_pages": found.total_pages,
    }


@api.route("/v1/consultations")
def consultations() -> Response:
    page, per_page = paging(request.args)
    filters = {
        "topic": text_param(request.args, "topic"),
        "status": choice_param(request.args, "status", STATUSES),
        "ward": ward_param(request.args, "ward"),
    }
    found = open_data.list_consultations(
        filters=open_data.ConsultationFilters(
            topic=filters["topic"],
            status=Phase(filters["status"]) if filters["status"] else None,
            ward_code=filters["ward"],
        ),
        page=page,
        per_page=per_page,
    )
    return jsonify(
        data=[consultation_summary(consultation) for consultation in found.items],
        meta=page_meta(found),
        links=page_links("api.consultations", found, **filters),
    )


def _consultation(slug: str) -> Any:
    try:
        return open_data.get_consultation(slug_param(slug))
    except NotFound as error:
        raise ApiProblem(404, str(error)) from error


@api.route("/v1/consultations/<slug>")
def consultation(slug: str) -> Response:
    found = _consultation(slug)
    return jsonify(
        consultation_detail(
            found,
            ward_names=ward_names(found.ward_codes or []),
            outcome=open_data.outcomes_for([found])[found.id],
        )
    )


@api.route("/v1/consultations/<slug>/results")
def consultation_results(slug: str) -> Response:
    found = _consultation(slug)
    if phase_of(found) not in open_data.RESULT_PHASES:
        closing = when(closed_at(found))
        raise ApiProblem(
            404,
            "Results are published once the consultation closes"
            + (f" ({closing})." if closing else "."),
            type_=external_url("api.docs", anchor=RESULTS_NOT_YET),
            title="Results not yet published",
        )
    threshold = small_number_threshold()
    return jsonify(results_for([found], threshold=threshold)[found.id])


# Imported last: these modules add their routes to `api`.
from involve.api import activity_routes, bulk_routes, docs_routes  # noqa: E402, F401
