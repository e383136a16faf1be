"""An officer's own account: two-factor authentication (set up, change, turn off) and the
"Confirm it's you" page that sensitive actions send them to."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user
from werkzeug.wrappers import Response

from involve.abuse_limits import SECOND_FACTOR, limit_posts
from involve.auth.forms import ConfirmForm, SetUpAuthenticatorForm
from involve.auth.reauth import (
    check_identity,
    confirm_form,
    confirm_page,
    is_recently_authenticated,
    require_recent_authentication,
)
from involve.auth.routes import auth, safe_next
from involve.services import totp
from involve.services.errors import NotPermitted

# The new secret waits here (sealed) between showing the QR code and the first right code.
CANDIDATE = "totp_candidate"


@auth.route("/account")
@login_required
def account() -> str:
    return render_template(
        "auth/account.html",
        has_app=totp.has_second_factor(current_user),
        must_have_app=totp.requires_second_factor(current_user),
    )


def _candidate_secret() -> str:
    secret = totp.unseal(session.get(CANDIDATE) or "")
    if secret is None:
        secret = totp.new_secret()
        session[CANDIDATE] = totp.seal(secret)
    return secret


@auth.route("/account/two-factor/set-up", methods=["GET", "POST"])
@login_required
@require_recent_authentication
@limit_posts(SECOND_FACTOR, failures_only=True)
def set_up_authenticator() -> str | Response:
    officer = current_user._get_current_object()
    secret = _candidate_secret()  # the same one until it is confirmed, so a reload is harmless
    form = SetUpAuthenticatorForm()
    required = totp.must_set_up(officer)
    if form.validate_on_submit():
        try:
            totp.turn_on(officer=officer, secret=secret, code=form.code.data)
        except totp.WrongCode as error:
            form.code.errors = [str(error)]
        else:
            session.pop(CANDIDATE, None)
            flash(
                "Two-factor authentication is on: you will be asked for a code when you sign in",
                "success",
            )
            # An administrator made to set one up at sign-in carries on to their work.
            return redirect(url_for("officer.dashboard" if required else "auth.account"))
    uri = totp.provisioning_uri(secret=secret, email=officer.email)
    return render_template(
        "auth/set_up_authenticator.html",
        form=form,
        qr_code=totp.qr_code_svg(uri),
        secret=totp.grouped(secret),
        replacing=totp.has_second_factor(officer),
        required=required,
    )


@auth.route("/account/two-factor/turn-off", methods=["GET", "POST"])
@login_required
@require_recent_authentication
def turn_off_authenticator() -> str | Response:
    officer = current_user._get_current_object()
    if not totp.has_second_factor(officer):
        return redirect(url_for("auth.account"))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            totp.turn_off(officer=officer)
        except NotPermitted as error:
            flash(str(error), "important")
        else:
            login_user(officer)  # every session ended with the app; renew this one
            flash("Two-factor authentication is off", "success")
        return redirect(url_for("auth.account"))
    return render_template(
        "auth/turn_off_authenticator.html",
        form=form,
        must_have_app=totp.requires_second_factor(officer),
    )


@auth.route("/confirm-its-you", methods=["GET", "POST"])
@login_required
def confirm_its_you() -> str | Response:
    # Failed attempts count against CONFIRM_ITS_YOU in check_identity, with the inline form's.
    next_url = safe_next(request.args.get("next"))
    form = confirm_form()
    if request.method == "POST":
        outcome = check_identity(form)
        if outcome is True:
            return redirect(next_url)
        if outcome is not False:
            return outcome
    elif is_recently_authenticated():
        return redirect(next_url)
    action = url_for("auth.confirm_its_you", next=next_url)
    return confirm_page(form, action=action, carried=[])
