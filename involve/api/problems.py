"""Errors as JSON problem details (RFC 9457), open-data headers, and query parameter checks.

Every /api/ response, errors included, carries `Access-Control-Allow-Origin: *` (the data is
open, so any web page may read it) and a Cache-Control header: data may be cached for a few
minutes by anyone (only when its links start with PUBLIC_URL); errors are never cached.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from flask import Response, current_app, json, request

from involve.public_urls import request_cache_control

PROBLEM_TYPE = "application/problem+json"
DATA_CACHE = "public, max-age=300"
ERROR_CACHE = "no-store"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_PAGE = 1_000_000
MAX_TEXT = 200
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,7}$")
_WARD_CODE = re.compile(r"^[EWSN][0-9]{8}$")

# The HTTP reason phrases used as problem titles (RFC 9457: "about:blank" problems use them).
TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


class ApiProblem(Exception):
    """An error to answer as a problem details object."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: str = "about:blank",
        title: str | None = None,
        invalid_params: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type_
        self.title = title or TITLES.get(status, "Error")
        self.invalid_params = invalid_params or []


def is_api_request() -> bool:
    """Under /api/ (the data and the OpenAPI document); the /api page itself is HTML."""
    return request.path.startswith("/api/")


def open_data_headers(response: Response, *, cache: str = DATA_CACHE) -> Response:
    """CORS for everyone, and caching: data holds full addresses (links), which come from the
    request itself when PUBLIC_URL is unset, and then no cache may share it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", request_cache_control(cache))
    return response


def problem_response(problem: ApiProblem) -> Response:
    body: dict[str, Any] = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": quote(request.path),  # percent-encoded: a NUL is never echoed raw
    }
    if problem.invalid_params:
        body["invalid_params"] = problem.invalid_params
    response = current_app.response_class(
        json.dumps(body), status=problem.status, mimetype=PROBLEM_TYPE
    )
    response.headers["Cache-Control"] = ERROR_CACHE
    return open_data_headers(response, cache=ERROR_CACHE)


def http_problem(status: int, description: str | None = None) -> Response:
    """A problem for an HTTP error raised outside the API's own checks (an unknown path, a
    method the route refuses, a server error), in words that give nothing away."""
    details = {
        404: "There is nothing at this address. See /api for the addresses that exist.",
        405: "The open-data API is read-only: use GET.",
        500: "Sorry, there is a problem with the service. Try again later.",
    }
    return problem_response(ApiProblem(status, details.get(status, description or "")))


# -- parameters --------------------------------------------------------------------------------
def _invalid(name: str, reason: str) -> ApiProblem:
    return ApiProblem(
        400,
        f"The {name} parameter is not valid: {reason}",
        invalid_params=[{"name": name, "reason": reason}],
    )


def text_param(args: Mapping[str, str], name: str) -> str:
    """A short free-text parameter: no control characters (NUL included), at most 200."""
    value = args.get(name, "")
    if _UNPRINTABLE.search(value):
        raise _invalid(name, "it contains characters that are not allowed")
    if len(value) > MAX_TEXT:
        raise _invalid(name, f"it must be {MAX_TEXT} characters or fewer")
    return value.strip()


def number_param(args: Mapping[str, str], name: str, *, default: int, maximum: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not _WHOLE_NUMBER.match(raw) or not 1 <= int(raw) <= maximum:
        raise _invalid(name, f"it must be a whole number from 1 to {maximum:,}")
    return int(raw)


def paging(args: Mapping[str, str]) -> tuple[int, int]:
    page = number_param(args, "page", default=1, maximum=MAX_PAGE)
    per_page = number_param(args, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    return page, per_page


def choice_param(args: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = text_param(args, name)
    if value and value not in choices:
        raise _invalid(name, f"it must be one of {', '.join(choices)}")
    return value


def ward_param(args: Mapping[str, str], name: str) -> str:
    value = text_param(args, name).upper()
    if value and not _WARD_CODE.match(value):
        raise _invalid(name, "it must be a ward's nine-character ONS code, like E05010986")
    return value


def slug_param(slug: str) -> str:
    """A slug from the path: control characters are a bad request, not a lookup."""
    if _UNPRINTABLE.search(slug):
        raise _invalid("slug", "it contains characters that are not allowed")
    return slug
