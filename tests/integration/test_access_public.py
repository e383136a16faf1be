"""Nothing unpublished or personal reaches the public, and nothing is found by guessing (issue 9):
every public and API route refuses draft and scheduled consultations (published, not open yet),
draft activities and a scheduled consultation's activity with 404, and stores nothing for them;
no public page carries an unpublished title or anyone's e-mail address; ids and slugs that do
not exist answer 404, never 500; and an object is reachable only under its own parent."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from flask import Flask
from sqlalchemy import Connection, func, select
from werkzeug.routing import Rule

from involve.models import Consultation, Response
from tests.access_requests import methods, request, rules, signed_in_client, url, values_for
from tests.factories_access import (  # noqa: F401 (the two fixtures)
    MISSING_ID,
    World,
    shared_db_session,
    world_fixture,
)

PUBLIC_BLUEPRINTS = ("public", "api")
# What a guessed value looks like for each kind of URL argument.
MISSING = {
    "slug": "no-such-consultation",
    "activity_slug": "no-such-activity",
    "reference": "ZZZ-ZZZ-ZZZ",
    "kind": "no-such-kind",
    "dimension": "no-such-dimension",
    "section": "no-such-section",
    "page_number": 99,
}
# Arguments a guess cannot turn into someone else's data: a link's token is checked by
# signature and answers its own "link not valid" page.
NOT_GUESSABLE = {"token"}
# Children and the parent argument they must belong to.
PARENTS = {
    "page_id": "consultation_id",
    "question_id": "consultation_id",
    "document_id": "consultation_id",
    "link_id": "consultation_id",
    "reference": "consultation_id",
    "material_id": "activity_id",
    "point_id": "activity_id",
    "reference_id": "activity_id",
    "theme_id": "codeframe_id",
    "item_id": "codeframe_id",
    "job_id": "codeframe_id",
}


def public_rules(app: Flask) -> list[Rule]:
    return [rule for rule in rules(app) if rule.endpoint.split(".")[0] in PUBLIC_BLUEPRINTS]


def data(method: str, token: str) -> dict[str, str] | None:
    return {"csrf_token": token} if method == "POST" else None


def refusals(app, world, *, argument: str, hidden: list[str]) -> list[str]:
    """Every public route taking the argument, given each hidden value: what did not 404, and
    any response it stored for a hidden consultation."""
    client, token = signed_in_client(app, world, "anonymous")
    problems = []
    stored = (
        select(func.count())
        .select_from(Response)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(Consultation.slug.in_(world.hidden_slugs))
    )

    def nothing_stored(connection: Connection) -> None:
        if connection.execute(stored).scalar_one():
            problems.append(f"{method} {address} stored a response")

    for rule in public_rules(app):
        if argument not in rule.arguments:
            continue
        for value in hidden:
            address = url(app, rule, values_for(rule, world.a, **{argument: value}))
            for method in methods(rule):
                response = request(
                    world, client, method, address, data(method, token), written=nothing_stored
                )
                if response.status_code != 404:
                    problems.append(f"{method} {address} ({rule.endpoint}): {response.status_code}")
    return problems


def test_draft_and_scheduled_consultations_are_not_found_by_the_public(app, world) -> None:
    problems = refusals(app, world, argument="slug", hidden=world.hidden_slugs)
    assert not problems, "\n".join(problems)


def test_draft_activities_and_a_scheduled_consultations_are_not_found_by_the_public(
    app, world
) -> None:
    problems = refusals(app, world, argument="activity_slug", hidden=world.hidden_activity_slugs)
    assert not problems, "\n".join(problems)


def _texts(response: Any) -> list[str]:
    """The response as text; a zip (the bulk download) as the text of each file in it."""
    body = response.get_data()
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return [body.decode("utf-8", "replace")]


def test_no_public_page_shows_unpublished_work_or_anyones_email_address(app, world) -> None:
    client, _ = signed_in_client(app, world, "anonymous")
    problems, pages = [], 0
    for rule in public_rules(app):
        if "GET" not in rule.methods:
            continue
        for bundle in (world.a, world.b):
            address = url(app, rule, values_for(rule, bundle))
            response = request(world, client, "GET", address)
            assert response.status_code < 500, f"GET {address}: {response.status_code}"
            pages += response.status_code == 200
            leaked = [
                secret for text in _texts(response) for secret in world.secrets if secret in text
            ]
            if leaked:
                problems.append(f"GET {address} ({rule.endpoint}) shows {sorted(set(leaked))}")
    assert not problems, "\n".join(problems)
    assert pages > 40, "the public pages of the world's open consultations should be shown"


def _guesses(rule: Rule) -> list[tuple[str, Any]]:
    return [
        (name, MISSING.get(name, MISSING_ID))
        for name in sorted(rule.arguments)
        if name not in NOT_GUESSABLE
    ]


def test_ids_and_slugs_that_do_not_exist_are_not_found(app, world) -> None:
    """Each argument in turn replaced by one that names nothing, as the officer who may do
    everything (anything else would stop at the permission check): 404, never 500."""
    client, token = signed_in_client(app, world, "admin")
    problems = []
    for rule in rules(app):
        if rule.endpoint.startswith("auth."):
            continue
        for name, guess in _guesses(rule):
            address = url(app, rule, values_for(rule, world.a, **{name: guess}))
            for method in methods(rule):
                status = request(world, client, method, address, data(method, token)).status_code
                if status != 404:
                    problems.append(f"{method} {address} ({rule.endpoint}, {name}): {status}")
    assert not problems, "\n".join(problems)


def test_an_object_is_found_only_under_its_own_parent(app, world) -> None:
    """Service A's consultation, activity or codeframe with service B's page, document,
    response, material or theme in the URL: 404, so ids cannot be walked across parents."""
    client, token = signed_in_client(app, world, "admin")
    problems, tried = [], 0
    for rule in rules(app):
        for child, parent in PARENTS.items():
            if child not in rule.arguments or parent not in rule.arguments:
                continue
            b_child = values_for(rule, world.b)[child]
            address = url(app, rule, values_for(rule, world.a, **{child: b_child}))
            for method in methods(rule):
                tried += 1
                status = request(world, client, method, address, data(method, token)).status_code
                if status != 404:
                    problems.append(f"{method} {address} ({rule.endpoint}, {child}): {status}")
    assert not problems, "\n".join(problems)
    assert tried > 30


def test_a_public_document_is_found_only_under_its_own_consultation(app, world) -> None:
    client, _ = signed_in_client(app, world, "anonymous")
    slug = world.a.values["slug"]
    for document_id in (world.b.open_document_id, world.a.values["document_id"]):
        # B's published document under A's slug; A's draft's document under A's open one.
        address = f"/consultations/{slug}/documents/{document_id}"
        assert request(world, client, "GET", address).status_code == 404, address
