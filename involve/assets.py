"""Serves GOV.UK Frontend's built assets at /assets, the path its compiled CSS refers to."""

from flask import Blueprint

from involve.config import PROJECT_ROOT

assets = Blueprint(
    "assets",
    __name__,
    static_folder=str(PROJECT_ROOT / "static" / "govuk"),
    static_url_path="/assets",
)
