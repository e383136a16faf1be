"""Forms for a respondent withdrawing their equality answers: their reference, then "are you
sure"."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.public.spam import PublicForm
from involve.services.equality_withdrawal import REFERENCE_MAX

EXAMPLE_REFERENCE = "K7M-Q9P-2XD"
ENTER_REFERENCE = f"Enter your response reference, like {EXAMPLE_REFERENCE}"
# One message for "no such reference" and "no equality answers held": the page must not tell
# anyone whether a reference exists.
NOT_FOUND = (
    "We hold no equality answers for that reference. Check it against your confirmation page: "
    f"it looks like {EXAMPLE_REFERENCE}"
)


class FindReferenceForm(PublicForm):
    reference = StringField(
        "Your response reference",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description=f"It is on the page you saw when you sent your response, like "
        f"{EXAMPLE_REFERENCE}",
        validators=[
            DataRequired(message=ENTER_REFERENCE),
            Length(max=REFERENCE_MAX, message=ENTER_REFERENCE),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ConfirmWithdrawalForm(InvolveForm):
    reference = HiddenField(filters=[strip_whitespace], validators=[Length(max=REFERENCE_MAX)])
    confirm = HiddenField(default="yes")
    submit = SubmitField("Yes, delete my equality answers", widget=GovSubmitInput())
