"""The outbox: recent e-mails with their status, attempts and last error, and one message's
text, for the administrator checking that e-mail works. Addresses and link tokens are hidden
(see involve.services.email_outbox); in development the whole e-mails are in instance/outbox/."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.officer import officer
from involve.services import email_outbox
from involve.services.errors import NotFound


@officer.get("/outbox")
@require_permission(Permission.MANAGE_SETTINGS)
def outbox() -> str:
    total = email_outbox.count_all()
    last_page = max((total + email_outbox.PER_PAGE - 1) // email_outbox.PER_PAGE, 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), last_page)
    return render_template(
        "officer/outbox/list.html",
        messages=email_outbox.list_recent_messages(page=page),
        total=total,
        page=page,
        last_page=last_page,
        counts=email_outbox.count_by_status(),
        adapter=current_app.config["EMAIL_ADAPTER"],
        masked=email_outbox.masked_address,
        masked_error=email_outbox.masked_error,
        send_form=FlaskForm(),
    )


@officer.get("/outbox/<int:message_id>")
@require_permission(Permission.MANAGE_SETTINGS)
def outbox_message(message_id: int) -> str:
    try:
        view = email_outbox.view_message(message_id, officer=current_user)
    except NotFound:
        abort(404)
    return render_template("officer/outbox/message.html", view=view, message=view.message)


@officer.post("/outbox/send")
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def send_queued_email() -> Response:
    job = email_outbox.send_queued_now(actor=current_user, base_url=request.url_root)
    flash("Sending the queued emails", "success")
    return redirect(url_for("officer.job_status", job_id=job.id))
