"""Which of a consultation's dates are facts. Once it has opened, when it opened happened: the
fairness checks, the public page and the open data report it, so it cannot be changed
afterwards. Once it has closed, the close is a fact too. While it is open the closing date can
still move (extended, or brought forward to a time still to come; to close it now an officer
closes it early, which is recorded with a reason).

It opens for residents at the later of its opening time and its publication: published late,
nobody could respond before then (involve.services.lifecycle.phase_of)."""

from __future__ import annotations

from datetime import datetime

from involve.models import Consultation
from involve.models.base import utc_now
from involve.services.errors import DomainError
from involve.templating import format_datetime

OPENS_FIELD = "opens_on"
CLOSES_FIELD = "closes_on"


class DateIsFact(DomainError):
    """A date that has already happened, or would put the consultation's past in question."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def real_opening(consultation: Consultation) -> datetime | None:
    """When residents could first respond, as planned or as it happened: the later of the
    opening time and the publication (the opening time alone while it is a draft)."""
    opens_at, published_at = consultation.opens_at, consultation.published_at
    if opens_at is None or published_at is None:
        return opens_at
    return max(opens_at, published_at)


def opened_at(consultation: Consultation, now: datetime | None = None) -> datetime | None:
    """When it opened, if it has: a draft has never opened, whatever its dates say."""
    opening = real_opening(consultation)
    if consultation.published_at is None or opening is None:
        return None
    return opening if opening <= (now or utc_now()) else None


def closed_at(consultation: Consultation, now: datetime | None = None) -> datetime | None:
    """When it stopped taking responses, if it has opened and then closed."""
    now = now or utc_now()
    opening = opened_at(consultation, now)
    if opening is None:
        return None
    ends = [
        moment
        for moment in (consultation.closed_early_at, consultation.closes_at)
        if moment is not None and moment <= now
    ]
    return max(min(ends), opening) if ends else None


def same_minute(first: datetime | None, second: datetime | None) -> bool:
    """Equal as the details form shows them (to the minute), so saving a form unchanged never
    counts as a change to a time stored with seconds."""
    if first is None or second is None:
        return first is second
    return first.replace(second=0, microsecond=0) == second.replace(second=0, microsecond=0)


def date_problems(
    consultation: Consultation,
    *,
    opens_at: datetime | None,
    closes_at: datetime | None,
    now: datetime | None = None,
) -> dict[str, str]:
    """What is wrong with changing the consultation's dates to these, by form field name:
    nothing for a draft or for dates left as they are."""
    now = now or utc_now()
    problems: dict[str, str] = {}
    opened = opened_at(consultation, now)
    closed = closed_at(consultation, now)
    if opened is not None and not same_minute(opens_at, consultation.opens_at):
        problems[OPENS_FIELD] = (
            f"The opening date cannot be changed. It opened at {format_datetime(opened)}: the "
            "opening date is a fact now"
        )
    elif (
        opened is None
        and consultation.published_at is not None
        and opens_at is not None
        and not same_minute(opens_at, consultation.opens_at)
        and opens_at < now.replace(second=0, microsecond=0)
    ):
        problems[OPENS_FIELD] = (
            "The opening date must be in the future: it is published, and residents can see "
            "it only from then. To open it now, return it to draft and publish it again"
        )
    if same_minute(closes_at, consultation.closes_at):
        return problems
    if closed is not None:
        problems[CLOSES_FIELD] = (
            f"The closing date cannot be changed. It closed at {format_datetime(closed)}: the "
            "closing date is a fact now"
        )
    elif opened is not None and closes_at is None:
        problems[CLOSES_FIELD] = "Enter the closing date: an open consultation must close"
    elif opened is not None and closes_at is not None and closes_at <= now:
        problems[CLOSES_FIELD] = (
            "The closing date must be in the future while the consultation is open. To close "
            "it now, use \u201cClose early\u201d and give the reason"
        )
    return problems


def check_dates(
    consultation: Consultation, *, opens_at: datetime | None, closes_at: datetime | None
) -> None:
    """Raise DateIsFact if the new dates would rewrite what has happened."""
    problems = date_problems(consultation, opens_at=opens_at, closes_at=closes_at)
    if problems:
        raise DateIsFact(problems)
