"""The officer's home page and the audit log."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from involve.auth.permissions import Permission, has_permission, require_permission
from involve.officer import officer
from involve.services import audit, response_queries, theming_overview


@officer.route("/")
def dashboard() -> str:
    counts = themed = None
    if has_permission(current_user, Permission.READ_REPORTS):
        counts = response_queries.list_consultation_counts()
        themed = theming_overview.codeframes_in_progress()
    return render_template(
        "officer/dashboard.html",
        counts=counts,
        themed=themed,
        recent_days=response_queries.RECENT_DAYS,
    )


@officer.route("/audit-log")
@require_permission(Permission.READ_AUDIT_LOG)
def audit_log() -> str:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    per_page = 50
    events, total = audit.list_events(page=page, per_page=per_page)
    last_page = max((total + per_page - 1) // per_page, 1)
    return render_template(
        "officer/audit_log.html", events=events, total=total, page=page, last_page=last_page
    )
