"""Queueing quotes reads the database the same number of times however many quotes are sent:
each quote's respondent details (for redaction) are loaded with the quotes, not one by one."""

from __future__ import annotations

from involve.extensions import db
from involve.services.moderation_queueing import queue_quotes
from tests.factories import OfficerFactory
from tests.factories_theming import codeframe_with_items
from tests.pages import sql_statements


def _reads_to_queue(quotes: int) -> int:
    """SELECTs only: SQLite's driver inserts the new items one row at a time, whatever we do."""
    codeframe, items, (theme,) = codeframe_with_items(
        [f"Quote number {n} about the park" for n in range(quotes)], ["Parks"]
    )
    officer = OfficerFactory()
    picks = [(theme.id, item.id) for item in items]
    db.session.expire_all()  # read everything afresh, as a request would
    with sql_statements() as statements:
        queued = queue_quotes(actor=officer, codeframe=codeframe, picks=picks)
    assert queued.added == quotes
    return sum(statement.lstrip().upper().startswith("SELECT") for statement in statements)


def test_queueing_quotes_makes_no_query_per_quote():
    assert _reads_to_queue(2) == _reads_to_queue(7)
