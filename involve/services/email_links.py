"""Links in e-mails are whole addresses, built outside any request: they start with
INVOLVE_PUBLIC_URL when it is set (always in production), else with the address the caller
passes in (a route passes the site address it was reached at), else `make run`'s."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app

# `make run`'s address: links in e-mails queued with no address given, in development.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


def link_base(base_url: str = "") -> str:
    """The start of every link in an e-mail: INVOLVE_PUBLIC_URL (required in production), else
    the address the caller gives (a route passes the site address it was reached at), else
    `make run`'s."""
    configured = current_app.config.get("PUBLIC_URL") or ""
    return configured or base_url.rstrip("/") or DEVELOPMENT_BASE_URL


def absolute_url(endpoint: str, *, base: str = "", **values: Any) -> str:
    """A full link to a page, for an e-mail (which may be written outside any request)."""
    parts = urlsplit(link_base(base))
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
