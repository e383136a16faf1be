"""The second step of signing in (the code from an authenticator app), and the rule that an
administrator without an app can do nothing but set one up.

Nobody is signed in until the code is right (see involve/auth/pending.py for what the session
holds meanwhile). Wrong codes count towards the account's lock, like wrong passwords.
"""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from involve.abuse_limits import SECOND_FACTOR, limit_posts
from involve.auth.forms import SecondFactorForm
from involve.auth.pending import PENDING, pending_officer
from involve.auth.reauth import mark_authenticated
from involve.auth.routes import auth, safe_next
from involve.services import officers, totp

# Where an administrator without an authenticator app may still go.
SET_UP_ENDPOINTS = frozenset({"auth.set_up_authenticator", "auth.sign_out", "auth.confirm_its_you"})


@auth.route("/sign-in/code", methods=["GET", "POST"])
@limit_posts(SECOND_FACTOR, failures_only=True)
def sign_in_code() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("officer.dashboard"))
    officer = pending_officer()
    if officer is None:  # never started, timed out, or the password changed meanwhile
        session.pop(PENDING, None)
        return redirect(url_for("auth.sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if officers.verify_second_factor(officer=officer, code=form.code.data):
            next_url = safe_next(session[PENDING].get("next"))
            session.clear()
            login_user(officer)
            mark_authenticated()
            return redirect(next_url)
        if officers.is_locked(officer):
            # The password step says no more than "wrong e-mail or password" from now on.
            session.pop(PENDING, None)
        form.code.errors = [totp.WRONG_CODE]
    return render_template("auth/sign_in_code.html", form=form)


@auth.before_app_request
def administrators_set_up_an_app_first() -> Response | None:
    """An administrator without an authenticator app is taken to set one up, and can reach no
    other officer page until they have (public pages stay open)."""
    if request.blueprint not in ("officer", "auth") or request.endpoint in SET_UP_ENDPOINTS:
        return None
    if current_user.is_authenticated and totp.must_set_up(current_user):
        return redirect(url_for("auth.set_up_authenticator"))
    return None
