"""Placeholder endpoints (issue 5): the helper who owns this module replaces them."""

from flask import abort

from involve.officer import officer


@officer.get("/theming/<int:codeframe_id>", endpoint="theming_hub")
def theming_hub(**_: int) -> None:
    abort(404)


@officer.post("/theming/start", endpoint="start_theming")
def start_theming(**_: int) -> None:
    abort(404)
