"""Shared loader for the benchmarks: the coded NHS Friends and Family Test comments."""

from __future__ import annotations

import csv
import os
from pathlib import Path

# The shared data folder sits beside the repository (../shared); INVOLVE_SHARED_DATA overrides.
SHARED_DATA = Path(
    os.environ.get("INVOLVE_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
NHS = SHARED_DATA / "feedback" / "nhs_fft_phase1_coded.csv"
GAMBLING = SHARED_DATA / "feedback" / "synthetic_consultation_gambling_ads.csv"


def load_nhs() -> list[dict[str, str]]:
    """Rows with non-empty feedback; criticality left as text (a few values are malformed)."""
    with NHS.open(encoding="utf-8") as file:
        return [row for row in csv.DictReader(file) if row["feedback"].strip()]


def criticality(row: dict[str, str]) -> int | None:
    try:
        value = int(row["criticality"])
    except ValueError:
        return None
    return value if -5 <= value <= 5 else None
