"""Removing personal data from a response, for retention and for erasure requests alike.

What goes: the respondent's name, e-mail address and full postcode (the ward, already derived,
stays), "other" connection text, the resume code and submission key, equality answers (on
erasure only: retention keeps them, as they are only ever reported in aggregate and no longer
tied to a name), and personal data inside free text, which is redacted with the respondent's own
details and the council's list of names as extra terms. Postcode answers are cut to their
outward code ("GL5"). What stays: the answers themselves, age band, ward, channel and dates, so
the consultation's results and representativeness report do not change.

Nothing here commits; callers record the audit event or access-log entry in the same
transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from analysis.privacy import redact
from involve.extensions import db
from involve.models import Answer, DuplicateGroup, QuestionKind, Response, ThemeItem
from involve.models.base import utc_now
from involve.services.authority import get_settings

TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
_OUTWARD = re.compile(r"^\s*([A-Za-z]{1,2}\d[A-Za-z\d]?)")


def council_terms() -> list[str]:
    """The council's own list of names to redact wherever they appear (one per line)."""
    settings = get_settings()
    if settings is None:
        return []
    return [line.strip() for line in settings.redaction_names.splitlines() if line.strip()]


def respondent_terms(response: Response) -> list[str]:
    """The respondent's own details, redacted from their free text wherever they appear."""
    profile = response.profile
    if profile is None:
        return []
    terms = [profile.name, profile.email, profile.postcode]
    # A name's parts on their own too ("Jane" signing off), when long enough not to be a word
    # every text contains.
    terms += [part for part in profile.name.split() if len(part) >= 3]
    return [term for term in terms if term and term.strip()]


def redaction_terms(response: Response | None, *, council: list[str] | None = None) -> list[str]:
    """The council's names and the respondent's own details. `council`: council_terms() read
    once by a caller handling many responses, instead of a query per response."""
    own = respondent_terms(response) if response is not None else []
    return (council_terms() if council is None else council) + own


def redact_text(text: str, terms: Iterable[str] = ()) -> str:
    return redact(text, list(terms)) if text else text


def redact_answer_value(answer: Answer, terms: Iterable[str]) -> Any:
    """The answer's value with free text redacted, in the same shape."""
    kind = answer.question.kind
    value = answer.value
    if kind in TEXT_KINDS and isinstance(value, str):
        return redact_text(value, terms)
    if kind == QuestionKind.POSTCODE and isinstance(value, str):
        found = _OUTWARD.match(value)
        return found.group(1).upper() if found else ""
    if isinstance(value, dict) and isinstance(value.get("other"), str):
        return {**value, "other": redact_text(value["other"], terms)}
    return value


@dataclass
class AnonymisedResponse:
    reference: str
    removed: list[str] = field(default_factory=list)  # what kinds of data were removed
    answers_redacted: int = 0


def anonymise_response(
    response: Response,
    *,
    by: str,
    remove_equality: bool = False,
    council: list[str] | None = None,
) -> AnonymisedResponse:
    """Remove personal data from one response in place (see the module docstring).

    `by` says why ("retention" or "erasure") and is kept on the response. Safe to run twice:
    the second run finds nothing left to remove. `council`: council_terms() read once by a
    caller anonymising many responses, instead of a query per response.
    """
    terms = (council_terms() if council is None else council) + respondent_terms(response)
    result = AnonymisedResponse(reference=response.reference)
    for answer in response.answers:
        new_value = redact_answer_value(answer, terms)
        new_text = redact_text(answer.text, terms)
        if new_value != answer.value or new_text != answer.text:
            answer.value, answer.text = new_value, new_text
            result.answers_redacted += 1
    profile = response.profile
    if profile is not None:
        for attribute, label in (
            ("name", "name"),
            ("email", "email address"),
            ("postcode", "postcode"),
            ("connection_other", "other connection"),
        ):
            if getattr(profile, attribute):
                setattr(profile, attribute, "")
                result.removed.append(label)
        profile.wants_updates = False
    if response.resume_code_hash or response.submission_key:
        response.resume_code_hash = None
        response.resume_expires_at = None
        response.submission_key = None
        result.removed.append("resume code")
    if remove_equality and response.equality is not None:
        response.equality = None
        result.removed.append("equality answers")
    if result.answers_redacted:
        result.removed.append("personal data in answers")
    response.anonymised_at = utc_now()
    response.anonymised_by = by
    return result


def theming_copies(answer_ids: Sequence[int]) -> dict[int, ThemeItem]:
    """The theming items of these answers, by answer id, with their campaign groups (one query:
    retention loads a whole batch's at once)."""
    if not answer_ids:
        return {}
    items = db.session.scalars(
        select(ThemeItem)
        .where(ThemeItem.answer_id.in_(list(answer_ids)))
        .options(selectinload(ThemeItem.duplicate_group))
    ).all()
    return {item.answer_id: item for item in items if item.answer_id is not None}


def redact_theming_copies(
    answers: Sequence[Answer],
    old_texts: dict[int, str],
    terms: list[str],
    copies: dict[int, ThemeItem] | None = None,
) -> None:
    """Redact what theming copied from these (already redacted) answers: officers' notes,
    highlighted excerpts, and a campaign group's example text when it was one of them.

    `old_texts` maps answer id to its text before redaction; `copies` are the items from
    `theming_copies` when the caller loaded them already. The one rule for erasure and
    retention alike.
    """
    if copies is None:
        copies = theming_copies([answer.id for answer in answers])
    for answer in answers:
        item = copies.get(answer.id)
        if item is None:
            continue
        item.note = redact_text(item.note, terms)
        # A highlight must stay an excerpt of the text: keep the redacted ones that still are.
        item.highlights = [
            kept for kept in (redact_text(h, terms) for h in item.highlights) if kept in answer.text
        ]
        group: DuplicateGroup | None = item.duplicate_group
        if group is not None and group.example_text == old_texts.get(answer.id):
            group.example_text = answer.text
