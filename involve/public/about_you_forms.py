"""Forms for the "about you" pages and the equality questions."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, SelectMultipleField, StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, Length, Optional, ValidationError

from involve.forms import GovRadioField, strip_whitespace
from involve.models import Connection, RespondingAs
from involve.public.spam import PublicForm
from involve.questionnaire.postcodes import normalise_postcode
from involve.services.about_you import (
    AGE_BAND_LABELS,
    CONNECTION_LABELS,
    DISABILITY_OPTIONS,
    ELECTED_STATUS_LABELS,
    ETHNIC_GROUP_OPTIONS,
    ORGANISATION_TYPE_LABELS,
    RESPONDING_AS_LABELS,
    SEX_OPTIONS,
)
from involve.services.economic_activity import ECONOMIC_ACTIVITY_LABELS, HINT, QUESTION

POSTCODE_ERROR = "Enter a full UK postcode, like GL5 4UB"


def _choices(labels: dict[Any, str]) -> list[SelectChoice]:
    return [SelectChoice(value.value, label) for value, label in labels.items()]


def _optional_radios(label: str, options: list[str], select_message: str) -> GovRadioField:
    return GovRadioField(
        label,
        choices=[SelectChoice(option, option) for option in options],
        widget=GovRadioInput(),
        select_message=select_message,
        validators=[Optional()],
    )


class _ChoicesCheckboxes(SelectMultipleField):
    """Checkboxes that say "Select ..." when a value sent is not one of the options."""

    def __init__(self, label: str, *, select_message: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.select_message = select_message

    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(self.select_message) from error


class AboutYouForm(PublicForm):
    responding_as = GovRadioField(
        "Are you responding as an individual or on behalf of an organisation?",
        choices=_choices(RESPONDING_AS_LABELS),
        widget=GovRadioInput(),
        select_message="Select whether you are responding as an individual or for an organisation",
    )
    organisation_type = GovRadioField(
        "What kind of organisation is it?",
        choices=_choices(ORGANISATION_TYPE_LABELS),
        widget=GovRadioInput(),
        select_message="Select what kind of organisation it is",
        validators=[Optional()],
    )
    organisation_name = StringField(
        "Name of the organisation",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Name must be 200 characters or fewer")],
    )
    connections = _ChoicesCheckboxes(
        "What is your connection to the area?",
        choices=_choices(CONNECTION_LABELS),
        widget=GovCheckboxesInput(),
        description="Select all that apply.",
        select_message="Select your connection to the area",
    )
    connection_other = StringField(
        "Tell us your connection",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Your connection must be 200 characters or fewer")],
    )
    elected_status = GovRadioField(
        "Are you a councillor, or a co-opted or nominated member of a council committee?",
        choices=_choices(ELECTED_STATUS_LABELS),
        widget=GovRadioInput(),
        description=(
            "We count responses from councillors and co-opted or nominated members "
            "separately from those of local people."
        ),
        select_message="Select whether you are a councillor or a co-opted or nominated member",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        # The Optional() on organisation_type stops its chain when blank, so the "required
        # for organisations" rule is checked here.
        valid = super().validate(extra_validators)
        is_organisation = self.responding_as.data == RespondingAs.ORGANISATION
        if is_organisation and not self.organisation_type.data:
            self.organisation_type.errors = ["Select what kind of organisation it is"]
            return False
        return valid

    def validate_organisation_name(self, field: StringField) -> None:
        if self.responding_as.data == RespondingAs.ORGANISATION and not field.data:
            raise ValidationError("Enter the name of the organisation")

    def validate_connection_other(self, field: StringField) -> None:
        if Connection.OTHER in (self.connections.data or []) and not field.data:
            raise ValidationError("Enter your connection to the area")


class AgeAndPostcodeForm(PublicForm):
    age_band = GovRadioField(
        "How old are you?",
        choices=_choices(AGE_BAND_LABELS),
        widget=GovRadioInput(),
        select_message="Select your age group",
    )
    postcode = StringField(
        "What is your postcode? (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description=(
            "We use it to see which parts of the area responses come from. "
            "If you are responding for an organisation, use its postcode."
        ),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate_postcode(self, field: StringField) -> None:
        if not field.data:
            return
        normalised = normalise_postcode(field.data)
        if normalised is None:
            raise ValidationError(POSTCODE_ERROR)
        field.data = normalised


class EconomicActivityForm(PublicForm):
    economic_activity = GovRadioField(
        QUESTION,
        choices=_choices(ECONOMIC_ACTIVITY_LABELS),
        widget=GovRadioInput(),
        description=HINT,
        select_message="Select what you do, or leave this question blank",
        validators=[Optional()],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ContactForm(PublicForm):
    name = StringField(
        "Your name (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Your name must be 200 characters or fewer")],
    )
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.com"),
        ],
    )
    wants_updates = BooleanField(
        "Email me when the council publishes what it decided",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate_wants_updates(self, field: BooleanField) -> None:
        if field.data and not self.email.data:
            raise ValidationError("Enter your email address so we can send you updates")


class EqualityForm(PublicForm):
    sex = _optional_radios(
        "What is your sex?", SEX_OPTIONS, "Select your sex, or leave this question blank"
    )
    ethnic_group = _optional_radios(
        "What is your ethnic group?",
        ETHNIC_GROUP_OPTIONS,
        "Select your ethnic group, or leave this question blank",
    )
    disability = _optional_radios(
        "Do you have a physical or mental health condition or illness that has lasted or is "
        "expected to last 12 months or more, and that limits your day-to-day activities?",
        DISABILITY_OPTIONS,
        "Select whether you have a condition that limits your activities, or leave it blank",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())
