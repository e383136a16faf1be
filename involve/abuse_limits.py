"""The abuse limits, in one place: how often one client may try the forms that guard a secret
(a response reference, a resume code, a subscriber's address) or an account.

Each counts POSTs only, per client key (an hourly HMAC of the address: see
involve/services/abuse_keys.py), and answers 429 with a GOV.UK "Too many attempts" page. They
are generous for a person (a resident mistyping a reference a few times) and stop a script
guessing. Issue 9 adds limits on responding and saving.
"""

from __future__ import annotations

from involve.extensions import limiter

SIGN_IN = "20 per 10 minutes"  # on top of the 10-failure lockout of each account
WITHDRAW_EQUALITY = "10 per 10 minutes"
RESUME = "20 per 10 minutes"
SUBSCRIBE = "10 per 10 minutes"


def limit_posts(limit: str):  # type: ignore[no-untyped-def]
    """Decorate a view so its POSTs count against `limit`."""
    return limiter.limit(limit, methods=["POST"])
