"""Two requests at once on PostgreSQL (where they really run side by side): syncing the same new
answer, and bulk accept while an analyst saves the same response. Each test uses a database of
its own, since both transactions must commit for the other to see them."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from involve import create_app
from involve.config import TestConfig, normalise_database_url
from involve.extensions import db
from involve.models import (
    CodingSource,
    ModelVersion,
    Officer,
    Role,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.services.theming_coding import Coding, loaded_state, save_coding
from involve.services.theming_items import get_codeframe, sync_items
from involve.services.theming_suggestion_review import SuggestionFilter, accept_suggestions

pytestmark = pytest.mark.own_database
DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
SECOND_REQUEST_WAITS = 1.0  # seconds the first transaction stays open after its write


@pytest.fixture
def race_app() -> Iterator[Flask]:
    if not DATABASE_URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL): SQLite runs one writer at a time")
    url = make_url(normalise_database_url(DATABASE_URL))
    name = f"{url.database}_race"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    app = create_app(TestConfig(database_url=url.set(database=name).render_as_string(False)))
    try:
        with app.app_context():
            upgrade()
            db.session.remove()
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _in_threads(*work) -> None:  # type: ignore[no-untyped-def]
    threads = [threading.Thread(target=each) for each in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def test_two_requests_syncing_the_same_new_answer_both_succeed(race_app):
    """Found in review: the second insert of the same theme item failed (UniqueViolation)."""
    from tests.factories import AnswerFactory, ResponseFactory
    from tests.factories_theming import codeframe_with_items

    with race_app.app_context():
        codeframe, items, _ = codeframe_with_items(["the bus is late every single day"] * 3)
        question = items[0].answer.question
        response = ResponseFactory(consultation=question.page.consultation)
        AnswerFactory(response=response, question=question, value="new", text="new answer")
        db.session.commit()
        codeframe_id = codeframe.id
        db.session.remove()
    first_synced = threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        with race_app.app_context():
            results["first"] = sync_items(get_codeframe(codeframe_id))
            first_synced.set()
            time.sleep(SECOND_REQUEST_WAITS)  # the rest of the first request
            db.session.commit()

    def second() -> None:
        first_synced.wait(10)
        with race_app.app_context():
            try:
                results["second"] = sync_items(get_codeframe(codeframe_id))
                db.session.commit()
            except Exception as error:
                db.session.rollback()
                results["second"] = f"{type(error).__name__}: {error}"

    _in_threads(first, second)

    assert results == {"first": 1, "second": 0}
    with race_app.app_context():
        count = db.session.scalar(
            select(db.func.count(ThemeItem.id)).where(ThemeItem.codeframe_id == codeframe_id)
        )
        assert count == 4


def test_bulk_accept_while_an_analyst_saves_the_same_response(race_app):
    """Found in review: bulk accept read the open suggestions, then inserted; an analyst's code
    for the same response committed in between made it fail (a 500). Now it waits for the
    analyst's save and then leaves that response alone."""
    from tests.factories import OfficerFactory
    from tests.factories_theming import codeframe_with_items

    with race_app.app_context():
        codeframe, items, (buses, parking) = codeframe_with_items(
            ["the bus is late", "no parking near the shops", "buses and parking"],
            ("Buses", "Parking"),
        )
        analyst = OfficerFactory(role=Role.ANALYST)
        accepter = OfficerFactory(role=Role.ANALYST)
        version = ModelVersion(codeframe_id=codeframe.id, number=1, coded_examples=6)
        db.session.add(version)
        db.session.flush()
        for item in items:
            for theme in (buses, parking):
                db.session.add(
                    ThemeSuggestion(
                        item_id=item.id, theme_id=theme.id, score=0.9, model_version_id=version.id
                    )
                )
        db.session.commit()
        ids = {
            "codeframe": codeframe.id,
            "item": items[0].id,
            "buses": buses.id,
            "analyst": analyst.id,
            "accepter": accepter.id,
            "version": version.id,
        }
        db.session.remove()
    analyst_wrote = threading.Event()
    results: dict[str, object] = {}

    def analyst_saves() -> None:
        with race_app.app_context():
            item = db.session.get(ThemeItem, ids["item"])
            save_coding(
                actor=db.session.get(Officer, ids["analyst"]),
                item=item,
                loaded=loaded_state(item),
                chosen=Coding(theme_ids=frozenset({ids["buses"]})),
            )
            analyst_wrote.set()
            time.sleep(SECOND_REQUEST_WAITS)
            db.session.commit()

    def officer_accepts_in_bulk() -> None:
        analyst_wrote.wait(10)
        with race_app.app_context():
            try:
                results["accepted"] = accept_suggestions(
                    actor=db.session.get(Officer, ids["accepter"]),
                    codeframe=get_codeframe(ids["codeframe"]),
                    chosen=SuggestionFilter(threshold=0.8),
                    model_version=db.session.get(ModelVersion, ids["version"]),
                )
                db.session.commit()
            except Exception as error:
                db.session.rollback()
                results["accepted"] = f"{type(error).__name__}: {error}"

    _in_threads(analyst_saves, officer_accepts_in_bulk)

    assert results == {"accepted": 4}  # both themes on the two other responses
    with race_app.app_context():
        codes = db.session.execute(
            select(ThemeCoding.theme_id, ThemeCoding.source).where(
                ThemeCoding.item_id == ids["item"]
            )
        ).all()
        assert codes == [(ids["buses"], CodingSource.OFFICER)]  # only what the analyst chose
