"""Gunning 3 and Principles E and K: the open period's length at its boundaries (13, 14, 41 and
42 days), a recorded reason, bank holidays in England counted and named, and overlaps with the
council's pre-election periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from involve.extensions import db
from involve.models import ElectionPeriod
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_time import bank_holidays, working_days
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.factories_representativeness import consultation_activity

# June and July 2026 have no bank holidays in England.
QUIET_START = datetime(2026, 6, 1, 0, 0, tzinfo=UK)
LATER = datetime(2026, 12, 1, tzinfo=UK)


def _open_for(days: float, start: datetime = QUIET_START, **kwargs):  # type: ignore[no-untyped-def]
    return ConsultationFactory(
        opens_at=start,
        closes_at=start + timedelta(days=days),
        published_at=start - timedelta(days=3),
        **kwargs,
    )


def _published(*, opens_at: datetime, closes_at: datetime):  # type: ignore[no-untyped-def]
    """Published before it opens, so it opened at its opening time (not when published)."""
    return ConsultationFactory(
        opens_at=opens_at, closes_at=closes_at, published_at=opens_at - timedelta(days=3)
    )


@pytest.mark.parametrize(
    ("days", "status"),
    [(13, Status.FAIL), (14, Status.WARNING), (41, Status.WARNING), (42, Status.PASS)],
)
def test_the_open_period_is_judged_at_its_boundaries(days, status):
    check = fairness_checklist(_open_for(days), now=LATER).get("gunning-3-length")
    assert check.status == status
    assert f"Open for {days} days" in check.reason


def test_under_14_days_without_a_reason_fails_citing_silus():
    check = fairness_checklist(_open_for(10), now=LATER).get("gunning-3-length")
    assert check.status == Status.FAIL
    assert "no reason" in check.reason
    assert "R (Silus Investments) v London Borough of Hounslow [2015]" in check.reason
    assert check.evidence[0].endpoint == "officer.consultation_overview"


def test_a_reason_recorded_before_opening_turns_the_fail_into_a_warning_that_cites_it():
    consultation = _open_for(
        10,
        short_period_reason="The grant deadline is 30 June.",
        short_period_reason_recorded_at=QUIET_START - timedelta(days=5),
    )
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-length")
    assert check.status == Status.WARNING
    assert "\u201cThe grant deadline is 30 June.\u201d" in check.reason
    assert "Silus" in check.reason


def test_a_part_day_counts_as_a_day_and_an_early_close_shortens_the_period():
    # 9am on 1 June to 11:59pm on 14 June: open on 14 days.
    consultation = ConsultationFactory(
        opens_at=QUIET_START.replace(hour=9),
        closes_at=datetime(2026, 6, 14, 23, 59, tzinfo=UK),
        published_at=QUIET_START - timedelta(days=3),
    )
    assert fairness_checklist(consultation, now=LATER).get("gunning-3-length").status == (
        Status.WARNING
    )
    closed_early = _open_for(60, closed_early_at=QUIET_START + timedelta(days=9, hours=12))
    check = fairness_checklist(closed_early, now=LATER).get("gunning-3-length")
    assert check.status == Status.FAIL
    assert "Open for 10 days" in check.reason and "closed early on 10 June 2026" in check.reason


def _uk(*parts: int) -> datetime:
    """A UK wall-clock time as the database gives it back: in UTC. (Two datetimes sharing one
    tzinfo subtract as wall-clock times, which would hide a clock change from the check.)"""
    return datetime(*parts, tzinfo=UK).astimezone(UTC)


def test_clocks_going_back_do_not_add_a_day_to_a_13_day_consultation():
    # 20 October 2025 to midnight at the end of 1 November: 13 days, though 13 days and an
    # hour pass in UTC because the clocks go back on 26 October.
    consultation = _published(opens_at=_uk(2025, 10, 20), closes_at=_uk(2025, 11, 2))
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-length")
    assert check.status == Status.FAIL and "Silus" in check.reason
    # The last day open is 1 November, not the day of the midnight close.
    assert "Open for 13 days (20 October 2025 to 1 November 2025)" in check.reason


def test_clocks_going_forward_do_not_take_a_day_from_a_14_day_consultation():
    # Noon on 16 March 2026 to 12:30pm on 29 March: open on 14 calendar days, though only
    # 12 days and 23.5 hours pass, because the clocks go forward at 1am on 29 March.
    consultation = _published(opens_at=_uk(2026, 3, 16, 12), closes_at=_uk(2026, 3, 29, 12, 30))
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-length")
    assert check.status == Status.WARNING
    assert "Open for 14 days (16 March 2026 to 29 March 2026)" in check.reason


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "days"),
    [
        # Whole UK days over each clock change, closing at midnight or a minute before it.
        (_uk(2025, 10, 20), _uk(2025, 11, 3), 14),
        (_uk(2025, 10, 20, 9), _uk(2025, 11, 2, 23, 59), 14),
        (_uk(2026, 3, 16), _uk(2026, 3, 30), 14),
        (_uk(2026, 3, 16, 9), _uk(2026, 3, 28, 23, 59), 13),
    ],
)
def test_days_open_are_uk_calendar_days_across_clock_changes(opens_at, closes_at, days):
    consultation = _published(opens_at=opens_at, closes_at=closes_at)
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-length")
    assert f"Open for {days} days" in check.reason
    assert check.status == (Status.FAIL if days < 14 else Status.WARNING)


def test_no_dates_is_a_warning_not_a_crash():
    consultation = ConsultationFactory(opens_at=None, closes_at=None, published_at=None)
    checklist = fairness_checklist(consultation, now=LATER)
    assert checklist.get("gunning-3-length").status == Status.WARNING
    assert checklist.get("gunning-3-holidays").status == Status.NOT_APPLICABLE
    assert checklist.get("principle-k").status == Status.NOT_APPLICABLE


def test_bank_holidays_in_england_are_counted_named_and_working_days_worked_out():
    found = bank_holidays(date(2026, 3, 30), date(2026, 5, 10))
    assert [name for _, name in found] == ["Good Friday", "Easter Monday", "May Day"]
    assert working_days(date(2026, 6, 1), date(2026, 7, 12), set()) == 30
    assert working_days(date(2026, 3, 30), date(2026, 5, 10), {day for day, _ in found}) == 27
    assert bank_holidays(date(2026, 6, 1), date(2026, 5, 1)) == []


def test_a_six_week_period_shortened_by_easter_is_a_warning_that_names_the_holidays():
    consultation = _open_for(42, start=datetime(2026, 3, 23, tzinfo=UK))
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-holidays")
    assert check.status == Status.WARNING
    assert "2 bank holidays" in check.reason and "28 working days" in check.reason
    assert check.details == (
        "Good Friday, Friday 3 April 2026",
        "Easter Monday, Monday 6 April 2026",
    )


def test_holidays_in_a_long_period_pass_but_are_still_named():
    consultation = _open_for(60, start=datetime(2026, 3, 23, tzinfo=UK))
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-holidays")
    assert check.status == Status.PASS
    assert "3 bank holidays" in check.reason and len(check.details) == 3


def test_christmas_and_new_year_are_a_warning_even_in_a_long_period():
    consultation = _open_for(84, start=datetime(2026, 11, 23, tzinfo=UK))
    checklist = fairness_checklist(consultation, now=datetime(2027, 6, 1, tzinfo=UK))
    check = checklist.get("gunning-3-holidays")
    assert check.status == Status.WARNING and "Christmas" in check.reason
    assert "Christmas Day, Friday 25 December 2026" in check.details
    assert "New Year's Day, Friday 1 January 2027" in check.details
    # Principle E combines the length (12 weeks: pass) and the holidays (warning).
    principle = checklist.get("principle-e")
    assert principle.status == Status.WARNING
    assert "Open for 84 days" in principle.reason and "Christmas" in principle.reason


def test_no_holidays_passes_with_the_working_days():
    check = fairness_checklist(_open_for(42), now=LATER).get("gunning-3-holidays")
    assert check.status == Status.PASS
    assert "No bank holidays" in check.reason and "30 working days" in check.reason


def _election() -> ElectionPeriod:
    period = ElectionPeriod(
        name="Local elections, 6 May 2027", starts_on=date(2027, 3, 29), ends_on=date(2027, 5, 6)
    )
    db.session.add(period)
    db.session.flush()
    return period


def test_launching_during_a_pre_election_period_fails_principle_k():
    _election()
    consultation = _open_for(42, start=datetime(2027, 4, 1, tzinfo=UK))
    checklist = fairness_checklist(consultation, now=LATER)
    for check_id in ("gunning-3-elections", "principle-k"):
        check = checklist.get(check_id)
        assert check.status == Status.FAIL
        assert "Local elections, 6 May 2027 (29 March 2027 to 6 May 2027)" in check.reason
        assert check.evidence[0].endpoint == "officer.election_periods"


def test_running_into_a_pre_election_period_is_a_warning_with_the_days_of_overlap():
    _election()
    consultation = _open_for(42, start=datetime(2027, 3, 1, tzinfo=UK))  # to 11 April
    check = fairness_checklist(consultation, now=LATER).get("principle-k")
    assert check.status == Status.WARNING
    assert "for 14 days" in check.reason
    assert check.details == (
        "Local elections, 6 May 2027 (29 March 2027 to 6 May 2027): 14 days of overlap",
    )


def test_no_periods_entered_is_a_warning_that_links_to_entering_them():
    checklist = fairness_checklist(_open_for(42), now=LATER)
    for check_id in ("gunning-3-elections", "principle-k"):
        check = checklist.get(check_id)
        # Nothing entered is not evidence that the period is clear of elections.
        assert check.status == Status.WARNING
        assert "No pre-election periods are recorded" in check.reason
        assert [link.endpoint for link in check.evidence] == [
            "officer.election_periods",
            "officer.new_election_period",
        ]


def test_periods_that_do_not_overlap_pass():
    consultation = _open_for(42)
    _election()
    check = fairness_checklist(consultation, now=LATER).get("gunning-3-elections")
    assert check.status == Status.PASS and "none of the 1 pre-election period" in check.reason


def test_the_checklist_works_for_a_consultation_with_an_activity():
    consultation = _open_for(42)
    activity = consultation_activity(consultation=consultation)
    checklist = fairness_checklist(consultation, now=LATER)
    assert checklist.activity == activity
    assert len(checklist.checks) == 11 + 11 + 2
