"""When the outcome is due: 12 weeks after the close by the UK clock, one rule for the fairness
checks and the compliance reports, and one way of saying the day it is due by. A close at
midnight in summer is due at midnight in winter, not at 11pm the day before."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from involve.extensions import db
from involve.models import Consultation, DecisionRecord
from involve.services.compliance_claims import Timeliness, Timing, outcome_timing
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_checks import Check
from involve.services.fairness_publishing import due_day_text, outcome_due
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.factories_decisions import consultation_activity

# Midnight at the end of 9 August 2026 (British Summer Time); 12 weeks on, the clocks have gone
# back (25 October), so the outcome is due at midnight at the end of 1 November, GMT.
SUMMER_CLOSE = datetime(2026, 8, 10, 0, 0, tzinfo=UK)
WINTER_DUE = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # GMT is UTC


@pytest.mark.parametrize(
    ("closes", "due"),
    [
        (SUMMER_CLOSE, WINTER_DUE),
        # Midnight at the end of 31 January (GMT): due at midnight BST, 11pm UTC.
        (datetime(2026, 2, 1, 0, 0, tzinfo=UK), datetime(2026, 4, 25, 23, 0, tzinfo=UTC)),
        # No clock change in between: the same hour.
        (datetime(2026, 7, 13, 17, 0, tzinfo=UK), datetime(2026, 10, 5, 16, 0, tzinfo=UTC)),
    ],
)
def test_the_outcome_is_due_12_weeks_after_the_close_by_the_uk_clock(closes, due):
    assert outcome_due(closes).astimezone(UTC) == due
    assert outcome_due(closes.astimezone(UTC)).astimezone(UTC) == due


def test_a_midnight_deadline_is_due_by_the_day_before():
    assert due_day_text(outcome_due(SUMMER_CLOSE)) == "1 November 2026"
    assert due_day_text(outcome_due(datetime(2026, 7, 13, 17, 0, tzinfo=UK))) == "5 October 2026"


def _consultation(closes: datetime, published: datetime | None) -> Consultation:
    consultation = ConsultationFactory(
        opens_at=closes - timedelta(weeks=8),
        closes_at=closes,
        published_at=closes - timedelta(weeks=9),
    )
    activity = consultation_activity(consultation)
    db.session.add(
        DecisionRecord(
            activity_id=activity.id,
            decided_on=date(2026, 8, 20),
            decision="Run a bus every 15 minutes",
            published_at=published,
        )
    )
    consultation.outcome_published_at = published
    db.session.flush()
    return consultation


def _both_reports(consultation: Consultation, now: datetime) -> tuple[Check, Timing]:
    activity = consultation_activity(consultation)
    record = db.session.scalar(
        db.select(DecisionRecord).where(DecisionRecord.activity_id == activity.id)
    )
    timely = fairness_checklist(consultation, now=now).get("principle-j")
    timing = outcome_timing(activity=activity, consultation=consultation, decision=record, now=now)
    return timely, timing


def test_published_late_in_the_evening_of_the_last_day_across_the_clock_change_is_on_time():
    published = datetime(2026, 11, 1, 23, 30, tzinfo=UK)  # an hour after 12 weeks in UTC
    timely, timing = _both_reports(
        _consultation(SUMMER_CLOSE, published), datetime(2026, 12, 1, tzinfo=UK)
    )
    assert timely.status == Status.PASS, timely.reason
    assert "more than 11 weeks and 6 days later: within the 12 weeks that end on 1 November" in (
        timely.reason
    )
    assert timing.timeliness == Timeliness.ON_TIME, timing.reason
    assert "(by 1 November 2026)" in timing.reason


def test_unpublished_on_the_evening_of_the_last_day_is_not_overdue_yet():
    now = datetime(2026, 11, 1, 23, 30, tzinfo=UK)
    timely, timing = _both_reports(_consultation(SUMMER_CLOSE, None), now)
    assert timely.status == Status.WARNING, timely.reason
    assert "it is due by 1 November 2026, less than a day from now" in timely.reason
    assert timing.timeliness == Timeliness.NOT_DUE, timing.reason


def test_published_just_after_midnight_is_late_in_both_reports():
    published = datetime(2026, 11, 2, 0, 5, tzinfo=UK)
    timely, timing = _both_reports(
        _consultation(SUMMER_CLOSE, published), datetime(2026, 12, 1, tzinfo=UK)
    )
    assert timely.status == Status.FAIL
    assert timing.timeliness == Timeliness.LATE


def test_both_reports_name_the_same_last_day_for_a_midnight_close():
    # Closes at midnight at the end of 12 July: due by the end of 4 October, in both.
    closes = datetime(2026, 7, 13, 0, 0, tzinfo=UK)
    timely, timing = _both_reports(_consultation(closes, None), datetime(2026, 8, 1, tzinfo=UK))
    assert "the outcome is due by 4 October 2026" in timely.reason
    assert timing.reason.endswith("the outcome is due by 4 October 2026.")
