"""Full web addresses of this service, for what is read away from it or cached: the open-data
API's links, its OpenAPI document and bulk download, and the compliance and fairness exports.

They start with PUBLIC_URL (INVOLVE_PUBLIC_URL, required in production), never with the Host
header of whoever asked: anyone can send any Host, and a shared cache would then hand their
links to everybody. Only when PUBLIC_URL is unset (development) are they built from the request,
and then a response holding them must not be shared by caches (see request_cache_control).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from flask import current_app, request, url_for

NOT_SHARED = "no-cache"  # a cache must ask again each time: the links came from this request


def configured_root() -> str:
    """PUBLIC_URL without its trailing slash, or "" when it is not set."""
    return str(current_app.config.get("PUBLIC_URL") or "").strip().rstrip("/")


def is_request_derived() -> bool:
    """Whether full addresses come from the request (no PUBLIC_URL: development only)."""
    return not configured_root()


def root_url() -> str:
    """The service's address with a trailing slash, as request.url_root gives it."""
    return (configured_root() or request.url_root.rstrip("/")) + "/"


def external_url(endpoint: str, *, anchor: str = "", **values: Any) -> str:
    """url_for(..., _external=True), but starting with PUBLIC_URL when it is set."""
    root = configured_root()
    if not root:
        return url_for(endpoint, _anchor=anchor or None, _external=True, **values)
    address = url_under(root, endpoint, **values)
    return f"{address}#{quote(anchor)}" if anchor else address


def url_under(root: str, endpoint: str, **values: Any) -> str:
    """The full address of an endpoint on the site at `root` ("https://host/prefix"), built
    without a request (so also from e-mails written by a background job)."""
    parts = urlsplit(root)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def request_cache_control(cache: str) -> str:
    """The Cache-Control for a response that holds full addresses: `cache` when they come from
    PUBLIC_URL, else one no shared cache may serve to another visitor unchecked."""
    return NOT_SHARED if is_request_derived() else cache
