"""Gunning 3 and Principles E and K: was there enough time to respond? The open period's length
against the 14-day floor and the usual 6 weeks, the bank holidays in England that fall in it,
and the council's pre-election periods it overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from involve.models import ElectionPeriod
from involve.services import fairness_evidence as evidence
from involve.services.fairness_checks import (
    Check,
    Group,
    Status,
    clipped,
    day_text,
    end_sentence,
    plural,
)
from involve.services.fairness_facts import Facts, OpenPeriod
from involve.services.fairness_records import EvidenceRecord, Record, is_reason, moment_text

MINIMUM_DAYS = 14
USUAL_DAYS = 42  # six weeks
USUAL_WORKING_DAYS = 30  # six weeks of working days
SILUS = (
    "A 7-day consultation was held too short to be fair in R (Silus Investments) v London "
    "Borough of Hounslow [2015] EWHC 358 (Admin)."
)
FESTIVE = ("Christmas", "Boxing Day", "New Year")


@lru_cache(maxsize=32)
def _england_holidays(first_year: int, last_year: int) -> dict[date, str]:
    """Bank holidays in England (the holidays package's own tables; no network)."""
    return dict(holidays.UK(subdiv="ENG", years=range(first_year, last_year + 1)).items())


def bank_holidays(first_day: date, last_day: date) -> list[tuple[date, str]]:
    """The bank holidays in England from first_day to last_day, inclusive, in date order."""
    if last_day < first_day:
        return []
    table = _england_holidays(first_day.year, last_day.year)
    return sorted((day, name) for day, name in table.items() if first_day <= day <= last_day)


def working_days(first_day: date, last_day: date, holiday_days: set[date]) -> int:
    """Mondays to Fridays from first_day to last_day, inclusive, that are not bank holidays."""
    count, day = 0, first_day
    while day <= last_day:
        if day.weekday() < 5 and day not in holiday_days:
            count += 1
        day += timedelta(days=1)
    return count


@dataclass(frozen=True)
class ElectionOverlap:
    period: ElectionPeriod
    days: int
    launched_during: bool

    @property
    def text(self) -> str:
        return (
            f"{self.period.name} ({day_text(self.period.starts_on)} to "
            f"{day_text(self.period.ends_on)})"
        )


def election_overlaps(period: OpenPeriod, elections: list[ElectionPeriod]) -> list[ElectionOverlap]:
    found = []
    for election in elections:
        first = max(period.first_day, election.starts_on)
        last = min(period.last_day, election.ends_on)
        if first <= last:
            launched = election.starts_on <= period.first_day <= election.ends_on
            found.append(ElectionOverlap(election, (last - first).days + 1, launched))
    return found


def _period_text(period: OpenPeriod) -> str:
    """The first and last days open: a close at midnight ends the day before that midnight."""
    ended = "closed early on" if period.closed_early else "to"
    return f"{day_text(period.first_day)} {ended} {day_text(period.last_day)}"


def length_check(facts: Facts, *, check_id: str, group: Group, title: str) -> Check:
    """Under 14 days fails unless a reason was recorded before the consultation opened: one
    written afterwards cannot have justified the period, and "." is not a reason."""
    consultation, period = facts.consultation, facts.period
    proof = (evidence.details(consultation),)
    if period is None:
        return Check(
            check_id,
            group,
            title,
            Status.WARNING,
            "The opening and closing dates are not set.",
            proof,
        )
    days = period.days
    text = consultation.short_period_reason.strip()
    record = facts.record(Record.SHORT_PERIOD)
    details = (record.text,) if text else ()
    open_for = f"Open for {plural(days, 'day')} ({_period_text(period)})"
    if days >= USUAL_DAYS:
        return Check(check_id, group, title, Status.PASS, f"{open_for}: 6 weeks or more.", proof)
    because = _reason_text(text, record, period)
    if days >= MINIMUM_DAYS:
        return Check(
            check_id,
            group,
            title,
            Status.WARNING,
            f"{open_for}: less than the 6 weeks ({USUAL_DAYS} days) councils usually allow."
            + (f" {because}" if because else ""),
            proof,
            details,
        )
    # Only a reason written before it opened can have justified the period; a date not known
    # is said so in the reason, not guessed either way.
    counts = bool(text) and is_reason(text) and not record.is_after(period.opens_at)
    under = f"{open_for}: under {MINIMUM_DAYS} days"
    said = (
        f"{under}. {because}"
        if because
        else f"{under}, and no reason for so short a period is recorded."
    )
    return Check(
        check_id,
        group,
        title,
        Status.WARNING if counts else Status.FAIL,
        f"{said} {SILUS}",
        proof,
        details,
    )


def _reason_text(text: str, record: EvidenceRecord, period: OpenPeriod) -> str:
    """What the record says about the reason for a short period, and when it was written."""
    if not text:
        return ""
    quoted = f"\u201c{clipped(text, 300)}\u201d"
    if not is_reason(text):
        return f"What is recorded as the reason, {quoted}, is not a reason."
    if record.recorded_at is None:
        said = end_sentence(f"The reason recorded: {quoted}")
        return (
            f"{said} When it was recorded is not known, so it may have been written after the "
            "consultation opened."
        )
    recorded, opened = moment_text(record.recorded_at, period.opens_at)
    if record.is_after(period.opens_at):
        return end_sentence(
            f"A reason was recorded {recorded}, after the consultation opened {opened}, so it "
            f"cannot have justified the period: {quoted}"
        )
    return end_sentence(f"The reason, recorded {recorded} before the consultation opened: {quoted}")


def holidays_check(facts: Facts, *, check_id: str, group: Group, title: str) -> Check:
    period = facts.period
    proof = (evidence.details(facts.consultation),)
    if period is None:
        return Check(
            check_id, group, title, Status.NOT_APPLICABLE, "The dates are not set yet.", proof
        )
    found = bank_holidays(period.first_day, period.last_day)
    working = working_days(period.first_day, period.last_day, {day for day, _ in found})
    names = tuple(f"{name}, {day:%A} {day_text(day)}" for day, name in found)
    if not found:
        return Check(
            check_id,
            group,
            title,
            Status.PASS,
            f"No bank holidays in England fall in the open period; it has "
            f"{plural(working, 'working day')}.",
            proof,
        )
    falls = "falls" if len(found) == 1 else "fall"
    counted = f"{plural(len(found), 'bank holiday')} in England {falls} in the open period"
    if any(word in name for _, name in found for word in FESTIVE):
        status = Status.WARNING
        why = (
            "it runs over Christmas or the New Year, when fewer people respond: consider "
            "extending it"
        )
    elif working < USUAL_WORKING_DAYS:
        status = Status.WARNING
        why = (
            f"they shorten it to {plural(working, 'working day')}, under the "
            f"{USUAL_WORKING_DAYS} of 6 weeks"
        )
    else:
        status, why = Status.PASS, f"it still has {plural(working, 'working day')}"
    return Check(check_id, group, title, status, f"{counted}: {why}.", proof, names)


def elections_check(facts: Facts, *, check_id: str, group: Group, title: str) -> Check:
    proof = (evidence.election_periods(),)
    period = facts.period
    if period is None:
        return Check(
            check_id, group, title, Status.NOT_APPLICABLE, "The dates are not set yet.", proof
        )
    if not facts.elections:
        # Nothing entered proves nothing: the council may simply not have entered them yet.
        return Check(
            check_id,
            group,
            title,
            Status.WARNING,
            "No pre-election periods are recorded, so this check cannot tell whether the open "
            "period runs into one. Enter the council's pre-election periods.",
            (*proof, evidence.new_election_period()),
        )
    overlaps = election_overlaps(period, facts.elections)
    if not overlaps:
        return Check(
            check_id,
            group,
            title,
            Status.PASS,
            "The open period overlaps none of the "
            f"{plural(len(facts.elections), 'pre-election period')} entered.",
            proof,
        )
    launched = [overlap for overlap in overlaps if overlap.launched_during]
    details = tuple(
        f"{overlap.text}: {plural(overlap.days, 'day')} of overlap" for overlap in overlaps
    )
    if launched:
        return Check(
            check_id,
            group,
            title,
            Status.FAIL,
            f"It opened on {day_text(period.opens_at)}, during the pre-election period of "
            f"{launched[0].text}. Consultations should not be launched during election periods "
            "(Consultation Principle K).",
            proof,
            details,
        )
    return Check(
        check_id,
        group,
        title,
        Status.WARNING,
        f"It runs into the pre-election period of {overlaps[0].text} for "
        f"{plural(overlaps[0].days, 'day')}: publicity and events in that time need care, and the "
        "decision may wait until after the election.",
        proof,
        details,
    )
