"""Tokenising free text for theming: our own regex tokeniser (no NLTK corpora), contractions
expanded ("don't" -> "do not") so negation survives, and a stop list for theme discovery that
also drops empty praise ("good", "great", "lovely"), which says nothing about what a theme is."""

from __future__ import annotations

import re
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Irregular forms first; the regular suffixes are handled by _SUFFIXES below.
_IRREGULAR = {
    "won't": "will not",
    "can't": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "y'all": "you all",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "who's": "who is",
    "where's": "where is",
    "he's": "he is",
    "she's": "she is",
}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"))
_SUFFIXES += (("'d", " would"),)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")

PRAISE_WORDS = frozenset(
    [
        "good",
        "great",
        "lovely",
        "nice",
        "excellent",
        "fantastic",
        "brilliant",
        "wonderful",
        "amazing",
        "superb",
        "perfect",
        "fine",
        "ok",
        "okay",
        "best",
        "better",
        "well",
        "very",
        "really",
        "lot",
        "lots",
        "thank",
        "thanks",
        "thankyou",
        "happy",
        "pleased",
        "outstanding",
        "fab",
        "fabulous",
        "awesome",
        "everything",
        "nothing",
        "thing",
        "things",
        "just",
        "overall",
    ]
)
# How people say where they stand, not what about: in consultation answers these open and close
# comments whatever the subject ("I strongly disagree with this proposal, bad idea"), so
# discovery would otherwise group by stance and label themes with them.
STANCE_WORDS = frozenset(
    [
        "agree",
        "disagree",
        "support",
        "supportive",
        "oppose",
        "opposed",
        "against",
        "idea",
        "ideas",
        "bad",
        "sensible",
        "reasonable",
        "sounds",
        "think",
        "feel",
        "feelings",
        "believe",
        "strongly",
        "totally",
        "completely",
        "absolutely",
        "definitely",
        "happily",
        "disappointed",
        "unhappy",
        "sure",
        "depends",
        "sense",
        "mixed",
        "view",
        "opinion",
        "proposal",
        "proposals",
        "plan",
        "plans",
        "changes",
        "please",
        "shortsighted",
        "sighted",
        "worse",
        "worst",
        "make",
        "makes",
        "way",
        "yes",
        "agreed",
    ]
)
STOP_WORDS = frozenset(
    ENGLISH_STOP_WORDS | PRAISE_WORDS | STANCE_WORDS | {"would", "will", "xxxx", "am", "im"}
)


def expand_contraction(word: str) -> str:
    """ "don't" -> "do not", "we're" -> "we are", "council's" -> "council"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("'s"):
        return word[:-2]
    return word.replace("'", "")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions expanded, words joined by single spaces."""
    words = _WORD.findall(text.lower().translate(_APOSTROPHES))
    return " ".join(expand_contraction(word) if "'" in word else word for word in words)


def tokenise(text: str) -> list[str]:
    """Every word, stop words kept (a classifier needs "not" and "no")."""
    return normalise(text).split()


def content_words(text: str) -> list[str]:
    """Words that can name a theme: stop words, praise words, numbers and single letters gone."""
    return [
        word
        for word in tokenise(text)
        if word not in STOP_WORDS and len(word) > 1 and not word.isdigit()
    ]


def content_terms(text: str) -> list[str]:
    """Content words and adjacent content-word pairs, for discovering and labelling themes."""
    words = content_words(text)
    return words + [f"{first} {second}" for first, second in pairwise(words)]
