"""Between the password and the code: the session holds only who passed the password step,
when, where to go next and their session token (an HMAC of their password hash and
session_version, so a password changed or a session ended meanwhile ends this too).
Nobody is signed in until the code is right (involve/auth/second_step.py)."""

from __future__ import annotations

import hmac
import time

from flask import session

from involve.extensions import db
from involve.models import Officer

PENDING = "sign_in_pending"
PENDING_SECONDS = 5 * 60
PURPOSE = "sign-in-pending"


def start_second_step(officer: Officer, *, next_url: str) -> None:
    session.clear()
    session[PENDING] = {
        "officer_id": officer.id,
        "token": officer.session_token(PURPOSE),
        "started": int(time.time()),
        "next": next_url,
    }


def pending_officer() -> Officer | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("officer_id"), int):
        return None
    if not 0 <= time.time() - pending.get("started", 0) < PENDING_SECONDS:
        return None
    officer = db.session.get(Officer, pending["officer_id"])
    token = pending.get("token")
    if officer is None or not isinstance(token, str):
        return None
    if not hmac.compare_digest(officer.session_token(PURPOSE), token):
        return None
    return officer
