"""GOV.UK-style error pages for every HTTP error, so nobody sees a stack trace or a bare status."""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from involve.api.problems import http_problem, is_api_request
from involve.extensions import db

log = logging.getLogger(__name__)

# Page heading and advice for the errors people actually meet; others get a generic page.
ERROR_PAGES: dict[int, tuple[str, str]] = {
    400: ("Sorry, there is a problem with what was sent", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    405: ("Sorry, that action is not possible on this page", "errors/generic.html"),
    413: ("The information you sent is too large", "errors/413.html"),
    429: ("Too many attempts", "errors/429.html"),
    500: ("Sorry, there is a problem with the service", "errors/500.html"),
}


def render_error(status: int, *, detail: str = "") -> tuple[str, int]:
    heading, template = ERROR_PAGES.get(
        status, ("Sorry, there is a problem", "errors/generic.html")
    )
    return render_template(template, heading=heading, detail=detail, status=status), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int] | Response:
        if is_api_request():  # only a POST (or PUT...) meets CSRF, and the API is read-only
            return http_problem(405)
        return render_template("errors/csrf.html", heading="Your form could not be sent"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | Response:
        status = error.code or 500
        if status >= 500:
            return server_error(error)
        if is_api_request():  # the open-data API answers problem details, not a web page
            return http_problem(status, error.description)
        return render_error(status)

    @app.errorhandler(InternalServerError)
    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int] | Response:
        log.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        if is_api_request():
            return http_problem(500)
        return render_error(500)
