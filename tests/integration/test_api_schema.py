"""The open-data API keeps to its own OpenAPI description: the document is valid OpenAPI 3.1,
it describes exactly the /api routes that exist, and every endpoint's real answers (on demo-like
data) and every bulk download line fit the schemas it gives."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from jsonschema import ValidationError
from openapi_spec_validator import validate

from tests.api_schema import validate_response, validate_schema
from tests.factories_open_data import build_open_data, publish_decision


@pytest.fixture
def document(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _api_rules(app) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """OpenAPI-style path -> methods, for every route under /api."""
    rules = {}
    for rule in app.url_map.iter_rules():
        if rule.rule == "/api" or rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            rules[path] = set(rule.methods) - {"HEAD", "OPTIONS"}
    return rules


def test_the_openapi_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises OpenAPIValidationError when it is not
    assert document["info"]["license"]["name"] == "Open Government Licence v3.0"


def test_the_document_describes_exactly_the_api_routes_that_exist(app, document):
    routes = _api_rules(app)
    assert set(routes) == set(document["paths"]), (
        f"undescribed routes: {set(routes) - set(document['paths'])}; "
        f"described but missing: {set(document['paths']) - set(routes)}"
    )
    for path, methods in routes.items():
        assert methods == {"GET"}, path
        assert set(document["paths"][path]) == {"get"}, path


def test_every_parameter_of_a_path_is_described(document):
    for path, item in document["paths"].items():
        described = {parameter["$ref"].rsplit("/", 1)[1] for parameter in item["get"]["parameters"]}
        assert set(re.findall(r"{(\w+)}", path)) <= described, path


def _urls(data) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Document path -> real addresses that exercise it (successes and errors)."""
    closed, opened = data.closed.slug, data.open.slug
    event = data.activities["event"].slug
    return {
        "/api": ["/api"],
        "/api/openapi.json": ["/api/openapi.json"],
        "/api/v1/consultations": [
            "/api/v1/consultations",
            "/api/v1/consultations?per_page=1&page=2",
            "/api/v1/consultations?status=closed&topic=Buses&ward=E05010986",
            "/api/v1/consultations?page=abc",
        ],
        "/api/v1/consultations/{slug}": [
            f"/api/v1/consultations/{closed}",
            f"/api/v1/consultations/{opened}",
            f"/api/v1/consultations/{data.draft.slug}",
            "/api/v1/consultations/a%00b",
        ],
        "/api/v1/consultations/{slug}/results": [
            f"/api/v1/consultations/{closed}/results",
            f"/api/v1/consultations/{opened}/results",
            "/api/v1/consultations/no-such-thing/results",
        ],
        "/api/v1/activities": ["/api/v1/activities", "/api/v1/activities?per_page=0"],
        "/api/v1/activities/{slug}": [
            f"/api/v1/activities/{event}",
            f"/api/v1/activities/{data.activities['small'].slug}",
            f"/api/v1/activities/{data.activities['linked'].slug}",
            "/api/v1/activities/no-such-activity",
        ],
        "/api/v1/bulk.zip": ["/api/v1/bulk.zip"],
    }


@pytest.mark.parametrize("outcome_published", [False, True])
def test_every_endpoint_answers_as_its_schema_says(client, document, outcome_published):
    data = build_open_data()
    if outcome_published:  # themes, the outcome and a decision appear
        publish_decision(data)
    urls = _urls(data)
    assert set(urls) == set(document["paths"]), "every documented path needs real requests here"
    seen_statuses = set()
    for path, addresses in urls.items():
        for address in addresses:
            response = client.get(address)
            seen_statuses.add(response.status_code)
            if response.mimetype in ("application/json", "application/problem+json"):
                validate_response(document, path, response)
            else:  # the HTML page and the zip: the content type is the one described
                operation = document["paths"][path]["get"]
                assert response.mimetype in operation["responses"]["200"]["content"], address
    assert seen_statuses == {200, 400, 404}


def test_every_bulk_download_line_fits_its_schema(client, document):
    data = build_open_data()
    publish_decision(data)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/bulk.zip").data))
    schemas = {
        "consultations.jsonl": "Consultation",
        "questions.jsonl": "Question",
        "results.jsonl": "Results",
        "activities.jsonl": "Activity",
    }
    for member, schema in schemas.items():
        lines = archive.read(member).decode().splitlines()
        assert lines, member
        for line in lines:
            validate_schema(document, schema, json.loads(line))


def test_the_schemas_refuse_an_undescribed_field_and_a_shown_suppressed_count(document):
    cell = {"label": "Option C", "count": None, "suppressed": True}
    validate_schema(document, "ResultCell", cell)
    with pytest.raises(ValidationError):
        validate_schema(document, "ResultCell", {**cell, "count": 3})
    with pytest.raises(ValidationError):
        validate_schema(document, "ResultCell", {**cell, "suppressed": False})
    with pytest.raises(ValidationError):
        validate_schema(document, "ResultCell", {**cell, "email": "someone@example.com"})
