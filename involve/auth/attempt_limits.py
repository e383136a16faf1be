"""Limits on failed identity checks that are not a view of their own: "Confirm it's you" sent
inline with a sensitive form (involve/auth/reauth.py) and signing in again where an expired
session's form was sent (involve/auth/sign_in_again.py).

A view decorator (involve/abuse_limits.py) counts the POSTs of one address; these checks happen
on many addresses (any sensitive view, any officer form), so they count in one named bucket per
kind of check, in the same storage, per the same client key, under the same limit strings. The
"Confirm it's you" page counts in the same bucket as the inline form, so the two together get
CONFIRM_ITS_YOU and no more.
"""

from __future__ import annotations

import logging

from flask import abort, request
from limits import parse

from involve.extensions import limiter
from involve.services.abuse_keys import hashed_client_key

log = logging.getLogger(__name__)


def _identifiers(scope: str) -> tuple[str, str]:
    return hashed_client_key(request.remote_addr), scope


def refuse_when_used_up(limit: str, *, scope: str) -> None:
    """Answer 429 ("Too many attempts") before checking anything once this client has failed
    `limit` times in `scope`."""
    if not limiter.enabled:
        return
    try:
        has_room = limiter.limiter.test(parse(limit), *_identifiers(scope))
    except Exception:  # storage unreachable: like RATELIMIT_SWALLOW_ERRORS, never lock people out
        log.exception("Could not read the %s attempt count", scope)
        return
    if not has_room:
        abort(429)


def count_failure(limit: str, *, scope: str) -> None:
    if not limiter.enabled:
        return
    try:
        limiter.limiter.hit(parse(limit), *_identifiers(scope))
    except Exception:
        log.exception("Could not count a failed %s attempt", scope)
