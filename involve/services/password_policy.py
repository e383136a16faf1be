"""Which new passwords are refused: too short, common, or built from the officer's own name or
e-mail address or the council's name (NCSC and OWASP ASVS 2.1.7 advice: a deny-list, no
composition rules).

The common passwords are the 30,000 of the `passwords` frequency list inside zxcvbn (MIT
licence; from leaked password sets), the list zxcvbn itself uses. Few of them are 12 characters
long, so a password is also refused when, lower-cased, with spaces and punctuation taken out,
digits at either end taken off and "leetspeak" undone, it is on the list or repeats one entry
("Password1234!", "P@ssw0rd 2024", "monkeymonkey").
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from flask import current_app

from involve.services.authority import get_settings
from involve.services.errors import DomainError
from involve.services.passwords import MIN_PASSWORD_LENGTH

MAX_PASSWORD_LENGTH = 200
# Parts of a name shorter than this are too often inside ordinary words to refuse them ("Ann"
# is in "channel", "Lee" in "sleepless", "Tom" in "tomato").
MIN_PERSONAL_PART = 4

COMMON_MESSAGE = (
    "Choose a password that is harder to guess: this one is on a list of common passwords"
)
# Words of an authority's name that say nothing about this council in particular: its kind,
# and the compass points and other qualifiers that many councils' names share ("North East
# Lincolnshire", "Mid Suffolk", "Greater Manchester"), which are also inside ordinary words
# ("feast", "southern", "newest").
GENERIC_NAME_WORDS = frozenset(
    [
        "and",
        "authority",
        "borough",
        "central",
        "city",
        "combined",
        "council",
        "county",
        "district",
        "east",
        "eastern",
        "great",
        "greater",
        "little",
        "london",
        "lower",
        "metropolitan",
        "mid",
        "new",
        "north",
        "northern",
        "of",
        "parish",
        "royal",
        "south",
        "southern",
        "the",
        "town",
        "unitary",
        "upper",
        "west",
        "western",
    ]
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
_LEET_L = str.maketrans({"1": "l"})
_SYMBOL_LEET = str.maketrans({"@": "a", "$": "s", "!": "i", "+": "t", "|": "l"})


class WeakPassword(DomainError):
    """The new password would be too easy to guess; the message says why, GOV.UK style."""


@cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's 30,000 most common passwords, lower-case (loaded once, on first use)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def _squashed(text: str) -> str:
    """Lower-case letters and digits only: 'P@ss w0rd!' -> 'pssw0rd' (see _forms for leet)."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _forms(password: str) -> set[str]:
    """The ways of reading a password that a guesser would try first."""
    lowered = password.lower()
    de_symbolled = lowered.translate(_SYMBOL_LEET)
    forms = {lowered, _squashed(lowered), _squashed(de_symbolled)}
    for form in list(forms):
        forms.add(form.translate(_LEET))
        forms.add(form.translate(_LEET_L).translate(_LEET))
    cores = {form.strip("0123456789") for form in forms}
    return {form for form in forms | cores if form}


def _repeats_a_common_one(form: str, common: frozenset[str]) -> bool:
    for size in range(1, len(form) // 2 + 1):
        if len(form) % size == 0 and form[:size] * (len(form) // size) == form:
            return form[:size] in common
    return False


def _starts_with_common_digits(form: str, common: frozenset[str]) -> bool:
    """All digits, starting with a common run of six or more ("123456789012", "111111222222")."""
    return form.isdigit() and any(form[:end] in common for end in range(6, len(form) + 1))


def is_common(password: str) -> bool:
    common = common_passwords()
    return any(
        form in common
        or _repeats_a_common_one(form, common)
        or _starts_with_common_digits(form, common)
        for form in _forms(password)
    )


def _personal_parts(email: str, full_name: str) -> set[str]:
    local_part = email.split("@", 1)[0].lower()
    parts = set(re.split(r"[^a-z]+", local_part)) | {_squashed(local_part)}
    parts |= set(re.split(r"[^a-z]+", full_name.lower()))
    return {part for part in parts if len(part) >= MIN_PERSONAL_PART}


def _service_parts() -> set[str]:
    """'involve', the service's name and the distinctive words of the council's name."""
    parts = {"involve", _squashed(current_app.config.get("SERVICE_NAME", ""))}
    settings = get_settings()
    if settings is not None:
        words = re.split(r"[^a-z]+", settings.name.lower())
        parts |= {word for word in words if word not in GENERIC_NAME_WORDS}
    return {part for part in parts if len(part) >= MIN_PERSONAL_PART}


def _contains_any(password: str, parts: set[str]) -> bool:
    forms = _forms(password)
    return any(part in form for part in parts for form in forms)


def refuse_weak_password(
    password: str, *, email: str, full_name: str = "", whose: str = "your"
) -> None:
    """Raise WeakPassword unless the password is long enough and not easy to guess.

    `whose` words the message for who is choosing: "your" for an officer's own password, "the
    officer's" when an administrator sets one for someone else.
    """
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise WeakPassword(
            f"Password must be between {MIN_PASSWORD_LENGTH} and {MAX_PASSWORD_LENGTH} characters"
        )
    if is_common(password):
        raise WeakPassword(COMMON_MESSAGE)
    if _contains_any(password, _personal_parts(email, full_name)):
        raise WeakPassword(f"Choose a password that does not contain {whose} name or email address")
    if _contains_any(password, _service_parts()):
        raise WeakPassword(
            "Choose a password that does not contain the name of the council or of this service"
        )


def generate_password(*, people: list[tuple[str, str]]) -> str:
    """A random password (16 characters, 96 bits) that the rules accept for each (e-mail, full
    name) given: one made at random may, rarely, contain a name."""
    while True:
        candidate = secrets.token_urlsafe(12)
        try:
            for email, full_name in people:
                refuse_weak_password(candidate, email=email, full_name=full_name)
        except WeakPassword:
            continue
        return candidate
