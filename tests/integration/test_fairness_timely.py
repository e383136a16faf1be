"""Consultation Principle J, a response within 12 weeks of the close: late is a fail whether the
outcome was published late or is still unpublished; before the deadline nothing is due, with a
warning in its last 2 weeks; every reason states the rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from involve.extensions import db
from involve.models import DecisionRecord
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_publishing import TIMELY_RULE
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.factories_representativeness import consultation_activity

OPENS = datetime(2026, 6, 1, tzinfo=UK)
CLOSES = datetime(2026, 7, 13, 23, 59, tzinfo=UK)  # 12 weeks later is 5 October 2026, 11:59pm


def _closed(published_after: timedelta | None = None):  # type: ignore[no-untyped-def]
    """A consultation that closed on 13 July 2026, its outcome (the decision record's page)
    published so long after the close, or not at all."""
    consultation = ConsultationFactory(
        opens_at=OPENS, closes_at=CLOSES, published_at=OPENS - timedelta(days=5)
    )
    activity = consultation_activity(consultation=consultation)
    if published_after is not None:
        published = CLOSES + published_after
        db.session.add(
            DecisionRecord(
                activity_id=activity.id, decided_on=date(2026, 7, 20), published_at=published
            )
        )
        consultation.outcome_published_at = published  # kept in step with the record
        db.session.flush()
    return consultation


def _timely(consultation, now: datetime):  # type: ignore[no-untyped-def]
    return fairness_checklist(consultation, now=now).get("principle-j")


@pytest.mark.parametrize(
    ("published_after", "now_after", "status"),
    [
        # Not published, and not due yet: a pass until its last 2 weeks, then a warning.
        (None, timedelta(weeks=2), Status.PASS),
        (None, timedelta(weeks=9, days=6), Status.PASS),
        (None, timedelta(weeks=10, hours=1), Status.WARNING),
        (None, timedelta(weeks=12), Status.WARNING),
        # Not published and overdue: already late, and still nothing.
        (None, timedelta(weeks=12, minutes=1), Status.FAIL),
        (None, timedelta(weeks=30), Status.FAIL),
        # Published: on time passes, late fails, however long ago.
        (timedelta(weeks=11), timedelta(weeks=20), Status.PASS),
        (timedelta(weeks=12), timedelta(weeks=20), Status.PASS),
        (timedelta(weeks=12, days=1), timedelta(weeks=20), Status.FAIL),
    ],
)
def test_principle_j_judges_the_outcome_against_12_weeks_from_the_close(
    published_after, now_after, status
):
    check = _timely(_closed(published_after), CLOSES + now_after)
    assert check.status == status, check.reason
    assert check.reason.endswith(TIMELY_RULE)


def test_overdue_and_unpublished_is_as_bad_as_published_late():
    late = _timely(_closed(timedelta(weeks=13)), CLOSES + timedelta(weeks=14))
    still_nothing = _timely(_closed(), CLOSES + timedelta(weeks=14))
    assert late.status == still_nothing.status == Status.FAIL
    assert "the outcome was published on 12 October 2026, 13 weeks later" in late.reason
    assert "after the 12 weeks that ended on 5 October 2026" in late.reason
    assert "14 weeks ago, and the outcome is still not published" in still_nothing.reason
    assert "it was due by 5 October 2026" in still_nothing.reason


def test_before_the_deadline_it_is_not_due_yet_and_then_warns_with_the_days_left():
    early = _timely(_closed(), CLOSES + timedelta(weeks=3))
    assert early.status == Status.PASS
    assert early.reason.startswith("Not due yet.")
    assert "the outcome is due by 5 October 2026" in early.reason
    soon = _timely(_closed(), CLOSES + timedelta(weeks=11))
    assert soon.status == Status.WARNING
    assert "due by 5 October 2026, 7 days from now" in soon.reason


def test_an_outcome_published_in_time_says_when():
    check = _timely(_closed(timedelta(weeks=8, days=2)), CLOSES + timedelta(weeks=20))
    assert check.status == Status.PASS
    assert "published on 9 September 2026, 8 weeks and 2 days later" in check.reason
    assert "within the 12 weeks that end on 5 October 2026" in check.reason


@pytest.mark.parametrize(
    ("published_after", "words"),
    [
        (timedelta(weeks=12, days=3), "12 weeks and 3 days later"),
        (timedelta(weeks=12, hours=5), "more than 12 weeks later"),
        (timedelta(weeks=13), "13 weeks later"),
    ],
)
def test_principle_j_says_exactly_how_late_the_outcome_was(published_after, words):
    check = _timely(_closed(published_after), CLOSES + timedelta(weeks=20))
    assert check.status == Status.FAIL
    assert words in check.reason and "after the 12 weeks that ended on 5 October 2026" in (
        check.reason
    )


def test_principle_j_does_not_apply_while_open():
    check = _timely(_closed(), CLOSES - timedelta(days=1))
    assert check.status == Status.NOT_APPLICABLE
    assert check.reason.startswith("It has not closed yet.")
    assert TIMELY_RULE in check.reason
