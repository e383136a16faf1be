"""The text features shared by the theme and stance models: word 1-2 gram TF-IDF (contractions
expanded, stop words kept) beside character 2-5 gram TF-IDF inside words ("char_wb"), which
copes with misspellings and word endings ("parking", "parked") without a stemmer.

Speed: each text is tokenised once. Its char_wb n-grams are the sum of its words' n-grams, so
they come from a sparse product (text x word counts) @ (word x n-gram counts), with n-grams
worked out once per distinct word rather than once per occurrence; scikit-learn's own `char_wb`
analyser gives the same counts several times slower. At predict time words are counted into a
plain dictionary (word pairs only when seen in training) instead of through a CountVectorizer,
which would build and sort a vocabulary only to throw it away: same matrix, about twice as fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from analysis.text import normalise

_TOKENS = r"[a-z0-9]+"
_TOKEN_PATTERN = re.compile(_TOKENS)


class TextFeatures:
    """Word + character TF-IDF, each sublinear and L2-normalised, side by side in one matrix."""

    def __init__(self, *, min_df: int = 2, max_char_features: int = 200_000):
        self.min_df = min_df
        self.max_char_features = max_char_features

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        counts, terms = _count_terms(texts)
        min_df = min(self.min_df, len(texts))
        frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        term_columns = np.flatnonzero(frequency >= min_df)
        self.term_index_ = {terms[column]: i for i, column in enumerate(term_columns)}
        self.word_tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts[:, term_columns])

        words = [i for i, term in enumerate(terms) if " " not in term]
        self.grams_ = CountVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), lowercase=False, dtype=np.float32
        )
        word_grams = self.grams_.fit_transform([terms[i] for i in words]).tocsr()
        char_counts = (counts[:, words] @ word_grams).tocsr()
        frequency = np.bincount(char_counts.indices, minlength=char_counts.shape[1])
        keep = np.flatnonzero(frequency >= min_df)
        if len(keep) > self.max_char_features:
            order = np.argsort(-frequency[keep], kind="stable")[: self.max_char_features]
            keep = np.sort(keep[order])
        self.keep_ = keep
        self.word_index_ = {terms[i]: row for row, i in enumerate(words)}
        self.word_grams_ = word_grams[:, keep].tocsr()
        self.char_tfidf_ = TfidfTransformer(sublinear_tf=True).fit(char_counts[:, keep])
        return self._combine(counts[:, term_columns], char_counts[:, keep])

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        counts, terms = _count_known_terms(texts, self.term_index_)
        columns = np.array([self.term_index_.get(term, -1) for term in terms], dtype=np.int64)
        known = np.flatnonzero(columns >= 0)
        selector = sp.csr_matrix(
            (np.ones(len(known), dtype=np.float32), (known, columns[known])),
            shape=(len(terms), len(self.term_index_)),
        )
        words = [i for i, term in enumerate(terms) if " " not in term]
        char_counts = counts[:, words] @ self._grams_of([terms[i] for i in words])
        return self._combine(counts @ selector, char_counts)

    def _combine(self, term_counts, char_counts) -> sp.csr_matrix:
        word_part = self.word_tfidf_.transform(term_counts)
        char_part = self.char_tfidf_.transform(char_counts)
        return sp.hstack([word_part, char_part], format="csr", dtype=np.float32)

    def _grams_of(self, words: list[str]) -> sp.csr_matrix:
        """Rows of kept n-gram counts for these words; words unseen in training are counted
        afresh (their n-grams may still be known: "parkng" shares most of "parking")."""
        rows = np.array([self.word_index_.get(word, -1) for word in words], dtype=np.int64)
        seen, unseen = np.flatnonzero(rows >= 0), np.flatnonzero(rows < 0)
        parts = [self.word_grams_[rows[seen]]]
        if len(unseen):
            fresh = self.grams_.transform([words[i] for i in unseen])
            parts.append(fresh.tocsc()[:, self.keep_].tocsr())
        stacked = sp.vstack(parts, format="csr")
        return stacked[np.argsort(np.concatenate([seen, unseen]), kind="stable")]


def _count_terms(texts: Sequence[str]) -> tuple[sp.csr_matrix, list[str]]:
    """Word and word-pair counts of these texts, and the terms (pairs contain a space)."""
    documents = [normalise(text) for text in texts]
    counter = CountVectorizer(
        lowercase=False, token_pattern=_TOKENS, ngram_range=(1, 2), dtype=np.float32
    )
    try:
        counts = counter.fit_transform(documents)
    except ValueError:  # no words at all
        return sp.csr_matrix((len(documents), 1), dtype=np.float32), ["\x00"]
    return counts.tocsr(), list(counter.get_feature_names_out())


def _count_known_terms(
    texts: Sequence[str], known: dict[str, int]
) -> tuple[sp.csr_matrix, list[str]]:
    """As `_count_terms`, but word pairs only when `known` (unseen pairs have no column and no
    character n-grams, so they would be dropped anyway). Counting into a dictionary without
    scikit-learn's vocabulary sort is several times faster at predict time."""
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    pointers = [0]
    for text in texts:
        tokens = _TOKEN_PATTERN.findall(normalise(text))
        columns.extend(vocabulary.setdefault(token, len(vocabulary)) for token in tokens)
        for first, second in pairwise(tokens):
            pair = f"{first} {second}"
            if pair in known:
                columns.append(vocabulary.setdefault(pair, len(vocabulary)))
        pointers.append(len(columns))
    if not vocabulary:
        return sp.csr_matrix((len(texts), 1), dtype=np.float32), ["\x00"]
    counts = sp.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), np.array(columns, dtype=np.int64), pointers),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()
    return counts, list(vocabulary)


def make_vectoriser(*, min_df: int = 2) -> TextFeatures:
    """An unfitted word + character TF-IDF."""
    return TextFeatures(min_df=min_df)
