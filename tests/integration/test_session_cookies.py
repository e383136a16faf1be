"""Cookies under the production settings: the session and remember-me cookies are __Host-
cookies, Secure, HttpOnly and SameSite=Lax, and every response has HSTS. The app here is built
from ProductionConfig itself (with the test's database session), served over https://."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from flask import Flask, Response
from flask_login import login_user

from involve import create_app
from involve.config import ProductionConfig
from tests.conftest import IsolatedClient
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.pages import heading

HTTPS = "https://haveyoursay.example.gov.uk"


@pytest.fixture
def production_app(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    # Never connected: the test's database session (tests/conftest.py) serves every query.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/never-connected")
    monkeypatch.setenv("INVOLVE_PUBLIC_URL", HTTPS)
    monkeypatch.setenv("INVOLVE_EMAIL_ADAPTER", "outbox")
    monkeypatch.delenv("INVOLVE_TRUSTED_PROXIES", raising=False)
    production = create_app(ProductionConfig())
    production.test_client_class = IsolatedClient
    yield production


def _set_cookie(response: Response, name: str) -> list[str]:
    """The attributes of the Set-Cookie header for `name`, lower-cased."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return [part.strip().lower() for part in header.split(";")[1:]]
    raise AssertionError(f"no {name} cookie in {response.headers.getlist('Set-Cookie')}")


def _csrf_token(response: Response) -> str:
    """The token in the page's form, as a browser would send it back."""
    field = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "csrf_token"}
    )
    return str(field["value"])


def _assert_host_only_secure_cookie(attributes: list[str]) -> None:
    assert "secure" in attributes
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    # __Host-: the browser refuses it unless Secure, Path=/ and no Domain (no subdomain can
    # set or read it).
    assert not any(part.startswith("domain=") for part in attributes)


def test_production_session_cookie_is_a_secure_host_only_lax_cookie(production_app):
    client = production_app.test_client()
    officer = OfficerFactory()
    form_page = client.get("/sign-in", base_url=HTTPS)
    assert form_page.status_code == 200
    assert form_page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    _assert_host_only_secure_cookie(_set_cookie(form_page, "__Host-session"))

    signed_in = client.post(
        "/sign-in",
        base_url=HTTPS,
        data={
            "email": officer.email,
            "password": DEFAULT_PASSWORD,
            "csrf_token": _csrf_token(form_page),
        },
        # The same-origin Referer that strict-origin-when-cross-origin keeps sending: Flask-WTF
        # refuses an https form post without it (which is why the policy is not no-referrer).
        headers={"Referer": f"{HTTPS}/sign-in"},
    )
    assert signed_in.status_code == 302
    _assert_host_only_secure_cookie(_set_cookie(signed_in, "__Host-session"))
    assert client.get("/officer/", base_url=HTTPS).status_code == 200


def test_an_https_form_post_without_a_referer_is_refused(production_app):
    client = production_app.test_client()
    token = _csrf_token(client.get("/sign-in", base_url=HTTPS))
    response = client.post(
        "/sign-in",
        base_url=HTTPS,
        data={"email": "a@example.gov.uk", "password": "x", "csrf_token": token},
    )
    assert response.status_code == 400
    assert heading(BeautifulSoup(response.data, "html.parser")) == "Your form could not be sent"


def test_production_remember_cookie_is_a_secure_host_only_lax_cookie(production_app):
    officer = OfficerFactory()
    with production_app.test_request_context("/sign-in", base_url=HTTPS):
        login_user(officer, remember=True)
        response = production_app.process_response(Response())
    _assert_host_only_secure_cookie(_set_cookie(response, "__Host-remember_token"))


def test_development_cookies_work_over_http_and_stay_httponly_and_lax(pages):
    response = pages.client.get("/sign-in")
    attributes = _set_cookie(response, "session")
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "secure" not in attributes  # http://127.0.0.1 must keep working
