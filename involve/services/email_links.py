"""Links in e-mails are whole addresses, built outside any request: they start with
INVOLVE_PUBLIC_URL when it is set (always in production), else with the address the caller
passes in (a route passes the site address it was reached at), else `make run`'s."""

from __future__ import annotations

from typing import Any

from involve.public_urls import configured_root, url_under

# `make run`'s address: links in e-mails queued with no address given, in development.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


def link_base(base_url: str = "") -> str:
    """The start of every link in an e-mail: INVOLVE_PUBLIC_URL (required in production), else
    the address the caller gives (a route passes the site address it was reached at), else
    `make run`'s."""
    return configured_root() or base_url.rstrip("/") or DEVELOPMENT_BASE_URL


def absolute_url(endpoint: str, *, base: str = "", **values: Any) -> str:
    """A full link to a page, for an e-mail (which may be written outside any request)."""
    return url_under(link_base(base), endpoint, **values)
