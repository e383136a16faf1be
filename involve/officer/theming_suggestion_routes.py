"""Placeholder endpoints (issue 5): the helper who owns this module replaces them."""

from flask import abort

from involve.officer import officer


@officer.post("/theming/<int:codeframe_id>/suggestions/update", endpoint="update_suggestions")
def update_suggestions(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/suggestions", endpoint="theme_suggestions")
def theme_suggestions(**_: int) -> None:
    abort(404)


@officer.post("/theming/<int:codeframe_id>/suggestions/accept", endpoint="accept_suggestions")
def accept_suggestions(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/campaigns", endpoint="theming_campaigns")
def theming_campaigns(**_: int) -> None:
    abort(404)


@officer.post("/theming/<int:codeframe_id>/campaigns/<int:group_id>", endpoint="decide_campaign")
def decide_campaign(**_: int) -> None:
    abort(404)
