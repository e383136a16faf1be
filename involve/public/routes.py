"""The public site: home page and the standing pages every council service must have."""

from __future__ import annotations

from flask import Blueprint, render_template

public = Blueprint("public", __name__)


@public.route("/")
def home() -> str:
    return render_template("public/home.html")


@public.route("/accessibility-statement")
def accessibility_statement() -> str:
    return render_template("pages/accessibility_statement.html")


@public.route("/privacy-notice")
def privacy_notice() -> str:
    return render_template("pages/privacy_notice.html")


@public.route("/cookies")
def cookies() -> str:
    return render_template("pages/cookies.html")
