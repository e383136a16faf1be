"""Issue 9, load and faults at a small size: bench/load_submissions.py runs gunicorn with 4
workers, 150 residents answer over HTTP, 20 at a time, and one worker is SIGKILLed mid-run.
Every acknowledged response must be stored exactly once with the answers its resident sent.
On the suite's database: SQLite, or PostgreSQL when TEST_DATABASE_URL names one (the script
makes and drops its own database on that server). Correctness only, never speed.
Run alone with `pytest -m load`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
RESIDENTS = 150
sys.path.insert(0, str(ROOT / "bench"))

from load_database import StoredResponse  # noqa: E402
from load_report import tally  # noqa: E402


def _database_arguments() -> list[str]:
    suite_database = os.environ.get("TEST_DATABASE_URL", "")
    if not suite_database.startswith(("postgres://", "postgresql")):
        return []
    fresh = make_url(suite_database).set(
        drivername="postgresql+psycopg", database=f"involve_load_{os.getpid()}"
    )
    return ["--database-url", fresh.render_as_string(hide_password=False)]


@pytest.mark.load
@pytest.mark.own_database
def test_no_acknowledged_response_is_lost_or_duplicated_when_a_worker_is_killed():
    command = [sys.executable, str(ROOT / "bench" / "load_submissions.py"), "--json"]
    command += ["--submissions", str(RESIDENTS), "--concurrency", "20", "--kill-worker"]
    # Its own process group, so a run that hangs is stopped with its gunicorn and generator.
    run = subprocess.Popen(
        command + _database_arguments(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = run.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        raise
    assert stdout.strip(), stderr[-3000:]
    report = json.loads(stdout)

    assert report["killed_worker"], report["faults"]
    assert report["gunicorn"]["master_kept"] and report["gunicorn"]["workers_replaced"] >= 1
    assert report["gunicorn"]["workers_at_end"] == 4  # the master started another
    assert report["residents"] == RESIDENTS
    assert report["acknowledged"] > 0
    assert report["lost"] == 0, report["lost_examples"]
    assert report["duplicated"] == 0
    assert report["half_written"] == 0
    # Every acknowledged response is stored, and a stored one was acknowledged or its
    # resident gave up before seeing the confirmation.
    assert report["stored"] == report["acknowledged"] + report["stored_not_acknowledged"]
    assert report["stored_without_marker"] == 0
    assert report["unclear_error_pages"] == {}
    assert run.returncode == 0


def _resident(number: int, reference: str | None, text: str) -> dict:
    return {
        "number": number,
        "marker": f"load-ab12-{number:06d}-0000000{number}",
        "reference": reference,
        "answers": {"q1": "Every week", "q3": text},
        "gave_up": "" if reference else "submit: no answer after 6 attempts",
        "retried_requests": 0,
    }


def _stored(
    reference: str, text: str, status: str = "submitted", visits: str = "Every week"
) -> StoredResponse:
    return StoredResponse(reference, status, True, True, {"q1": visits, "q3": text})


def test_the_tally_finds_lost_changed_and_duplicated_responses():
    """The load test's checker: a reference that is not stored, or stored with other answers,
    is lost; a marker in two submitted responses, or one reference given to two residents, is
    duplicated. A resident who gave up is not lost, even if their response was stored."""
    residents = [
        _resident(1, "AAA-AAA-AAA", "Marker: load-ab12-000001-00000001"),
        _resident(2, "BBB-BBB-BBB", "Marker: load-ab12-000002-00000002"),  # never stored
        _resident(3, "CCC-CCC-CCC", "Marker: load-ab12-000003-00000003"),  # stored changed
        _resident(4, "DDD-DDD-DDD", "Marker: load-ab12-000004-00000004"),  # stored twice
        _resident(5, "DDD-DDD-DDD", "Marker: load-ab12-000005-00000005"),  # told 4's reference
        _resident(6, None, "Marker: load-ab12-000006-00000006"),  # gave up after it was stored
    ]
    stored = [
        _stored("AAA-AAA-AAA", "Marker: load-ab12-000001-00000001"),
        _stored("CCC-CCC-CCC", "Marker: load-ab12-000003-00000003", visits="Never"),
        _stored("DDD-DDD-DDD", "Marker: load-ab12-000004-00000004"),
        _stored("EEE-EEE-EEE", "Marker: load-ab12-000004-00000004"),
        _stored("FFF-FFF-FFF", "Marker: load-ab12-000006-00000006"),
        _stored("GGG-GGG-GGG", "", status="in_progress"),
    ]
    generated = {
        "residents": residents,
        "seconds": 1.0,
        "latencies_ms": [10.0, 20.0, 30.0, 400.0],
        "submit_latencies_ms": [30.0],
        "statuses": {"200": 4},
        "errors": {},
        "unclear_error_pages": {},
    }
    report = tally(generated, stored, {"q1": True, "q3": True})
    assert report["acknowledged"] == 5 and report["stored"] == 5
    assert [each["resident"] for each in report["lost_examples"]] == [2, 3, 5]
    assert report["lost"] == 3
    assert (report["duplicated_markers"], report["duplicated_references"]) == (1, 1)
    assert report["duplicated"] == 2
    assert report["stored_not_acknowledged"] == 1  # resident 6's
    assert report["drafts_left"] == 1 and report["without_reference"] == 1
    assert report["latency_ms"]["all_requests"]["p50"] == 20.0
    assert report["latency_ms"]["all_requests"]["p99"] == 400.0
