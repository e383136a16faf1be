"""Demo: discover_themes on the synthetic gambling-adverts consultation, with agreement against
its target topics (adjusted mutual information on each response's first topic). Synthetic,
repetitive text: optimistic. Run: .venv/bin/python bench/discover_gambling.py"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

from sklearn.metrics import adjusted_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import GAMBLING

from analysis.themes import discover_themes


def first_topic(cell: str) -> str:
    """target_topics is a Python-literal list of dicts keyed A..L; take the first topic letter."""
    text = cell.strip().replace("}\n {", "}, {")
    try:
        for entry in ast.literal_eval(text):
            for letter, value in sorted(entry.items()):
                if value:
                    return letter
    except (SyntaxError, ValueError):
        pass
    return "?"


def main() -> None:
    with GAMBLING.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    texts = [row["response"] for row in rows]
    themes = discover_themes(texts)
    print(f"{len(texts)} responses, {len(themes)} themes discovered (k chosen automatically)")
    cluster = [-1] * len(texts)
    for number, theme in enumerate(themes):
        print(f"  {len(theme.member_indices):4d}  {theme.label:45s} {', '.join(theme.top_terms)}")
        for index in theme.member_indices:
            cluster[index] = number
    truth = [first_topic(row["target_topics"]) for row in rows]
    print(
        f"target topics: {len(set(truth))}; AMI(discovered, first target topic) "
        f"{adjusted_mutual_info_score(truth, cluster):.3f}"
    )


if __name__ == "__main__":
    main()
