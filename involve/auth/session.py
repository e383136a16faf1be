"""Flask-Login wiring: load the officer from the session id, refuse stale or inactive sessions."""

from __future__ import annotations

import hmac

from flask_login import LoginManager

from involve.extensions import db
from involve.models import Officer


def load_officer(session_id: str) -> Officer | None:
    officer_id, _, token = session_id.partition(":")
    if not officer_id.isdigit():
        return None
    officer = db.session.get(Officer, int(officer_id))
    # A changed password or session_version (signing out) changes the token, which ends every
    # older session, a copied cookie's among them.
    if officer is None or not hmac.compare_digest(officer.session_token(), token):
        return None
    return officer


def configure_login_manager(login_manager: LoginManager) -> None:
    login_manager.user_loader(load_officer)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see this page"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
