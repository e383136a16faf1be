"""What counts as fairness evidence: a reason is words, not punctuation or a placeholder; a name
has letters; and the words for when a record was made."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from involve.services.fairness_records import EvidenceRecord, is_name, is_reason, moment_text
from involve.templating import UK


@pytest.mark.parametrize(
    "text",
    [
        "The market lease is renewed on 1 July.",
        "Keep or raise",
        "Keep, £2 or £4",
        "Grant deadline: 30 June 2026",
        "Réduire les heures d'ouverture",  # letters beyond ASCII are letters
    ],
)
def test_a_few_real_words_are_a_reason(text):
    assert is_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        ".",
        "...",
        "- - -",
        "n/a",
        "N/A N/A",
        "TBC",
        "tbc tbc tbc",
        "x x x",
        "1 2 3",
        "Urgent",
        "Not applicable",
        "To be confirmed",
        "to be  decided.",
        "See the report",
    ],
)
def test_punctuation_placeholders_and_fewer_than_three_words_are_not_a_reason(text):
    assert not is_reason(text)


@pytest.mark.parametrize(("text", "expected"), [("Cabinet", True), ("Jo", True), (".", False), ("-", False), ("A", False), ("12", False)])  # fmt: skip
def test_a_name_needs_letters(text, expected):
    assert is_name(text) is expected


def test_moments_on_different_days_are_dates_and_on_the_same_day_have_times():
    opened = datetime(2026, 6, 1, 9, 0, tzinfo=UK)
    assert moment_text(datetime(2026, 6, 5, 15, 0, tzinfo=UK), opened) == (
        "on 5 June 2026",
        "on 1 June 2026",
    )
    assert moment_text(datetime(2026, 6, 1, 15, 30, tzinfo=UK), opened) == (
        "at 3:30pm on 1 June 2026",
        "at 9am on 1 June 2026",
    )
    assert moment_text(datetime(2026, 6, 5, tzinfo=UK), opened, "at midnight")[1] == "at midnight"


def test_a_record_says_when_and_by_whom_in_uk_time_or_that_the_date_is_not_known():
    late_evening = datetime(2026, 6, 4, 23, 30, tzinfo=UTC)  # 12:30am on 5 June in the UK
    assert EvidenceRecord(late_evening, "Priya Engagement").text == (
        "Recorded 5 June 2026 by Priya Engagement"
    )
    assert EvidenceRecord(late_evening).text == "Recorded 5 June 2026"
    unknown = EvidenceRecord(None)
    assert not unknown.is_dated and not unknown.is_after(late_evening)
    assert unknown.text.startswith("Date recorded not known")
