"""Short-lived keys for abuse limits (how many responses or sign-ins from one place), so the
respondent's IP address itself is never stored or logged by us.

The key is an HMAC of the address with the app's secret key and the current hour (UTC): within
the hour the same address always gets the same key, so a rate limit can count it; the next hour
it gets an unrelated one, so keys cannot be linked over time; and without the secret key the
address cannot be recovered by trying all four billion IPv4 addresses.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from flask import current_app

from involve.models.base import utc_now

KEY_LENGTH = 32  # hex characters: 128 bits, plenty to keep addresses apart


def hashed_client_key(
    remote_addr: str | None, now: datetime | None = None, *, secret: str | bytes | None = None
) -> str:
    """A key for this client that changes every hour; `secret` defaults to SECRET_KEY."""
    secret = secret if secret is not None else current_app.config["SECRET_KEY"]
    if isinstance(secret, str):
        secret = secret.encode()
    hour = (now or utc_now()).astimezone(UTC).strftime("%Y-%m-%dT%H")
    message = f"{hour}|{remote_addr or ''}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:KEY_LENGTH]
