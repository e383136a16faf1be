"""Forms of the response journey. Question pages have no fixed fields: their answers are read by
the questionnaire engine, and its errors are added here so base.html draws the error summary."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextInput
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length

from involve.forms import strip_whitespace
from involve.public.spam import PublicForm
from involve.services.responses import RESUME_CODE_EXAMPLE


class AnswersForm(PublicForm):
    """CSRF and the honeypot only; answer_errors maps the id of the field to link to -> the message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer_errors: dict[str, str] = {}

    @property
    def errors(self) -> dict[str, Any]:
        errors = dict(super().errors)
        errors.update({anchor: [message] for anchor, message in self.answer_errors.items()})
        return errors


class ResumeForm(PublicForm):
    code = StringField(
        "Your code",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=f"Enter the code you were given, like {RESUME_CODE_EXAMPLE}"),
            Length(max=40, message=f"Enter the code you were given, like {RESUME_CODE_EXAMPLE}"),
        ],
    )


PUBLISH_YES = "yes"
PUBLISH_NO = "no"


class SubmitForm(PublicForm):
    submission_key = HiddenField()
    # Optional: nothing chosen, or anything but "yes", means do not publish.
    publish_consent = RadioField(
        "Can we publish your response?",
        widget=GovRadioInput(),
        choices=[
            SelectChoice(PUBLISH_YES, "Yes, you can publish my answers without my name"),
            SelectChoice(PUBLISH_NO, "No, do not publish my answers"),
        ],
        description="This is optional. Before anything is published we remove names and "
        "contact details, and an officer checks everything. If you say no, our summary of what "
        "people said may still quote a short extract (a sentence or two) of what you wrote.",
        validate_choice=False,
    )

    @property
    def gives_publish_consent(self) -> bool:
        return self.publish_consent.data == PUBLISH_YES
