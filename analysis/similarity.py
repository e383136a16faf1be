"""Rank earlier involvement activities by how alike they are to a planned one, so the officer can
reuse what people already said instead of asking them again (consultation fatigue).

Score = TF-IDF cosine similarity of the wording, plus a small bonus for the same service and for
an overlapping area, capped at 1. Pure: no Flask, SQLAlchemy or involve imports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

# The bonuses are small on purpose: they reorder matches that share wording, never make one. A
# candidate whose wording scores under min_score is left out whatever its service or area, or
# every whole-area activity would match.
SAME_SERVICE_BONUS = 0.10
SAME_AREA_BONUS = 0.05
SHARED_TERMS_SHOWN = 3

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    summary: str = ""
    themes: list[str] = field(default_factory=list)
    service_id: int | None = None
    ward_codes: list[str] = field(default_factory=list)
    whole_area: bool = True


@dataclass(frozen=True)
class Match:
    id: int
    score: float  # 0..1, wording plus bonuses, rounded to 4 places
    text_score: float  # 0..1, the TF-IDF cosine alone
    reasons: list[str]


def singular(word: str) -> str:
    """A light plural stripper, so "libraries" meets "library" and "closures" meets "closure"."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "'s")):
        return word.removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def tokenise(text: str) -> list[str]:
    """Lower-case words, English stop words dropped (before bigrams are formed), plurals folded."""
    words = (word.removesuffix("'s") for word in _TOKEN.findall(text.lower()))
    return [singular(word) for word in words if word not in ENGLISH_STOP_WORDS and len(word) > 1]


def document_parts(document: Document) -> list[str]:
    """The title counts twice: it is the officer's own summary of the subject."""
    return [document.title, document.title, document.summary, *document.themes]


def word_ngrams(parts: Sequence[str]) -> list[str]:
    """Words and word pairs (1-2 grams) of each part; a pair never spans two parts."""
    grams: list[str] = []
    for part in parts:
        words = tokenise(part)
        grams.extend(words)
        grams.extend(f"{first} {second}" for first, second in pairwise(words))
    return grams


def areas_overlap(first: Document, second: Document) -> bool:
    if first.whole_area or second.whole_area:
        return True
    return bool(set(first.ward_codes) & set(second.ward_codes))


def rank_similar(
    target: Document, candidates: Sequence[Document], *, limit: int = 10, min_score: float = 0.05
) -> list[Match]:
    """The candidates most like the target, best first (ties by id), at most `limit`, each
    with a wording score of at least `min_score`, with the reasons a person can check."""
    others = [candidate for candidate in candidates if candidate.id != target.id]
    if not others:
        return []
    text_scores, shared_terms = _wording_similarity(target, others)
    matches = []
    for index, candidate in enumerate(others):
        text_score = float(text_scores[index])
        if text_score < min_score or text_score <= 0:
            continue
        score = text_score
        reasons = [f"similar wording: {', '.join(shared_terms[index])}"]
        if target.service_id is not None and candidate.service_id == target.service_id:
            score += SAME_SERVICE_BONUS
            reasons.append("same service")
        if areas_overlap(target, candidate):
            score += SAME_AREA_BONUS
            reasons.append("same area")
        score = round(min(score, 1.0), 4)
        matches.append(Match(candidate.id, score, round(text_score, 4), reasons))
    matches.sort(key=lambda match: (-match.score, match.id))
    return matches[:limit]


def _wording_similarity(
    target: Document, others: Sequence[Document]
) -> tuple[np.ndarray, list[list[str]]]:
    """Cosine similarity of each candidate's TF-IDF vector with the target's (fitted on all of
    them), and the terms that contribute most to each."""
    vectorizer = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
    texts = [document_parts(target), *(document_parts(other) for other in others)]
    try:
        matrix = vectorizer.fit_transform(texts).toarray()
    except ValueError:  # no words at all once stop words are gone
        return np.zeros(len(others)), [[] for _ in others]
    terms = vectorizer.get_feature_names_out()
    target_vector = matrix[0]
    # Rows are L2-normalised, so the dot product is the cosine.
    contributions = matrix[1:] * target_vector
    scores = contributions.sum(axis=1)
    shared = []
    for row in contributions:
        order = sorted(np.flatnonzero(row), key=lambda column: (-row[column], terms[column]))
        shared.append([str(terms[column]) for column in order[:SHARED_TERMS_SHOWN]])
    return np.clip(scores, 0.0, 1.0), shared
