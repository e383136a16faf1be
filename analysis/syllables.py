"""Counting English syllables without a pronouncing dictionary, for the Flesch reading ease score.

The method, in order (each step is a rule a reader can check by hand):

1. Figures ("17", "£52", "9am", "7%") and abbreviations ("NHS", "GOV.UK", "e.g.": inner full
   stops, or capitals of three letters or fewer or without a vowel) count as one syllable, as
   Flesch's own counting instructions say.
2. Hyphenated words are the sum of their parts; "n't" adds a syllable after a consonant
   ("couldn't" 2, "isn't" 2) but not after a vowel ("don't", "can't", "won't" 1); other
   apostrophe endings ("council's", "we'll") add none.
3. A short list of words the rules below get wrong is looked up first (EXCEPTIONS).
4. Compounds whose first part ends in a silent e ("some-", "home-", "stone-", "life-" ...)
   count that part as one syllable ("somewhere" 2, "Stonehouse" 2). Suffixes that follow a
   silent e are taken off and counted apart: -ment, -ness, -less, -ful and -ly add one each to
   their stem ("statement" = "state" + 1, "likely" = "like" + 1).
5. In what is left, "qu" counts as a consonant and y is a consonant at the start of a word or
   between vowels ("year", "beyond", "playing"); every other run of vowels (a, e, i, o, u, y)
   is one syllable.
6. Runs that are two syllables are split: "ia" (not in -cial, -tial, -sian, -lian, -iliar,
   but always in -iate), "io" (not in -tion, -sion, -gion, -cious, -tious ...), "iu", "eo"
   (not in "people", -geon, -geous), "ua" (not after g or q), "ie" before t, r or st at the end, and
   -ient/-ience (not in -tient, -cient), "ea" at the end and in "creat-", "-ing" after a vowel,
   "-ism", and the prefixes re- and co- before o or u.
7. Silent endings come off: a final e after a consonant ("make", but not consonant + le or re:
   "table", "centre"), -ed after a consonant other than t or d ("walked", but not "wanted", and
   not consonant + led: "settled"), -es after a consonant other than s, x, z, ch, sh, c, g
   ("makes", but not "pages", "boxes", "tables"), and "-gue" after a vowel or n ("league").

Every word has at least one syllable. Tested against a hand-counted list of common words in
tests/unit/test_readability.py; where two pronunciations are accepted, the shorter is used.
"""

from __future__ import annotations

import re

# Words the rules miscount; counted by hand (the shorter pronunciation where there are two).
EXCEPTIONS: dict[str, int] = {
    "anybody": 4,
    "anyone": 3,
    "anything": 3,
    "apostrophe": 4,
    "aisle": 1,
    "business": 2,
    "businesses": 3,
    "cafe": 2,
    "catastrophe": 4,
    "conscience": 2,
    "coyote": 3,
    "creature": 2,
    "creatures": 2,
    "element": 3,
    "elements": 3,
    "epitome": 4,
    "evening": 2,
    "every": 2,
    "everybody": 4,
    "everyone": 3,
    "everything": 3,
    "everywhere": 3,
    "george": 1,
    "hyperbole": 4,
    "increment": 3,
    "isle": 1,
    "karate": 3,
    "lion": 2,
    "maybe": 2,
    "museum": 3,
    "naive": 2,
    "nevertheless": 4,
    "poem": 2,
    "poet": 2,
    "poetry": 3,
    "recipe": 3,
    "sesame": 3,
    "simile": 3,
    "someone": 2,
    "wednesday": 2,
}

VOWELS = "aeiouy"
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_NOT_LETTERS = re.compile(r"[^a-z]")

# Suffixes counted apart from their stem, with the syllables they add.
_SUFFIXES = (
    ("ments", 1),
    ("ment", 1),
    ("nesses", 2),
    ("ness", 1),
    ("less", 1),
    ("ful", 1),
    ("ly", 1),
)

# First parts of compounds that end in a silent e ("somewhere", "Stonehouse", "lifetime").
_SILENT_E_PARTS = ("some", "home", "stone", "life", "time", "fire", "care", "whole", "state")
_SILENT_E_PARTS += ("safe", "side", "wide")

