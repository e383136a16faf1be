"""GOV.UK-style error pages for every HTTP error, so nobody sees a stack trace or a bare status."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, make_response, render_template, request, session
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError

from involve.api.problems import ApiProblem, http_problem, is_api_request, problem_response
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
    503: ("Sorry, there is a problem with the service", "errors/503.html"),
}
# How long a browser or client is asked to wait before trying again when the database is away.
RETRY_AFTER_SECONDS = 5
# SQLite's errors that pass once the other writer finishes; "no such table" and the like do not.
_SQLITE_TEMPORARY = ("database is locked", "database table is locked", "unable to open database")


def render_error(status: int, *, detail: str = "") -> tuple[str, int]:
    heading, template = ERROR_PAGES.get(
        status, ("Sorry, there is a problem", "errors/generic.html")
    )
    context = {"heading": heading, "detail": detail, "status": status}
    try:
        return render_template(template, **context), status
    except SQLAlchemyError:  # the page's own lookups (council name, officer) need the database
        db.session.rollback()
        return _render_without_database(template, context), status


def _render_without_database(template: str, context: dict[str, object]) -> str:
    """The error page drawn with no query at all: the template context processors (which read
    the council's settings and the signed-in officer) are skipped, and the page shows the
    placeholder council and nobody signed in."""
    from involve.services.authority import PLACEHOLDER_SETTINGS

    return current_app.jinja_env.get_template(template).render(
        request=request,
        session=session,
        g=g,
        current_user=AnonymousUserMixin(),
        authority=PLACEHOLDER_SETTINGS,
        service_name=current_app.config["SERVICE_NAME"],
        can=lambda permission: False,
        service_navigation_items=list,
        **context,
    )


def is_database_unavailable(error: BaseException) -> bool:
    """The database cannot be reached or is busy for a moment (restarting, failing over, a
    dropped connection, a full pool, SQLite locked by another writer): worth trying again,
    unlike a bug. An error raised while committing reaches the 500 handler wrapped."""
    if isinstance(error, InternalServerError) and error.original_exception is not None:
        error = error.original_exception
    if isinstance(error, PoolTimeoutError):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:  # SQLAlchemy saw a disconnect and dropped the pool
        return True
    if not isinstance(error, OperationalError):
        return False
    if type(error.orig).__module__.startswith("psycopg"):
        # psycopg's OperationalError: refused or lost connections, a server shutting down or
        # starting up, too many connections, serialization failures and deadlocks.
        return True
    message = str(error.orig).lower()
    return any(text in message for text in _SQLITE_TEMPORARY)


def _undo_request() -> None:
    """A failed request changes nothing: its database work is rolled back, and the browser's
    session is put back as it was sent. Otherwise a submit whose commit failed would leave the
    browser holding a reference for a response that was never stored, and no draft to retry."""
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection is gone: nothing of this request was committed
        db.session.remove()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    sent = app.session_interface.open_session(app, request)
    if sent is None:
        return
    session.clear()
    session.update(sent)
    session.modified = False


def service_unavailable() -> Response:
    """503 with Retry-After: a GOV.UK "try again" page, or a problem for the API."""
    if is_api_request():
        response = problem_response(
            ApiProblem(
                503,
                "The service cannot reach its database for a moment. Try again in a few seconds.",
                title="Service Unavailable",
            )
        )
    else:
        page, status = render_error(503)
        response = make_response(page, status)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int] | Response:
        if is_api_request():  # only a POST (or PUT...) meets CSRF, and the API is read-only
            return http_problem(405)
        return render_template("errors/csrf.html", heading="Your form could not be sent"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | Response:
        if error.response is not None:  # a page made for this case (a journey page's 429)
            return error.response
        status = error.code or 500
        if status >= 500:
            return server_error(error)
        if is_api_request():  # the open-data API answers problem details, not a web page
            return http_problem(status, error.description)
        return render_error(status)

    @app.errorhandler(InternalServerError)
    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int] | Response:
        if is_database_unavailable(error):
            # Expected while the database restarts: a line in the log, not a stack trace.
            log.warning("Database unavailable, answered 503: %s", _first_line(error))
            _undo_request()
            return service_unavailable()
        log.exception("Unhandled error", exc_info=error)
        _undo_request()
        if is_api_request():
            return http_problem(500)
        return render_error(500)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "original_exception", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
