"""Load and faults (issue 9): no acknowledged response lost or duplicated.

Starts gunicorn (4 workers, `gunicorn wsgi:app` as the README deploys it) on a fresh instance,
migrates, seeds one open consultation, then runs the load generator (bench/load_residents.py)
in a separate process: N residents, C at a time, each answering over HTTP as a person does.
Mid-run it SIGKILLs one gunicorn worker (the master starts another) and, with
--restart-postgresql, restarts the PostgreSQL cluster. Afterwards it reads the database and
prints acknowledged, stored, lost, duplicated, errors by kind and p50/p99 latencies.
Exits 1 if any acknowledged response was lost or duplicated.

The bench simulates thousands of people from one address in minutes, so the server runs with
rate limits off (INVOLVE_RATE_LIMITS=false) and no minimum time to complete a response
(INVOLVE_RESPONSE_MIN_SECONDS=0); the honeypot stays on and residents leave it empty.

Run: .venv/bin/python bench/load_submissions.py [--submissions 10000] [--concurrency 100]
     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/involve_load]
     [--restart-postgresql] [--no-kill-worker] [--port 5109] [--json]"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from load_database import (  # noqa: E402
    create_postgresql_database,
    drop_postgresql_database,
    migrate_and_seed,
    read_back,
)
from load_report import as_text, outage, tally  # noqa: E402

WORKERS = 4
PG_RESTART = "pg_ctlcluster --skip-systemctl-redirect {version} main restart"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load and faults: no response lost (issue 9)")
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--database-url", help="a PostgreSQL database to create and drop")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--kill-worker", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--kill-at", type=float, default=0.3, help="share of residents done")
    parser.add_argument("--restart-postgresql", action="store_true")
    parser.add_argument("--restart-at", type=float, default=0.6)
    parser.add_argument("--restart-command", help="default: " + PG_RESTART)
    parser.add_argument("--attempts", type=int, default=6, help="tries of each request")
    parser.add_argument("--keep", action="store_true", help="keep the instance and database")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.restart_postgresql and not args.database_url:
        parser.error("--restart-postgresql needs --database-url (PostgreSQL)")
    return args


def server_environment(instance: Path, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        INVOLVE_ENV="development",
        INVOLVE_INSTANCE_DIR=str(instance),
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),  # one key for every worker, set before any starts
        INVOLVE_RATE_LIMITS="false",
        INVOLVE_RESPONSE_MIN_SECONDS="0",
        INVOLVE_EMAIL_ADAPTER="outbox",
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Gunicorn:
    """The production server as deployed: a master and WORKERS sync workers."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log = log.open("ab")
        command = [str(Path(sys.executable).parent / "gunicorn"), "wsgi:app"]
        command += ["--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return sorted(int(pid) for pid in children.read_text().split())
        except OSError:
            return []

    def wait_until_ready(self, path: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}: see its log")
            try:
                answered = requests.get(self.base_url + path, timeout=10).status_code == 200
            except requests.RequestException:
                answered = False
            if answered and len(self.workers()) == WORKERS:
                return
            time.sleep(0.5)
        raise SystemExit("gunicorn did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Faults:
    """Kills a worker and restarts PostgreSQL when enough residents have finished."""

    def __init__(self, args: argparse.Namespace, server: Gunicorn, work: Path) -> None:
        self.args = args
        self.server = server
        self.work = work
        self.done: list[str] = []
        self.restart: dict[str, float] | None = None
        self.killed: int | None = None
        self._threads: list[threading.Thread] = []
        self._pending = []
        if args.kill_worker:
            self._pending.append((args.kill_at, self.kill_worker))
        if args.restart_postgresql:
            self._pending.append((args.restart_at, self.restart_postgresql))

    def progress(self, finished: int) -> None:
        for share, action in list(self._pending):
            if finished >= share * self.args.submissions:
                self._pending.remove((share, action))
                thread = threading.Thread(target=action, args=(finished,))
                thread.start()
                self._threads.append(thread)

    def kill_worker(self, finished: int) -> None:
        workers = self.server.workers()
        if not workers:
            self.done.append("no worker to kill")
            return
        self.killed = workers[len(workers) // 2]
        os.kill(self.killed, signal.SIGKILL)
        self.done.append(f"SIGKILL worker {self.killed} after {finished} residents")

    def restart_postgresql(self, finished: int) -> None:
        command = self.args.restart_command or PG_RESTART.format(
            version=sorted(os.listdir("/etc/postgresql"))[-1]
        )
        began = time.monotonic()
        # Output to a file, not a pipe: a server started by the command may hold a pipe open.
        with (self.work / "restart.log").open("ab") as log:
            outcome = subprocess.run(command, shell=True, stdout=log, stderr=subprocess.STDOUT)
        ended = time.monotonic()
        self.restart = {"began": began, "ended": ended}
        status = "restarted" if outcome.returncode == 0 else "restart FAILED (see restart.log)"
        self.done.append(f"PostgreSQL {status} after {finished} residents ({ended - began:.1f} s)")

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()


def run_residents(
    args: argparse.Namespace, server: Gunicorn, slug: str, work: Path
) -> tuple[dict, Faults]:
    out = work / "residents.json"
    command = [sys.executable, str(BENCH / "load_residents.py"), "--base-url", server.base_url]
    command += ["--slug", slug, "--submissions", str(args.submissions)]
    command += ["--concurrency", str(args.concurrency), "--attempts", str(args.attempts)]
    command += ["--run-id", secrets.token_hex(4), "--out", str(out)]
    faults = Faults(args, server, work)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (work / "residents.log").open("wb") as errors:
        generator = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert generator.stdout is not None
        try:
            for line in generator.stdout:
                if line.startswith("progress "):
                    faults.progress(int(line.split()[1]))
            generator.wait()
        finally:
            if generator.poll() is None:  # interrupted: leave nothing running
                generator.kill()
                generator.wait()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    faults.wait()
    if generator.returncode != 0:
        raise SystemExit(f"the load generator failed: see {work / 'residents.log'}")
    generated = json.loads(out.read_text())
    generated["cpu_seconds"] = round(
        cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime, 1
    )
    return generated, faults


def wait_for_postgresql(database_url: str, timeout: float = 60) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(database_url).set(drivername="postgresql")
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(plain.render_as_string(hide_password=False)):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def measure(args: argparse.Namespace, work: Path, database_url: str) -> dict:
    env = server_environment(work / "instance", database_url)
    os.environ.update(env)  # this process seeds and reads back with the server's settings
    os.environ.pop("REDIS_URL", None)
    began = time.monotonic()
    seeded = migrate_and_seed()
    server = Gunicorn(args.port or free_port(), env, work / "gunicorn.log")
    try:
        server.wait_until_ready(f"/consultations/{seeded['slug']}")
        setup_seconds = round(time.monotonic() - began, 1)
        master, before = server.process.pid, server.workers()
        generated, faults = run_residents(args, server, seeded["slug"], work)
        after = server.workers()
        master_kept = server.process.poll() is None and server.process.pid == master
    finally:
        server.stop()
    if args.database_url:
        wait_for_postgresql(database_url)
    stored, required = read_back()
    report = tally(generated, stored, required)
    report.update(
        database="postgresql" if args.database_url else "sqlite",
        submissions=args.submissions,
        concurrency=args.concurrency,
        workers=WORKERS,
        setup_seconds=setup_seconds,
        load_generator_cpu_seconds=generated["cpu_seconds"],
        faults=faults.done,
        killed_worker=faults.killed,
        outage=outage(generated, faults.restart),
        gunicorn={
            "master_kept": master_kept,
            "workers_replaced": len(set(before) - set(after)),
            "workers_at_end": len(after),
        },
    )
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="involve-load-"))
    (work / "instance").mkdir()
    database_url = args.database_url or f"sqlite:///{work / 'instance' / 'involve.db'}"
    if args.database_url:
        create_postgresql_database(database_url)
    try:
        report = measure(args, work, database_url)
    finally:
        if args.keep:
            print(
                f"kept {work}" + (f" and {database_url}" if args.database_url else ""),
                file=sys.stderr,
            )
        else:
            if args.database_url:
                wait_for_postgresql(database_url)
                drop_postgresql_database(database_url)
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else as_text(report))
    return 0 if report["lost"] == 0 and report["duplicated"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
