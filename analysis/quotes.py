"""Representative quotes: the texts nearest a theme's centre, skipping any that nearly repeat a
quote already chosen, so officers see the range of what people said rather than one view five
times (maximal marginal relevance over character-shingle TF-IDF)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.text import normalise

MAX_SIMILARITY = 0.5  # cosine of character shingles; above this two quotes say the same thing


def select_quotes(
    texts: Sequence[str],
    count: int = 3,
    *,
    max_similarity: float = MAX_SIMILARITY,
    min_words: int = 4,
    max_candidates: int = 2000,
) -> list[int]:
    """Indices (into `texts`) of up to `count` typical, mutually different quotes, best first.
    Very short texts are used only when there is nothing longer."""
    lengths = np.array([len(text.split()) for text in texts])
    candidates = np.flatnonzero(lengths >= min_words)
    if len(candidates) == 0:
        candidates = np.flatnonzero(lengths > 0)
    if len(candidates) == 0:
        return []
    if len(candidates) > max_candidates:  # seeded sample keeps large themes fast
        rng = np.random.default_rng(0)
        candidates = np.sort(rng.choice(candidates, max_candidates, replace=False))
    vectoriser = TfidfVectorizer(
        preprocessor=normalise, analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
    )
    try:
        vectors = vectoriser.fit_transform([texts[i] for i in candidates])
    except ValueError:
        return [int(i) for i in candidates[:count]]
    centre = np.asarray(vectors.mean(axis=0)).ravel()
    typicality = vectors @ centre
    # Prefer typical, then mid-length (the most informative), then earlier: deterministic.
    order = np.lexsort((candidates, -np.minimum(lengths[candidates], 40), -np.round(typicality, 6)))
    chosen: list[int] = []
    for position in order:
        if len(chosen) == count:
            break
        if chosen:
            similarity = (vectors[chosen] @ vectors[position].T).toarray().max()
            if similarity > max_similarity:
                continue
        chosen.append(int(position))
    return [int(candidates[position]) for position in chosen]
