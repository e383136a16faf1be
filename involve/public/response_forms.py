"""Forms of the response journey. Question pages have no fixed fields: their answers are read by
the questionnaire engine, and its errors are added here so base.html draws the error summary."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.services.responses import RESUME_CODE_EXAMPLE


class AnswersForm(InvolveForm):
    """CSRF only; answer_errors maps the id of the field to link to -> the message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer_errors: dict[str, str] = {}

    @property
    def errors(self) -> dict[str, Any]:
        errors = dict(super().errors)
        errors.update({anchor: [message] for anchor, message in self.answer_errors.items()})
        return errors


class ResumeForm(InvolveForm):
    code = StringField(
        "Your code",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=f"Enter the code you were given, like {RESUME_CODE_EXAMPLE}"),
            Length(max=40, message=f"Enter the code you were given, like {RESUME_CODE_EXAMPLE}"),
        ],
    )


class SubmitForm(InvolveForm):
    submission_key = HiddenField()
