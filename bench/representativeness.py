"""Speed of the representativeness statistics: compare over 20 groups (a ward profile), and rake
plus the effective sample size over 1,000,000 synthetic rows with 3 dimensions (sex, age band,
ward) and some unknown values. Seeded; prints figures; not a test.
Run: .venv/bin/python bench/representativeness.py"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.representativeness import compare, effective_sample_size, rake, under_represented

ROWS = 1_000_000
REPEATS = 200


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"  {label:52s} {seconds:7.3f} s")
    return result, seconds


def bench_compare(rng: np.random.Generator) -> None:
    wards = [f"E0501{index:04d}" for index in range(20)]
    population = dict(zip(wards, rng.integers(3_000, 9_000, len(wards)).tolist(), strict=True))
    shares = np.array(list(population.values()), dtype=float)
    bias = rng.uniform(0.3, 1.7, len(wards))
    counts = rng.multinomial(2_000, shares * bias / (shares * bias).sum())
    observed = dict(zip(wards, counts.tolist(), strict=True))
    print(f"compare: {len(wards)} groups, {sum(observed.values()):,} respondents")
    result = compare(observed, population)
    start = time.perf_counter()
    for _ in range(REPEATS):
        compare(observed, population)
    per_call = (time.perf_counter() - start) / REPEATS
    print(f"  compare, mean of {REPEATS} calls {'':29s} {per_call * 1000:7.3f} ms")
    print(
        f"  D {result.duncan_d:.3f}, chi2 {result.chi2:.1f} on {result.dof} dof, CV {result.cv:.3f},"
        f" R {result.r_indicator:.4f}, flagged {len(under_represented(result))}"
    )


def synthetic_rows(rng: np.random.Generator) -> list[dict[str, str]]:
    sexes = np.array(["Female", "Male", "prefer not to say"])
    ages = np.array(["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not known"])
    wards = np.array([f"ward {index:02d}" for index in range(25)] + ["not known"])
    sex = sexes[rng.choice(3, ROWS, p=[0.55, 0.43, 0.02])]
    age = ages[rng.choice(8, ROWS, p=[0.05, 0.10, 0.15, 0.18, 0.20, 0.17, 0.12, 0.03])]
    ward = wards[rng.integers(0, 26, ROWS)]
    return [
        {"sex": s, "age": a, "ward": w}
        for s, a, w in zip(sex.tolist(), age.tolist(), ward.tolist(), strict=True)
    ]


def bench_rake(rng: np.random.Generator) -> None:
    rows, _ = timed(f"build {ROWS:,} rows (setup, not raking)", synthetic_rows, rng)
    margins = {
        "sex": {"Female": 51.0, "Male": 49.0},
        "age": {
            "16-24": 0.14,
            "25-34": 0.16,
            "35-44": 0.15,
            "45-54": 0.16,
            "55-64": 0.15,
            "65-74": 0.12,
            "75+": 0.12,
        },
        "ward": {f"ward {index:02d}": float(4_000 + 100 * index) for index in range(25)},
    }
    print(f"rake: {ROWS:,} rows, 3 dimensions (2, 7 and 25 categories, some rows unknown)")
    weights, _ = timed("rake (tol 5e-4)", rake, rows, margins)
    timed("rake (tol 1e-10)", rake, rows, margins, tol=1e-10)
    ess, _ = timed("effective_sample_size", effective_sample_size, weights)
    print(f"  weights {min(weights):.3f}..{max(weights):.3f}, effective sample size {ess:,.0f}")


def main() -> None:
    rng = np.random.default_rng(0)
    bench_compare(rng)
    bench_rake(rng)


if __name__ == "__main__":
    main()
