"""Two-factor sign-in in Chromium, on a fresh demo: the demo administrator is made to set up an
authenticator app at first sign-in (scanning is replaced by typing the key shown, as a person
without a camera would), then signs in with password and code; a wrong code gets the GOV.UK
error; the code page works without JavaScript. axe checks every page."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ERROR_TITLE,
    assert_accessible,
    demo_server,
    screenshot,
)

ADMIN = "admin@example.gov.uk"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with demo_server("involve-browser-two-factor-") as (url, _):
        yield url


def _password_step(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", ADMIN)
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _unused_code(key: str, used_step: int) -> str:
    """The app's code for a step after the one already used (each code works once)."""
    while int(time.time() // 30) <= used_step - 1:
        time.sleep(1)
    return pyotp.TOTP(key).generate_otp(max(used_step + 1, int(time.time() // 30)))


def test_an_administrator_sets_up_an_app_then_signs_in_with_a_code(page, base_url):
    _password_step(page, base_url)
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    assert page.url == base_url + "/account/two-factor/set-up"
    qr_code = page.locator("main svg[role=img]")
    expect(qr_code).to_be_visible()
    assert qr_code.bounding_box()["width"] >= 150  # big enough for a phone's camera
    assert_accessible(page, "set up two-factor authentication")
    screenshot(page, "two-factor-set-up")
    # Nothing else can be reached until it is set up.
    page.goto(base_url + "/officer/officers")
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")

    key = page.locator("#authenticator-key").inner_text().replace(" ", "")
    page.fill("#code", "000000" if pyotp.TOTP(key).now() != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page, "set up, wrong code")
    step = int(time.time() // 30)
    page.fill("#code", pyotp.TOTP(key).generate_otp(step))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator("h1")).to_have_text("Dashboard")
    assert "Two-factor authentication is on" in page.inner_text(".govuk-notification-banner")

    page.get_by_role("button", name="Sign out").click()
    _password_step(page, base_url)
    expect(page.locator("h1")).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page, "sign-in code")
    page.goto(base_url + "/officer/")  # the password alone has not signed anyone in
    expect(page.locator("h1")).to_have_text("Sign in")

    _password_step(page, base_url)
    page.fill("#code", pyotp.TOTP(key).generate_otp(step))  # already used once
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not correct")
    assert_accessible(page, "sign-in code, wrong")
    screenshot(page, "two-factor-wrong-code")
    page.fill("#code", _unused_code(key, step))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Dashboard")

    page.get_by_role("link", name="Your account").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("On: you enter a code")
    assert_accessible(page, "your account")


def test_the_code_page_works_without_javascript(page_without_javascript, base_url):
    page = page_without_javascript
    page.goto(base_url + "/sign-in")
    page.fill("#email", "auditor@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(base_url + "/account/two-factor/set-up")
    key = page.locator("#authenticator-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert page.locator("h1").inner_text() == "Your account"
    page.get_by_role("button", name="Sign out").click()
    page.goto(base_url + "/sign-in")
    page.fill("#email", "auditor@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Enter the code from your authenticator app"
    page.fill("#code", _unused_code(key, int(time.time() // 30)))
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Dashboard"
