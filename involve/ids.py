"""Ids sent by browsers in forms and query strings, read safely in one place."""

from __future__ import annotations

import re

# ASCII digits only (str.isdigit() also accepts "²", which int() refuses) and at most 9 of them,
# so the number fits every integer column on SQLite and PostgreSQL alike (a longer one made
# SQLite raise OverflowError: a 500 instead of "not found").
_ID = re.compile(r"[0-9]{1,9}")


def id_from(value: object) -> int | None:
    """The id in a form value or query argument, or None when it is not one."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None
