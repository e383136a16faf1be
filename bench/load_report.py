"""The figures of bench/load_submissions.py, from what the residents were told (the load
generator's results) and what the database holds afterwards. Pure functions: no I/O.

- acknowledged: residents holding a reference from a confirmation page;
- stored: submitted responses in the database;
- lost: an acknowledged reference not stored as submitted, or stored with other answers;
- duplicated: a resident's marker in more than one submitted response, a reference given to
  two residents, or a reference stored twice;
- half-written: a submitted response without its submission key, time or a required answer.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from load_database import StoredResponse


def percentile(values: list[float], share: float) -> float | None:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return round(ordered[rank - 1], 1)


def _latency(values: list[float]) -> dict[str, float | int | None]:
    return {
        "count": len(values),
        "p50": percentile(values, 0.50),
        "p99": percentile(values, 0.99),
        "max": round(max(values), 1) if values else None,
    }


def _lost(residents: list[dict], submitted: list[StoredResponse]) -> list[dict[str, Any]]:
    by_reference = {each.reference: each for each in submitted}
    lost = []
    for resident in residents:
        if not resident["reference"]:
            continue
        stored = by_reference.get(resident["reference"])
        if stored is None:
            lost.append({"resident": resident["number"], "why": "reference not stored"})
        elif stored.answers != resident["answers"]:
            lost.append({"resident": resident["number"], "why": "stored answers differ"})
    return lost


def _half_written(submitted: list[StoredResponse], required: dict[str, bool]) -> int:
    return sum(
        1
        for each in submitted
        if not (each.has_submission_key and each.has_submitted_at)
        or any(each.answers.get(name) in (None, "") for name, is_on in required.items() if is_on)
    )


def tally(
    generated: dict[str, Any], stored: list[StoredResponse], required: dict[str, bool]
) -> dict[str, Any]:
    residents = generated["residents"]
    submitted = [each for each in stored if each.status == "submitted"]
    acknowledged = [each for each in residents if each["reference"]]
    markers = Counter(marker for each in submitted for marker in each.markers)
    holders = Counter(each["reference"] for each in acknowledged)
    rows = Counter(each.reference for each in stored)
    duplicated_markers = sum(1 for count in markers.values() if count > 1)
    duplicated_references = sum(1 for count in holders.values() if count > 1) + sum(
        1 for count in rows.values() if count > 1
    )
    told = {each["marker"] for each in acknowledged}
    lost = _lost(residents, submitted)
    seconds = generated["seconds"]
    return {
        "residents": len(residents),
        "acknowledged": len(acknowledged),
        "stored": len(submitted),
        "lost": len(lost),
        "duplicated": duplicated_markers + duplicated_references,
        "duplicated_markers": duplicated_markers,
        "duplicated_references": duplicated_references,
        "lost_examples": lost[:10],
        # Submitted, but the resident never saw the confirmation (they gave up first): stored,
        # not lost; the person would find it with the council's help.
        "stored_not_acknowledged": sum(
            1 for each in submitted if not told.intersection(each.markers)
        ),
        "stored_without_marker": sum(1 for each in submitted if not each.markers),
        "half_written": _half_written(submitted, required),
        "drafts_left": sum(1 for each in stored if each.status != "submitted"),
        "without_reference": len(residents) - len(acknowledged),
        "gave_up": dict(Counter(each["gave_up"] for each in residents if each["gave_up"])),
        "errors": generated["errors"],
        "retried_requests": sum(each["retried_requests"] for each in residents),
        "statuses": generated["statuses"],
        "unclear_error_pages": generated["unclear_error_pages"],
        "seconds": seconds,
        "requests": len(generated["latencies_ms"]),
        "requests_per_second": round(len(generated["latencies_ms"]) / seconds, 1) if seconds else 0,
        "latency_ms": {
            "all_requests": _latency(generated["latencies_ms"]),
            "submit_post": _latency(generated["submit_latencies_ms"]),
        },
    }


def outage(generated: dict[str, Any], restart: dict[str, float] | None) -> dict[str, Any] | None:
    """Errors residents met from the restart on, and how long after the database was back the
    last one came (the app recovering without a restart of its own)."""
    if restart is None:
        return None
    after = [(at, kind) for at, kind in generated["error_times"] if at >= restart["began"]]
    last = max((at for at, _kind in after), default=None)
    return {
        "restart_seconds": round(restart["ended"] - restart["began"], 2),
        "errors_from_restart_on": dict(Counter(kind for _at, kind in after)),
        "last_error_after_database_back_s": (
            round(last - restart["ended"], 2) if last is not None else None
        ),
    }


def as_text(report: dict[str, Any]) -> str:
    latency = report["latency_ms"]
    lines = [
        f"database             {report['database']} ({report['submissions']:,} residents, "
        f"{report['concurrency']} at a time, gunicorn {report['workers']} workers)",
        f"faults               {'; '.join(report['faults']) or 'none'}",
        f"acknowledged         {report['acknowledged']:,}",
        f"stored               {report['stored']:,}",
        f"lost                 {report['lost']}",
        f"duplicated           {report['duplicated']} (markers {report['duplicated_markers']}, "
        f"references {report['duplicated_references']})",
        f"half-written         {report['half_written']}",
        f"without reference    {report['without_reference']} {report['gave_up'] or ''}",
        f"stored, not acknowledged {report['stored_not_acknowledged']}; drafts left "
        f"{report['drafts_left']}",
        f"errors (requests)    {report['errors'] or 'none'}; sent again {report['retried_requests']}",
        f"unclear error pages  {report['unclear_error_pages'] or 'none'}",
        f"HTTP statuses        {report['statuses']}",
        f"requests             {report['requests']:,} in {report['seconds']} s "
        f"({report['requests_per_second']}/s; set-up before them {report['setup_seconds']} s; "
        f"load generator CPU {report['load_generator_cpu_seconds']} s)",
        f"latency all (ms)     p50 {latency['all_requests']['p50']}  p99 "
        f"{latency['all_requests']['p99']}  max {latency['all_requests']['max']}",
        f"latency submit (ms)  p50 {latency['submit_post']['p50']}  p99 "
        f"{latency['submit_post']['p99']}  max {latency['submit_post']['max']}",
        f"gunicorn             master kept: {report['gunicorn']['master_kept']}; workers "
        f"replaced: {report['gunicorn']['workers_replaced']}",
    ]
    if report.get("outage"):
        lines.append(f"database restart     {report['outage']}")
    return "\n".join(lines)
