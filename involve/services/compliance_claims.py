"""The pieces the compliance reports are made of: a claim (what is asserted, with a status where
it is judged) and the links to the pages that show its evidence, claims grouped in sections, and
the one rule both reports use for whether the outcome ("You said, we did") came out on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask import url_for
from werkzeug.routing import BuildError

from involve.auth.permissions import Permission
from involve.models import Activity, Consultation, DecisionRecord, Way
from involve.services.fairness_checks import Evidence, Status, day_text, has_endpoint
from involve.services.fairness_facts import open_period
from involve.services.fairness_publishing import RESPONSE_WEEKS, due_day_text, outcome_due


@dataclass(frozen=True)
class Link:
    """Where the evidence for a claim is: a page of this service (`href` is its path) or, for a
    report the decision-maker read, a full web address elsewhere. `permission` is what the
    reader needs to open a page here; a reader without it sees the page named, not linked."""

    text: str
    href: str
    is_external: bool = False
    permission: Permission | None = None

    def address(self, root_url: str) -> str:
        """The full web address, to be written out on paper and in files."""
        return self.href if self.is_external else root_url.rstrip("/") + self.href


def page_link(
    text: str,
    endpoint: str,
    *,
    permission: Permission | None = None,
    anchor: str = "",
    **values: Any,
) -> tuple[Link, ...]:
    """A link to an officer or public page, or nothing when the app cannot build one (no such
    page, or other values): a missing link leaves the claim unlinked, never breaks the report."""
    if not has_endpoint(endpoint):
        return ()
    try:
        href = url_for(endpoint, **values, _anchor=anchor or None)
    except BuildError:  # the page exists but takes other values than expected
        return ()
    return (Link(text, href, permission=permission),)


def evidence_link(evidence: Evidence) -> Link:
    return Link(evidence.text, evidence.url, permission=evidence.permission)


@dataclass(frozen=True)
class Claim:
    id: str  # unique on the page: the element id is "claim-" + id
    label: str
    value: str
    links: tuple[Link, ...] = ()
    status: Status | None = None  # None: a fact, not a judgement
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    claims: tuple[Claim, ...]


# -- was the outcome published on time? --------------------------------------------------------
class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"  # not published, and the 12 weeks have passed
    NOT_DUE = "not_due"  # closed, not published, still within the 12 weeks
    NOT_CLOSED = "not_closed"  # still open, still to happen, or a draft
    NOT_NEEDED = "not_needed"  # information only: no views were asked for
    NO_DATE = "no_date"

    @property
    def label(self) -> str:
        return {
            Timeliness.ON_TIME: "Published on time",
            Timeliness.LATE: "Published late",
            Timeliness.OVERDUE: "Overdue",
            Timeliness.NOT_DUE: "Not due yet",
            Timeliness.NOT_CLOSED: "Not closed yet",
            Timeliness.NOT_NEEDED: "Not needed",
            Timeliness.NO_DATE: "No date recorded",
        }[self]

    @property
    def status(self) -> Status:
        return {
            Timeliness.ON_TIME: Status.PASS,
            Timeliness.LATE: Status.FAIL,
            Timeliness.OVERDUE: Status.FAIL,
            Timeliness.NO_DATE: Status.WARNING,
        }.get(self, Status.NOT_APPLICABLE)


@dataclass(frozen=True)
class Timing:
    timeliness: Timeliness
    closed_at: datetime | None
    due_at: datetime | None
    published_at: datetime | None

    @property
    def reason(self) -> str:
        closed = day_text(self.closed_at)
        due = due_day_text(self.due_at) if self.due_at is not None else ""
        published = day_text(self.published_at)
        return {
            Timeliness.ON_TIME: f"It closed on {closed} and the outcome was published on "
            f"{published}, within {RESPONSE_WEEKS} weeks (by {due}).",
            Timeliness.LATE: f"It closed on {closed} and the outcome was published on "
            f"{published}, after the {RESPONSE_WEEKS} weeks that ended on {due}.",
            Timeliness.OVERDUE: f"It closed on {closed}; the outcome was due by {due} and is "
            "not published.",
            Timeliness.NOT_DUE: f"It closed on {closed}; the outcome is due by {due}.",
            Timeliness.NOT_CLOSED: "It has not closed or taken place yet"
            + (f" (it closes on {closed})" if self.closed_at else "")
            + ".",
            Timeliness.NOT_NEEDED: "It gave people information and asked for no views, so there "
            "is no outcome to report.",
            Timeliness.NO_DATE: "No date is recorded, so nothing shows when it closed.",
        }[self.timeliness]


def closed_at(activity: Activity, consultation: Consultation | None) -> datetime | None:
    """When people could last take part: a consultation's close (or early close), an event's
    end (or its start when no end is recorded)."""
    if consultation is not None:
        period = open_period(consultation)
        return period.ends_at if period is not None else None
    return activity.ends_at or activity.starts_at


def outcome_timing(
    *,
    activity: Activity,
    consultation: Consultation | None,
    decision: DecisionRecord | None,
    now: datetime,
) -> Timing:
    """Whether the outcome came out within 12 weeks of the close (Consultation Principle J)."""
    # When the outcome was first made public: its decision record's first publication, kept
    # when the page is taken down to be corrected, as the fairness checks count it.
    published = decision.first_published_at if decision is not None else None
    ended = closed_at(activity, consultation)
    if activity.way == Way.INFORM:
        return Timing(Timeliness.NOT_NEEDED, ended, None, published)
    if ended is None:
        return Timing(Timeliness.NO_DATE, None, None, published)
    is_published = (
        consultation.published_at if consultation is not None else activity.published_at
    ) is not None
    if not is_published or ended > now:
        return Timing(Timeliness.NOT_CLOSED, ended, None, published)
    due = outcome_due(ended)
    if published is not None:
        return Timing(
            Timeliness.LATE if published > due else Timeliness.ON_TIME, ended, due, published
        )
    return Timing(Timeliness.OVERDUE if now > due else Timeliness.NOT_DUE, ended, due, None)
