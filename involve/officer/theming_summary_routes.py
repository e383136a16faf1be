"""The theme summary of a codeframe: the page anyone who reads reports can see, and its CSV
download (a POST, because every download is written to the audit log and a GET changes nothing)."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.models import Codeframe
from involve.officer import officer
from involve.services import exports, theme_summary, theme_summary_export, theme_summary_groups
from involve.services.errors import NotFound
from involve.services.theming_items import get_codeframe


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
    header, rows = theme_summary_export.summary_rows(summary)
    filename = theme_summary_export.summary_filename(summary)
    return HttpResponse(
        "".join(exports.csv_lines(header, rows)),  # already in memory: one row per theme
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
