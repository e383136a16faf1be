"""The home page's search and filters: a GET form, so results can be bookmarked and shared."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.models import Ward
from involve.questionnaire.postcodes import normalise_postcode

POSTCODE_ERROR = "Enter a full UK postcode, like GL5 4UB"


class FindConsultationsForm(InvolveForm):
    class Meta:
        csrf = False

    q = StringField(
        "Search by word",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Search words must be 200 characters or fewer")],
    )
    topic = SelectField("Topic", choices=[], widget=GovSelect(), validate_choice=False)
    area = SelectField("Area", choices=[], widget=GovSelect(), validate_choice=False)
    postcode = StringField(
        "Enter your postcode to see what is local",
        widget=GovTextInput(),
        filters=[strip_whitespace],
    )
    submit = SubmitField("Find consultations", widget=GovSubmitInput())

    def set_options(self, *, topics: list[str], areas: list[Ward]) -> None:
        self.topic.choices = [
            SelectChoice("", "All topics"),
            *(SelectChoice(topic, topic) for topic in topics),
        ]
        self.area.choices = [
            SelectChoice("", "All areas"),
            *(SelectChoice(ward.code, ward.name) for ward in areas),
        ]

    def validate_postcode(self, field: StringField) -> None:
        if not field.data:
            return
        normalised = normalise_postcode(field.data)
        if normalised is None:
            raise ValidationError(POSTCODE_ERROR)
        field.data = normalised
