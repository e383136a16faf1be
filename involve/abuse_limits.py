"""The abuse limits, in one place: how often one client may try the forms that guard a secret
(a response reference, a resume code, a subscriber's address) or an account.

Each counts POSTs only, per client key (an hourly HMAC of the address: see
involve/services/abuse_keys.py), and answers 429 with a GOV.UK "Too many attempts" page. They
are generous for a person (a resident mistyping a reference a few times) and stop a script
guessing. Issue 9 adds limits on responding and saving.
"""

from __future__ import annotations

from flask import Response

from involve.extensions import limiter

# Failed attempts only (a success redirects): a shared office address where many officers sign
# in, or residents coming back to their answers, is never stopped; a script guessing is.
SIGN_IN = "20 per 10 minutes"  # on top of the 10-failure lockout of each account
RESUME = "20 per 10 minutes"
# Every attempt: the confirmation page looks the same whether or not the reference was found.
WITHDRAW_EQUALITY = "10 per 10 minutes"
# Every sign-up (each sends an e-mail; an address also gets at most 5 confirmations a day).
SUBSCRIBE = "30 per 10 minutes"


def _failed(response: Response) -> bool:
    return response.status_code != 302


def limit_posts(limit: str, *, failures_only: bool = False):  # type: ignore[no-untyped-def]
    """Decorate a view so its POSTs (or only those that fail) count against `limit`."""
    return limiter.limit(limit, methods=["POST"], deduct_when=_failed if failures_only else None)
