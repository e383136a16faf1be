"""The abuse limits, in one place: how often one client may send the public forms and try the
forms that guard a secret (a response reference, a resume code, a subscriber's address) or an
account.

Each counts POSTs only, per client key (an hourly HMAC of the address: see
involve/services/abuse_keys.py), and answers 429. They are generous for people and stop a script:
a whole class of pupils on one school address answering together is never stopped (30 pupils x
about 15 pages, with a few errors each, is under 700 page saves in 10 minutes), a flood is.
The journey's limits are read when a request comes in (hence the lambdas), so tests can lower them.

When a limit stops a page of the response journey, the page says what to do and reads back what
was typed on it (earlier pages are already saved); other forms get the GOV.UK "Too many
attempts" page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Response, make_response, render_template, request

from involve.extensions import limiter

# Failed attempts only (a success redirects): a shared office address where many officers sign
# in, or residents coming back to their answers, is never stopped; a script guessing is.
SIGN_IN = "20 per 10 minutes"  # on top of the 10-failure lockout of each account
# Officers' own account (task F's views; failed attempts only): changing a password, the
# authenticator code at sign-in and at set-up, and "Confirm it's you".
PASSWORD_CHANGE = "10 per 10 minutes"
SECOND_FACTOR = "10 per 10 minutes"
CONFIRM_ITS_YOU = "10 per 10 minutes"
RESUME = "20 per 10 minutes"
# Every attempt: the confirmation page looks the same whether or not the reference was found.
WITHDRAW_EQUALITY = "10 per 10 minutes"
# Every sign-up (each sends an e-mail; an address also gets at most 5 confirmations a day).
SUBSCRIBE = "30 per 10 minutes"
# Responding: every page sent in the journey (question pages, about you, equality), counted
# together. A class of 30 sends about 700 in 10 minutes; a script posting as fast as it can sends
# thousands a minute.
RESPOND = "1000 per 10 minutes"
# "Save and come back later": each makes a resume code. People save once or twice a response.
SAVE_FOR_LATER = "100 per 10 minutes"
# Submitting a whole response (check your answers): one per person, with room for a school hall.
SUBMIT = "300 per 10 minutes"

ReadBack = Callable[[], list[tuple[str, list[str]]]]


def _failed(response: Response) -> bool:
    return response.status_code != 302


def limit_posts(limit: str, *, failures_only: bool = False):  # type: ignore[no-untyped-def]
    """Decorate a view so its POSTs (or only those that fail) count against `limit`."""
    return limiter.limit(limit, methods=["POST"], deduct_when=_failed if failures_only else None)


def limit_responding(read_back: ReadBack):  # type: ignore[no-untyped-def]
    """A page of the response journey: its POSTs count against RESPOND, shared by every page.
    `read_back` gives (label, lines) for what was typed on the page, shown if it is stopped."""
    return limiter.shared_limit(
        lambda: RESPOND, scope="respond", methods=["POST"], on_breach=_journey_breach(read_back)
    )


def limit_saving_for_later(read_back: ReadBack):  # type: ignore[no-untyped-def]
    """A question page's "Save and come back later" counts against SAVE_FOR_LATER too."""
    return limiter.shared_limit(
        lambda: SAVE_FOR_LATER,
        scope="save-for-later",
        methods=["POST"],
        exempt_when=lambda: request.form.get("action") != "save",
        on_breach=_journey_breach(read_back),
    )


def limit_submitting():  # type: ignore[no-untyped-def]
    """Check your answers: submitting a whole response counts against SUBMIT."""
    return limiter.limit(lambda: SUBMIT, methods=["POST"], on_breach=_journey_breach(list))


def _journey_breach(read_back: ReadBack) -> Callable[[object], Response]:
    def breached(limit: object) -> Response:
        return journey_limit_page(read_back(), reset_at=getattr(limit, "reset_at", None))

    return breached


def minutes_to_wait(reset_at: float | None) -> int:
    """Whole minutes until the limit's window has room again (at least 1)."""
    if not reset_at:
        return 10
    return max(1, round((reset_at - time.time()) / 60))


def journey_limit_page(
    read_back: list[tuple[str, list[str]]], *, reset_at: float | None
) -> Response:
    """429: what happened, what to do, and what the person typed on this page."""
    from involve.public.consultation_routes import public_consultation_or_404
    from involve.public.journey_state import current_response

    consultation = public_consultation_or_404((request.view_args or {}).get("slug", ""))
    page = render_template(
        "public/too_many_answers.html",
        consultation=consultation,
        read_back=read_back,
        has_saved_answers=current_response(consultation) is not None,
        is_submitting=request.endpoint == "public.check_answers",
        minutes=minutes_to_wait(reset_at),
        back_url=request.full_path.rstrip("?"),
    )
    return make_response(page, 429)
