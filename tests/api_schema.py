"""Checking API answers against the API's own OpenAPI document: find the response an operation
describes (following $ref into components), then validate a payload against its schema with
jsonschema (JSON Schema 2020-12, as OpenAPI 3.1 uses), formats checked."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref ("#/components/...") until the node is not a reference."""
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for `schema`, whose $refs into components resolve against the document."""
    rooted = {**schema, "components": document["components"]}
    return Draft202012Validator(rooted, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_schema(document: dict[str, Any], name: str, payload: Any) -> None:
    """Validate against components/schemas/<name>; raises ValidationError when it does not fit."""
    validator(document, {"$ref": f"#/components/schemas/{name}"}).validate(payload)


def response_schema(
    document: dict[str, Any], path: str, status: int, media_type: str
) -> dict[str, Any]:
    operation = document["paths"][path]["get"]
    response = resolve(document, operation["responses"][str(status)])
    return response["content"][media_type]["schema"]


def validate_response(document: dict[str, Any], path: str, response: Any) -> Any:
    """Check a test client's response against what the document says `path` answers for its
    status and content type; returns the parsed JSON."""
    schema = response_schema(document, path, response.status_code, response.mimetype)
    payload = response.get_json()
    validator(document, schema).validate(payload)
    return payload
