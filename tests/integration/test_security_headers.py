"""Every kind of response carries the security headers: pages, redirects, error pages (400, 404,
405, 413, 429, 500), static files, GOV.UK Frontend's assets, the API and its errors, and
downloads; the policy never allows inline code beyond GOV.UK's one hashed script."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from werkzeug.test import TestResponse

from involve import abuse_limits
from involve.config import ProductionConfig
from involve.extensions import db
from involve.security_headers import GOVUK_TEMPLATE_SCRIPT_HASH
from tests.csp import allowed_script_hashes, script_hash
from tests.factories import ConsultationFactory
from tests.pages import PageClient


def csp_directives(response: TestResponse) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def assert_security_headers(response: TestResponse) -> None:
    directives = csp_directives(response)
    every_source = [source for sources in directives.values() for source in sources]
    assert "'unsafe-inline'" not in every_source
    assert "'unsafe-eval'" not in every_source
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", GOVUK_TEMPLATE_SCRIPT_HASH]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # Development and tests run on http://: HSTS there would lock a developer's browser out.
    assert "Strict-Transport-Security" not in response.headers


def _too_many_attempts(pages: PageClient) -> TestResponse:
    path, form = "/withdraw-equality-answers", {"reference": "AAA-BBB-CCC"}
    for _ in range(int(abuse_limits.WITHDRAW_EQUALITY.split()[0])):
        pages.client.post(path, data={**form, "csrf_token": pages.csrf_token()})
    return pages.client.post(path, data={**form, "csrf_token": pages.csrf_token()})


def _server_error(pages: PageClient, monkeypatch: pytest.MonkeyPatch) -> TestResponse:
    import involve.public.routes

    def explode(*args: object, **kwargs: object) -> str:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(involve.public.routes, "render_template", explode)
    return pages.client.get("/")


def _api_server_error(pages: PageClient, monkeypatch: pytest.MonkeyPatch) -> TestResponse:
    import involve.api.routes

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(involve.api.routes, "jsonify", explode)
    return pages.client.get("/api/v1/consultations")


def _too_large(pages: PageClient, app) -> TestResponse:  # type: ignore[no-untyped-def]
    body = {"email": "a@example.gov.uk", "password": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)}
    return pages.client.post("/sign-in", data=body)


Scenario = Callable[..., TestResponse]
SCENARIOS: list[tuple[str, int, Scenario]] = [
    ("page", 200, lambda pages, **_: pages.client.get("/")),
    ("HEAD of a page", 200, lambda pages, **_: pages.client.head("/")),
    ("sign-in page", 200, lambda pages, **_: pages.client.get("/sign-in")),
    ("redirect to sign in", 302, lambda pages, **_: pages.client.get("/officer/")),
    ("404", 404, lambda pages, **_: pages.client.get("/no-such-page")),
    ("405", 405, lambda pages, **_: pages.client.post("/cookies")),
    ("400 CSRF", 400, lambda pages, **_: pages.client.post("/sign-in", data={"email": "x"})),
    ("413", 413, lambda pages, app, **_: _too_large(pages, app)),
    ("429", 429, lambda pages, **_: _too_many_attempts(pages)),
    ("500", 500, lambda pages, monkeypatch, **_: _server_error(pages, monkeypatch)),
    ("static file", 200, lambda pages, **_: pages.client.get("/static/js/init.js")),
    ("GOV.UK asset", 200, lambda pages, **_: pages.client.get("/assets/govuk-frontend.min.js")),
    ("API", 200, lambda pages, **_: pages.client.get("/api/v1/consultations")),
    ("API docs", 200, lambda pages, **_: pages.client.get("/api")),
    ("API 404", 404, lambda pages, **_: pages.client.get("/api/v1/consultations/none-such")),
    ("API 500", 500, lambda pages, monkeypatch, **_: _api_server_error(pages, monkeypatch)),
    ("API bulk download", 200, lambda pages, **_: pages.client.get("/api/v1/bulk.zip")),
]


@pytest.mark.parametrize(
    ("status", "scenario"),
    [pytest.param(status, scenario, id=name) for name, status, scenario in SCENARIOS],
)
def test_every_kind_of_response_carries_the_security_headers(
    app, pages, monkeypatch, status, scenario
):
    response = scenario(pages=pages, app=app, monkeypatch=monkeypatch)
    assert response.status_code == status
    assert_security_headers(response)
    response.close()


def test_an_officer_download_carries_the_security_headers(pages, sign_in_as):
    consultation = ConsultationFactory()
    sign_in_as("engagement_officer")
    db.session.commit()
    response = pages.client.get(
        f"/officer/consultations/{consultation.id}/responses/import/template.csv"
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert_security_headers(response)


def test_the_only_inline_script_is_govuk_frontends_and_its_hash_is_allowed(pages):
    page = pages.get("/")
    inline = [script for script in page.find_all("script") if not script.get("src")]
    assert len(inline) == 1
    assert "js-enabled" in inline[0].string
    # If govuk-frontend-jinja changes its script, this fails: update the hash from GOV.UK
    # Frontend's documentation, never by adding 'unsafe-inline'.
    assert script_hash(inline[0].string) in allowed_script_hashes()


def test_production_adds_hsts_and_development_never_does(app, pages, monkeypatch):
    assert "Strict-Transport-Security" not in pages.client.get("/").headers
    monkeypatch.setitem(app.config, "HSTS_SECONDS", ProductionConfig.HSTS_SECONDS)
    for response in (pages.client.get("/"), pages.client.get("/no-such-page")):
        hsts = response.headers["Strict-Transport-Security"]
        assert hsts == "max-age=31536000; includeSubDomains"
