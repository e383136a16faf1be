"""The open-data API's activity endpoints: every published involvement activity."""

from __future__ import annotations

from flask import Response, jsonify, request

from involve.api import api
from involve.api.activity_serialisers import activity_detail, activity_summary
from involve.api.problems import ApiProblem, paging, slug_param
from involve.api.routes import page_links, page_meta
from involve.services import open_data
from involve.services.errors import NotFound
from involve.services.geography import ward_names
from involve.services.small_numbers import small_number_threshold


@api.route("/v1/activities")
def activities() -> Response:
    page, per_page = paging(request.args)
    found = open_data.list_activities(page=page, per_page=per_page)
    return jsonify(
        data=[activity_summary(activity) for activity in found.items],
        meta=page_meta(found),
        links=page_links("api.activities", found),
    )


@api.route("/v1/activities/<slug>")
def activity(slug: str) -> Response:
    try:
        found = open_data.get_activity(slug_param(slug))
    except NotFound as error:
        raise ApiProblem(404, str(error)) from error
    return jsonify(
        activity_detail(
            found,
            ward_names=ward_names(found.ward_codes or []),
            decision=open_data.decisions_for([found]).get(found.id),
            threshold=small_number_threshold(),
        )
    )
