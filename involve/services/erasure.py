"""Erasure on request: a person's responses anonymised, with everything that copied their words.

anonymise_response removes the personal data from the response itself; erasure also removes
the equality answers, takes the answers out of the moderation queue (withheld, never
published), and redacts the copies theming made: an officer's note and highlighted excerpts,
and a campaign group's example text when it was this answer. Each response gets an audit event
and an access-log row holding the reference and the officer's reason only.

The e-mail address a response gave (and the one searched for, when the person was found by
e-mail) takes its subscriptions and the e-mails written to it along (involve.services.email_data):
once per address however many of the person's responses gave it, with one audit event and one
access-log row holding the numbers only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import AccessAction, Answer, Officer, Response
from involve.services.access_log import record_access
from involve.services.anonymisation import (
    anonymise_response,
    council_terms,
    redact_theming_copies,
    redaction_terms,
)
from involve.services.audit import record_event
from involve.services.email_data import ErasedEmailData, erase_email_data
from involve.services.moderation import withdraw_for_response

REASON_MAX = 500


@dataclass(frozen=True)
class Erased:
    reference: str
    removed: list[str]  # kinds of data removed ("name", "email address" ...); empty if none left


@dataclass
class Erasure:
    """What one erasure request removed."""

    responses: list[Erased] = field(default_factory=list)
    email_data: ErasedEmailData = field(default_factory=lambda: ErasedEmailData(0, 0))

    def __bool__(self) -> bool:
        data = self.email_data
        return bool(self.responses or data.subscriptions_deleted or data.emails_blanked)


def find_responses(references: Sequence[str]) -> list[Response]:
    """The responses with these references (already normalised), in the order given."""
    if not references:
        return []
    found = {
        response.reference: response
        for response in db.session.scalars(
            select(Response)
            .where(Response.reference.in_(references))
            .options(
                selectinload(Response.answers).selectinload(Answer.question),
                selectinload(Response.profile),
                selectinload(Response.equality),
                selectinload(Response.consultation),
            )
        )
    }
    return [found[reference] for reference in dict.fromkeys(references) if reference in found]


def addresses_of(responses: Iterable[Response], searched_email: str = "") -> list[str]:
    """The e-mail addresses whose subscriptions and e-mails go with these responses, each once."""
    found = [searched_email] + [r.profile.email for r in responses if r.profile is not None]
    return sorted({address.strip().lower() for address in found if address.strip()})


def erase_response(
    *, actor: Officer | None, response: Response, reason: str, council: list[str] | None = None
) -> Erased:
    """Erase one person's response (see the module docstring). Safe to repeat: a second
    erasure finds nothing left and keeps the date of the first. `council`: council_terms(),
    read once by a caller erasing many responses."""
    council = council_terms() if council is None else council
    was_erased_at = response.anonymised_at if response.anonymised_by == "erasure" else None
    # Before the profile's name and e-mail are removed.
    terms = redaction_terms(response, council=council)
    old_texts = {answer.id: answer.text for answer in response.answers}
    result = anonymise_response(response, by="erasure", remove_equality=True, council=council)
    if was_erased_at is not None and not result.removed:
        response.anonymised_at = was_erased_at
    db.session.flush()
    # Their words leave the public, even redacted (involve.services.moderation).
    withheld = withdraw_for_response(response, actor=actor, council=council)
    redact_theming_copies(response.answers, old_texts, terms)
    summary = (
        f"Erased personal data from response {response.reference} on request. Reason: {reason}"
        if result.removed
        else f"Erasure requested for response {response.reference}: nothing left to remove"
    )
    record_event(
        actor=actor,
        action="response.erased",
        object_type="response",
        object_id=response.reference,
        summary=summary,
        detail={"reason": reason, "removed": result.removed, "moderation_withheld": withheld},
    )
    record_access(
        officer=actor,
        action=AccessAction.ERASURE,
        object_type="response",
        object_id=response.reference,
        consultation_id=response.consultation_id,
        reason=reason,
    )
    db.session.flush()
    return Erased(response.reference, result.removed)


def _erase_email_data(
    *, actor: Officer | None, addresses: list[str], reason: str
) -> ErasedEmailData:
    erased = erase_email_data(addresses)
    if not (erased.subscriptions_deleted or erased.emails_blanked):
        return erased
    counts = {
        "subscriptions_deleted": erased.subscriptions_deleted,
        "emails_blanked": erased.emails_blanked,
    }
    record_event(
        actor=actor,
        action="email_data.erased",
        object_type="email_data",
        object_id="",
        summary=f"Erased {erased.subscriptions_deleted} subscription"
        f"{'s' if erased.subscriptions_deleted != 1 else ''} and {erased.emails_blanked} e-mail"
        f"{'s' if erased.emails_blanked != 1 else ''} on request",
        detail={"reason": reason, **counts},
    )
    record_access(
        officer=actor,
        action=AccessAction.ERASURE,
        object_type="email_data",
        reason=reason,
        detail={"subscriptions": erased.subscriptions_deleted, "emails": erased.emails_blanked},
    )
    return erased


def erase_responses(
    *,
    actor: Officer | None,
    references: Sequence[str],
    reason: str,
    searched_email: str = "",
) -> Erasure:
    """Erase these responses, and the subscriptions and e-mails of the addresses they gave
    and of `searched_email` (the person was found by e-mail address)."""
    responses = find_responses(references)
    addresses = addresses_of(responses, searched_email)  # before erasure blanks them
    council = council_terms() if responses else []
    erasure = Erasure(
        [
            erase_response(actor=actor, response=response, reason=reason, council=council)
            for response in responses
        ]
    )
    erasure.email_data = _erase_email_data(actor=actor, addresses=addresses, reason=reason)
    return erasure
