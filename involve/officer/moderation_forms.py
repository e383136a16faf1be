"""Forms for the moderation queue: approve, edit or withhold a text. The edit and withhold forms
have their own prefixes, so the forms on one page never share a field id and the error summary
links to the right box."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.services.moderation import REASON_MAX, TEXT_MAX


def reason_field(label: str, missing: str, hint: str) -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description=hint,
        validators=[
            DataRequired(message=missing),
            Length(
                max=REASON_MAX, message=f"The reason must be {REASON_MAX:,} characters or fewer"
            ),
        ],
    )


class ApproveForm(InvolveForm):
    approve = SubmitField("Approve", widget=GovSubmitInput())


class EditForm(InvolveForm):
    text = TextAreaField(
        "Text to publish",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="Starts as the redacted text. Cut what is not needed; keep the person's words.",
        validators=[
            DataRequired(message="Enter the text to publish"),
            Length(
                max=TEXT_MAX,
                message=f"The text to publish must be {TEXT_MAX:,} characters or fewer",
            ),
        ],
    )
    reason = reason_field(
        "Why did you change it?",
        "Enter why you changed the text",
        "Kept in the audit log with your edit, for example “removed a neighbour's name”",
    )
    publish = SubmitField("Publish the edited text", widget=GovSubmitInput())


class WithholdForm(InvolveForm):
    reason = reason_field(
        "Why is it withheld?",
        "Enter why the text is withheld",
        "Kept with the decision, for example “offensive” or “identifies a member of staff”",
    )
    withhold = SubmitField("Withhold", widget=GovSubmitInput())


def edit_form(**kwargs: object) -> EditForm:
    return EditForm(prefix="edit", **kwargs)


def withhold_form(**kwargs: object) -> WithholdForm:
    return WithholdForm(prefix="withhold", **kwargs)
