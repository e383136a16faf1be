"""Forms for recording an event: attendance counts, notes and outcome, materials and points raised."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.models import AttendanceDimension
from involve.officer.consultation_fields import GovSelectField
from involve.services.events import (
    ATTENDANCE_GROUPS,
    MAX_COUNT,
    NOT_KNOWN,
    RAISED_BY_LABELS,
    AttendanceGroup,
)

NOTES_MAX = 20_000
POINTS_MAX = 50_000


def field_name(group: AttendanceGroup) -> str:
    return f"{group.dimension.value}_{group.value}"


def _noun(group: AttendanceGroup) -> str:
    """Who a count is of, for error messages: "residents", "people aged 18 to 24"."""
    if group.dimension == AttendanceDimension.CATEGORY:
        if group.value == NOT_KNOWN:
            return "people whose category is not known"
        return group.label.lower()
    if group.value == NOT_KNOWN:
        return "people whose age is not known"
    return f"people aged {group.label.lower()}"


class CountField(StringField):
    """A whole number from 0 to MAX_COUNT; blank means 0."""

    def __init__(self, label: str, *, noun: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GovTextInput())
        kwargs.setdefault("filters", [strip_whitespace])
        super().__init__(label, **kwargs)
        self.noun = noun

    @property
    def count(self) -> int:
        text = (self.data or "").replace(",", "")
        return int(text) if text.isdigit() else 0

    def pre_validate(self, form: Any) -> None:
        text = (self.data or "").replace(",", "")
        if not text:
            return
        if text.startswith("-") and text[1:].isdigit():
            raise ValidationError(f"Number of {self.noun} must be 0 or more")
        if not text.isascii() or not text.isdigit():
            raise ValidationError(f"Enter the number of {self.noun} as a whole number, like 12")
        # Length first: int() refuses strings over 4,300 digits with an error of its own.
        if len(text.lstrip("0")) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
            raise ValidationError(f"Number of {self.noun} must be {MAX_COUNT:,} or fewer")


class AttendanceFormBase(InvolveForm):
    save_attendance = SubmitField("Save attendance", widget=GovSubmitInput())

    def count_fields(self, dimension: AttendanceDimension) -> list[CountField]:
        return [
            self[field_name(group)] for group in ATTENDANCE_GROUPS if group.dimension == dimension
        ]

    def counts(self) -> dict[tuple[AttendanceDimension, str], int]:
        return {
            (group.dimension, group.value): self[field_name(group)].count
            for group in ATTENDANCE_GROUPS
        }


def build_attendance_form(
    stored: Mapping[tuple[AttendanceDimension, str], int], **kwargs: Any
) -> AttendanceFormBase:
    """A form with one count box per group, filled with the stored counts."""
    fields = {
        field_name(group): CountField(group.label, noun=_noun(group)) for group in ATTENDANCE_GROUPS
    }
    form_class = type("AttendanceForm", (AttendanceFormBase,), fields)
    data = {
        field_name(group): str(stored[(group.dimension, group.value)])
        for group in ATTENDANCE_GROUPS
        if stored.get((group.dimension, group.value))
    }
    return form_class(data=data, **kwargs)


def _area(label: str, limit: int, **kwargs: Any) -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"),
        ],
        **kwargs,
    )


class NotesForm(InvolveForm):
    notes = _area(
        "Notes",
        NOTES_MAX,
        description="What happened, who ran it, anything to remember next time. Officers only",
    )
    outcome_summary = _area(
        "Outcome",
        NOTES_MAX,
        description="What was decided or will change as a result. Shown publicly once the "
        "activity has happened",
    )
    save_notes = SubmitField("Save notes and outcome", widget=GovSubmitInput())


class PointsForm(InvolveForm):
    points = TextAreaField(
        "Points raised",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="Put each point on its own line, or separate longer points with a blank line",
        validators=[
            InputRequired(message="Enter at least one point raised"),
            Length(
                max=POINTS_MAX, message=f"Points raised must be {POINTS_MAX:,} characters or fewer"
            ),
        ],
    )
    raised_by = GovSelectField(
        "Raised by (optional)",
        select_message="Select who raised the points from the list",
        choices=[
            SelectChoice("", "Not recorded"),
            *(SelectChoice(value, label) for value, label in RAISED_BY_LABELS.items()),
        ],
        default="",
    )
    add_points = SubmitField("Add points", widget=GovSubmitInput())


class MaterialForm(InvolveForm):
    material_title = StringField(
        "Title",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter a title for the material"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    material = FileField("Upload a file", widget=GovFileInput())
    upload_material = SubmitField("Upload material", widget=GovSubmitInput())

    def validate_material(self, field: FileField) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a file")
