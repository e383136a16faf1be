"""Believable free text for the demo responses: themed sentences combined with varied openings,
lengths and the odd typo, so theming and sentiment tools have something real-looking to learn.

Everything is drawn from a seeded random.Random, so the same seed writes the same comments.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """A theme people raise; lean is -1 when it is mostly raised against the proposal, +1 for."""

    name: str
    lean: int
    fragments: tuple[str, ...]


OPENINGS = {
    -1: (
        "I strongly disagree with this.",
        "I'm against these changes.",
        "This is a bad idea.",
        "Please think again.",
        "I am really disappointed by this proposal.",
        "Not happy about this at all.",
        "I don't support this.",
        "Very short sighted in my view.",
        "",
        "",
    ),
    0: (
        "I can see both sides.",
        "Mixed feelings about this.",
        "Some of this makes sense, some doesn't.",
        "I'm not sure.",
        "It depends how it is done.",
        "",
        "",
    ),
    1: (
        "I support this.",
        "Sounds sensible to me.",
        "On the whole I agree with the proposal.",
        "This is a reasonable plan.",
        "Good idea.",
        "I'm in favour.",
        "",
        "",
    ),
}

CONNECTORS = ("Also", "And", "On top of that", "Plus", "Another thing is that", "Mainly because")
_KEEP_CAPITAL = {"I", "I'm", "I've", "I'd", "I'll"}


def _lower_first(sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    if first in _KEEP_CAPITAL or first.rstrip(",.") in PROPER_NOUNS:
        return sentence
    return sentence[:1].lower() + sentence[1:]


PROPER_NOUNS = {
    "Stroud",
    "Stonehouse",
    "Dursley",
    "Nailsworth",
    "Cam",
    "Wotton",
    "Wotton-under-Edge",
    "Berkeley",
    "Painswick",
    "Gloucester",
    "Cheltenham",
    "Monday",
    "Mondays",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Thursdays",
    "Friday",
    "Saturday",
    "Saturdays",
    "Sunday",
    "Sundays",
    "Cornhill",
    "London",
    "Slad",
    "Merrywalks",
    "Stagecoach",
    "Wi-Fi",
}


def pick_themes(rng: random.Random, themes: Sequence[Theme], stance: int) -> list[Theme]:
    """One to three themes, favouring those that lean the same way as the respondent."""
    direction = (stance > 0) - (stance < 0)
    weights = [
        3.0 if theme.lean == direction else 1.0 if theme.lean == 0 else 0.3 for theme in themes
    ]
    count = rng.choices((1, 2, 3), weights=(5, 4, 2))[0]
    chosen: list[Theme] = []
    while len(chosen) < count:
        theme = rng.choices(themes, weights=weights)[0]
        if theme not in chosen:
            chosen.append(theme)
    return chosen


def compose_comment(
    rng: random.Random, themes: Sequence[Theme], stance: int
) -> tuple[str, list[str]]:
    """A comment and the names of the themes it raises."""
    chosen = pick_themes(rng, themes, stance)
    direction = (stance > 0) - (stance < 0)
    parts = []
    opening = rng.choice(OPENINGS[direction])
    if opening and rng.random() < 0.6:
        parts.append(opening)
    for index, theme in enumerate(chosen):
        sentence = rng.choice(theme.fragments)
        if index > 0 and rng.random() < 0.35:
            sentence = f"{rng.choice(CONNECTORS)} {_lower_first(sentence)}"
        parts.append(sentence)
    return roughen(rng, " ".join(parts)), [theme.name for theme in chosen]


def roughen(rng: random.Random, text: str) -> str:
    """The marks of real typing: a swapped letter, a missing apostrophe or full stop, no capitals."""
    if rng.random() < 0.12:
        words = text.split(" ")
        long_words = [i for i, word in enumerate(words) if len(word) > 5 and word.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            word = words[i]
            j = rng.randrange(1, len(word) - 2)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
            text = " ".join(words)
    if rng.random() < 0.08:
        text = text.replace("don't", "dont").replace("can't", "cant").replace("it's", "its")
    if rng.random() < 0.08:
        text = text.rstrip(".")
    if rng.random() < 0.04:
        text = text.lower()
    return text
