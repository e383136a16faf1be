"""Placeholder: subject access, erasure and the access log (issue 7). Being built."""

from __future__ import annotations

from flask import abort

from involve.auth.permissions import Permission, require_permission
from involve.officer import officer


@officer.route("/data-requests")
@require_permission(Permission.HANDLE_DATA_REQUESTS)
def data_requests() -> str:
    abort(404)


@officer.route("/access-log")
@require_permission(Permission.READ_ACCESS_LOG)
def access_log() -> str:
    abort(404)
