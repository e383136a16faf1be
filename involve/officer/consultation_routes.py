"""Officer screens for building consultations (being written: see issue 3)."""

from __future__ import annotations

from flask import render_template

from involve.auth.permissions import Permission, require_permission
from involve.officer import officer


@officer.route("/consultations")
@require_permission(Permission.READ_REPORTS)
def list_consultations() -> str:
    return render_template("officer/consultations/list.html", consultations=[])
