"""The second step of signing in, in the browser, as an officer with an authenticator app on
their phone would do it: on first sign-in an administrator sets one up (the key is read off the
page, as a person types it into their app), later sign-ins ask for its current code."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pyotp

STEP_SECONDS = 30
# Per server (origin) and officer: the app's key and the last 30-second step whose code was used.
_KEYS: dict[tuple[str, str], str] = {}
_LAST_STEP: dict[tuple[str, str], int] = {}


def pass_second_factor(page, email: str) -> None:  # type: ignore[no-untyped-def]
    """Call right after pressing "Sign in" with the right password. Does nothing for an officer
    without an app (the dashboard is already there)."""
    page.wait_for_url(lambda url: urlsplit(url).path != "/sign-in")
    parts = urlsplit(page.url)
    who = (f"{parts.scheme}://{parts.netloc}", email)
    if parts.path == "/account/two-factor/set-up":
        _KEYS[who] = page.locator("#authenticator-key").inner_text().replace(" ", "")
        _LAST_STEP.pop(who, None)
        page.fill("#code", _next_code(who))
        page.get_by_role("button", name="Turn on two-factor authentication").click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/officer/")
    elif parts.path == "/sign-in/code":
        page.fill("#code", _next_code(who))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: urlsplit(url).path != "/sign-in/code")


def _next_code(who: tuple[str, str]) -> str:
    """A code the server has not yet seen: each is accepted once, and only within one step of
    now, so a test signing in again quickly may have to wait for the next step."""
    step = max(int(time.time() // STEP_SECONDS), _LAST_STEP.get(who, -1) + 1)
    while int(time.time() // STEP_SECONDS) < step - 1:
        time.sleep(1)
    _LAST_STEP[who] = step
    return pyotp.TOTP(_KEYS[who]).generate_otp(step)
