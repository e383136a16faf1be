"""Security headers on every response: pages, error pages, static files, the API and downloads.

Hand-written rather than flask-talisman: talisman's last release (1.1.0) is from 2023, it has no
Cross-Origin-Opener-Policy, it sets the deprecated X-XSS-Protection, and its HTTPS redirect
rewrites SESSION_COOKIE_SECURE in app.config at request time. What we need is a fixed set of
headers, which fits in this module.
"""

from __future__ import annotations

from flask import Flask, current_app
from werkzeug.wrappers import Response

# GOV.UK Frontend's template (govuk-frontend-jinja's template.html) opens <body> with one inline
# script that adds the `js-enabled` and `govuk-frontend-supported` classes before the page is
# drawn. It sits outside any block, so it cannot be moved to a file without forking the
# template; GOV.UK Frontend's documentation gives this hash for it instead. Only that exact
# script may run inline: an injected <script> never matches. tests/csp.py fails if a page
# carries any other inline script.
GOVUK_TEMPLATE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' {GOVUK_TEMPLATE_SCRIPT_HASH}",
        "style-src 'self'",
        # No data: images: nothing in GOV.UK Frontend or our CSS uses them.
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)

# Features no page uses; a page (or an injected frame) cannot ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: Flask-WTF's CSRF check refuses an HTTPS form post that carries no
    # same-origin Referer. Other sites get the origin only, never a path with a token in it.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    """Set each header unless the view set its own (a stored upload gets a stricter policy)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    hsts_seconds = current_app.config.get("HSTS_SECONDS", 0)
    if hsts_seconds:  # production only: a development server on http:// must stay reachable
        response.headers.setdefault(
            "Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains"
        )
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
