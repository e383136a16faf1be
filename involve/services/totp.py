"""The second factor: RFC 6238 time-based codes from an authenticator app (pyotp), each accepted
once, with the secret sealed (Fernet) under a key derived from SECRET_KEY.

A code is 6 digits for a 30-second step; the step before and the one after are accepted too, for
a phone's clock a little out. Once a step's code has been used, neither it nor an earlier one is
accepted again (`totp_last_step`), so a code seen over someone's shoulder is worthless.
"""

from __future__ import annotations

import base64
import re
import time
from functools import cache

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import or_, update

from involve.extensions import db
from involve.models import Officer, Role
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.authority import get_settings
from involve.services.errors import DomainError, NotPermitted

STEP_SECONDS = 30
DRIFT_STEPS = 1
CODE_DIGITS = 6


class WrongCode(DomainError):
    """The code is not the current one from the officer's authenticator app."""


WRONG_CODE = "The code is not correct: enter the code your authenticator app shows now"


@cache
def _fernet(secret_key: str) -> Fernet:
    # A separate key for this one purpose, so the session-signing key itself never seals data.
    key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"involve totp secret v1").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet(current_app.config["SECRET_KEY"]).encrypt(secret.encode()).decode()


def unseal(token: str) -> str | None:
    """The secret, or None when it was sealed under another SECRET_KEY (or tampered with)."""
    try:
        return _fernet(current_app.config["SECRET_KEY"]).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def new_secret() -> str:
    return pyotp.random_base32()  # 160 random bits, as RFC 4226 recommends


def grouped(secret: str) -> str:
    """'ABCD EFGH ...': easier to type into an app by hand."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def provisioning_uri(*, secret: str, email: str) -> str:
    """The address a QR code carries: the app lists the account under the council's name."""
    settings = get_settings()
    issuer = settings.name if settings is not None else current_app.config["SERVICE_NAME"]
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_code_svg(uri: str) -> Markup:
    """The otpauth:// address as an inline SVG QR code, drawn here (nothing leaves the server)."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")
    label = escape("QR code to scan with your authenticator app")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def clean_code(code: str) -> str:
    """Digits only: people type '123 456' or '123-456' as the app shows it."""
    return re.sub(r"[\s-]", "", code or "")


def is_code_shaped(code: str) -> bool:
    return re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", clean_code(code)) is not None


def matching_step(secret: str, code: str, *, after: int | None, now: float | None = None) -> int:
    """The 30-second step whose code this is (within the allowed drift, later than `after`)."""
    code = clean_code(code)
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if (after is None or step > after) and pyotp.utils.strings_equal(
            totp.generate_otp(step), code
        ):
            return step
    raise WrongCode(WRONG_CODE)


def has_second_factor(officer: Officer) -> bool:
    return officer.totp_enabled_at is not None and bool(officer.totp_secret)


def requires_second_factor(officer: Officer) -> bool:
    """Administrators may not work without a second factor, nor turn theirs off."""
    return officer.role == Role.ADMIN


def must_set_up(officer: Officer) -> bool:
    return requires_second_factor(officer) and not has_second_factor(officer)


def use_code(*, officer: Officer, code: str, now: float | None = None) -> None:
    """Accept the officer's current code once, or raise WrongCode.

    The step is claimed with one conditional UPDATE, so two requests racing with the same code
    cannot both succeed.
    """
    secret = unseal(officer.totp_secret or "")
    if secret is None or not has_second_factor(officer):
        raise WrongCode(WRONG_CODE)
    step = matching_step(secret, code, after=officer.totp_last_step, now=now)
    claimed = db.session.execute(
        update(Officer)
        .where(
            Officer.id == officer.id,
            or_(Officer.totp_last_step.is_(None), Officer.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise WrongCode(WRONG_CODE)
    db.session.refresh(officer, ["totp_last_step"])


def turn_on(*, officer: Officer, secret: str, code: str, now: float | None = None) -> None:
    """Save a new secret once the officer has shown their app makes its codes (replaces any
    earlier app)."""
    step = matching_step(secret, code, after=None, now=now)
    replacing = has_second_factor(officer)
    officer.totp_secret = seal(secret)
    officer.totp_enabled_at = utc_now()
    officer.totp_last_step = step
    db.session.flush()
    record_event(
        actor=officer,
        action="officer.totp_changed" if replacing else "officer.totp_enabled",
        object_type="officer",
        object_id=officer.id,
        summary=f"{officer.email} {'changed' if replacing else 'set up'} their authenticator app",
    )


def _clear(officer: Officer) -> None:
    officer.totp_secret = None
    officer.totp_enabled_at = None
    officer.totp_last_step = None
    # Turned off or reset (a lost phone): every session of the officer ends, so one opened with
    # the old app on a stolen device does too (see Officer.session_token).
    officer.session_version = (officer.session_version or 0) + 1
    db.session.flush()


def turn_off(*, officer: Officer) -> None:
    """An officer turns off their own second factor (never an administrator)."""
    if requires_second_factor(officer):
        raise NotPermitted("Administrators must use an authenticator app: you cannot turn it off")
    _clear(officer)
    record_event(
        actor=officer,
        action="officer.totp_disabled",
        object_type="officer",
        object_id=officer.id,
        summary=f"{officer.email} turned off two-factor authentication",
    )


def reset(*, actor: Officer | None, officer: Officer) -> None:
    """Remove an officer's authenticator app (lost phone); an administrator must set up a new one
    at their next sign-in. `actor` None: from the command line."""
    if actor is not None and actor.id == officer.id:
        raise NotPermitted("To change your own authenticator app, go to your account")
    if not has_second_factor(officer):
        raise NotPermitted(f"{officer.full_name} does not use an authenticator app")
    _clear(officer)
    record_event(
        actor=actor,
        action="officer.totp_reset",
        object_type="officer",
        object_id=officer.id,
        summary=f"Reset two-factor authentication for {officer.email}",
    )
