"""PageClient: fetch pages as a browser would and check each one is sound before a test reads it.

On every HTML response it checks: well-formed HTML5 (html5lib in strict mode), exactly one
<title> and one <h1>, no id used twice, that every form posts to a route that exists and accepts its method,
and nothing the Content-Security-Policy would block (tests/csp.py).
Tests then assert on headings, error summaries and table cells of the parsed page.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import html5lib
from bs4 import BeautifulSoup
from flask import Flask
from itsdangerous import URLSafeTimedSerializer
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.test import TestResponse

from tests.csp import csp_problems


class PageProblem(AssertionError):
    pass


class PageClient:
    def __init__(self, app: Flask, client: Any) -> None:
        self.app = app
        self.client = client
        self.last_response: TestResponse | None = None

    # -- requests -------------------------------------------------------------------------
    def get(self, url: str, *, expected_status: int = 200, **kwargs: Any) -> BeautifulSoup:
        response = self.client.get(url, **kwargs)
        return self._check(response, expected_status)

    def post(
        self,
        url: str,
        data: dict[str, Any] | None = None,
        *,
        expected_status: int = 200,
        csrf: bool = True,
        **kwargs: Any,
    ) -> BeautifulSoup:
        """POST a form; a valid CSRF token is added unless csrf=False."""
        form = dict(data or {})
        if csrf and "csrf_token" not in form:
            form["csrf_token"] = self.csrf_token()
        response = self.client.post(url, data=form, **kwargs)
        return self._check(response, expected_status)

    def csrf_token(self) -> str:
        """A token Flask-WTF will accept for this client's session (its own signing scheme)."""
        with self.client.session_transaction() as session:
            raw = session.get("csrf_token") or secrets.token_hex(20)
            session["csrf_token"] = raw
        serializer = URLSafeTimedSerializer(self.app.secret_key, salt="wtf-csrf-token")
        return serializer.dumps(raw)

    # -- checks ---------------------------------------------------------------------------
    def _check(self, response: TestResponse, expected_status: int) -> BeautifulSoup:
        self.last_response = response
        if response.status_code != expected_status:
            raise PageProblem(
                f"expected {expected_status}, got {response.status_code} "
                f"(Location: {response.headers.get('Location')})\n{response.get_data(as_text=True)[:2000]}"
            )
        if response.mimetype != "text/html":
            return BeautifulSoup("", "html.parser")
        html = response.get_data(as_text=True)
        check_page(html, self.app)
        return BeautifulSoup(html, "html.parser")


def check_page(html: str, app: Flask) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        raise PageProblem(
            f"HTML is not well formed: {error}\n{_around_error(parser, html)}"
        ) from error
    page = BeautifulSoup(html, "html.parser")
    titles = page.find_all("title")
    if len(titles) != 1 or not titles[0].get_text(strip=True):
        raise PageProblem(f"expected one non-empty <title>, found {len(titles)}")
    headings = page.find_all("h1")
    if len(headings) != 1:
        raise PageProblem(f"expected one <h1>, found {len(headings)}: {headings}")
    # Hidden inputs (each form's csrf_token) are never the target of a label or a link.
    ids = [
        element["id"]
        for element in page.find_all(id=True)
        if not (element.name == "input" and element.get("type") == "hidden")
    ]
    repeated = sorted({name for name in ids if ids.count(name) > 1})
    if repeated:  # labels, error links and aria references would point at the wrong element
        raise PageProblem(f"ids used more than once: {repeated}")
    for form in page.find_all("form"):
        _check_form_target(form, app)
    blocked = csp_problems(page)  # the Content-Security-Policy would break the page
    if blocked:
        raise PageProblem("the Content-Security-Policy blocks: " + "; ".join(blocked))


def _check_form_target(form: Any, app: Flask) -> None:
    method = (form.get("method") or "get").upper()
    action = form.get("action")
    if not action:
        raise PageProblem(f"form without an action: {str(form)[:200]}")
    path = urlsplit(action).path
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, method=method)
    except MethodNotAllowed as error:
        raise PageProblem(
            f"form {method} {action} goes to a route that refuses {method}"
        ) from error
    except NotFound as error:
        raise PageProblem(f"form posts to {action}, which is not a route") from error


def _around_error(parser: Any, html: str) -> str:
    errors = getattr(parser, "errors", [])
    if not errors:
        return ""
    (line, column), code, _ = errors[0]
    lines = html.splitlines()
    start = max(line - 3, 0)
    return f"{code} at {line}:{column}\n" + "\n".join(lines[start : line + 2])


def error_summary(page: BeautifulSoup) -> list[str]:
    """The messages in the GOV.UK error summary, in order."""
    summary = page.select_one(".govuk-error-summary")
    if summary is None:
        return []
    return [item.get_text(strip=True) for item in summary.select(".govuk-error-summary__list li")]


def field_error(page: BeautifulSoup, field_id: str) -> str:
    """The inline error message of one field, without the visually hidden 'Error:' prefix."""
    message = page.select_one(f"#{field_id}-error")
    if message is None:
        return ""
    for hidden in message.select(".govuk-visually-hidden"):
        hidden.decompose()
    return message.get_text(strip=True)


def heading(page: BeautifulSoup) -> str:
    return page.find("h1").get_text(" ", strip=True)


def title(page: BeautifulSoup) -> str:
    return page.find("title").get_text(strip=True)


def banner(page: BeautifulSoup) -> str:
    found = page.select_one(".govuk-notification-banner")
    return found.get_text(" ", strip=True) if found else ""


def statements_for(pages: PageClient, url: str) -> int:
    """How many SQL statements GETting this page runs: tests compare a page with few rows and
    one with many to show it makes no query per row."""
    from sqlalchemy import event

    from involve.extensions import db

    statements = []

    def count(*_args: Any) -> None:
        statements.append(1)

    engine = db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        pages.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


@contextmanager
def sql_statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block, for tests of services that must not query once
    per row."""
    from sqlalchemy import event

    from involve.extensions import db

    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
