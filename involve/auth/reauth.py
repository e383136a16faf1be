"""Re-authentication for sensitive officer actions: the password (and code) must have been
entered in the last few minutes (REAUTHENTICATE_MINUTES), or the officer is asked again.

A GET is sent to the "Confirm it's you" page and back. A POST is answered with the same question
on a page that carries everything the officer typed in hidden fields and posts back to the same
address, so once they have confirmed, their action goes ahead with nothing lost (CSRF is checked
app-wide before any view, so the carried token is a valid one).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from involve.abuse_limits import CONFIRM_ITS_YOU
from involve.auth.attempt_limits import count_failure, refuse_when_used_up
from involve.auth.forms import ConfirmItsYouForm
from involve.forms import remove_unprintable
from involve.models import Officer
from involve.services import officers, totp
from involve.services.errors import WrongPassword

AUTHENTICATED_AT = "authenticated_at"
CONFIRM_PREFIX = "confirm_its_you"
CONFIRM_SCOPE = "confirm-its-you"  # failed attempts, counted per client (attempt_limits.py)

F = TypeVar("F", bound=Callable[..., Any])


def mark_authenticated() -> None:
    """The officer has just entered their password (and code): start the clock."""
    session[AUTHENTICATED_AT] = int(time.time())


def is_recently_authenticated() -> bool:
    at = session.get(AUTHENTICATED_AT)
    window = current_app.config["REAUTHENTICATE_MINUTES"] * 60
    return isinstance(at, int) and 0 <= time.time() - at < window


def confirm_form(**kwargs: Any) -> ConfirmItsYouForm:
    # Field names carry a prefix so they never collide with the form being carried.
    form = ConfirmItsYouForm(prefix=CONFIRM_PREFIX, **kwargs)
    form.needs_code = totp.has_second_factor(current_user)
    return form


def check_identity(form: ConfirmItsYouForm) -> bool | Response:
    """Check the posted confirm form against the signed-in officer: True when confirmed (the
    clock restarts); False with errors on the form; a redirect when the account got locked.

    Failures count against CONFIRM_ITS_YOU for this client, the page's and the inline form's
    together (429 once used up), on top of the account's own lock."""
    refuse_when_used_up(CONFIRM_ITS_YOU, scope=CONFIRM_SCOPE)
    outcome = _check_identity(form)
    if outcome is False:
        count_failure(CONFIRM_ITS_YOU, scope=CONFIRM_SCOPE)
    return outcome


def _check_identity(form: ConfirmItsYouForm) -> bool | Response:
    if not form.validate_on_submit():
        return False
    try:
        if not is_identity_confirmed(form, officer=current_user._get_current_object()):
            return False
    except officers.AccountLocked as error:
        logout_user()
        session.clear()
        flash(f"{error}. You have been signed out: try again later.", "important")
        return redirect(url_for("auth.sign_in"))
    mark_authenticated()
    return True


def is_identity_confirmed(form: ConfirmItsYouForm, *, officer: Officer) -> bool:
    """The (validated) form's password and code against the officer's: False with the error on
    the form. Raises officers.AccountLocked once wrong attempts have locked the account."""
    try:
        officers.confirm_identity(
            officer=officer, password=form.password.data, code=form.code.data or ""
        )
    except WrongPassword as error:
        form.password.errors = [str(error)]
        return False
    except totp.WrongCode as error:
        form.code.errors = [str(error)]
        return False
    return True


def carried_fields(*, leaving_out: tuple[str, ...] = (CONFIRM_PREFIX,)) -> list[tuple[str, str]]:
    """What the officer posted, except the fields of the forms with these prefixes (the confirm
    form's own, with its password), without control characters, which every form drops anyway
    and which have no place in HTML."""
    prefixes = tuple(f"{prefix}-" for prefix in leaving_out)
    return [
        (remove_unprintable(name), remove_unprintable(value))
        for name, values in request.form.lists()
        for value in values
        if not name.startswith(prefixes)
    ]


def confirm_page(form: ConfirmItsYouForm, *, action: str, carried: list[tuple[str, str]]) -> str:
    return render_template("auth/confirm_its_you.html", form=form, action=action, carried=carried)


def this_address() -> str:
    """Where the request was sent, with its query: the carried form posts back here."""
    return request.full_path.rstrip("?")


def require_recent_authentication(view: F) -> F:
    """View decorator: ask for the password (and code) again unless entered in the last
    REAUTHENTICATE_MINUTES. Put it under require_permission, so a 403 comes first."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if is_recently_authenticated():
            return view(*args, **kwargs)
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return redirect(url_for("auth.confirm_its_you", next=this_address()))
        if f"{CONFIRM_PREFIX}-submitted" not in request.form:  # the officer's own form
            form = confirm_form(formdata=None)
        else:
            form = confirm_form()
            outcome = check_identity(form)
            if outcome is True:
                return view(*args, **kwargs)
            if outcome is not False:
                return outcome  # signed out: the account is locked
        return confirm_page(form, action=this_address(), carried=carried_fields())

    wrapped.requires_recent_authentication = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]
