"""The service navigation an officer sees, built from their permissions (not in templates)."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_login import current_user

from involve.auth.permissions import Permission, has_permission

# (link text, endpoint, permission needed or None, URL prefix that marks the item as current)
OFFICER_LINKS = [
    ("Dashboard", "officer.dashboard", None, None),
    (
        "Consultations",
        "officer.list_consultations",
        Permission.READ_REPORTS,
        "/officer/consultations",
    ),
    ("Activities", "officer.list_activities", Permission.READ_REPORTS, "/officer/activities"),
    ("Reports", "officer.compliance_report", Permission.READ_REPORTS, "/officer/reports"),
    ("Moderation", "officer.moderation_queue", Permission.MODERATE_CONTENT, "/officer/moderation"),
    (
        "Data requests",
        "officer.data_requests",
        Permission.HANDLE_DATA_REQUESTS,
        "/officer/data-requests",
    ),
    ("Officers", "officer.list_officers", Permission.MANAGE_OFFICERS, "/officer/officers"),
    ("Settings", "officer.settings", Permission.MANAGE_SETTINGS, "/officer/settings"),
    ("Audit log", "officer.audit_log", Permission.READ_AUDIT_LOG, "/officer/audit-log"),
]


def service_navigation_items() -> list[dict[str, Any]]:
    if not current_user.is_authenticated:
        return []
    items = []
    for text, endpoint, permission, prefix in OFFICER_LINKS:
        if permission is not None and not has_permission(current_user, permission):
            continue
        is_current = request.endpoint == endpoint or bool(
            prefix and request.path.startswith(prefix)
        )
        items.append({"href": url_for(endpoint), "text": text, "active": is_current})
    return items
