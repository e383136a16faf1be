"""The migrations build exactly the schema the models describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from involve import create_app
from involve.config import TestConfig
from involve.database import render_migration_item
from involve.extensions import db
from involve.models import Base


def test_models_and_migrations_do_not_drift(app, db_session):
    connection = db_session.connection()
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "render_item": render_migration_item},
    )
    differences = compare_metadata(context, Base.metadata)
    assert differences == [], f"models and migrations differ; write a migration: {differences}"


def test_migrations_upgrade_and_downgrade_cleanly(tmp_path):
    """Run on a throwaway SQLite file so the shared test database is untouched."""
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    scratch = create_app(TestConfig(database_url=url))
    with scratch.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        db.session.remove()
        db.engine.dispose()
    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {table.name for table in Base.metadata.sorted_tables} <= tables
