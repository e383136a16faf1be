"""Builders for moderation and redaction tests: free text with personal data planted in it, in a
closed consultation whose answers are themed, and an event with points raised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Answer,
    Codeframe,
    Consultation,
    ModerationItem,
    ModerationSource,
    RespondentProfile,
    Theme,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.moderation_queueing import queue_text
from tests.factories_theming import code, codeframe_with_items

PHONE = "07700 900461"
EMAIL = "pat.jones@example.com"
RESPONDENT = "Priscilla Quarrington"  # the respondent's own name, given in "about you"
TEXTS = (
    f"The car park is too dear. Ring me on {PHONE} to talk about it.",
    f"Please write to me at {EMAIL} because the bus service is poor.",
    "Mrs Dawson next door cannot park. We live at 14 Slad Road near the shops.",
    "Priscilla here: the market square needs more benches.",
)


@dataclass
class Planted:
    consultation: Consultation
    codeframe: Codeframe
    theme: Theme
    items: list[ThemeItem]
    answers: list[Answer]


def closed_consultation_with_pii(*, closed: bool = True) -> Planted:
    """A consultation (closed unless told otherwise) with a long-text question whose four answers
    hold a phone number, an e-mail address, a titled name and street address, and the
    respondent's own name; all coded with one theme, "Parking"."""
    codeframe, items, (theme,) = codeframe_with_items(list(TEXTS), ["Parking"])
    for item in items:
        code(item, theme)
    answers = [db.session.get(Answer, item.answer_id) for item in items]
    consultation = answers[0].response.consultation
    if closed:
        consultation.closed_early_at = utc_now() - timedelta(days=1)
    # The last respondent gave their name in "about you": it is redacted from their text too.
    profile = db.session.scalar(
        select(RespondentProfile).where(RespondentProfile.response_id == answers[3].response_id)
    )
    profile.name = RESPONDENT
    profile.email = "priscilla@example.org"
    db.session.flush()
    return Planted(consultation, codeframe, theme, items, [a for a in answers if a is not None])


def queue_all(planted: Planted) -> list[ModerationItem]:
    """Every planted answer in the queue as a quote for its theme."""
    made = [
        queue_text(actor=None, source=ModerationSource.QUOTE, answer=answer, theme=planted.theme)
        for answer in planted.answers
    ]
    db.session.flush()
    return [item for item in made if item is not None]
