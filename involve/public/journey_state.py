"""Which in-progress response belongs to this browser, per consultation.

The signed session cookie holds only the response's id for each consultation the person has
started; the answers themselves are saved in the database page by page, so nothing typed is
lost if the browser closes (they can resume with a code)."""

from __future__ import annotations

from flask import session

from involve.extensions import db
from involve.models import Consultation, Response, ResponseStatus

_KEY = "responses"


def current_response(consultation: Consultation) -> Response | None:
    """This browser's in-progress response to the consultation, if any."""
    response_id = session.get(_KEY, {}).get(str(consultation.id))
    if response_id is None:
        return None
    response = db.session.get(Response, response_id)
    if (
        response is None
        or response.consultation_id != consultation.id
        or response.status != ResponseStatus.IN_PROGRESS
    ):
        return None
    return response


def remember_response(consultation: Consultation, response: Response) -> None:
    started = dict(session.get(_KEY, {}))
    started[str(consultation.id)] = response.id
    session[_KEY] = started


def forget_response(consultation: Consultation) -> None:
    started = dict(session.get(_KEY, {}))
    started.pop(str(consultation.id), None)
    session[_KEY] = started


def remember_submitted_reference(consultation: Consultation, reference: str) -> None:
    """Kept so the confirmation page can show the reference after the redirect."""
    session[f"submitted:{consultation.id}"] = reference


def submitted_reference(consultation: Consultation) -> str | None:
    return session.get(f"submitted:{consultation.id}")
