"""Sign-in and password forms, with GOV.UK error wording."""

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.services.passwords import MIN_PASSWORD_LENGTH


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
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=200, message="Password must be 200 characters or fewer"),
        ],
    )
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
                max=200,
                message=f"Password must be between {MIN_PASSWORD_LENGTH} and 200 characters",
            ),
        ],
    )


class ChangePasswordForm(InvolveForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter your current password"),
            Length(max=200, message="Password must be 200 characters or fewer"),
        ],
    )
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


def _code_field(label: str = "Code from your authenticator app") -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        description="The 6-digit code your app shows now, like 123456",
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter the code from your authenticator app"),
            _six_digits,
        ],
    )


def _six_digits(form: InvolveForm, field: StringField) -> None:
    from involve.services.totp import is_code_shaped

    if field.data and not is_code_shaped(field.data):
        raise ValidationError("The code must be 6 numbers, like 123456")


class SecondFactorForm(InvolveForm):
    code = _code_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SetUpAuthenticatorForm(InvolveForm):
    code = _code_field("Enter the code from your app")
    submit = SubmitField("Turn on two-factor authentication", widget=GovSubmitInput())


class ConfirmItsYouForm(InvolveForm):
    """Used with the prefix 'confirm_its_you' (see involve.auth.reauth)."""

    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=200, message="Password must be 200 characters or fewer"),
        ],
    )
    code = StringField(
        "Code from your authenticator app",
        widget=GovTextInput(),
        description="The 6-digit code your app shows now, like 123456",
        filters=[strip_whitespace],
        validators=[_six_digits],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate_code(self, field: StringField) -> None:
        from flask_login import current_user

        from involve.services.totp import has_second_factor

        if not field.data and has_second_factor(current_user):
            raise ValidationError("Enter the code from your authenticator app")


class SignInAgainForm(ConfirmItsYouForm):
    """Used with the prefix 'sign_in_again' (see involve.auth.sign_in_again): nobody is signed
    in, so whether a code is needed is set from the officer whose session ended."""

    submit = SubmitField("Sign in and continue", widget=GovSubmitInput())
    needs_code = False

    def validate_code(self, field: StringField) -> None:
        if not field.data and self.needs_code:
            raise ValidationError("Enter the code from your authenticator app")


class ConfirmForm(InvolveForm):
    """A button that POSTs (turning off, resetting): only its CSRF token matters."""

    submit = SubmitField("Continue", widget=GovSubmitInput())
