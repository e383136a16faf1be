"""Forms for getting emails: about a topic, about an area, or about one consultation's outcome."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, InputRequired, Length, ValidationError

from involve.forms import strip_whitespace
from involve.models import Ward
from involve.public.spam import PublicForm

EMAIL_HINT = "We will send you a link to confirm. We only use it for these emails."


def _email_field() -> StringField:
    """A new field each time, so each form lists (and reports errors) in page order."""
    return StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description=EMAIL_HINT,
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.com"),
        ],
    )


class OutcomeSubscriptionForm(PublicForm):
    email = _email_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())


class TopicSubscriptionForm(PublicForm):
    topic = SelectField(
        "Topic", choices=[], widget=GovSelect(), validate_choice=False, filters=[strip_whitespace]
    )
    email = _email_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def set_options(self, topics: list[str]) -> None:
        self.topic.choices = [
            SelectChoice("", "Select a topic"),
            *(SelectChoice(topic, topic) for topic in topics),
        ]

    def validate_topic(self, field: SelectField) -> None:
        # A value that is not offered (a tampered or out-of-date form) reads as no choice.
        if not field.data or field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Select a topic")


class AreaSubscriptionForm(PublicForm):
    area = SelectField(
        "Area", choices=[], widget=GovSelect(), validate_choice=False, filters=[strip_whitespace]
    )
    email = _email_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def set_options(self, wards: list[Ward]) -> None:
        self.area.choices = [
            SelectChoice("", "Select an area"),
            *(SelectChoice(ward.code, ward.name) for ward in wards),
        ]

    def validate_area(self, field: SelectField) -> None:
        if not field.data or field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Select an area")
