"""The moderation queue: every free text passes here before the public sees it.

A text (an answer, or a point raised at an event) is queued once, whichever way it came in (see
involve.services.moderation_queueing). On queueing it is redacted (`analysis.privacy.redact`, with the respondent's own details and the
council's list of names as extra terms) and the kinds of personal data found are kept. An
officer then approves the redacted text, publishes their own edit (with a reason), or withholds
it (with a reason); each decision can be changed later and each is in the audit log.

Erasure calls `withdraw_for_response`, so nothing of an erased person stays published;
retention calls `redact_for_retention`, which keeps published quotes but redacts the
respondent's own details from them once more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from analysis.privacy import KINDS, find_pii, redact
from involve.extensions import db
from involve.models import (
    Answer,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    Officer,
    Response,
)
from involve.models.base import utc_now
from involve.services.anonymisation import redaction_terms
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound

REASON_MAX = 1_000
TEXT_MAX = 5_000  # an officer's edited text; the longest answers are cut down, not published whole
# A respondent who did not agree to publication was told only "short extracts" may be quoted:
# their text is published only up to this length (an officer edits a longer one down).
EXTRACT_MAX = 300
PUBLISHED = (ModerationStatus.APPROVED, ModerationStatus.EDITED)
# Why a text left the public when its respondent's personal data was removed.
ERASED = "erased"
RETENTION = "retention"

STATUS_LABELS = {
    ModerationStatus.PENDING: "Waiting for a decision",
    ModerationStatus.APPROVED: "Approved",
    ModerationStatus.EDITED: "Edited and published",
    ModerationStatus.WITHHELD: "Withheld",
}
SOURCE_LABELS = {
    ModerationSource.QUOTE: "Quote for a theme",
    ModerationSource.CONSENTED_RESPONSE: "Response the respondent agreed to publish",
    ModerationSource.POINT_RAISED: "Point raised at an event",
}
PII_LABELS = {
    "email": "email address",
    "phone": "phone number",
    "postcode": "postcode",
    "ni number": "National Insurance number",
    "nhs number": "NHS number",
    "address": "street address",
    "name": "name",
}


class ModerationRejected(DomainError):
    """The decision cannot be made as asked; the message says why."""


def pii_kinds(text: str, terms: Iterable[str]) -> list[str]:
    """The kinds of personal data in the text, once each, in the order of analysis.privacy.KINDS."""
    found = {match.kind for match in find_pii(text, list(terms))}
    return [kind for kind in KINDS if kind in found]


def describe_kinds(kinds: Sequence[str]) -> str:
    """The kinds in words for officers, like "a phone number and an email address"."""
    words = [
        f"{'an' if kind in ('email', 'nhs number') else 'a'} {PII_LABELS[kind]}" for kind in kinds
    ]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def original_text(item: ModerationItem) -> str:
    """The text as it is held now (after any anonymisation), for officers only."""
    if item.answer is not None:
        return item.answer.text
    if item.feedback_item is not None:
        return item.feedback_item.text
    return ""


# -- decisions --------------------------------------------------------------------------------
def get_item(item_id: int) -> ModerationItem:
    item = db.session.get(ModerationItem, item_id)
    if item is None:
        raise NotFound("moderation item")
    return item


def is_erased(item: ModerationItem) -> bool:
    """Its respondent asked for their data to be erased: it may never be published."""
    return item.answer is not None and item.answer.response.anonymised_by == "erasure"


def _decide(
    *,
    actor: Officer,
    item: ModerationItem,
    status: ModerationStatus,
    published: str,
    reason: str,
    detail: dict[str, Any],
) -> None:
    previous = item.status
    item.status = status
    item.published_text = published
    item.reason = reason
    item.decided_by_id = actor.id
    item.decided_at = utc_now()
    db.session.flush()
    verbs = {
        ModerationStatus.APPROVED: "Approved",
        ModerationStatus.EDITED: "Edited and published",
        ModerationStatus.WITHHELD: "Withheld",
    }
    record_event(
        actor=actor,
        action=f"moderation.{status.value}",
        object_type="moderation_item",
        object_id=item.id,
        summary=f"{verbs[status]} text {item.id} in the moderation queue"
        + (f". Reason: {reason}" if reason else ""),
        detail={"previous_status": str(previous), **detail},
    )


def _checked(value: str, *, missing: str, too_long: str, limit: int) -> str:
    value = value.replace("\x00", "").strip()
    if not value:
        raise ModerationRejected(missing)
    if len(value) > limit:
        raise ModerationRejected(too_long)
    return value


def without_consent(item: ModerationItem) -> bool:
    """The text is a respondent's answer and they did not agree to its publication."""
    return item.answer is not None and not item.answer.response.publish_consent


def _check_extract(item: ModerationItem, text: str) -> None:
    if without_consent(item) and len(text) > EXTRACT_MAX:
        raise ModerationRejected(
            "This respondent did not agree to publish their answers, so only a short extract "
            f"may be quoted: edit it to {EXTRACT_MAX} characters or fewer, or withhold it"
        )


