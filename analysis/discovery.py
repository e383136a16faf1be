"""Finding themes in uncoded text: TF-IDF over content words and word pairs (stop words and empty
praise removed), reduced by truncated SVD, clustered by k-means; when k is not given it is the
k in 2..max_k with the best cosine silhouette (seeded sample). Deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from analysis.quotes import select_quotes
from analysis.text import content_terms

SEED = 0
SILHOUETTE_SLACK = 0.03


@dataclass(frozen=True)
class DiscoveredTheme:
    label: str  # the top terms, for an officer to rename
    top_terms: list[str]
    member_indices: list[int]
    representative_quotes: list[str] = field(default_factory=list)


def discover_themes(
    texts: Sequence[str], k: int | None = None, *, max_k: int = 15, terms: int = 8, quotes: int = 3
) -> list[DiscoveredTheme]:
    """Group texts into themes, largest first. Texts with no content words are left out."""
    vectoriser = TfidfVectorizer(
        analyzer=content_terms, sublinear_tf=True, min_df=2 if len(texts) >= 20 else 1, max_df=0.5
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # no content words anywhere
        return []
    rows = np.flatnonzero(matrix.getnnz(axis=1) > 0)
    if len(rows) < 2:
        return []
    matrix = matrix[rows]
    # Few dimensions for few texts: with as many dimensions as texts every text is its own theme.
    components = min(100, matrix.shape[1] - 1, max(2, len(rows) // 10))
    if components >= 2:
        reduced = TruncatedSVD(components, random_state=SEED).fit_transform(matrix)
    else:
        reduced = matrix.toarray()
    reduced = normalize(reduced)
    distinct = len(np.unique(np.round(reduced, 6), axis=0))
    k = _choose_k(reduced, max_k) if k is None else max(1, min(k, distinct))
    assignment = KMeans(k, n_init=4, random_state=SEED).fit_predict(reduced)
    vocabulary = vectoriser.get_feature_names_out()
    overall = np.asarray(matrix.mean(axis=0)).ravel()
    themes = []
    for cluster in range(k):
        members = np.flatnonzero(assignment == cluster)
        if len(members) == 0:
            continue
        top = _top_terms(matrix, members, overall, vocabulary, terms)
        indices = [int(rows[m]) for m in members]
        chosen = select_quotes([texts[i] for i in indices], quotes)
        themes.append(
            DiscoveredTheme(_label(top), top, indices, [texts[indices[c]] for c in chosen])
        )
    themes.sort(key=lambda theme: (-len(theme.member_indices), theme.label))
    return themes


def _top_terms(matrix, members, overall, vocabulary, terms: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The terms that set the theme apart: weight in the theme above the weight overall, and
    only terms the theme's texts actually use (no padding with zero-weight words)."""
    inside = np.asarray(matrix[members].mean(axis=0)).ravel()
    distinctive = inside - overall
    order = np.lexsort((vocabulary, -distinctive))
    return [str(vocabulary[i]) for i in order[:terms] if inside[i] > 0 and distinctive[i] > 0]


def _label(top: Sequence[str], words: int = 3) -> str:
    """Up to three terms, without repeating a word: "longer loan" makes "loan" and "longer"
    redundant, so a pair replaces the single words it contains."""
    chosen: list[str] = []
    covered: set[str] = set()
    for term in top:
        parts = set(term.split())
        if parts <= covered:
            continue
        if len(parts) > 1:  # a pair absorbs single words already chosen
            chosen = [kept for kept in chosen if kept not in parts]
        chosen.append(term)
        covered |= parts
        if len(chosen) == words:
            break
    return ", ".join(chosen) or "(no common words)"


def _choose_k(points: np.ndarray, max_k: int) -> int:
    distinct = len(np.unique(np.round(points, 6), axis=0))
    upper = min(max_k, distinct - 1)
    if upper < 2:
        return 1
    scores: dict[int, float] = {}
    for k in range(2, upper + 1):
        labels = KMeans(k, n_init=4, random_state=SEED).fit_predict(points)
        if len(set(labels)) < 2:
            continue
        sample = min(len(points), 2000)
        scores[k] = float(
            silhouette_score(points, labels, metric="cosine", sample_size=sample, random_state=SEED)
        )
    if not scores:
        return 1
    # Silhouette creeps up as small clusters split off; take the fewest themes within
    # SILHOUETTE_SLACK of the best, since officers read and merge themes by hand.
    best = max(scores.values())
    return min(k for k, score in scores.items() if score >= best - SILHOUETTE_SLACK)
