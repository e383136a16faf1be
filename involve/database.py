"""Engine settings per database: SQLite needs WAL, foreign keys and real transactions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin, so SAVEPOINTs and
        # rollbacks behave as they do on PostgreSQL (SQLAlchemy's documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # A request that sends a form takes the write lock as its transaction begins, so
        # writers in other workers wait their turn (busy_timeout). Deferred, a transaction that
        # read before another worker committed could not then write: SQLite refuses at once
        # with "database is locked" (a 503), whatever the timeout (issue 9's load test).
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _is_form_post() else "BEGIN")


def _is_form_post() -> bool:
    from flask import has_request_context, request

    return has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")


def render_migration_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write our UTCDateTime as a plain timezone-aware DateTime in migration scripts, so the
    scripts do not import application code that may change after they are written."""
    from involve.models.base import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
