"""Fairness evidence says when it was written, and evidence written too late cannot change the
verdict: a short period's reason counts only if recorded before the consultation opened; options
recorded after the close are a warning; a sign-off recorded after publication is stated; text
that is not a reason counts as nothing; an unknown date is said so, never guessed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from involve.services.consultations import ConsultationDetails, update_consultation
from involve.services.fairness import Status, fairness_checklist
from involve.templating import UK
from tests.factories import ConsultationFactory, OfficerFactory

OPENS = datetime(2026, 6, 1, 9, 0, tzinfo=UK)  # no bank holidays in June or July 2026
CLOSES = datetime(2026, 7, 13, 23, 59, tzinfo=UK)
PUBLISHED = OPENS - timedelta(days=5)  # 27 May 2026
LATER = datetime(2026, 8, 1, tzinfo=UK)
SILUS = "R (Silus Investments) v London Borough of Hounslow [2015]"
REASON = "The grant must be spent by 30 June."
OPTIONS = "Keep, close or move the library"


def _consultation(days: int | None = None, **kwargs):  # type: ignore[no-untyped-def]
    closes = OPENS + timedelta(days=days - 1, hours=14, minutes=59) if days else CLOSES
    kwargs.setdefault("published_at", PUBLISHED)
    return ConsultationFactory(opens_at=OPENS, closes_at=closes, **kwargs)


def _with_reason(recorded_at: datetime | None, *, days: int = 10, text: str = REASON):  # type: ignore[no-untyped-def]
    """Open for `days` days, with a reason for so short a period recorded at `recorded_at`."""
    return _consultation(
        days, short_period_reason=text, short_period_reason_recorded_at=recorded_at
    )


def _with_options(recorded_at: datetime | None, text: str = OPTIONS):  # type: ignore[no-untyped-def]
    return _consultation(options_still_open=text, options_still_open_recorded_at=recorded_at)


def _signed_off(recorded_at: datetime | None):  # type: ignore[no-untyped-def]
    """Agreed by Cabinet on 20 May 2026, a week before publication; recorded at `recorded_at`."""
    return _consultation(
        agreed_by="Cabinet", agreed_on=date(2026, 5, 20), agreed_recorded_at=recorded_at
    )


def _check(consultation, check_id: str):  # type: ignore[no-untyped-def]
    return fairness_checklist(consultation, now=LATER).get(check_id)


# -- Gunning 3: a short period's reason ---------------------------------------------------------
def test_a_reason_recorded_before_opening_turns_the_fail_into_a_warning_and_says_when():
    consultation = _with_reason(datetime(2026, 5, 20, tzinfo=UK))
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.WARNING
    assert "Open for 10 days" in check.reason
    assert f"recorded on 20 May 2026 before the consultation opened: \u201c{REASON}\u201d" in (
        check.reason
    )
    assert SILUS in check.reason
    assert check.details == ("Recorded 20 May 2026",)


def test_a_reason_recorded_after_opening_leaves_the_fail_and_says_so():
    consultation = _with_reason(datetime(2026, 6, 5, tzinfo=UK))
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.FAIL
    assert "recorded on 5 June 2026, after the consultation opened on 1 June 2026" in check.reason
    assert REASON in check.reason and SILUS in check.reason
    assert _check(consultation, "principle-e").status == Status.FAIL


def test_a_reason_recorded_the_day_it_opened_but_later_gives_both_times():
    consultation = _with_reason(datetime(2026, 6, 1, 15, 30, tzinfo=UK))
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.FAIL
    assert "recorded at 3:30pm on 1 June 2026, after the consultation opened at 9am on 1 June" in (
        check.reason
    )


@pytest.mark.parametrize("text", [".", "n/a", "TBC", "To be confirmed"])
def test_a_reason_that_is_not_a_reason_counts_as_none(text):
    consultation = _with_reason(datetime(2026, 5, 1, tzinfo=UK), text=text)
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.FAIL
    assert f"What is recorded as the reason, \u201c{text}\u201d, is not a reason." in check.reason


def test_a_reason_of_unknown_date_is_stated_as_such():
    consultation = _with_reason(None)  # written before dates were kept
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.WARNING
    assert "When it was recorded is not known, so it may have been written after" in check.reason
    assert check.details[0].startswith("Date recorded not known")


def test_between_two_and_six_weeks_a_late_reason_is_named_but_stays_a_warning():
    consultation = _with_reason(datetime(2026, 6, 8, tzinfo=UK), days=20)
    check = _check(consultation, "gunning-3-length")
    assert check.status == Status.WARNING
    assert "Open for 20 days" in check.reason and "after the consultation opened" in check.reason


# -- Gunning 1: options still open --------------------------------------------------------------
def test_options_recorded_before_opening_pass_and_say_when():
    consultation = _with_options(datetime(2026, 5, 25, tzinfo=UK))
    check = _check(consultation, "gunning-1-options")
    assert check.status == Status.PASS
    assert "recorded on 25 May 2026, before the consultation opened on 1 June 2026" in check.reason
    assert check.details == ("Recorded 25 May 2026",)


def test_options_recorded_after_the_close_are_a_warning_that_says_so():
    consultation = _with_options(datetime(2026, 7, 20, tzinfo=UK))
    check = _check(consultation, "gunning-1-options")
    assert check.status == Status.WARNING
    assert "recorded on 20 July 2026, after the consultation closed on 13 July 2026" in check.reason
    assert _check(consultation, "principle-b").status == Status.WARNING


def test_options_recorded_while_open_pass_and_say_it_was_after_opening():
    consultation = _with_options(datetime(2026, 6, 10, tzinfo=UK))
    check = _check(consultation, "gunning-1-options")
    assert check.status == Status.PASS
    assert "after the consultation opened on 1 June 2026, before it closed" in check.reason


def test_options_of_unknown_date_pass_but_say_the_date_is_not_known():
    check = _check(_with_options(None), "gunning-1-options")
    assert check.status == Status.PASS
    assert "When this was recorded is not known" in check.reason


def test_options_that_describe_nothing_count_as_none():
    consultation = _with_options(datetime(2026, 5, 1, tzinfo=UK), text=".")
    check = _check(consultation, "gunning-1-options")
    assert check.status == Status.FAIL
    assert "what is recorded, \u201c.\u201d, does not describe any" in check.reason


# -- Principle H: agreed before publication -----------------------------------------------------
def test_principle_h_needs_a_sign_off_dated_before_publication():
    assert _check(_consultation(), "principle-h").status == Status.FAIL
    assert _check(_consultation(published_at=None), "principle-h").status == Status.WARNING
    late = _consultation(agreed_by="Cabinet", agreed_on=date(2026, 5, 28))
    assert _check(late, "principle-h").status == Status.FAIL
    nobody = _consultation(agreed_by=".", agreed_on=date(2026, 5, 20))
    check = _check(nobody, "principle-h")
    assert check.status == Status.FAIL and "who agreed it is not recorded" in check.reason


def test_principle_h_passes_when_the_sign_off_was_recorded_before_publication():
    consultation = _signed_off(datetime(2026, 5, 20, 10, tzinfo=UK))
    check = _check(consultation, "principle-h")
    assert check.status == Status.PASS
    assert "Agreed by Cabinet on 20 May 2026, before it was published on 27 May 2026" in (
        check.reason
    )
    assert check.details == ("Recorded 20 May 2026",)


def test_a_sign_off_recorded_after_publication_is_a_warning_that_states_it():
    consultation = _signed_off(datetime(2026, 7, 20, tzinfo=UK))
    check = _check(consultation, "principle-h")
    assert check.status == Status.WARNING
    assert (
        "only recorded on 20 July 2026, after it was published on 27 May 2026: the record cannot "
        "show the sign-off came first" in check.reason
    )


def test_a_sign_off_of_unknown_date_passes_and_says_the_date_is_not_known():
    consultation = _signed_off(None)
    check = _check(consultation, "principle-h")
    assert check.status == Status.PASS
    assert "When the sign-off was recorded is not known." in check.reason


# -- who recorded it ----------------------------------------------------------------------------
def test_each_check_names_the_officer_who_recorded_its_evidence():
    officer = OfficerFactory(full_name="Priya Engagement")
    consultation = _consultation(10, published_at=None)
    details = ConsultationDetails.of(consultation)
    details.short_period_reason = REASON
    details.options_still_open = OPTIONS
    update_consultation(actor=officer, consultation=consultation, details=details)
    recorded = consultation.short_period_reason_recorded_at
    assert recorded is not None and recorded == consultation.options_still_open_recorded_at
    today = recorded.astimezone(UK)
    line = f"Recorded {today.day} {today:%B %Y} by Priya Engagement"
    checklist = fairness_checklist(consultation, now=LATER)
    assert checklist.get("gunning-3-length").details == (line,)
    assert checklist.get("gunning-1-options").details == (line,)
