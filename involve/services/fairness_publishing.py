"""Consultation Principles H, I and J: agreed before publication, open to scrutiny after it,
and a published response within 12 weeks of the close. Each says when its evidence was
recorded and the rule it applies."""

from __future__ import annotations

from datetime import datetime, timedelta

from involve.services import fairness_evidence as evidence
from involve.services.fairness_checks import Check, Group, Status, day_text, plural
from involve.services.fairness_facts import Facts
from involve.services.fairness_records import Record, is_name, moment_text
from involve.templating import UK

P = Group.PRINCIPLES
RESPONSE_WEEKS = 12
WARN_WEEKS = 2  # Principle J warns in the last 2 weeks before the outcome is due
TIMELY_RULE = (
    f"The rule: publish the outcome within {RESPONSE_WEEKS} weeks of the close; this check "
    f"warns in the last {WARN_WEEKS} weeks and fails once they have passed, published or not."
)


def outcome_due(ends_at: datetime) -> datetime:
    """When the outcome is due: 12 weeks after the close by the UK clock, so a midnight close in
    summer is due at midnight in winter (adding 12 weeks in UTC would be an hour out across a
    clock change). The one deadline the fairness checks and the compliance reports use."""
    return ends_at.astimezone(UK) + timedelta(weeks=RESPONSE_WEEKS)


def due_day_text(due: datetime) -> str:
    """The last UK day on which the outcome is on time, as both reports word it: a deadline at
    midnight ends the day before ("due by 4 October 2026" for 5 October, 00:00)."""
    return day_text(due - timedelta(seconds=1))


def uk_clock_between(start: datetime, end: datetime) -> timedelta:
    """How long from start to end by the UK clock, as the deadline is counted: 12 weeks from a
    summer close to the same hour in winter is 12 weeks, though 12 weeks and an hour pass."""
    return end.astimezone(UK).replace(tzinfo=None) - start.astimezone(UK).replace(tzinfo=None)


def agreed_check(facts: Facts) -> Check:
    """Principle H: agreed before publication. A sign-off dated after publication fails; one
    dated before it but only recorded after it is a warning that says so (the record was
    written afterwards, so it cannot show the order); an unknown recording date is stated."""
    check_id, title, consultation = (
        "principle-h",
        "H. Agreed before publication",
        facts.consultation,
    )
    proof = (evidence.details(consultation), evidence.audit_log())
    by, on = consultation.agreed_by.strip(), consultation.agreed_on
    by = by if is_name(by) else ""  # "." names nobody
    published = consultation.published_at
    if not by or on is None:
        missing = " and ".join(
            text for text, value in (("who agreed it", by), ("when", on)) if not value
        )
        return Check(
            check_id,
            P,
            title,
            Status.FAIL if facts.is_published else Status.WARNING,
            f"{'It was published' if facts.is_published else 'It is not published yet'}, and "
            f"{missing} is not recorded.",
            proof,
        )
    record = facts.record(Record.AGREED)
    details = (record.text,)
    agreed = f"Agreed by {by} on {day_text(on)}"
    if published is not None and on > published.astimezone(UK).date():
        return Check(
            check_id,
            P,
            title,
            Status.FAIL,
            f"{agreed}, after it was published on {day_text(published)}.",
            proof,
            details,
        )
    when = f", before it was published on {day_text(published)}" if published else ""
    if record.recorded_at is None:
        return Check(
            check_id,
            P,
            title,
            Status.PASS,
            f"{agreed}{when}. When the sign-off was recorded is not known.",
            proof,
            details,
        )
    recorded, publication = moment_text(record.recorded_at, published or record.recorded_at)
    if record.is_after(published):
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            f"{agreed}{when}, but this was only recorded {recorded}, after it was published "
            f"{publication}: the record cannot show the sign-off came first.",
            proof,
            details,
        )
    return Check(check_id, P, title, Status.PASS, f"{agreed}{when}.", proof, details)


