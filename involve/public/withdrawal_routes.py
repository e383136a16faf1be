"""Placeholder: a respondent withdraws their equality answers (issue 7). Being built."""

from __future__ import annotations

from flask import abort

from involve.public.routes import public


@public.route("/withdraw-equality-answers", methods=["GET", "POST"])
def withdraw_equality() -> str:
    abort(404)
