"""Requests for the access tests: each one undone afterwards, as a persona signed in through
the real forms, at addresses built from a route and the world's objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import Connection
from werkzeug.routing import Rule

from tests.factories import DEFAULT_PASSWORD
from tests.factories_access import EXEMPT, Bundle, World
from tests.pages import PageClient
from tests.second_factor import code_for


def request(
    world: World,
    client: FlaskClient,
    method: str,
    url: str,
    data: Any = None,
    *,
    written: Callable[[Connection], None] | None = None,
) -> Any:
    """One request whose effects are undone afterwards: its writes, and its cookies (a POST to
    sign out, or one that starts a fresh session, must not change who the next request is).
    `written` may look at what the request wrote (on the connection) before it is undone."""
    cookies = dict(client._cookies)
    savepoint = world.connection.begin_nested()
    try:
        response = client.open(url, method=method, data=data, buffered=True)
        if written is not None:
            written(world.connection)
        return response
    finally:
        savepoint.rollback()
        client._cookies.clear()
        client._cookies.update(cookies)


def signed_in_client(app: Flask, world: World, persona: str) -> tuple[FlaskClient, str]:
    """A client signed in as the persona through the real form (with the code from their
    authenticator app, for administrators), and a CSRF token for its session."""
    client = app.test_client()
    pages = PageClient(app, client)
    if persona != "anonymous":
        steps = [("/sign-in", {"email": world.emails[persona], "password": DEFAULT_PASSWORD})]
        if persona in world.authenticators:
            steps.append(("/sign-in/code", {"code": code_for(world.authenticators[persona])}))
        for address, form in steps:
            form["csrf_token"] = pages.csrf_token()
            savepoint = world.connection.begin_nested()  # the code's step is not used up
            try:
                response = client.post(address, data=form)  # its cookie keeps them signed in
            finally:
                savepoint.rollback()
            assert response.status_code == 302, f"{persona} could not sign in at {address}"
    return client, pages.csrf_token()


def rules(app: Flask) -> list[Rule]:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint not in EXEMPT),
        key=lambda rule: (rule.rule, rule.endpoint),
    )


def methods(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def values_for(rule: Rule, bundle: Bundle, **overrides: Any) -> dict[str, Any]:
    """A real object for each of the rule's arguments, from one service's bundle."""
    values = dict(bundle.values)
    if "codeframe_id" not in rule.arguments:
        values["item_id"] = values["moderation_item_id"]
    if "reference" in rule.arguments:  # responses belong to the open consultation
        values["consultation_id"] = bundle.open_consultation_id
    if "slug" in rule.arguments:
        values["document_id"] = bundle.open_document_id
    values.update(overrides)
    return {name: values[name] for name in rule.arguments}


def url(app: Flask, rule: Rule, values: dict[str, Any]) -> str:
    with app.test_request_context():
        return url_for(rule.endpoint, **values)