def scrutiny_check(facts: Facts) -> Check:
    check_id, title = "principle-i", "I. Facilitates scrutiny"
    proof = (*evidence.decision_record(facts.activity), evidence.audit_log())
    trail = f"{plural(facts.audit_events, 'change')} to it {'is' if facts.audit_events == 1 else 'are'} in the audit log"
    if not facts.has_closed:
        return Check(
            check_id, P, title, Status.NOT_APPLICABLE, f"It has not closed yet; {trail}.", proof
        )
    first = facts.outcome_first_published_at
    if first is None:
        return Check(
            check_id, P, title, Status.WARNING, f"The outcome is not published yet; {trail}.", proof
        )
    published = f"The outcome was published on {day_text(first)}"
    if facts.outcome_published_at is None:
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            f"{published} but has been taken down (to be corrected, say), so no one can read "
            f"it now; {trail}.",
            proof,
        )
    return Check(check_id, P, title, Status.PASS, f"{published}; {trail}.", proof)


def elapsed_text(elapsed: timedelta) -> str:
    """Exact weeks and days, never rounded down: "12 weeks and 1 day", "more than 12 weeks"
    when part of a day is left over."""
    weeks, days = divmod(elapsed.days, 7)
    parts = [plural(weeks, "week")] if weeks else []
    parts += [plural(days, "day")] if days or not weeks else []
    text = " and ".join(parts)
    return f"more than {text}" if elapsed - timedelta(days=elapsed.days) else text


def timely_check(facts: Facts) -> Check:
    """Principle J: the outcome is published within 12 weeks of the close. Late is late whether
    or not it has been published since, so both fail; before the deadline nothing is due yet,
    with a warning in its last 2 weeks. The rule is stated in every reason."""
    check_id, title = "principle-j", f"J. Responds within {RESPONSE_WEEKS} weeks"
    proof = (evidence.details(facts.consultation), *evidence.decision_record(facts.activity))
    period = facts.period
    if period is None or not facts.has_closed:
        return Check(
            check_id,
            P,
            title,
            Status.NOT_APPLICABLE,
            f"It has not closed yet. {TIMELY_RULE}",
            proof,
        )
    due = outcome_due(period.ends_at)
    due_day = due_day_text(due)
    # The first publication counts: taking the page down to correct it, and publishing it again
    # after the deadline, does not make an outcome that came out on time late.
    published = facts.outcome_first_published_at
    closed = f"It closed {period.closing_text}"
    later = (
        f"{elapsed_text(uk_clock_between(period.ends_at, published))} later"
        if published is not None
        else ""
    )
    if published is not None and published > due:
        return Check(
            check_id,
            P,
            title,
            Status.FAIL,
            f"{closed} and the outcome was published on {day_text(published)}, {later}: after "
            f"the {RESPONSE_WEEKS} weeks that ended on {due_day}. {TIMELY_RULE}",
            proof,
        )
    if published is not None:
        return Check(
            check_id,
            P,
            title,
            Status.PASS,
            f"{closed} and the outcome was published on {day_text(published)}, {later}: within "
            f"the {RESPONSE_WEEKS} weeks that end on {due_day}. {TIMELY_RULE}",
            proof,
        )
    if facts.now > due:
        return Check(
            check_id,
            P,
            title,
            Status.FAIL,
            f"{closed}, {elapsed_text(uk_clock_between(period.ends_at, facts.now))} ago, and the "
            f"outcome is still not published: it was due by {due_day}. {TIMELY_RULE}",
            proof,
        )
    left = uk_clock_between(facts.now, due)
    if left <= timedelta(weeks=WARN_WEEKS):
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            f"{closed} and the outcome is not published yet: it is due by {due_day}, "
            f"{_left_text(left)} from now. {TIMELY_RULE}",
            proof,
        )
    return Check(
        check_id,
        P,
        title,
        Status.PASS,
        f"Not due yet. {closed}; the outcome is due by {due_day}. {TIMELY_RULE}",
        proof,
    )


def _left_text(left: timedelta) -> str:
    """Whole days left, a part day counting as less than a day."""
    if left < timedelta(days=1):
        return "less than a day"
    return plural(left.days, "day")
