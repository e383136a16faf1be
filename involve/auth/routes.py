"""Sign in (password, then a code for officers with an authenticator app), sign out and change
password. The second step, account and "Confirm it's you" pages are in the sibling modules."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from involve.abuse_limits import PASSWORD_CHANGE, SIGN_IN, limit_posts
from involve.auth.forms import ChangePasswordForm, SignInForm
from involve.auth.pending import start_second_step
from involve.auth.reauth import mark_authenticated
from involve.services import officers, totp
from involve.services.errors import WrongPassword
from involve.services.password_policy import WeakPassword

auth = Blueprint("auth", __name__)

SIGN_IN_ERROR = "Enter a correct email address and password"
# A backslash (read as "/" by browsers) and control characters (dropped by them) have no place
# in a path of ours.
_UNSAFE_IN_NEXT = re.compile(r"[\\\x00-\x1f\x7f]")


def safe_next(target: str | None) -> str:
    """Only follow a 'next' link back into this site, never to another host, however it is
    spelled: browsers read "////evil", "/\\evil" and a path with a tab in it as another host.
    The answer is rebuilt from the path and query alone, so nothing else can slip through."""
    fallback = url_for("officer.dashboard")
    if not target or target.startswith("//") or _UNSAFE_IN_NEXT.search(target):
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:  # an unclosed "[" where a host would be
        return fallback
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return fallback
    if parts.path.startswith("//"):
        return fallback
    return urlunsplit(("", "", parts.path, parts.query, ""))


@auth.route("/sign-in", methods=["GET", "POST"])
@limit_posts(SIGN_IN, failures_only=True)
def sign_in() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("officer.dashboard"))
    form = SignInForm()
    if form.validate_on_submit():
        officer = officers.authenticate(email=form.email.data, password=form.password.data)
        if officer is not None and totp.has_second_factor(officer):
            # The password alone never signs in: the code page finishes the job.
            start_second_step(officer, next_url=safe_next(request.args.get("next")))
            return redirect(url_for("auth.sign_in_code"))
        if officer is not None:
            session.clear()
            login_user(officer)
            mark_authenticated()
            return redirect(safe_next(request.args.get("next")))
        # One message for unknown e-mail, wrong password and locked account alike.
        form.email.errors = [SIGN_IN_ERROR]
    return render_template("auth/sign_in.html", form=form)


@auth.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    if current_user.is_authenticated:
        # Server-side: the session cookie alone would stay valid if someone had copied it.
        officers.end_sessions(officer=current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You have signed out", "success")
    return redirect(url_for("auth.sign_in"))


@auth.route("/account/change-password", methods=["GET", "POST"])
@login_required
@limit_posts(PASSWORD_CHANGE, failures_only=True)
def change_password() -> str | Response:
    form = ChangePasswordForm()
    officer = current_user._get_current_object()  # the real Officer, not the proxy
    if form.validate_on_submit():
        try:
            officers.change_password(
                officer=officer,
                current_password=form.current_password.data,
                new_password=form.new_password.data,
            )
        except WrongPassword as error:
            form.current_password.errors = [str(error)]
        except WeakPassword as error:
            form.new_password.errors = [str(error)]
        else:
            login_user(officer)  # every session ended with the old password; renew this one
            flash("Your password has been changed", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@auth.after_request
def never_cache(response: Response) -> Response:
    """Sign-in and account pages (a QR code's secret among them) are never kept by a browser."""
    response.headers["Cache-Control"] = "no-store"
    return response


# Route modules register themselves on the blueprint when imported.
from involve.auth import account_routes, second_step  # noqa: E402, F401
