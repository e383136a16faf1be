"""The database briefly unavailable: a GOV.UK "try again" page with status 503 and Retry-After
(never a 500 or a stack trace), nothing half-written, and the same submit sent again stores the
response once. The load script (bench/load_submissions.py --restart-postgresql) does the same
against a real PostgreSQL restart."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import psycopg
import pytest
from bs4 import BeautifulSoup
from flask_migrate import upgrade
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import InternalServerError

from involve import create_app
from involve.config import TestConfig
from involve.errors import RETRY_AFTER_SECONDS, is_database_unavailable
from involve.extensions import db
from involve.models import Response, ResponseStatus
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import PageClient, check_page, heading

SORRY = "Sorry, there is a problem with the service"
# Nothing listens on port 1: connecting is refused at once, as while PostgreSQL restarts.
UNREACHABLE = "postgresql+psycopg://involve@127.0.0.1:1/involve"


def _consultation():
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    page = QuestionPageFactory(consultation=consultation, position=1)
    question = QuestionFactory(page=page, text="What should change?", required=True)
    db.session.commit()
    return consultation, question


def _url(consultation, path=""):
    return f"/consultations/{consultation.slug}/{path}".rstrip("/")


def _assert_try_again_page(response, app) -> None:
    assert response.status_code == 503
    # On a rate-limited form Flask-Limiter may lengthen it to the end of its window.
    assert int(response.headers["Retry-After"]) >= RETRY_AFTER_SECONDS
    html = response.get_data(as_text=True)
    check_page(html, app)
    page = BeautifulSoup(html, "html.parser")
    assert heading(page) == SORRY
    assert "Try again in a few seconds" in page.get_text()
    assert "Traceback" not in html and "OperationalError" not in html


@contextmanager
def _failing_writes(dialect: str):
    """Every INSERT or UPDATE fails as SQLAlchemy reports a busy database's error."""
    orig = (
        sqlite3.OperationalError("database is locked")
        if dialect == "sqlite"
        else psycopg.errors.SerializationFailure("could not serialize access")
    )

    def fail(_conn, _cursor, statement, parameters, *_args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            raise OperationalError(statement, parameters, orig)

    event.listen(db.engine, "before_cursor_execute", fail)
    try:
        yield
    finally:
        event.remove(db.engine, "before_cursor_execute", fail)


@pytest.mark.own_database
def test_pages_and_the_api_answer_503_with_a_retry_when_the_database_cannot_be_reached():
    app = create_app(TestConfig(database_url=UNREACHABLE))
    client = app.test_client()
    for path in ("/", "/consultations/library-hours", "/cookies"):
        response = client.get(path)
        _assert_try_again_page(response, app)
        assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    api = client.get("/api/v1/consultations")
    assert api.status_code == 503
    assert api.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert api.json["status"] == 503 and api.json["title"] == "Service Unavailable"


def test_a_page_saved_while_the_database_is_busy_gets_503_and_stores_nothing(app, pages):
    consultation, question = _consultation()
    pages.get(_url(consultation, "questions/1"))
    token = pages.csrf_token()
    form = {f"q{question.id}": "More buses", "action": "continue", "csrf_token": token}
    with _failing_writes(db.engine.dialect.name):
        response = pages.client.post(_url(consultation, "questions/1"), data=form)
    _assert_try_again_page(response, app)
    assert db.session.scalar(select(func.count(Response.id))) == 0

    # Sent again once the database is back: saved, and the journey carries on.
    again = pages.client.post(_url(consultation, "questions/1"), data=form)
    assert again.status_code == 302
    assert again.headers["Location"] == _url(consultation, "check-answers")
    stored = db.session.scalars(select(Response)).one()
    assert [answer.value for answer in stored.answers] == ["More buses"]


def _ready_to_submit(pages, consultation, question) -> dict[str, str]:
    pages.post(
        _url(consultation, "questions/1"),
        {f"q{question.id}": "More buses", "action": "continue"},
        expected_status=302,
    )
    page = pages.get(_url(consultation, "check-answers"))
    key = page.select_one("input[name=submission_key]")["value"]
    return {"submission_key": key, "csrf_token": pages.csrf_token()}


def test_a_submit_whose_commit_fails_is_not_acknowledged_and_sending_it_again_stores_it_once(
    app, pages, monkeypatch
):
    consultation, question = _consultation()
    form = _ready_to_submit(pages, consultation, question)

    def lost_connection() -> None:
        raise OperationalError("COMMIT", {}, psycopg.errors.AdminShutdown("terminating"))

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    monkeypatch.setattr(db.session, "commit", lost_connection)
    response = pages.client.post(_url(consultation, "check-answers"), data=form)
    monkeypatch.undo()
    _assert_try_again_page(response, app)
    # Not half-written: still a draft, and the browser was given no reference for it.
    stored = db.session.scalars(select(Response)).one()
    assert stored.status == ResponseStatus.IN_PROGRESS and stored.submission_key is None
    assert pages.client.get(_url(consultation, "confirmation")).headers["Location"] == _url(
        consultation
    )

    # The person presses "Submit" again: the same form is received once.
    again = pages.client.post(_url(consultation, "check-answers"), data=form)
    assert again.headers["Location"] == _url(consultation, "confirmation")
    page = pages.get(_url(consultation, "confirmation"))
    assert page.select_one("#reference").get_text(strip=True) == stored.reference
    db.session.expire_all()
    submitted = db.session.scalars(select(Response)).all()
    assert [(each.status, each.submission_key) for each in submitted] == [
        (ResponseStatus.SUBMITTED, form["submission_key"])
    ]


def test_a_submit_sent_again_after_its_reply_was_lost_stores_one_response(app, pages):
    consultation, question = _consultation()
    form = _ready_to_submit(pages, consultation, question)
    cookie_before = pages.client.get_cookie("session").value

    first = pages.client.post(_url(consultation, "check-answers"), data=form)
    assert first.headers["Location"] == _url(consultation, "confirmation")
    reference = db.session.scalars(select(Response.reference)).one()

    # The reply never arrived (the worker was killed after committing): the browser still has
    # its old cookie and sends the same form again.
    pages.client.set_cookie("session", cookie_before)
    again = pages.client.post(_url(consultation, "check-answers"), data=form)
    assert again.headers["Location"] == _url(consultation, "confirmation")
    page = pages.get(_url(consultation, "confirmation"))
    assert page.select_one("#reference").get_text(strip=True) == reference
    assert db.session.scalar(select(func.count(Response.id))) == 1


@pytest.mark.own_database
def test_on_sqlite_a_form_sent_while_another_worker_writes_waits_its_turn(tmp_path):
    """Another worker holds SQLite's write lock and commits while this request runs: the
    request waits for it (busy_timeout) instead of failing with "database is locked"."""
    path = tmp_path / "busy.db"
    busy_app = create_app(TestConfig(database_url=f"sqlite:///{path}"))
    with busy_app.app_context():
        upgrade()
        consultation, question = _consultation()
        url, name = _url(consultation, "questions/1"), f"q{question.id}"
        db.session.remove()
    browser = PageClient(busy_app, busy_app.test_client())
    browser.get(url)
    form = {name: "More buses", "action": "continue", "csrf_token": browser.csrf_token()}

    other_worker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other_worker.execute("BEGIN IMMEDIATE")
    other_worker.execute("UPDATE consultation SET summary = summary || ' (updated)'")
    commit_later = threading.Timer(1.0, other_worker.execute, args=("COMMIT",))
    commit_later.start()
    try:
        response = browser.client.post(url, data=form)
    finally:
        commit_later.join()
        other_worker.close()
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with busy_app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1
        db.session.remove()
        db.engine.dispose()


def _wrapped(orig: Exception) -> OperationalError:
    return OperationalError("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_wrapped(sqlite3.OperationalError("database is locked")), True),
        (_wrapped(psycopg.OperationalError("connection failed: Connection refused")), True),
        (_wrapped(psycopg.errors.AdminShutdown("terminating connection")), True),
        (InternalServerError(original_exception=_wrapped(psycopg.OperationalError("gone"))), True),
        # Bugs stay a 500: a missing table or a broken constraint will not pass by waiting.
        (_wrapped(sqlite3.OperationalError("no such table: response")), False),
        (IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")), False),
        (RuntimeError("database is locked"), False),
    ],
)
def test_only_a_database_that_is_away_or_busy_counts_as_unavailable(error, expected):
    assert is_database_unavailable(error) is expected
