"""Migration 0011 puts rows written before one outcome state right: a published decision record
is the outcome of a consultation that has closed, an outcome without one is cleared, and each
published record's publication becomes its first. Run from 0010 on a throwaway database (a
SQLite file; on PostgreSQL, a schema of its own in TEST_DATABASE_URL's database)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Integer,
    MetaData,
    Table,
    create_engine,
    select,
    text,
)

from involve import create_app
from involve.config import TestConfig, normalise_database_url
from involve.extensions import db

pytestmark = pytest.mark.own_database

NOW = datetime.now(UTC).replace(microsecond=0)
CLOSED = NOW - timedelta(days=30)
PUBLISHED = NOW - timedelta(days=3)  # when the decision record went public
STRAY = NOW - timedelta(days=10)  # an outcome date that matches no publication
SCHEMA = f"migration_0011_{os.getpid()}"


@pytest.fixture
def scratch_app(tmp_path) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        app = create_app(TestConfig(database_url=f"sqlite:///{tmp_path / 'before_0011.db'}"))
        yield app
        with app.app_context():
            db.engine.dispose()
        return
    admin = create_engine(normalise_database_url(url))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    config = TestConfig(database_url=url)
    config.SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"options": f"-csearch_path={SCHEMA}"}}
    app = create_app(config)
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
        admin.dispose()


def _insert(connection: Connection, table_name: str, **values: Any) -> int:
    """A row with the values given; every other required column gets a placeholder."""
    table = Table(table_name, MetaData(), autoload_with=connection)
    for column in table.columns:
        if column.name in values or column.nullable or column.primary_key:
            continue
        if column.server_default is not None:
            continue
        if isinstance(column.type, JSON):
            values[column.name] = []
        elif isinstance(column.type, Boolean):
            values[column.name] = False
        elif isinstance(column.type, Integer):
            values[column.name] = 0
        else:
            values[column.name] = ""
    return connection.execute(table.insert().values(**values)).inserted_primary_key[0]


def _consultation(connection: Connection, slug: str, **values: Any) -> int:
    """A published consultation that closed 30 days ago, unless told otherwise."""
    moments = {
        "published_at": CLOSED - timedelta(days=50),
        "opens_at": CLOSED - timedelta(days=42),
        "closes_at": CLOSED,
        **values,
    }
    consultation_id = _insert(connection, "consultation", slug=slug, title=slug, **moments)
    return _insert(
        connection,
        "activity",
        slug=slug,
        title=slug,
        way="consult",
        format="online_consultation",
        consultation_id=consultation_id,
    )


def _record(connection: Connection, activity_id: int, published_at: datetime | None) -> int:
    return _insert(
        connection,
        "decision_record",
        activity_id=activity_id,
        decision="Run a bus every 15 minutes",
        published_at=published_at,
    )


def _utc(value: datetime | None) -> datetime | None:
    """The same moment whether the database kept the zone (PostgreSQL) or not (SQLite)."""
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _outcomes(connection: Connection) -> dict[str, datetime | None]:
    table = Table("consultation", MetaData(), autoload_with=connection)
    rows = connection.execute(select(table.c.slug, table.c.outcome_published_at)).all()
    return {slug: _utc(moment) for slug, moment in rows}


def _first_publications(connection: Connection) -> dict[int, tuple[datetime | None, ...]]:
    table = Table("decision_record", MetaData(), autoload_with=connection)
    rows = connection.execute(
        select(table.c.id, table.c.published_at, table.c.first_published_at)
    ).all()
    return {row.id: (_utc(row.published_at), _utc(row.first_published_at)) for row in rows}


def test_upgrading_to_0011_makes_the_published_record_the_one_outcome_state(scratch_app):
    with scratch_app.app_context():
        upgrade(revision="0010")
        with db.engine.begin() as connection:
            # An outcome with no decision record: home linked to a missing "You said" page.
            _consultation(connection, "no-record", outcome_published_at=STRAY)
            # An outcome whose record was never published.
            _record(
                connection,
                _consultation(connection, "unpublished-record", outcome_published_at=STRAY),
                None,
            )
            # A published record with no outcome: "Publish the outcome" said it already was.
            no_outcome = _record(connection, _consultation(connection, "no-outcome"), PUBLISHED)
            # Both set, but the outcome's date is not the record's.
            _record(
                connection,
                _consultation(connection, "other-date", outcome_published_at=STRAY),
                PUBLISHED,
            )
            # Closed early (its planned close is still to come), record published.
            _record(
                connection,
                _consultation(
                    connection,
                    "closed-early",
                    closes_at=NOW + timedelta(days=20),
                    closed_early_at=CLOSED,
                ),
                PUBLISHED,
            )
            # Still open: the service never published a record on one; left as found.
            _record(
                connection,
                _consultation(connection, "still-open", closes_at=NOW + timedelta(days=5)),
                PUBLISHED,
            )
            # Already right: closed, no record, no outcome.
            _consultation(connection, "closed-no-outcome")
            # An event's record (no consultation) gets its first publication too.
            event_record = _record(
                connection,
                _insert(connection, "activity", slug="drop-in", title="Drop-in", way="involve"),
                PUBLISHED,
            )

        upgrade()

        with db.engine.connect() as connection:
            assert _outcomes(connection) == {
                "no-record": None,
                "unpublished-record": None,
                "no-outcome": PUBLISHED,
                "other-date": PUBLISHED,
                "closed-early": PUBLISHED,
                "still-open": None,
                "closed-no-outcome": None,
            }
            publications = _first_publications(connection)
        for published_at, first_published_at in publications.values():
            assert first_published_at == published_at  # set where published, None where not
        assert publications[no_outcome] == (PUBLISHED, PUBLISHED)
        assert publications[event_record] == (PUBLISHED, PUBLISHED)
        db.session.remove()
