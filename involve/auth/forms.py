"""Sign-in and password forms, with GOV.UK error wording."""

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.services.password_policy import MAX_PASSWORD_LENGTH
from involve.services.passwords import MIN_PASSWORD_LENGTH
from involve.services.totp import is_code_shaped

CODE_MISSING = "Enter the code from your authenticator app"


def _password_field(label: str, *, missing: str) -> PasswordField:
    """A password the officer already has (to sign in or confirm it's them)."""
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=missing),
            Length(
                max=MAX_PASSWORD_LENGTH,
                message=f"Password must be {MAX_PASSWORD_LENGTH} characters or fewer",
            ),
        ],
    )


class SignInForm(InvolveForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.gov.uk"),
        ],
    )
    password = _password_field("Password", missing="Enter your password")
    submit = SubmitField("Sign in", widget=GovSubmitInput())


def new_password_field(label: str = "New password") -> PasswordField:
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description=(
            f"Use at least {MIN_PASSWORD_LENGTH} characters. "
            "A few unrelated words is a good choice."
        ),
        validators=[
            InputRequired(message="Enter a new password"),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=(
                    f"Password must be between {MIN_PASSWORD_LENGTH} and "
                    f"{MAX_PASSWORD_LENGTH} characters"
                ),
            ),
        ],
    )


class ChangePasswordForm(InvolveForm):
    current_password = _password_field("Current password", missing="Enter your current password")
    new_password = new_password_field()
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Confirm your new password"),
            EqualTo("new_password", message="Passwords must match"),
        ],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())


def _six_digits(form: InvolveForm, field: StringField) -> None:
    if field.data and not is_code_shaped(field.data):
        raise ValidationError("The code must be 6 numbers, like 123456")


def _code_field(
    label: str = "Code from your authenticator app", *, required: bool = True
) -> StringField:
    presence = [InputRequired(message=CODE_MISSING)] if required else []
    return StringField(
        label,
        widget=GovTextInput(),
        description="The 6-digit code your app shows now, like 123456",
        filters=[strip_whitespace],
        validators=[*presence, _six_digits],
    )


class SecondFactorForm(InvolveForm):
    code = _code_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SetUpAuthenticatorForm(InvolveForm):
    code = _code_field("Enter the code from your app")
    submit = SubmitField("Turn on two-factor authentication", widget=GovSubmitInput())


class ConfirmItsYouForm(InvolveForm):
    """The password, and the code when the officer uses an authenticator app (needs_code, set by
    whoever makes the form). Used with the prefix 'confirm_its_you' (see involve.auth.reauth),
    on a page that carries another form's fields: `submitted` tells the two apart."""

    submitted = HiddenField(default="1")
    password = _password_field("Password", missing="Enter your password")
    code = _code_field(required=False)
    submit = SubmitField("Continue", widget=GovSubmitInput())
    needs_code = False

    def validate_code(self, field: StringField) -> None:
        if not field.data and self.needs_code:
            raise ValidationError(CODE_MISSING)


class SignInAgainForm(ConfirmItsYouForm):
    """Used with the prefix 'sign_in_again' (see involve.auth.sign_in_again): nobody is signed
    in, so needs_code is set from the officer whose session ended."""

    submit = SubmitField("Sign in and continue", widget=GovSubmitInput())


class ConfirmForm(InvolveForm):
    """A button that POSTs (turning off, resetting): only its CSRF token matters."""

    submit = SubmitField("Continue", widget=GovSubmitInput())
