"""Placeholder endpoints (issue 5): the helper who owns this module replaces them."""

from flask import abort

from involve.officer import officer


@officer.post("/theming/<int:codeframe_id>/next", endpoint="code_next")
def code_next(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/items/<int:item_id>", endpoint="code_item")
def code_item(**_: int) -> None:
    abort(404)


@officer.get("/theming/<int:codeframe_id>/items", endpoint="theming_items")
def theming_items(**_: int) -> None:
    abort(404)
