"""The access log: who viewed, exported or erased personal data, and why; and its CSV."""

from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.models.base import utc_now
from involve.officer import officer
from involve.services import access_log, access_log_report, exports

PER_PAGE = 50


@officer.route("/access-log", endpoint="access_log")
@require_permission(Permission.READ_ACCESS_LOG)
def access_log_page() -> str:
    action = access_log_report.parse_action(request.args.get("action"))
    requested = request.args.get("page", 1, type=int) or 1
    total = access_log.count_access(action=action)
    last_page = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    # Clamped to the pages there are: an absurd number would overflow the database's OFFSET.
    page = min(max(requested, 1), last_page)
    entries, total = access_log.list_access(page=page, per_page=PER_PAGE, action=action)
    return render_template(
        "officer/access_log.html",
        rows=access_log_report.access_rows(entries),
        total=total,
        page=page,
        last_page=last_page,
        action=action,
        actions=access_log_report.ACTION_LABELS,
        page_url=lambda number: url_for(
            "officer.access_log", page=number, action=action.value if action else None
        ),
    )


@officer.route("/access-log.csv")
@require_permission(Permission.READ_ACCESS_LOG)
def access_log_csv() -> HttpResponse:
    action = access_log_report.parse_action(request.args.get("action"))
    filename = f"access-log-{utc_now():%Y-%m-%d}.csv"
    # Built whole rather than streamed: a GET download may be abandoned half-read, and the log
    # is rows of short text (a hundred thousand entries is a few megabytes).
    body = "".join(
        exports.csv_lines(access_log_report.CSV_HEADER, access_log_report.iter_csv_rows(action))
    )
    return HttpResponse(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
