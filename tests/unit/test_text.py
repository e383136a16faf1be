"""The tokeniser: contractions, apostrophes, stop words for discovery."""

from __future__ import annotations

from analysis.text import content_words, tokenise


def test_contractions_are_expanded_so_negation_survives():
    assert tokenise("Don't close it, we can't cope") == [
        "do", "not", "close", "it", "we", "can", "not", "cope"
    ]  # fmt: skip
    assert tokenise("Won\u2019t") == ["will", "not"]
    assert tokenise("We're sure they've gone") == ["we", "are", "sure", "they", "have", "gone"]


def test_possessives_lose_their_apostrophe():
    assert tokenise("The council's plan") == ["the", "council", "plan"]


def test_praise_and_stop_words_are_not_content():
    assert content_words("Good, great and lovely staff at the excellent clinic") == [
        "staff", "clinic"
    ]  # fmt: skip
