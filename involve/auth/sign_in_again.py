"""Signing in again where a form was sent after the officer's session had ended (idle, or too
long since signing in: involve/auth/session_lifetime.py), so nothing they typed is lost.

The answer to that POST is a sign-in page for the officer whose session it was, carrying all
they sent in hidden fields and posting back to the same address (as "Confirm it's you" does,
involve/auth/reauth.py). When their password (and code) is right they are signed in again and
the same request goes on to its view with their fields. Wrong attempts count towards the
account's lock and, per client, against SIGN_IN. The CSRF token they sent is still this
session's (only the sign-in was taken out of it), so CSRF is checked as on any other POST.
"""

from __future__ import annotations

from typing import Any

from flask import flash, make_response, redirect, render_template, request, session, url_for
from flask_login import login_user
from werkzeug.wrappers import Response

from involve.abuse_limits import SIGN_IN
from involve.auth.attempt_limits import count_failure, refuse_when_used_up
from involve.auth.forms import SignInAgainForm
from involve.auth.reauth import (
    CONFIRM_PREFIX,
    carried_fields,
    is_identity_confirmed,
    mark_authenticated,
    this_address,
)
from involve.extensions import db
from involve.models import Officer
from involve.services import officers, totp

PREFIX = "sign_in_again"
ENDED = "ended_session"  # {"officer_id": ..., "reason": ...}, kept while signed out
SCOPE = "sign-in-again"  # failed attempts, counted per client (attempt_limits.py)


def ask_to_sign_in_again(officer: Officer, *, reason: str) -> Response:
    """The page for a form sent just after the officer's session ended."""
    session[ENDED] = {"officer_id": officer.id, "reason": reason}
    return _page(_form(officer, formdata=None), officer, reason=reason)


def sign_in_again_if_sent() -> Response | None:
    """Before the view, for a request from nobody signed in: if it is the sign-in page above
    sent back, check the password (and code). Right: signed in, and None lets the request go on
    to its view. Wrong: the page again, still carrying the fields."""
    if request.method != "POST" or f"{PREFIX}-submitted" not in request.form:
        return None
    ended = session.get(ENDED)
    ended = ended if isinstance(ended, dict) else {}
    officer_id = ended.get("officer_id")
    officer = db.session.get(Officer, officer_id) if isinstance(officer_id, int) else None
    if officer is None or not officer.active:
        session.pop(ENDED, None)
        return None  # the page's own sign-in check sends them to sign in as usual
    refuse_when_used_up(SIGN_IN, scope=SCOPE)
    form = _form(officer)
    if form.validate_on_submit():
        try:
            confirmed = is_identity_confirmed(form, officer=officer)
        except officers.AccountLocked as error:
            session.pop(ENDED, None)
            flash(f"{error}. Try again later.", "important")
            return redirect(url_for("auth.sign_in"))
        if confirmed:
            session.pop(ENDED, None)
            login_user(officer)
            mark_authenticated()
            return None
    count_failure(SIGN_IN, scope=SCOPE)
    return _page(form, officer, reason=str(ended.get("reason") or ""))


def _form(officer: Officer, **kwargs: Any) -> SignInAgainForm:
    form = SignInAgainForm(prefix=PREFIX, **kwargs)
    form.needs_code = totp.has_second_factor(officer)
    return form


def _page(form: SignInAgainForm, officer: Officer, *, reason: str) -> Response:
    page = render_template(
        "auth/sign_in_again.html",
        form=form,
        reason=reason,
        email=officer.email,
        action=this_address(),
        carried=carried_fields(leaving_out=(CONFIRM_PREFIX, PREFIX)),
        has_files=bool(request.files),
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # it holds what the officer typed
    return response
