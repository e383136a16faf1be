"""Template filters: dates shown in UK local time, in GOV.UK's date style."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def format_datetime(value: datetime | None, with_time: bool = True) -> str:
    if value is None:
        return ""
    local = value.astimezone(UK)
    date_text = f"{local.day} {local:%B %Y}"
    if not with_time:
        return date_text
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'} on {date_text}"
