"""An administrator resets another officer's authenticator app (a lost or replaced phone)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.forms import ConfirmForm
from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.officer import officer
from involve.services import officers, totp
from involve.services.errors import NotFound, NotPermitted


@officer.route("/officers/<int:officer_id>/reset-two-factor", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_OFFICERS)
@require_recent_authentication
def reset_two_factor(officer_id: int) -> str | Response:
    try:
        subject = officers.get_officer(officer_id)
    except NotFound:
        abort(404)
    form = ConfirmForm()
    problem = ""
    if form.validate_on_submit():
        try:
            totp.reset(actor=current_user, officer=subject)
        except NotPermitted as error:
            problem = str(error)
        else:
            flash(f"Two-factor authentication reset for {subject.full_name}", "success")
            return redirect(url_for("officer.edit_officer", officer_id=subject.id))
    return render_template(
        "officer/officer_reset_two_factor.html",
        form=form,
        subject=subject,
        problem=problem,
        must_have_app=totp.requires_second_factor(subject),
    )
