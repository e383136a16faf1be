"""The theme summary of a codeframe: the page anyone who reads reports can see, its CSV
download (a POST, because every download is written to the audit log and a GET changes nothing),
and sending its quotes to the moderation queue."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Codeframe
from involve.officer import officer
from involve.services import exports, theme_summary, theme_summary_export, theme_summary_groups
from involve.services.errors import NotFound
from involve.services.moderation import ModerationRejected
from involve.services.moderation_queueing import queue_quotes
from involve.services.theming_items import get_codeframe

# A quote on the page is sent as "theme id:theme item id".
_PICK = re.compile(r"^([0-9]{1,9}):([0-9]{1,9})$")
MAX_PICKS = 1_000


def _codeframe_or_404(codeframe_id: int) -> Codeframe:
    try:
        return get_codeframe(codeframe_id)
    except NotFound:
        abort(404)


@officer.get("/theming/<int:codeframe_id>/summary", endpoint="theme_summary")
@require_permission(Permission.READ_REPORTS)
def show_theme_summary(codeframe_id: int) -> str:
    summary = theme_summary.build_summary(_codeframe_or_404(codeframe_id))
    return render_template(
        "officer/theming/summary.html",
        summary=summary,
        percent=theme_summary_export.percent,
        stance_labels=theme_summary.STANCE_LABELS,
        suppress_below=theme_summary_groups.SUPPRESS_BELOW,
    )


@officer.post("/theming/<int:codeframe_id>/summary.csv", endpoint="theme_summary_csv")
@require_permission(Permission.READ_REPORTS)
def download_theme_summary(codeframe_id: int) -> HttpResponse:
    summary = theme_summary.build_summary(_codeframe_or_404(codeframe_id))
    theme_summary_export.record_summary_export(actor=current_user, summary=summary)
    header, rows = theme_summary_export.summary_rows(
        summary, theme_summary_export.quote_terms(summary)
    )
    filename = theme_summary_export.summary_filename(summary)
    return HttpResponse(
        "".join(exports.csv_lines(header, rows)),  # already in memory: one row per theme
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@officer.post("/theming/<int:codeframe_id>/summary/moderate", endpoint="theme_summary_moderate")
@require_permission(Permission.MODERATE_CONTENT)
def send_quotes_to_moderation(codeframe_id: int) -> HttpResponse:
    codeframe = _codeframe_or_404(codeframe_id)
    require_can_change(codeframe)
    picks = [
        (int(found.group(1)), int(found.group(2)))
        for value in request.form.getlist("quote")[:MAX_PICKS]
        if (found := _PICK.match(value))
    ]
    try:
        queued = queue_quotes(actor=current_user, codeframe=codeframe, picks=picks)
    except ModerationRejected as error:
        flash(str(error), "warning")
        return redirect(url_for("officer.theme_summary", codeframe_id=codeframe.id))
    flash(queued.message("quote"), "success")
    scope = (
        {"consultation": codeframe.question.page.consultation_id}
        if codeframe.question is not None
        else {"activity": codeframe.activity_id}
    )
    return redirect(url_for("officer.moderation_queue", status="pending", **scope))
