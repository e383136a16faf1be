"""Forms for a consultation's privacy notice: rewriting a section and the retention period."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.services.privacy_notice import (
    RETENTION_MONTHS_MAX,
    RETENTION_MONTHS_MIN,
    SECTION_TEXT_MAX,
)

_MONTHS_MESSAGE = (
    f"Enter a whole number of months between {RETENTION_MONTHS_MIN} and {RETENTION_MONTHS_MAX}"
)


class NoticeSectionForm(InvolveForm):
    text = TextAreaField(
        "Text",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="Write in plain English. Leave a blank line between paragraphs. Start a "
        "line with a dash and a space (- ) for a bullet point.",
        validators=[
            # After stripping: a text of only spaces is no text.
            DataRequired(message="Enter the text of this section, or use the generated text"),
            Length(
                max=SECTION_TEXT_MAX,
                message=f"The text must be {SECTION_TEXT_MAX:,} characters or fewer",
            ),
        ],
    )
    submit = SubmitField("Save section", widget=GovSubmitInput())


def _whole_months(form: Any, field: StringField) -> None:
    text = field.data or ""
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        raise ValidationError(_MONTHS_MESSAGE)
    if not RETENTION_MONTHS_MIN <= int(text) <= RETENTION_MONTHS_MAX:
        raise ValidationError(_MONTHS_MESSAGE)


class RetentionForm(InvolveForm):
    months = StringField(
        "How many months after the consultation closes should personal data be kept?",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="Names, e-mail addresses, full postcodes and codes for saved answers are "
        "removed then; answers and age groups stay. Most councils keep them for 12 to 24 "
        "months.",
        validators=[InputRequired(message=_MONTHS_MESSAGE), _whole_months],
    )
    submit = SubmitField("Save retention period", widget=GovSubmitInput())

    @property
    def month_count(self) -> int:
        return int(self.months.data)
