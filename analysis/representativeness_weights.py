"""Raking weights (iterative proportional fitting) and Kish's effective sample size, so closed
question results can be shown reweighted to the reference margins next to the raw ones.

Pure: no Flask, SQLAlchemy or involve imports. Rows are grouped into cells (one per combination
of categories) and the cell totals are raked with numpy, so a million rows take about a second,
most of it reading the rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

UNKNOWN = -1  # category code of a row whose value is missing or not in the margin


def rake(
    rows: Sequence[Mapping[str, str]],
    margins: Mapping[str, Mapping[str, float]],
    max_iter: int = 1000,
    tol: float = 5e-4,
) -> list[float]:
    """One weight per row, mean 1, such that the weighted shares of each dimension's categories
    match `margins` (dimension -> category -> count or share, normalised here).

    Iterative proportional fitting: each sweep scales the rows of each category of each dimension
    in turn to that category's target. It stops when, after a sweep, every weighted share is within
    `tol` of its target (largest absolute difference), or after `max_iter` sweeps (margins that
    cannot all be met, for example because of empty combinations, then give the last sweep's
    weights rather than an error).

    A row whose value for a dimension is missing or not one of the margin's categories ("not
    known", "prefer not to say") takes no part in that dimension's adjustment: the known rows are
    scaled among themselves, keeping their total weight, so an unknown row keeps its weight in
    that step and is still adjusted on the other dimensions. A category with target 0 gives its
    rows weight 0. A dimension whose targets are all 0 carries no information and is left out.

    Returns [] for no rows, and all ones when there is nothing to adjust. Raises ValueError for a
    negative or non-finite target, a bad max_iter or tol, or a target that no weighting can meet:
    a category with a positive target but no rows (or whose rows all have weight 0 because of
    another dimension's zero target). Never returns NaN.
    """
    if max_iter < 1 or not tol > 0:
        raise ValueError("max_iter must be at least 1 and tol positive")
    targets = _normalised(margins)
    if not rows:
        return []
    if not targets:
        return [1.0] * len(rows)
    codes = np.stack([_codes(rows, dimension, shares) for dimension, shares in targets.items()])
    first, inverse, counts = _cells(codes)
    cells = codes[:, first]
    cell_weights = _rake_cells(cells, counts.astype(float), list(targets.values()), max_iter, tol)
    weights = cell_weights[inverse]
    total = weights.sum()
    if not total > 0:  # cannot happen once every positive target has rows; kept as a guard
        return [1.0] * len(rows)
    return (weights * (len(rows) / total)).tolist()


def effective_sample_size(weights: Sequence[float]) -> float:
    """Kish's effective sample size, (sum w)^2 / sum w^2: the size of an unweighted sample as
    precise as this weighted one. 0 for no weights or all-zero weights. Raises ValueError for a
    negative or non-finite weight."""
    values = np.asarray(weights, dtype=float)
    if values.size and (not np.all(np.isfinite(values)) or values.min() < 0):
        raise ValueError("weights must be finite and non-negative")
    squares = float(np.dot(values, values))
    return float(values.sum()) ** 2 / squares if squares > 0 else 0.0


def _normalised(margins: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    targets = {}
    for dimension, values in margins.items():
        numbers = {str(category): float(value) for category, value in values.items()}
        if any(not math.isfinite(value) or value < 0 for value in numbers.values()):
            raise ValueError(f"margin {dimension!r} has a negative or non-finite target")
        total = math.fsum(numbers.values())
        if total > 0:
            targets[str(dimension)] = {name: value / total for name, value in numbers.items()}
    return targets


def _codes(
    rows: Sequence[Mapping[str, str]], dimension: str, shares: Mapping[str, float]
) -> np.ndarray:
    # Keys typed to admit None, the value of a row that lacks the dimension.
    index: dict[str | None, int] = {category: code for code, category in enumerate(shares)}
    codes = np.fromiter(
        (index.get(row.get(dimension), UNKNOWN) for row in rows), dtype=np.int64, count=len(rows)
    )
    rows_per_category = np.bincount(codes[codes != UNKNOWN], minlength=len(shares))
    for category, code in index.items():
        if category is not None and shares[category] > 0 and rows_per_category[code] == 0:
            raise ValueError(
                f"cannot rake {dimension!r}: category {category!r} has a target share of "
                f"{shares[category]:.3g} but no rows"
            )
    return codes


def _cells(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First row of each distinct combination of codes (a column of `codes` per row), each row's
    cell and the cell sizes. Dimensions are folded in one at a time into a dense cell number, which
    never overflows and is much faster than numpy's unique over columns."""
    cell = np.zeros(codes.shape[1], dtype=np.int64)
    for row in codes:
        key = cell * (int(row.max()) + 2) + (row + 1)  # + 1 moves UNKNOWN to 0
        _, cell = np.unique(key, return_inverse=True)
    _, first, inverse, counts = np.unique(
        cell, return_index=True, return_inverse=True, return_counts=True
    )
    return first, inverse.reshape(-1), counts


def _rake_cells(
    cells: np.ndarray,
    counts: np.ndarray,
    targets: Sequence[Mapping[str, float]],
    max_iter: int,
    tol: float,
) -> np.ndarray:
    """Per-row weight of each cell (column of `cells`, holding one code per dimension)."""
    weights = np.ones(counts.size)
    goals = [np.fromiter(shares.values(), dtype=float) for shares in targets]
    for _ in range(max_iter):
        for codes, goal in zip(cells, goals, strict=True):
            known = codes != UNKNOWN
            totals = np.bincount(
                codes[known], weights=(counts * weights)[known], minlength=goal.size
            )
            impossible = (totals <= 0) & (goal > 0)
            if impossible.any():
                raise ValueError(
                    "cannot rake: a category with a positive target has only rows whose weight "
                    "another margin's zero target set to 0"
                )
            factors = np.divide(
                goal * totals.sum(), totals, out=np.zeros_like(totals), where=totals > 0
            )
            weights[known] *= factors[codes[known]]
        if _largest_gap(cells, counts * weights, goals) < tol:
            break
    return weights


def _largest_gap(cells: np.ndarray, totals: np.ndarray, goals: Sequence[np.ndarray]) -> float:
    gap = 0.0
    for codes, goal in zip(cells, goals, strict=True):
        known = codes != UNKNOWN
        sums = np.bincount(codes[known], weights=totals[known], minlength=goal.size)
        if sums.sum() > 0:
            gap = max(gap, float(np.abs(sums / sums.sum() - goal).max()))
    return gap
