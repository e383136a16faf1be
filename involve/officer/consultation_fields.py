"""Form fields for the consultation builder that word their errors the GOV.UK way."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovSelect,
    GovTextArea,
)
from wtforms import Field, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import ValidationError

from involve.forms import remove_unprintable
from involve.templating import UK

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class GovDateField(Field):
    """A GOV.UK date input (day, month, year boxes, all sent under the field's name)."""

    widget = GovDateInput()

    def __init__(self, label: str, *, noun: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.noun = noun  # "the opening date"

    def process_formdata(self, valuelist: list[Any]) -> None:
        parts = [value.strip() if isinstance(value, str) else "" for value in valuelist]
        parts = ([*parts, "", "", ""])[:3]
        self.raw_data = parts
        self.data = None
        day, month, year = parts
        if not any(parts):
            return
        missing = [
            name for name, value in zip(("day", "month", "year"), parts, strict=True) if not value
        ]
        if missing:
            raise ValueError(f"{self.noun.capitalize()} must include a {' and '.join(missing)}")
        if not all(part.isdigit() for part in parts) or len(year) != 4:
            raise ValueError(f"{self.noun.capitalize()} must be a real date")
        try:
            self.data = date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:  # OverflowError: a day of 50 digits
            raise ValueError(f"{self.noun.capitalize()} must be a real date") from error

    def _value(self) -> str:
        return ""


def parse_time(text: str) -> time | None:
    """'9am', '9:30am', '5.30pm', '17:30', 'midday', 'midnight' -> time; None if not a time."""
    text = text.strip().lower().replace(" ", "")
    if text in ("midday", "noon", "12noon"):
        return time(12, 0)
    if text == "midnight":
        return time(0, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def time_text(value: datetime | None) -> str:
    """A stored UTC time as an officer would type it (in UK local time)."""
    if value is None:
        return ""
    return f"{value.astimezone(UK):%H:%M}"


def local_to_utc(day: date, at: time) -> datetime:
    """A UK wall-clock date and time as an aware datetime (stored as UTC by the column)."""
    return datetime.combine(day, at, tzinfo=UK)


class GovSelectField(SelectField):
    def __init__(self, label: str, *, select_message: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GovSelect())
        super().__init__(label, **kwargs)
        self.select_message = select_message

    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(self.select_message) from error


class GovCheckboxesField(SelectMultipleField):
    def __init__(self, label: str, *, select_message: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GovCheckboxesInput())
        super().__init__(label, **kwargs)
        self.select_message = select_message

    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(self.select_message) from error


class LinesField(TextAreaField):
    """A textarea holding one item per line; data is the list of non-blank lines."""

    widget = GovTextArea()

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = valuelist[0] if valuelist and isinstance(valuelist[0], str) else ""
        text = remove_unprintable(text)
        self.data = [line.strip() for line in text.splitlines() if line.strip()]

    def _value(self) -> str:
        return "\n".join(self.data or [])
