"""UK postcode format checks (the shape only; whether it exists is the lookup's job)."""

from __future__ import annotations

import re

# Outward code (area, district, optional sub-district) then inward code (sector, unit).
_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """'gl5  4ub' -> 'GL5 4UB'; None when it cannot be a UK postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if not _POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def compact_postcode(postcode: str) -> str:
    """The lookup key: upper case, no spaces."""
    return re.sub(r"\s+", "", postcode).upper()
