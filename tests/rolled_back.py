"""SQLAlchemy's savepoint recipe for tests: db.session bound to one connection inside an outer
transaction that is rolled back at the end, so commits in the app become savepoints."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from flask import Flask
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import Connection

from involve.extensions import db


class _BoundSession(FlaskSession):
    """Flask-SQLAlchemy picks engines itself; in tests every query must use the test's connection."""

    def get_bind(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.bind


@contextlib.contextmanager
def rolled_back_session(app: Flask) -> Iterator[Connection]:
    """Inside an app context, db.session on one connection (yielded) whose work is undone."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original_session = db.session
        db.session = db._make_scoped_session(
            {
                "class_": _BoundSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
        try:
            yield connection
        finally:
            db.session.remove()
            db.session = original_session
            outer.rollback()
            connection.close()
