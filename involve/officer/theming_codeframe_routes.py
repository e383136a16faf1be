"""Placeholder endpoints (issue 5): the helper who owns this module replaces them."""

from flask import abort

from involve.officer import officer


@officer.post("/theming/<int:codeframe_id>/discover", endpoint="discover_themes")
def discover_themes(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/discover/<int:job_id>", endpoint="discovered_themes")
def discovered_themes(**_: int) -> None:
    abort(404)


@officer.post("/theming/<int:codeframe_id>/discover/<int:job_id>", endpoint="accept_discovered")
def accept_discovered(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/themes", endpoint="codeframe_themes")
def codeframe_themes(**_: int) -> None:
    abort(404)
