"""A session ends on the server, not only in the browser: signing out, a new password and an
authenticator app turned off or reset end every session of the officer, so a copy of the
session cookie stops working. The cookie (readable by whoever holds it) carries an HMAC, never
a piece of the password hash."""

from __future__ import annotations

import json
import zlib
from base64 import urlsafe_b64decode

from flask import Flask

from involve.auth.pending import PENDING
from involve.extensions import db
from involve.models import Role
from involve.services import totp
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.officer_sessions import CONFIRMED, is_signed_in, password_change
from tests.pages import PageClient, heading
from tests.second_factor import code_for, enrol_authenticator


def _copy_of_cookie(app: Flask, pages: PageClient) -> PageClient:
    """Another browser holding a copy of this one's session cookie (stolen, or left behind)."""
    thief = PageClient(app, app.test_client())
    thief.client.set_cookie("session", pages.client.get_cookie("session").value)
    return thief


def _readable_session(pages: PageClient) -> str:
    """What anyone holding the cookie can read without the secret key (it is signed, not
    encrypted): the JSON payload, unzipped when Flask compressed it."""
    payload = pages.client.get_cookie("session").value
    compressed = payload.startswith(".")
    data = payload.lstrip(".").split(".")[0]
    raw = urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def test_a_copied_cookie_stops_working_when_the_officer_signs_out(app, pages, sign_in_as):
    sign_in_as("analyst")
    thief = _copy_of_cookie(app, pages)
    assert is_signed_in(thief)
    pages.post("/sign-out", expected_status=302)
    assert not is_signed_in(thief)
    assert not is_signed_in(pages)


def test_a_copied_cookie_stops_working_after_a_password_change(app, pages, sign_in_as):
    sign_in_as("analyst")
    thief = _copy_of_cookie(app, pages)
    pages.post(
        "/account/change-password",
        password_change(DEFAULT_PASSWORD, "a brand new passphrase"),
        expected_status=302,
    )
    assert not is_signed_in(thief)
    assert is_signed_in(pages)  # the officer's own session was renewed


def test_turning_off_ones_app_ends_other_sessions_and_keeps_this_one(app, pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    secret = enrol_authenticator(officer)
    db.session.commit()
    thief = _copy_of_cookie(app, pages)
    pages.post(
        "/account/two-factor/turn-off",
        {**CONFIRMED, "confirm_its_you-code": code_for(secret)},
        expected_status=302,
    )
    assert not totp.has_second_factor(officer)
    assert not is_signed_in(thief)
    assert heading(pages.get("/account")) == "Your account"


def test_resetting_an_officers_app_ends_their_sessions(app, pages, sign_in_as):
    analyst = OfficerFactory(role=Role.ANALYST)
    secret = enrol_authenticator(analyst)
    db.session.commit()
    their_browser = PageClient(app, app.test_client())
    their_browser.post(
        "/sign-in", {"email": analyst.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    their_browser.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert is_signed_in(their_browser)
    sign_in_as("admin")
    pages.post(f"/officer/officers/{analyst.id}/reset-two-factor", {}, expected_status=302)
    assert not is_signed_in(their_browser)


def test_signing_out_elsewhere_ends_a_half_finished_sign_in(app, pages):
    officer = OfficerFactory()
    secret = enrol_authenticator(officer)
    pages.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    officer.session_version += 1  # signed out on another device meanwhile
    db.session.commit()
    pages.post("/sign-in/code", {"code": code_for(secret)}, expected_status=302)
    assert pages.last_response.headers["Location"] == "/sign-in"


def test_the_cookie_holds_no_piece_of_the_password_hash(app, pages, sign_in_as):
    officer = OfficerFactory()
    enrol_authenticator(officer)
    pages.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    pending = json.loads(_readable_session(pages))[PENDING]
    hash_pieces = {officer.password_hash[-16:], officer.password_hash[-8:]}
    assert not any(piece in json.dumps(pending) for piece in hash_pieces)

    signed_in = sign_in_as("analyst")
    user_id = json.loads(_readable_session(pages))["_user_id"]
    assert user_id.startswith(f"{signed_in.id}:")
    assert signed_in.password_hash[-16:] not in user_id
    assert signed_in.password_hash.split("$")[-1][:8] not in user_id


def test_the_session_token_is_keyed_with_the_apps_secret(app, monkeypatch):
    officer = OfficerFactory()
    with app.test_request_context():
        token = officer.get_id()
        monkeypatch.setitem(app.config, "SECRET_KEY", "another secret key entirely")
        assert officer.get_id() != token
        assert officer.get_id().split(":")[0] == str(officer.id)
