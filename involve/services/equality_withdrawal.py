"""Withdrawing a response's equality answers, by the respondent on the public site or by an
officer on their behalf. The rest of the response is kept; the representativeness report counts
the response as "not given" from then on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import AccessAction, Officer, Response, ResponseStatus
from involve.services.access_log import record_access
from involve.services.audit import record_event
from involve.services.references import normalise_reference

REFERENCE_MAX = 40  # a reference is 11 characters; room for spaces people type


def find_withdrawable(reference_text: str) -> Response | None:
    """The submitted response with this reference, if it still holds equality answers.

    None both when there is no such response and when it holds no equality answers, so the
    public page gives one answer for both and reveals nothing else about a reference."""
    reference = normalise_reference(reference_text[:REFERENCE_MAX])
    response = db.session.scalar(
        select(Response)
        .where(Response.reference == reference, Response.status == ResponseStatus.SUBMITTED)
        .options(selectinload(Response.equality))
    )
    if response is None or response.equality is None:
        return None
    return response


def withdraw_equality_answers(
    *, response: Response, actor: Officer | None, reason: str = ""
) -> bool:
    """Delete the response's equality answers; False when there were none (nothing recorded).

    `actor` None means the respondent did it themselves on the public site."""
    if response.equality is None:
        return False
    response.equality = None  # delete-orphan: the row goes
    db.session.flush()
    by = "respondent" if actor is None else "officer"
    record_event(
        actor=actor,
        action="response.equality_withdrawn",
        object_type="response",
        object_id=response.reference,
        summary=(
            f"The respondent withdrew the equality answers of response {response.reference}"
            if actor is None
            else f"Withdrew the equality answers of response {response.reference} on request"
        ),
        detail={"by": by, "reason": reason} if reason else {"by": by},
    )
    if actor is not None:
        record_access(
            officer=actor,
            action=AccessAction.EQUALITY_WITHDRAWAL,
            object_type="response",
            object_id=response.reference,
            consultation_id=response.consultation_id,
            reason=reason,
        )
    return True
