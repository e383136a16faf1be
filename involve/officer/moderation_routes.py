"""Placeholder: the moderation queue (issue 7). Being built."""

from __future__ import annotations

from flask import abort

from involve.auth.permissions import Permission, require_permission
from involve.officer import officer


@officer.route("/moderation")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_queue() -> str:
    abort(404)
