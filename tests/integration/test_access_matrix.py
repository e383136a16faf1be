"""The route x role matrix (issue 9): every rule in app.url_map, GET and POST, with real ids,
as anonymous, as each role, and as officers who work for service A only. The expected answer
comes from the route itself: its blueprint (officer pages need sign-in), the permission it
declares (require_permission sets required_permission), and, for views that change work, the
service of the object it names. A new route is covered the moment it is added; one this test
cannot reason about fails test_every_route_is_covered until it is described here."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from werkzeug.routing import Rule

from involve.auth.permissions import ROLE_PERMISSIONS, Permission
from involve.jobs.registry import JOB_KINDS
from tests.access_requests import methods, request, rules, signed_in_client, url, values_for
from tests.factories_access import (  # noqa: F401 (the two fixtures)
    EXEMPT,
    PERSONAS,
    Bundle,
    World,
    shared_db_session,
    world_fixture,
)

# Officer routes that declare no permission: any signed-in officer may open them.
SIGNED_IN_ONLY = {"officer.dashboard": "every officer's home page"}
# Background-job pages check the permission of the job's kind (JobKind.permission) instead.
JOB_ROUTES = {"officer.job_status", "officer.job_status_json", "officer.retry_job"}
# Sign-in pages anyone may use; every other auth route needs a signed-in officer.
AUTH_PUBLIC = {"auth.sign_in", "auth.sign_in_code", "auth.sign_out"}
# Where one method needs more than the route declares (the GET reads, the POST changes).
METHOD_PERMISSIONS = {("officer.code_item", "POST"): Permission.CODE_RESPONSES}
# Permissions whose views change a consultation's or activity's work: scoped by service.
CHANGING = {
    Permission.RUN_ACTIVITIES,
    Permission.CODE_RESPONSES,
    Permission.MODERATE_CONTENT,
    Permission.MANAGE_SETTINGS,
}
# URL arguments that name a consultation's or activity's work (item_id: a theme item under a
# codeframe, else a moderation item).
SCOPED_ARGUMENTS = {"consultation_id", "activity_id", "codeframe_id", "item_id"}
ROLES = ["admin", "engagement_officer", "analyst", "auditor"]
# Redirects that mean the view was not reached: sign in, set up an app, confirm it's you.
NOT_LET_IN = ("/sign-in", "/account/two-factor/set-up", "/confirm-its-you")


def needs_sign_in(endpoint: str) -> bool:
    blueprint = endpoint.partition(".")[0]
    return blueprint == "officer" or (blueprint == "auth" and endpoint not in AUTH_PUBLIC)


def permission_of(app: Flask, endpoint: str, method: str) -> Permission | None:
    if (endpoint, method) in METHOD_PERMISSIONS:
        return METHOD_PERMISSIONS[(endpoint, method)]
    if endpoint in JOB_ROUTES:
        return JOB_KINDS["discover_themes"].permission  # the world's job is a discovery
    return getattr(app.view_functions[endpoint], "required_permission", None)


def expected(app: Flask, endpoint: str, method: str, persona: str, *, other: bool) -> str:
    """'sign-in', 'forbidden' (role), 'other service' (scope) or 'allowed'."""
    if not needs_sign_in(endpoint):
        return "allowed"
    if persona == "anonymous":
        return "sign-in"
    role, scoped = PERSONAS[persona]
    permission = permission_of(app, endpoint, method)
    if permission is not None and permission not in ROLE_PERMISSIONS[role]:
        return "forbidden"
    rule_arguments = next(app.url_map.iter_rules(endpoint)).arguments
    if scoped and other and permission in CHANGING and rule_arguments & SCOPED_ARGUMENTS:
        return "other service"
    return "allowed"


def check(response: Any, outcome: str, where: str) -> str | None:
    """What is wrong with the response, or None."""
    status, location = response.status_code, response.headers.get("Location", "")
    body = response.get_data(as_text=True) if status in (400, 403) else ""
    if status >= 500:
        return f"{where}: {status} (a server error)"
    if "Your form could not be sent" in body:
        return f"{where}: the CSRF token was refused, so the view was never reached"
    if outcome == "sign-in":
        if status != 302 or not location.startswith("/sign-in"):
            return f"{where}: {status} {location}, expected a redirect to sign in"
    elif outcome == "forbidden":
        if status != 403:
            return f"{where}: {status}, expected 403 for this role"
    elif outcome == "other service":
        if status != 403 or "You cannot change this" not in body:
            return f"{where}: {status}, expected 403 naming the other service"
    elif status == 403 or location.startswith(NOT_LET_IN):
        return f"{where}: {status} {location}, expected this role to be let in"
    return None


def walk(app: Flask, world: World, persona: str, bundle: Bundle, *, only=None) -> list[str]:
    """Request every (rule, method) as the persona; return the problems found."""
    client, token = signed_in_client(app, world, persona)
    other = bundle is world.b
    problems = []
    for rule in rules(app):
        if only is not None and not only(rule):
            continue
        address = url(app, rule, values_for(rule, bundle))
        for method in methods(rule):
            data = {"csrf_token": token} if method == "POST" else None
            response = request(world, client, method, address, data)
            outcome = expected(app, rule.endpoint, method, persona, other=other)
            problem = check(response, outcome, f"{persona} {method} {address} ({rule.endpoint})")
            if problem:
                problems.append(problem)
    return problems


def test_every_route_is_covered(app: Flask, world: World) -> None:
    """Each route is one the matrix can judge: a known blueprint, a declared permission (or a
    listed reason for none), and a real value for every URL argument."""
    problems = []
    for rule in rules(app):
        blueprint = rule.endpoint.partition(".")[0]
        if blueprint not in ("officer", "auth", "public", "api"):
            problems.append(f"{rule.endpoint}: a new blueprint; describe it in this test")
        if blueprint == "officer" and not (
            permission_of(app, rule.endpoint, "GET") or rule.endpoint in SIGNED_IN_ONLY
        ):
            problems.append(f"{rule.endpoint}: declare a permission or list it in SIGNED_IN_ONLY")
        unknown = set(rule.arguments) - set(world.a.values)
        if unknown:
            problems.append(f"{rule.endpoint}: no world value for {sorted(unknown)}")
    listed = set(EXEMPT) | set(SIGNED_IN_ONLY) | JOB_ROUTES | AUTH_PUBLIC
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    problems += [f"{name}: listed here but no longer a route" for name in listed - endpoints]
    assert not problems, "\n".join(problems)


def test_anonymous_visitors_are_sent_to_sign_in_from_every_officer_route(app, world) -> None:
    problems = walk(
        app, world, "anonymous", world.a, only=lambda rule: needs_sign_in(rule.endpoint)
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("persona", ROLES)
def test_each_role_gets_exactly_what_its_permissions_allow(app, world, persona: str) -> None:
    problems = walk(app, world, persona, world.a, only=lambda rule: needs_sign_in(rule.endpoint))
    assert not problems, "\n".join(problems)


def _names_work(rule: Rule) -> bool:
    return rule.endpoint.startswith("officer.") and bool(rule.arguments & SCOPED_ARGUMENTS)


@pytest.mark.parametrize("persona", ["scoped_officer", "scoped_analyst"])
def test_an_officer_of_one_service_cannot_change_another_services_work(
    app, world, persona: str
) -> None:
    problems = walk(app, world, persona, world.b, only=_names_work)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("persona", ["scoped_officer", "scoped_analyst"])
def test_an_officer_of_one_service_changes_that_services_work(app, world, persona: str) -> None:
    problems = walk(app, world, persona, world.a, only=_names_work)
    assert not problems, "\n".join(problems)


def test_the_refusal_names_the_service_and_who_to_ask(app, world) -> None:
    client, _ = signed_in_client(app, world, "scoped_officer")
    address = f"/officer/consultations/{world.b.values['consultation_id']}/details"
    response = request(world, client, "GET", address)
    text = " ".join(BeautifulSoup(response.get_data(as_text=True), "html5lib").get_text().split())
    assert response.status_code == 403
    assert "“Unpublished draft B qzx” belongs to the Service B service." in text
    assert "You can change the consultations and activities of Service A only." in text
    assert f"Officer admin, {world.emails['admin']}" in text  # who can add Service B


@pytest.mark.parametrize("source", ["question_id", "activity_id"])
def test_theming_cannot_be_started_on_another_services_work(app, world, source: str) -> None:
    client, token = signed_in_client(app, world, "scoped_analyst")
    ids = {
        "question_id": world.b.values["question_id"],
        "activity_id": world.b.values["activity_id"],
    }
    refused = request(
        world, client, "POST", "/officer/theming/start", {"csrf_token": token, source: ids[source]}
    )
    assert refused.status_code == 403
    own = {
        "question_id": world.a.values["question_id"],
        "activity_id": world.a.values["activity_id"],
    }
    started = request(
        world, client, "POST", "/officer/theming/start", {"csrf_token": token, source: own[source]}
    )
    assert started.status_code == 302
