"""Officer sessions end after a spell without activity and at a fixed time after signing in.

The signed session cookie carries when the officer signed in and when they were last seen;
each request checks both against SESSION_IDLE_MINUTES and SESSION_MAX_HOURS. A page asked for
after that sends the officer to sign in and back; a form sent after that is kept: they sign in
again on a page that carries it, and it goes ahead (involve/auth/sign_in_again.py). A resident's
journey is untouched: only the officer's sign-in is ended, and their answers are in the
database page by page anyway (involve/public/journey_state.py)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user, user_logged_in
from werkzeug.wrappers import Response

from involve.auth.sign_in_again import ask_to_sign_in_again, sign_in_again_if_sent

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# Requests that need no sign-in and are not the officer doing something: files and the
# open-data API. They neither end a session nor keep it alive.
PASSIVE_BLUEPRINTS = frozenset({"api", "assets"})
PASSIVE_ENDPOINTS = frozenset({"static"})
# A job page polling its progress is not the officer doing something either, so it does not
# keep the session alive; but it needs a sign-in, so an ended session ends there too.
NOT_ACTIVITY_ENDPOINTS = frozenset({"officer.job_status_json"})
# Where an ended session just carries on signed out: public pages, the API, signing in or out.
CARRY_ON_BLUEPRINTS = frozenset({"public"})
CARRY_ON_ENDPOINTS = frozenset({"auth.sign_in", "auth.sign_out"})
# "Last seen" is rewritten at most this often, so not every request sends a new cookie.
SEEN_RESOLUTION_SECONDS = 60


def start_session_clock(sender: object, user: object, **extra: object) -> None:
    """On signing in. A later login_user (after a password change) keeps the first time."""
    now = int(time.time())
    session.setdefault(SIGNED_IN_AT, now)
    session[LAST_SEEN_AT] = now


def session_ends_at() -> int | None:
    """When this officer's session will end if they do nothing (seconds since the epoch); None
    when nobody is signed in. Not called yet: it is the hook, with SESSION_WARNING_MINUTES, for
    the warning before the time-out that the accessibility issue adds (WCAG 2.2.1 Timing
    Adjustable); a form sent after the time-out loses nothing meanwhile (sign_in_again.py)."""
    if "_user_id" not in session:
        return None
    config = current_app.config
    idle_end = session.get(LAST_SEEN_AT, 0) + config["SESSION_IDLE_MINUTES"] * 60
    absolute_end = session.get(SIGNED_IN_AT, 0) + config["SESSION_MAX_HOURS"] * 3600
    return int(min(idle_end, absolute_end))


def _ended_because(now: int) -> str | None:
    config = current_app.config
    signed_in_at, last_seen_at = session.get(SIGNED_IN_AT), session.get(LAST_SEEN_AT)
    if not isinstance(signed_in_at, int) or not isinstance(last_seen_at, int):
        return "You have been signed out. Sign in again to carry on."  # a session from before
    hours = config["SESSION_MAX_HOURS"]
    if now - signed_in_at >= hours * 3600:
        return (
            f"You have been signed out because you signed in more than {hours} hours ago. "
            "Sign in again to carry on."
        )
    minutes = config["SESSION_IDLE_MINUTES"]
    if now - last_seen_at >= minutes * 60:
        return (
            f"You have been signed out because you had not used the service for {minutes} "
            "minutes. Sign in again to carry on."
        )
    return None


def _return_to() -> str | None:
    """The page to come back to after signing in again: this one, or for a form that was
    being sent or a progress poll, the page it came from (its own address may only accept a
    POST, or be JSON)."""
    if request.method == "GET" and request.endpoint not in NOT_ACTIVITY_ENDPOINTS:
        return request.full_path if request.query_string else request.path
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return None


def end_expired_session() -> Response | None:
    """Before each request: sign out an officer whose time is up; on officer pages, send them
    to sign in with the reason, and back here after; for a form, ask them to sign in again
    with what they sent kept."""
    if request.blueprint in PASSIVE_BLUEPRINTS or request.endpoint in PASSIVE_ENDPOINTS:
        return None
    if "_user_id" not in session:
        return sign_in_again_if_sent() if _needs_sign_in() else None
    now = int(time.time())
    reason = _ended_because(now)
    if reason is None:
        is_activity = request.endpoint not in NOT_ACTIVITY_ENDPOINTS
        if is_activity and now - session[LAST_SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
            session[LAST_SEEN_AT] = now
        return None
    officer = current_user._get_current_object() if current_user.is_authenticated else None
    logout_user()
    session.pop(SIGNED_IN_AT, None)
    session.pop(LAST_SEEN_AT, None)
    if not _needs_sign_in():
        return None
    if request.method == "POST" and officer is not None:
        return ask_to_sign_in_again(officer, reason=reason)
    flash(reason, "info")
    return redirect(url_for("auth.sign_in", next=_return_to()))


def _needs_sign_in() -> bool:
    """Officer and account pages; not public pages, signing in or out, or an address that is
    no page (its 404 says so): there an ended session just carries on signed out."""
    return not (
        request.blueprint is None
        or request.blueprint in CARRY_ON_BLUEPRINTS
        or request.endpoint in CARRY_ON_ENDPOINTS
    )


def register_session_lifetime(app: Flask) -> None:
    app.before_request(end_expired_session)
    user_logged_in.connect(start_session_clock, app)
