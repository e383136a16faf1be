"""Authenticator apps in tests: enrol an officer with a known secret and make its codes, as the
officer's phone would (pyotp, RFC 6238)."""

from __future__ import annotations

import time

import pyotp

from involve.extensions import db
from involve.models import Officer
from involve.models.base import utc_now
from involve.services import totp


def enrol_authenticator(officer: Officer) -> str:
    """Give the officer an authenticator app; the secret, to make codes with code_for."""
    secret = pyotp.random_base32()
    officer.totp_secret = totp.seal(secret)
    officer.totp_enabled_at = utc_now()
    officer.totp_last_step = None
    db.session.flush()
    return secret


def code_for(secret: str, *, steps_from_now: int = 0) -> str:
    """The code the app shows now (or that many 30-second steps before or after)."""
    return pyotp.TOTP(secret).at(time.time() + steps_from_now * totp.STEP_SECONDS)
