"""PII detection (analysis/privacy.py) on the labelled synthetic set bench/data/pii_sentences.csv:
precision, recall and F1 per kind and overall, exact (kind and span agree) and by overlap (same
kind, spans overlap), redacted characters against labelled ones, and the time per 10,000
sentences. Prints figures; not a test.

Run: .venv/bin/python bench/privacy_quality.py
Rebuild the set (seeded, so the same file comes out): .venv/bin/python bench/privacy_quality.py --write-set
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from privacy_set import SET, build_set, read_set, write_set

from analysis.privacy import KINDS, find_pii

# --- scoring ------------------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlap_hits(gold: list[tuple], predicted: list[tuple]) -> int:
    """One-to-one pairs of the same kind whose spans overlap."""
    used, hits = set(), 0
    for kind, start, end in gold:
        for index, (p_kind, p_start, p_end) in enumerate(predicted):
            if index not in used and p_kind == kind and p_start < end and start < p_end:
                used.add(index)
                hits += 1
                break
    return hits


def score(rows: list[dict]) -> None:
    exact, overlap = Counter(), Counter()
    chars = Counter()
    misses, false_alarms = [], []
    for row in rows:
        gold = row["spans"]
        predicted = [(m.kind, m.start, m.end) for m in find_pii(row["text"], row["extra_terms"])]
        for kind in KINDS:
            g = [s for s in gold if s[0] == kind]
            p = [s for s in predicted if s[0] == kind]
            tp = len(set(g) & set(p))
            exact.update({(kind, "tp"): tp, (kind, "fp"): len(p) - tp, (kind, "fn"): len(g) - tp})
            hits = overlap_hits(g, p)
            overlap.update(
                {(kind, "tp"): hits, (kind, "fp"): len(p) - hits, (kind, "fn"): len(g) - hits}
            )
        gold_chars = {i for _, s, e in gold for i in range(s, e)}
        predicted_chars = {i for _, s, e in predicted for i in range(s, e)}
        chars.update(
            tp=len(gold_chars & predicted_chars),
            fp=len(predicted_chars - gold_chars),
            fn=len(gold_chars - predicted_chars),
        )
        misses += [row["text"][s:e] + f" ({k})" for k, s, e in set(gold) - set(predicted)]
        false_alarms += [row["text"][s:e] + f" ({k})" for k, s, e in set(predicted) - set(gold)]
    with_pii = sum(bool(row["spans"]) for row in rows)
    print(
        f"{len(rows)} sentences, {with_pii} with PII, {sum(len(r['spans']) for r in rows)} labelled spans"
    )
    print(f"{'kind':<11} {'gold':>4} | exact P / R / F1      | overlap P / R / F1")
    for kind in (*KINDS, "overall"):
        picks = KINDS if kind == "overall" else (kind,)
        e = [sum(exact[(k, part)] for k in picks) for part in ("tp", "fp", "fn")]
        o = [sum(overlap[(k, part)] for k in picks) for part in ("tp", "fp", "fn")]
        ep, op = prf(*e), prf(*o)
        print(
            f"{kind:<11} {e[0] + e[2]:>4} | {ep[0]:.3f} / {ep[1]:.3f} / {ep[2]:.3f} | {op[0]:.3f} / {op[1]:.3f} / {op[2]:.3f}"
        )
    cp = prf(chars["tp"], chars["fp"], chars["fn"])
    print(f"characters redacted (any kind): P {cp[0]:.3f} R {cp[1]:.3f} F1 {cp[2]:.3f}")
    print("missed:", "; ".join(sorted(misses)) or "none")
    print("false alarms:", "; ".join(sorted(false_alarms)) or "none")


def time_per_10k(rows: list[dict], runs: int = 5) -> list[float]:
    """Seconds for 10,000 sentences (the set repeated), each of `runs` runs, sorted."""
    texts = [(row["text"], row["extra_terms"]) for row in rows]
    repeated = (texts * (10_000 // len(texts) + 1))[:10_000]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for text, terms in repeated:
            find_pii(text, terms)
        timings.append(time.perf_counter() - started)
    return sorted(timings)


def scan_real_text() -> None:
    """Unlabelled text from the shared data folder, when it is there: what gets flagged. The NHS
    comments are real; the gambling consultation responses are synthetic but not written here."""
    from _data import GAMBLING, NHS, load_nhs

    if not (NHS.exists() and GAMBLING.exists()):
        return
    with GAMBLING.open(encoding="utf-8") as handle:
        gambling = [row["response"] for row in csv.DictReader(handle)]
    for name, texts in (
        ("NHS comments", [r["feedback"] for r in load_nhs()]),
        ("gambling", gambling),
    ):
        found = [match for text in texts for match in find_pii(text)]
        kinds = dict(Counter(match.kind for match in found))
        print(f"\n{name} ({len(texts)} texts, unlabelled): {len(found)} matches {kinds}")
        print("flagged:", "; ".join(sorted(f"{m.text} ({m.kind})" for m in found)) or "none")


def main() -> None:
    if "--write-set" in sys.argv:
        write_set(build_set())
        print(f"wrote {SET}")
        return
    rows = read_set()
    score(rows)
    print("\nthe hand-written sentences alone (written before the detector was run on them):")
    score([row for row in rows if row["source"] == "hand"])
    scan_real_text()
    timings = time_per_10k(rows)
    print(
        f"time per 10,000 sentences: median {timings[len(timings) // 2]:.2f} s "
        f"(fastest {timings[0]:.2f} s, slowest {timings[-1]:.2f} s, {len(timings)} runs)"
    )


if __name__ == "__main__":
    main()
