"""Short, human-friendly response references like K7M-Q9P-2XD: easy to read out on the phone."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 5/S or 2/Z: the characters people confuse when reading or typing.
ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
GROUPS, GROUP_LENGTH = 3, 3


def new_reference() -> str:
    """27^9 (about 7.6e12) possibilities; uniqueness is still enforced by the database."""
    characters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(
        characters[i : i + GROUP_LENGTH] for i in range(0, len(characters), GROUP_LENGTH)
    )


def normalise_reference(text: str) -> str:
    """Accept what people type: any case, with spaces, dashes or neither."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != GROUPS * GROUP_LENGTH:
        return text.strip().upper()
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, len(cleaned), GROUP_LENGTH))