# Vowel runs that are two syllables (step 6); each match adds one.
_SPLITS = (
    # media, trial, reliable, appropriate; not social, initial, Asian, Australian, familiar
    re.compile(r"(?<![ctsl])ia|(?<!il)(?<=l)ia(?!ns?$)|iat"),
    re.compile(r"(?<![tscgxlnh])io(?=n)|io(?!n|us|ur)|(?<![ctxg])io(?=us)"),  # radio, period
    re.compile(r"iu"),  # medium, stadium
    re.compile(r"(?<![gc])eo(?!pl|pa)|(?<=[gc])eo(?![nu]|pl|pa)"),  # video; not people, surgeon
    re.compile(r"(?<![gq])ua(?![dv])"),  # usual, situation, January; not language, persuade
    re.compile(r"ie(?=t)|(?<!t)(?<![^s]c)ie(?=n[tc])"),  # quiet, client, science; not patient
    re.compile(r"(?<=[aeiouy][^aeiouy])ie(?=r$|st$)|(?<=[aeiouy][^aeiouy]{2})ie(?=r$|st$)"),
    re.compile(r"(?<=[aeiouy][^aeiouy]{3})ie(?=r$|st$)"),  # easier, earlier, supplier
    re.compile(r"(?<=[aeiouy][^aeiouy])ea$|crea(?=t)"),  # area, idea, create
    re.compile(r"(?<=[aeiouy])ing"),  # being, going, seeing
    re.compile(r"ism$"),  # tourism
    re.compile(r"^re(?=u)|^co(?=oper|ord)"),  # reuse, cooperate, coordinate
)


def count_syllables(word: str) -> int:
    """Syllables in one word (at least 1); see the module docstring for the rules."""
    word = word.translate(_APOSTROPHES).strip("'.-")
    if not word:
        return 0
    if any(character.isdigit() for character in word) or _is_abbreviation(word):
        return 1
    if "-" in word:
        return sum(count_syllables(part) for part in word.split("-") if part) or 1
    lower = word.lower()
    if lower.endswith("n't"):
        stem = _NOT_LETTERS.sub("", lower[:-3])
        extra = 0 if stem in ("do", "ca", "wo", "are", "ai", "sha") else 1
        return max(_count_letters(stem), 1) + extra
    if "'" in lower:
        lower = lower.split("'", 1)[0]
    return max(_count_letters(_NOT_LETTERS.sub("", lower)), 1)


def _is_abbreviation(word: str) -> bool:
    """NHS, CCTV, GOV.UK, e.g.: letters with inner full stops, or short capitals."""
    if "." in word.strip("."):
        return True
    letters = _NOT_LETTERS.sub("", word.lower())
    return word.isupper() and (len(letters) <= 3 or not _VOWEL_RUN.search(letters))


def _count_letters(word: str) -> int:
    if not word:
        return 0
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    if word.endswith("s") and word[:-1] in EXCEPTIONS:
        return EXCEPTIONS[word[:-1]]
    for part in _SILENT_E_PARTS:
        rest = word[len(part) :]
        starts_part = len(rest) >= 3 and rest[0] not in VOWELS + "r"
        if word.startswith(part) and starts_part and _VOWEL_RUN.search(rest):
            return 1 + _count_letters(rest)
    for suffix, adds in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and _VOWEL_RUN.search(stem):
            return max(_count_letters(stem), 1) + adds
    return _count_core(word)


def _consonant_y(word: str) -> str:
    """Mark y as a consonant (as "j") at the start of a word and between vowels, except in the
    -yed and -yes endings ("played", "eyes") where it belongs to the vowel before it."""
    if word.startswith("y") and len(word) > 1 and word[1] in "aeiou":
        word = "j" + word[1:]
    characters = list(word)
    for index in range(1, len(characters) - 1):
        if characters[index] != "y":
            continue
        before, after = characters[index - 1], characters[index + 1]
        ending = word[index + 1 :]
        if before in "aeiou" and after in "aeiou" and ending not in ("ed", "es"):
            characters[index] = "j"
    return "".join(characters)


def _count_core(word: str) -> int:
    word = _consonant_y(word.replace("qu", "q"))
    count = len(_VOWEL_RUN.findall(word))
    count += sum(len(pattern.findall(word)) for pattern in _SPLITS)
    if count > 1:
        count -= _silent_endings(word)
    return max(count, 1)


def _silent_endings(word: str) -> int:
    """1 when the word ends in a silent e, -ed or -es (step 7), else 0."""
    if len(word) < 3:
        return 0
    last, before = word[-1], word[-2]
    if last == "e" and before not in VOWELS:
        if before in "lr" and len(word) > 2 and word[-3] not in VOWELS:
            return 0  # table, centre
        return 1
    if word.endswith("ed") and before == "e":
        stem_end = word[-3]
        if stem_end in VOWELS or stem_end in "td":
            return 0
        if stem_end == "l" and len(word) > 3 and word[-4] not in VOWELS + "l":
            return 0  # settled, enabled; but called, filled
        return 1
    if word.endswith("es") and before == "e":
        stem_end = word[-3]
        if stem_end in VOWELS or stem_end in "sxzcg" or word.endswith(("ches", "shes")):
            return 0
        if stem_end in "lr" and len(word) > 3 and word[-4] not in VOWELS:
            return 0  # tables, centres
        return 1
    return 0 if not word.endswith("gue") else _silent_gue(word)


def _silent_gue(word: str) -> int:
    return 1 if len(word) > 3 and word[-4] in "aeiouyn" else 0
