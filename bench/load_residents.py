"""The load generator of bench/load_submissions.py, run as its own process: N simulated
residents, C at a time, each answering the consultation over HTTP as a person does with a
browser (pages fetched, CSRF tokens read from the forms, every question page posted, check your
answers, submit, the reference read from the confirmation page). Each writes a unique marker
into its free-text answer.

A request that fails (connection refused or reset, a timeout, a 5xx) is sent again with the
same cookies and the same form, like a person pressing the button again, up to --attempts
times with back-off; a resident who still fails ends without a reference. Prints "progress N"
after each resident, and writes every resident's answers, reference and errors, and every
request's latency, to --out as JSON.
Run by bench/load_submissions.py; not on its own."""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_forms import Form, fill_form, read_form

SORRY = "Sorry, there is a problem with the service"
_REFERENCE = re.compile(r'<strong id="reference">([^<]+)</strong>')
_LINK = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'href="([^"]+)"')
TIMEOUT = (10, 120)  # connect, read (seconds): a queue of 200 people waits, it does not fail
MAX_PAGES = 20


class GaveUp(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Recorder:
    """Shared by every thread: latencies, statuses, errors and when they happened."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.lock = threading.Lock()
        self.latencies_ms: list[float] = []
        self.submit_latencies_ms: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.unclear_error_pages: Counter[str] = Counter()
        self.error_times: list[tuple[float, str]] = []

    def exchange(self, step: str, status: int, elapsed_ms: float) -> None:
        with self.lock:
            self.latencies_ms.append(elapsed_ms)
            if step == "submit":
                self.submit_latencies_ms.append(elapsed_ms)
            self.statuses[str(status)] += 1

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1
            self.error_times.append((round(time.monotonic(), 3), kind))


def button_link(html: str, mark: str) -> str:
    """The address of the link styled as a button that carries `mark` in its tag."""
    for tag in _LINK.findall(html):
        if mark in tag and (href := _HREF.search(tag)):
            return href.group(1).replace("&amp;", "&")
    raise GaveUp(f"no link with {mark} on the page")


class Resident:
    def __init__(self, number: int, args: argparse.Namespace, recorder: Recorder) -> None:
        self.number = number
        self.args = args
        self.recorder = recorder
        self.rng = random.Random(f"{args.run_id}-{number}")
        self.marker = f"load-{args.run_id}-{number:06d}-{self.rng.getrandbits(32):08x}"
        self.http = requests.Session()
        self.answers: dict[str, str] = {}
        self.retried = 0

    def url(self, path: str) -> str:
        return urljoin(self.args.base_url, path)

    def send(self, step: str, method: str, path: str, data: dict | None = None):  # type: ignore[no-untyped-def]
        """One request, sent again on a failure; None once every attempt has failed."""
        for attempt in range(self.args.attempts):
            if attempt:
                self.retried += 1
                time.sleep(min(8.0, 0.25 * 2**attempt) * (0.5 + self.rng.random()))
            started = time.perf_counter()
            try:
                reply = self.http.request(
                    method, self.url(path), data=data, allow_redirects=False, timeout=TIMEOUT
                )
            except requests.Timeout:
                self.recorder.error(f"timeout ({step})")
                continue
            except requests.ConnectionError:
                self.recorder.error(f"connection refused or reset ({step})")
                continue
            self.recorder.exchange(step, reply.status_code, (time.perf_counter() - started) * 1000)
            if reply.status_code < 500:
                return reply
            self.recorder.error(f"HTTP {reply.status_code} ({step})")
            if SORRY not in reply.text or (
                reply.status_code == 503 and "Retry-After" not in reply.headers
            ):
                self.recorder.unclear_error_pages[str(reply.status_code)] += 1
        raise GaveUp(f"{step}: no answer after {self.args.attempts} attempts")

    def expect(self, step: str, reply, status: int) -> None:  # type: ignore[no-untyped-def]
        if reply.status_code != status:
            self.recorder.error(f"unexpected {reply.status_code} at {step}")
            raise GaveUp(f"{step}: {reply.status_code} instead of {status}")

    def page_form(self, step: str, path: str) -> Form:
        reply = self.send(step, "GET", path)
        self.expect(step, reply, 200)
        form = read_form(reply.text)
        if form is None:
            raise GaveUp(f"{step}: no form on the page")
        return form

    def journey(self) -> str:
        reply = self.send("consultation", "GET", f"/consultations/{self.args.slug}")
        self.expect("consultation", reply, 200)
        # "Start now" leads to the consultation's privacy notice, whose "Continue" leads on.
        reply = self.send("privacy notice", "GET", button_link(reply.text, "govuk-button--start"))
        self.expect("privacy notice", reply, 200)
        path = button_link(reply.text, 'id="continue-to-questions"')
        for _ in range(MAX_PAGES):
            form = self.page_form("question page", path)
            data = fill_form(form, self.rng, long_text=self.long_text())
            self.answers.update({k: v for k, v in data.items() if re.fullmatch(r"q\d+", k)})
            reply = self.send("save page", "POST", form.action or path, data)
            self.expect("save page", reply, 302)
            path = reply.headers["Location"]
            if "/check-answers" in path:
                break
        form = self.page_form("check answers", path)
        data = fill_form(form, self.rng, long_text="")
        reply = self.send("submit", "POST", form.action or path, data)
        self.expect("submit", reply, 302)
        reply = self.send("confirmation", "GET", reply.headers["Location"])
        self.expect("confirmation", reply, 200)
        found = _REFERENCE.search(reply.text)
        if found is None:
            raise GaveUp("confirmation: no reference on the page")
        return found.group(1).strip()

    def long_text(self) -> str:
        hours = self.rng.choice(["mornings", "evenings", "Sundays", "school holidays"])
        return f"I would use the library more in the {hours}. Marker: {self.marker}"

    def run(self) -> dict:
        reference, gave_up = None, ""
        try:
            reference = self.journey()
        except GaveUp as stop:
            gave_up = stop.reason
        except Exception as error:  # a bug in this script must not pass as a lost response
            gave_up = f"script error: {error!r}"
            self.recorder.error("script error")
        finally:
            self.http.close()
        return {
            "number": self.number,
            "marker": self.marker,
            "reference": reference,
            "answers": self.answers,
            "gave_up": gave_up,
            "retried_requests": self.retried,
        }


def run(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    recorder = Recorder(started)
    residents: list[dict] = []
    numbers = itertools.count()
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                number = next(numbers)
            if number >= args.submissions:
                return
            outcome = Resident(number, args, recorder).run()
            with lock:
                residents.append(outcome)
                print(f"progress {len(residents)}", flush=True)

    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        for _ in range(args.concurrency):
            pool.submit(worker)
    return {
        "seconds": round(time.monotonic() - started, 3),
        "residents": sorted(residents, key=lambda each: each["number"]),
        "latencies_ms": recorder.latencies_ms,
        "submit_latencies_ms": recorder.submit_latencies_ms,
        "statuses": dict(recorder.statuses),
        "errors": dict(recorder.errors),
        "unclear_error_pages": dict(recorder.unclear_error_pages),
        "error_times": recorder.error_times,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--submissions", type=int, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--attempts", type=int, default=6)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    result = run(args)
    Path(args.out).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
