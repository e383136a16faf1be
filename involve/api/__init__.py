"""The open-data API (issue 8): read-only JSON for published activities, questions, aggregate
results and outcomes, described by its own OpenAPI document. No personal data, ever."""

from __future__ import annotations

from flask import Blueprint

api = Blueprint("api", __name__)

# Route modules register themselves on the blueprint when imported.
from involve.api import routes  # noqa: E402, F401
