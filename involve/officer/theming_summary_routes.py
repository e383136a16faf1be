"""Placeholder endpoints (issue 5): the helper who owns this module replaces them."""

from flask import abort

from involve.officer import officer


@officer.get("/theming/<int:codeframe_id>/summary", endpoint="theme_summary")
def theme_summary(**_: int) -> None:
    abort(404)
