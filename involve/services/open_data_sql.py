"""JSON in SQL for the open-data figures, on SQLite and PostgreSQL alike.

Answers and list columns are JSON; aggregating them in the database (GROUP BY) rather than in a
Python loop over rows needs each database's own JSON functions. These helpers hide the
difference: SQLite's json_extract/json_each, PostgreSQL's jsonb operators and set-returning
functions (which may refer to earlier FROM items without LATERAL, as json_each may in SQLite).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Numeric,
    String,
    case,
    cast,
    exists,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.selectable import TableValuedAlias

from involve.extensions import db


def is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def scalar_text(column: Any) -> ColumnElement[Any]:
    """A JSON string value as text (SQL NULL for JSON null)."""
    if is_postgresql():
        return cast(column, JSONB).op("#>>", return_type=String)(literal_column("'{}'"))
    return func.json_extract(column, "$")


def scalar_number(column: Any) -> ColumnElement[Any]:
    """A JSON number value as a number (SQL NULL when it is anything else)."""
    if is_postgresql():
        value = cast(column, JSONB)
        as_text = value.op("#>>", return_type=String)(literal_column("'{}'"))
        return case((func.jsonb_typeof(value) == "number", cast(as_text, Numeric)), else_=None)
    return case(
        (func.json_type(column).in_(("integer", "real")), func.json_extract(column, "$")),
        else_=None,
    )


def has_key(column: Any, key: str) -> ColumnElement[bool]:
    """A JSON object value has this key."""
    if is_postgresql():
        return cast(column, JSONB).has_key(key)
    return func.json_type(column, f"$.{key}").is_not(None)


def array_elements(column: Any, key: str | None = None) -> TableValuedAlias:
    """The elements of a JSON array (of the value, or of value[key]) as rows: `value` (text)
    and `position` (0-based)."""
    if is_postgresql():
        array = cast(column, JSONB)
        if key is not None:
            array = array[key]
        return func.jsonb_array_elements_text(array).table_valued(
            "value", with_ordinality="ordinality"
        )
    path = f"$.{key}" if key is not None else "$"
    return func.json_each(column, path).table_valued("value", "key")


def element_position(rows: TableValuedAlias) -> ColumnElement[Any]:
    """The 0-based position of an element from array_elements."""
    if is_postgresql():
        return rows.c.ordinality - 1
    return rows.c.key


def object_entries(column: Any) -> TableValuedAlias:
    """The entries of a JSON object as rows: `key` and `value` (text)."""
    if is_postgresql():
        return func.jsonb_each_text(cast(column, JSONB)).table_valued("key", "value")
    return func.json_each(column).table_valued("key", "value")


def json_list_contains(column: Any, value: str) -> ColumnElement[bool]:
    """A JSON list column (topics, ward codes) contains this string."""
    if is_postgresql():
        return cast(column, JSONB).contains([value])
    elements = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(elements).where(elements.c.value == value))
