from datetime import UTC, datetime

from involve.templating import format_datetime


def test_dates_are_shown_in_uk_time_in_govuk_style():
    assert format_datetime(datetime(2026, 7, 1, 11, 0, tzinfo=UTC)) == "12pm on 1 July 2026"
    assert format_datetime(datetime(2026, 1, 5, 9, 30, tzinfo=UTC)) == "9:30am on 5 January 2026"
    assert (
        format_datetime(datetime(2026, 1, 5, 23, 59, tzinfo=UTC), with_time=False)
        == "5 January 2026"
    )
    assert format_datetime(None) == ""
