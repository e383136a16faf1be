"""What a job is: a function of a JobContext, registered under a name with its title, the
permission needed to watch it, and where to go when it has finished."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from involve.auth.permissions import Permission
from involve.models import BackgroundJob


class JobFailed(Exception):
    """Raised by a job to fail with a message fit to show the officer as it is."""


@dataclass
class JobContext:
    job: BackgroundJob
    report: Callable[[int, str], None]  # (percent 0..100, what is happening now)
    end_reading: Callable[[], None] = lambda: None

    def checkpoint(self) -> None:
        """Commit what the job has done so far and end its transaction (a no-op inline in
        tests). Call it after any early writes (such as syncing new answers in) and again just
        before the final writes: on SQLite a transaction that read before someone else's commit
        cannot write afterwards, and one that wrote early would keep officers' saves waiting
        for the whole computation."""
        self.end_reading()

    @property
    def subject_id(self) -> int:
        return self.job.subject_id

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params or {}

    def progress(self, percent: int, stage: str) -> None:
        self.report(max(0, min(99, int(percent))), stage)


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str  # "Discovering themes"
    run: Callable[[JobContext], dict[str, Any] | None]
    permission: Permission
    # The page to continue to once it has succeeded (a function of the job, in a request).
    next_url: Callable[[BackgroundJob], str]
    # The page the job was started from, for "Back" and after a failure.
    back_url: Callable[[BackgroundJob], str]


JOB_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str,
    *,
    title: str,
    permission: Permission,
    next_url: Callable[[BackgroundJob], str],
    back_url: Callable[[BackgroundJob], str],
) -> Callable[[Callable[[JobContext], Any]], Callable[[JobContext], Any]]:
    def register(function: Callable[[JobContext], Any]) -> Callable[[JobContext], Any]:
        JOB_KINDS[name] = JobKind(name, title, function, permission, next_url, back_url)
        return function

    return register
