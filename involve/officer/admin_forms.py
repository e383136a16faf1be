"""Forms for the admin screens: officers, the authority's settings, services and partners."""

import re

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError

from involve.auth.forms import new_password_field
from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.models import PartnerKind, Role, Service
from involve.officer.consultation_fields import GovCheckboxesField

MIN_REDACTED_NAME = 3

ROLE_CHOICES = [SelectChoice(role.value, role.label) for role in Role]


def _role_radios() -> GovRadioField:
    return GovRadioField(
        "Role",
        choices=ROLE_CHOICES,
        widget=GovRadioInput(),
        select_message="Select the officer's role",
    )


def _email_field(label: str) -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.gov.uk"),
        ],
    )


class NewOfficerForm(InvolveForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the officer's full name"),
            Length(max=200, message="Full name must be 200 characters or fewer"),
        ],
    )
    email = _email_field("Email address")
    role = _role_radios()
    password = new_password_field("Temporary password")
    submit = SubmitField("Add officer", widget=GovSubmitInput())


class EditOfficerForm(InvolveForm):
    role = _role_radios()
    active = BooleanField(
        "This officer can sign in",
        widget=GovCheckboxInput(),
        description="Untick to deactivate the account. Their history stays in the audit log.",
    )
    # Issue 9: an engagement officer or analyst given services changes only their work.
    services = GovCheckboxesField("Services", select_message="Select services from the list")
    submit = SubmitField("Save changes", widget=GovSubmitInput())


def build_edit_officer_form(
    *, role: Role, active: bool, held: list[Service], services: list[Service]
) -> EditOfficerForm:
    """The officer form with its service checkboxes (active services and any still held)."""
    form = EditOfficerForm(
        data={
            "role": role.value,
            "active": active,
            "services": [str(service.id) for service in held],
        }
    )
    form.services.choices = [
        SelectChoice(
            str(service.id),
            service.name if service.is_active else f"{service.name} (no longer active)",
        )
        for service in services
    ]
    return form


def _ons_code(form: InvolveForm, field: StringField) -> None:
    if field.data and field.data.strip()[:1].upper() not in ("E", "W"):
        raise ValidationError("Enter an ONS code for an English or Welsh authority, like E07000082")


class SettingsForm(InvolveForm):
    name = StringField(
        "Name of the authority",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the name of the authority"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    ons_code = StringField(
        "ONS area code",
        description="The 9-character GSS code of the local authority district, like E07000082",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the ONS area code"),
            Regexp(r"^\s*[A-Za-z]\d{8}\s*$", message="Enter an ONS area code, like E07000082"),
            _ons_code,
        ],
    )
    contact_email = _email_field("Public contact email address")
    contact_phone = StringField(
        "Public contact phone number",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=40, message="Phone number must be 40 characters or fewer"),
        ],
    )
    postal_address = TextAreaField(
        "Postal address for responses",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=500, message="Address must be 500 characters or fewer")],
    )
    website_url = StringField(
        "Council website",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=500, message="Website address must be 500 characters or fewer"),
            Regexp(r"^https?://\S+$", message="Enter a website address starting with https://"),
        ],
    )
    dpo_contact = StringField(
        "How to contact the data protection officer",
        description="An e-mail address or a phone number. Privacy notices and confirmation "
        "pages show it to respondents.",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=254, message="The contact must be 254 characters or fewer"),
        ],
    )
    redaction_names = TextAreaField(
        "Names to remove from anything published",
        description="Names of staff and councillors to remove from anything published, such as "
        "quotes from responses. Enter one name on each line.",
        widget=GovTextArea(),
        validators=[
            Optional(),
            Length(max=20000, message="The names must be 20,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Save settings", widget=GovSubmitInput())

    def validate_dpo_contact(self, field: StringField) -> None:
        """An e-mail address (with an @ and a dot after it) or a UK phone number."""
        value = field.data or ""
        if not value:
            return
        digits = re.sub(r"[\s()+-]", "", value)
        is_email = re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None
        if not is_email and not (digits.isdigit() and 10 <= len(digits) <= 13):
            raise ValidationError(
                "Enter an e-mail address, like dpo@example.gov.uk, or a phone number, like "
                "01632 960 001"
            )

    def validate_redaction_names(self, field: TextAreaField) -> None:
        """Each name long enough not to redact ordinary words ("Al" would hit "Al fresco")."""
        short = [
            name.strip()
            for name in (field.data or "").splitlines()
            if name.strip() and len(name.strip()) < MIN_REDACTED_NAME
        ]
        if short:
            raise ValidationError(
                f"Each name must be at least {MIN_REDACTED_NAME} characters, so ordinary words "
                f"are not removed: check {', '.join(repr(name) for name in short[:3])}"
            )


class ServiceForm(InvolveForm):
    name = StringField(
        "Service name",
        description="A council service or department, like Libraries or Parking",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the name of the service"),
            Length(max=200, message="Service name must be 200 characters or fewer"),
        ],
    )
    submit = SubmitField("Add service", widget=GovSubmitInput())


class PartnerForm(InvolveForm):
    name = StringField(
        "Organisation name",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the name of the organisation"),
            Length(max=200, message="Organisation name must be 200 characters or fewer"),
        ],
    )
    kind = GovRadioField(
        "Type of organisation",
        choices=[SelectChoice(kind.value, kind.label) for kind in PartnerKind],
        widget=GovRadioInput(),
        select_message="Select the type of organisation",
    )
    submit = SubmitField("Add partner", widget=GovSubmitInput())