def approve(*, actor: Officer, item: ModerationItem) -> None:
    """Publish the redacted text as it is."""
    if is_erased(item):
        raise ModerationRejected(
            "This text cannot be published: its respondent asked for it to be erased"
        )
    if not item.redacted_text.strip():
        raise ModerationRejected("This text is empty: edit it or withhold it")
    _check_extract(item, item.redacted_text.strip())
    _decide(
        actor=actor,
        item=item,
        status=ModerationStatus.APPROVED,
        published=item.redacted_text,
        reason="",
        detail={},
    )


def edit(*, actor: Officer, item: ModerationItem, text: str, reason: str) -> list[str]:
    """Publish the officer's own text instead, redacted again like any other text (nothing
    reaches the public unredacted, even from an officer); returns the kinds of personal data
    that redaction removed from the edit, so the officer can check what was published."""
    if is_erased(item):
        raise ModerationRejected(
            "This text cannot be published: its respondent asked for it to be erased"
        )
    text = _checked(
        text,
        missing="Enter the text to publish",
        too_long=f"The text to publish must be {TEXT_MAX:,} characters or fewer",
        limit=TEXT_MAX,
    )
    reason = _checked(
        reason,
        missing="Enter why you changed the text",
        too_long=f"The reason must be {REASON_MAX:,} characters or fewer",
        limit=REASON_MAX,
    )
    _check_extract(item, text)
    terms = redaction_terms(item.answer.response if item.answer is not None else None)
    still = pii_kinds(text, terms)
    published = redact(text, terms) if still else text
    # The edited text itself stays out of the audit log: it may hold personal data (the officer
    # is only warned), and the log is never erased. It lives on the item, which erasure clears.
    _decide(
        actor=actor,
        item=item,
        status=ModerationStatus.EDITED,
        published=published,
        reason=reason,
        detail={"characters": len(published), "reason": reason, "personal_data_found": still},
    )
    return still


def withhold(*, actor: Officer, item: ModerationItem, reason: str) -> None:
    """Keep the text off the public site (also how an earlier approval is withdrawn)."""
    reason = _checked(
        reason,
        missing="Enter why the text is withheld",
        too_long=f"The reason must be {REASON_MAX:,} characters or fewer",
        limit=REASON_MAX,
    )
    _decide(
        actor=actor,
        item=item,
        status=ModerationStatus.WITHHELD,
        published="",
        reason=reason,
        detail={"reason": reason},
    )


def redact_for_retention(response: Response, terms: Iterable[str]) -> int:
    """Retention keeps what officers published (it was redacted and checked, and a "You said,
    we did" page must not lose its quotes years later), but redacts the respondent's own
    details from the published and queued texts once more. `terms` are read before
    anonymisation removed them. Returns how many published texts changed."""
    terms = list(terms)
    items = db.session.scalars(
        select(ModerationItem)
        .join(Answer, Answer.id == ModerationItem.answer_id)
        .where(Answer.response_id == response.id)
    ).all()
    changed = 0
    for item in items:
        item.redacted_text = redact(item.redacted_text, terms)
        if item.published_text:
            published = redact(item.published_text, terms)
            if published != item.published_text:
                item.published_text = published
                changed += 1
    return changed


def withdraw_for_response(
    response: Response,
    *,
    reason: str | None = None,
    actor: Officer | None = None,
    council: list[str] | None = None,
) -> int:
    """Withhold every queued text of a response whose personal data is being removed, so no
    stale text stays published. Called by erasure. `reason` defaults from
    `response.anonymised_by`: "retention" stays "retention", anything else is "erased".
    The redacted text is worked out again from the answer as it is now. A text an officer had
    already withheld keeps its decision and reason. Returns how many items were taken off the
    public site or out of the queue. `council`: council_terms() read once by a caller handling
    many responses."""
    reason = reason or (RETENTION if response.anonymised_by == RETENTION else ERASED)
    items = db.session.scalars(
        select(ModerationItem)
        .join(Answer, Answer.id == ModerationItem.answer_id)
        .where(Answer.response_id == response.id)
    ).all()
    terms = redaction_terms(response, council=council)
    changed: dict[str, list[int]] = defaultdict(list)
    for item in items:
        item.redacted_text = redact(original_text(item), terms)
        if item.status == ModerationStatus.WITHHELD:
            continue
        changed[str(item.status)].append(item.id)
        item.status = ModerationStatus.WITHHELD
        item.published_text = ""
        item.reason = reason
        item.decided_by_id = actor.id if actor is not None else None
        item.decided_at = utc_now()
    db.session.flush()
    count = sum(len(ids) for ids in changed.values())
    if count:
        record_event(
            actor=actor,
            action="moderation.withdrawn",
            object_type="response",
            object_id=response.id,
            summary=f"Withheld {count} queued text{'s' if count != 1 else ''} of a "
            f"response ({reason})",
            detail={"reason": reason, "by_previous_status": dict(changed)},
        )
    return count
