"""Forms for keying in an offline response and for importing a spreadsheet of them."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovTextInput
from wtforms import StringField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, ValidationError

from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.models import AgeBand, Consultation, RespondingAs
from involve.officer.consultation_fields import GovDateField, GovSelectField
from involve.questionnaire.postcodes import normalise_postcode
from involve.services import offline_responses
from involve.services.about_you import (
    AGE_BAND_LABELS,
    ELECTED_STATUS_LABELS,
    RESPONDING_AS_LABELS,
)
from involve.services.economic_activity import ECONOMIC_ACTIVITY_LABELS
from involve.services.response_import import OFFLINE_CHANNELS
from involve.services.response_labels import CHANNEL_LABELS


def _optional_choices(labels: dict[Any, str]) -> list[SelectChoice]:
    return [SelectChoice("", "Not given")] + [
        SelectChoice(value.value, label) for value, label in labels.items()
    ]


class OfflineResponseForm(InvolveForm):
    """The channel, date and "about you" basics; the answers are read by the questionnaire
    engine, and answer_errors maps the id of the field to link to -> the message."""

    channel = GovRadioField(
        "How did the response arrive?",
        choices=[
            SelectChoice(channel.value, CHANNEL_LABELS[channel]) for channel in OFFLINE_CHANNELS
        ],
        widget=GovRadioInput(),
        select_message="Select how the response arrived",
    )
    received_on = GovDateField(
        "Date received",
        noun="the date received",
        description="For example, 27 3 2025",
    )
    responding_as = GovSelectField(
        "Responding as",
        choices=_optional_choices(RESPONDING_AS_LABELS),
        select_message="Select whether they responded as an individual or for an organisation",
        default="",
    )
    organisation_name = StringField(
        "Name of the organisation (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Name must be 200 characters or fewer")],
    )
    age_band = GovSelectField(
        "Age",
        choices=_optional_choices(AGE_BAND_LABELS),
        select_message="Select an age group",
        default="",
    )
    economic_activity = GovSelectField(
        "What they do",
        choices=_optional_choices(ECONOMIC_ACTIVITY_LABELS),
        select_message="Select what they do",
        default="",
        description="For individuals aged 16 or over. A full-time student is a student even if "
        "they also work.",
    )
    postcode = StringField(
        "Postcode (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
    )
    elected_status = GovSelectField(
        "Councillor or co-opted member",
        choices=_optional_choices(ELECTED_STATUS_LABELS),
        select_message="Select whether they are a councillor or co-opted member",
        default="",
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.answer_errors: dict[str, str] = {}

    @property
    def errors(self) -> dict[str, Any]:
        errors = dict(super().errors)
        errors.update({anchor: [message] for anchor, message in self.answer_errors.items()})
        return errors

    def validate_received_on(self, field: GovDateField) -> None:
        if field.data is None:
            if not field.errors:
                raise ValidationError("Enter the date the response was received")
            return
        problem = offline_responses.received_date_problem(self.consultation, field.data)
        if problem:
            raise ValidationError(problem)

    def validate_organisation_name(self, field: StringField) -> None:
        if field.data and self.responding_as.data != RespondingAs.ORGANISATION:
            raise ValidationError(
                'Select "On behalf of an organisation or group", or leave the name blank'
            )

    def validate_economic_activity(self, field: GovSelectField) -> None:
        # Asked only of individuals aged 16 or over, as online (involve.services.about_you).
        if not field.data:
            return
        if self.responding_as.data == RespondingAs.ORGANISATION:
            raise ValidationError("Leave what they do blank for an organisation")
        if self.age_band.data == AgeBand.UNDER_16:
            raise ValidationError("Leave what they do blank for someone under 16")

    def validate_postcode(self, field: StringField) -> None:
        if not field.data:
            return
        normalised = normalise_postcode(field.data)
        if normalised is None:
            raise ValidationError("Enter a full UK postcode, like GL5 4UB")
        field.data = normalised


class ImportForm(InvolveForm):
    spreadsheet = FileField(
        "Upload a file",
        widget=GovFileInput(),
        description="A CSV or XLSX file with the columns of the template",
    )

    def validate_spreadsheet(self, field: FileField) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a CSV or XLSX file")
