"""Speed and memory of the theming pipeline: ThemeModel fit on 10k coded NHS comments, predict
throughput on distinct texts, and end to end on 100,000 responses resampled from the NHS texts
(features and themes, sentiment prior, representative quotes per theme, near-duplicate groups),
with peak memory from resource.getrusage. Prints figures; not a test.
Run: .venv/bin/python bench/theme_speed.py"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import load_nhs

from analysis.duplicates import find_duplicate_groups
from analysis.quotes import select_quotes
from analysis.sentiment import analyse_sentiment
from analysis.themes import ThemeModel


def timed(label: str, function, *args):
    start = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - start
    print(f"  {label:44s} {seconds:6.2f} s")
    return result, seconds


def main() -> None:
    rows = load_nhs()
    texts = [row["feedback"] for row in rows][:10_000]
    labels = [{row["label"]} for row in rows][:10_000]
    print(f"fit on {len(texts)} texts, 9 themes")
    model, _ = timed("ThemeModel.fit", ThemeModel().fit, texts, labels)
    distinct = sorted(set(texts))
    _, seconds = timed(f"predict {len(distinct)} distinct texts", model.predict, distinct)
    print(f"  predict throughput: {len(distinct) / seconds:,.0f} texts/s")

    rng = np.random.default_rng(0)
    sample = [texts[i] for i in rng.integers(0, len(texts), 100_000)]
    print(f"\nend to end on {len(sample):,} resampled responses")
    start = time.perf_counter()
    themes, _ = timed("themes (features + classes)", model.predict, sample)
    timed("sentiment prior (TextBlob, per distinct text)", analyse_sentiment, sample)

    def quotes_per_theme():
        by_theme: dict[str, list[int]] = {}
        for index, chosen in enumerate(themes):
            for theme in chosen:
                by_theme.setdefault(theme, []).append(index)
        return {t: select_quotes([sample[i] for i in m], 3) for t, m in by_theme.items()}

    timed("representative quotes (3 per theme)", quotes_per_theme)
    groups, _ = timed("near-duplicate groups", find_duplicate_groups, sample)
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  {'total':44s} {total:6.2f} s   (goal < 30 s)")
    print(f"  near-duplicate groups: {len(groups):,}, largest {groups[0].size if groups else 0}")
    print(f"  peak memory (max RSS): {peak:,.0f} MiB   (goal < 1024 MiB)")


if __name__ == "__main__":
    main()
