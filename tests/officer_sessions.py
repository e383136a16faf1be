"""Officer sessions in tests: clocks moved back, "Confirm it's you" answered inline, the fields a
page carries, and whether a browser is still signed in."""

from __future__ import annotations

import time
from typing import Any

from involve.auth.reauth import AUTHENTICATED_AT
from involve.auth.session_lifetime import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import DEFAULT_PASSWORD

# "Confirm it's you" sent inline with another form, with the officer's password.
CONFIRMED = {"confirm_its_you-submitted": "1", "confirm_its_you-password": DEFAULT_PASSWORD}
IDLE_MESSAGE = "You have been signed out because you had not used the service for 30 minutes."


def age_session(client: Any, *, idle_minutes: float = 0, signed_in_hours: float = 0) -> None:
    """As if the officer was last seen, and signed in, that long ago."""
    now = int(time.time())
    with client.session_transaction() as session:
        session[LAST_SEEN_AT] = now - int(idle_minutes * 60)
        session[SIGNED_IN_AT] = now - int(signed_in_hours * 3600)


def confirmed_long_ago(client: Any, *, minutes: int = 16) -> None:
    """As if the password was last entered that long ago (past REAUTHENTICATE_MINUTES)."""
    with client.session_transaction() as session:
        session[AUTHENTICATED_AT] = int(time.time()) - minutes * 60


def carried_fields(page: Any) -> dict[str, str]:
    """The hidden fields of the page's form: what it carries, its CSRF token among them."""
    form = page.select_one("main form")
    return {field["name"]: field["value"] for field in form.select("input[type=hidden]")}


def is_signed_in(browser: Any) -> bool:
    """Whether the browser (a PageClient) reaches an officer page."""
    return browser.client.get("/officer/").status_code == 200


def password_change(current: str, new: str) -> dict[str, str]:
    """The change-password form, with the new password typed twice."""
    return {"current_password": current, "new_password": new, "confirm_password": new}
