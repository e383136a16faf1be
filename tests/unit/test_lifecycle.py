"""The phase and "days left" come from the clock and officer decisions alone."""

from datetime import UTC, datetime, timedelta

from involve.models import Consultation, Phase
from involve.services.lifecycle import days_left, days_left_text, is_public, phase_of

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _consultation(**overrides) -> Consultation:
    fields = {
        "published_at": NOW - timedelta(days=30),
        "opens_at": NOW - timedelta(days=21),
        "closes_at": NOW + timedelta(days=21),
    }
    fields.update(overrides)
    return Consultation(**fields)


def test_phases_follow_the_clock_and_decisions():
    assert phase_of(_consultation(published_at=None), NOW) == Phase.DRAFT
    assert phase_of(_consultation(opens_at=NOW + timedelta(hours=1)), NOW) == Phase.SCHEDULED
    assert phase_of(_consultation(), NOW) == Phase.OPEN
    assert phase_of(_consultation(closes_at=NOW), NOW) == Phase.CLOSED
    assert phase_of(_consultation(closed_early_at=NOW - timedelta(seconds=1)), NOW) == Phase.CLOSED
    assert phase_of(_consultation(outcome_published_at=NOW), NOW) == Phase.OUTCOME_PUBLISHED


def test_residents_see_a_consultation_only_from_its_opening_time():
    opening = NOW + timedelta(hours=1)
    scheduled = _consultation(opens_at=opening)
    assert not is_public(_consultation(published_at=None), NOW)
    assert not is_public(scheduled, NOW)
    assert not is_public(scheduled, opening - timedelta(seconds=1))
    assert is_public(scheduled, opening)  # the same consultation, once the clock reaches it
    assert is_public(_consultation(), NOW)
    assert is_public(_consultation(closes_at=NOW), NOW)
    assert is_public(_consultation(outcome_published_at=NOW), NOW)


def test_days_left_counts_calendar_days_in_uk_time():
    closing = datetime(2026, 12, 16, 23, 59, tzinfo=UTC)
    assert days_left(_consultation(closes_at=closing), NOW) == 21
    late_evening = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 June in London
    assert (
        days_left(_consultation(closes_at=datetime(2026, 6, 3, 12, tzinfo=UTC)), late_evening) == 1
    )
    assert days_left(_consultation(closes_at=NOW + timedelta(hours=3)), NOW) == 0
    assert days_left(_consultation(closes_at=NOW - timedelta(days=2)), NOW) == 0
    assert days_left(_consultation(closes_at=None), NOW) is None


def test_days_left_words():
    assert [days_left_text(days) for days in (None, 0, 1, 21)] == [
        "",
        "closes today",
        "1 day left",
        "21 days left",
    ]
