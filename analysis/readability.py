"""How easy a text is to read: the Flesch reading ease score, in plain words, with the long
sentences and long words that pull it down.

Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
(Rudolf Flesch, "A new readability yardstick", 1948). Higher is easier: 60 to 70 is plain
English, which most adults read easily; GOV.UK writes for a reading age of 9, and asks for
sentences of 25 words at most. Syllables are counted by analysis.syllables (rules, no
dictionary, no downloads).

Counting, as Flesch's instructions say where they are clear:
- Words: runs of letters or figures, with inner hyphens, apostrophes and full stops kept
  ("full-length", "wouldn't", "GOV.UK", "£1,000", "9am" are one word each).
- Sentences end at ".", "!" or "?" followed by a space and a capital letter, figure or quote,
  or at the end of a line: headings and list items without a full stop are sentences too.
  A full stop after a common abbreviation ("e.g.", "Mr", "St", "approx.") or an initial
  ("J. Smith") does not end a sentence. Colons and semicolons do not end sentences (modern
  tools agree; Flesch's 1948 rules counted them).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analysis.syllables import count_syllables

TARGET_SCORE = 60.0  # "plain English" on Flesch's scale
LONG_SENTENCE_WORDS = 25  # GOV.UK: sentences of 25 words or fewer
LONG_WORD_SYLLABLES = 3
SHOWN = 5  # long sentences and long words listed

# Flesch's bands (lower bound, words), from "The Art of Readable Writing" (1949).
GRADES = (
    (90.0, "very easy"),
    (80.0, "easy"),
    (70.0, "fairly easy"),
    (60.0, "plain English"),
    (50.0, "fairly difficult"),
    (30.0, "difficult"),
)
DIFFICULT_FROM = GRADES[-1][0]  # below this a text is VERY_DIFFICULT
VERY_DIFFICULT = "very difficult"

WORD = re.compile(r"[£$€#]?[^\W_]+(?:[-'\u2019.,:/][^\W_]+)*%?")
# Abbreviations usually followed by more of the same sentence ("etc." and "Ltd." often end one).
_ABBREVIATIONS = frozenset(
    [
        *("e.g", "i.e", "approx", "mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "cllr"),
        *("prof", "rev", "fig", "ref", "tel", "dept", "jan", "feb", "mar", "apr", "jun", "jul"),
        *("aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m"),
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9£$])")


@dataclass(frozen=True)
class LongSentence:
    text: str
    words: int


@dataclass(frozen=True)
class LongWord:
    word: str
    syllables: int
    times: int


@dataclass(frozen=True)
class Readability:
    """The score of one text with the figures behind it. `score` is None for a text with no
    words; `grade` is Flesch's band in words."""

    score: float | None
    words: int
    sentences: int
    syllables: int
    long_sentences: tuple[LongSentence, ...]
    long_words: tuple[LongWord, ...]
    target: float = TARGET_SCORE

    @property
    def average_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def average_syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def grade(self) -> str:
        return grade(self.score) if self.score is not None else ""

    @property
    def meets_target(self) -> bool:
        return self.score is not None and self.score >= self.target


def grade(score: float) -> str:
    """Flesch's band for a score: "plain English", "fairly difficult", ..."""
    for lower, words in GRADES:
        if score >= lower:
            return words
    return VERY_DIFFICULT


def split_words(text: str) -> list[str]:
    return WORD.findall(text)


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, each stripped; lines without a full stop are sentences too."""
    sentences = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if _ends_in_abbreviation(line[start : match.start()]):
                continue
            sentences.append(line[start : match.end()])
            start = match.end()
        sentences.append(line[start:])
    return [sentence.strip() for sentence in sentences if split_words(sentence)]


def _ends_in_abbreviation(before: str) -> bool:
    words = before.split()
    if not words:
        return False
    last = words[-1].strip("(\"'\u201c").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def flesch(words: int, sentences: int, syllables: int) -> float:
    """The formula itself, on counts."""
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def flesch_reading_ease(text: str) -> float | None:
    """The Flesch reading ease of a text, rounded to one decimal place; None with no words."""
    return readability(text).score


def readability(text: str) -> Readability:
    """The score with its counts, the sentences over 25 words (longest first) and the words of
    three or more syllables that add most to the syllable count (most first)."""
    sentences = split_sentences(text)
    words = [word for sentence in sentences for word in split_words(sentence)]
    if not words:
        return Readability(None, 0, 0, 0, (), ())
    syllables = {word: count_syllables(word) for word in set(words)}
    total = sum(syllables[word] for word in words)
    long_sentences = sorted(
        (
            LongSentence(sentence, count)
            for sentence in sentences
            if (count := len(split_words(sentence))) > LONG_SENTENCE_WORDS
        ),
        key=lambda item: -item.words,
    )
    return Readability(
        score=round(flesch(len(words), len(sentences), total), 1),
        words=len(words),
        sentences=len(sentences),
        syllables=total,
        long_sentences=tuple(long_sentences[:SHOWN]),
        long_words=tuple(_long_words(words, syllables)[:SHOWN]),
    )


def _long_words(words: list[str], syllables: dict[str, int]) -> list[LongWord]:
    """Words of LONG_WORD_SYLLABLES or more, case folded, ranked by the syllables beyond one
    they add to the text (a long word used often drags the score most)."""
    counts = Counter(word.lower() for word in words)
    by_lower = {word.lower(): syllables[word] for word in words}
    found = [
        LongWord(word, by_lower[word], times)
        for word, times in counts.items()
        if by_lower[word] >= LONG_WORD_SYLLABLES
    ]
    return sorted(found, key=lambda item: (-(item.syllables - 1) * item.times, item.word))
