"""Demo data for the moderation queue: the closed parking consultation (themed by the demo
analyst) gets a few comments holding the personal data people really do write (a phone number,
an e-mail address, a neighbour's titled name, a street address), and some respondents who agreed
that their answers may be published.

The comments with personal data are coded comments with a highlighted sentence, so the theme
summary picks them as quotes: an officer trying the queue sends the quotes from the theme summary,
or the consented responses from the consultation's overview, and sees the redaction at work.
Idempotent: nothing happens once any parking respondent has agreed to publication.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Answer,
    Codeframe,
    Consultation,
    Question,
    Response,
    ResponseStatus,
    ThemeCoding,
    ThemeItem,
)

DEMO_SLUG = "town-centre-parking-plan"
# Every n-th submitted response agrees to publication, as about a quarter do on real sites.
CONSENT_EVERY = 4
PERSONAL_DATA_SENTENCES = (
    "If anyone from the council wants to talk it through, ring me on 07700 900461.",
    "Please reply to me at sam.hollis@example.com, I never heard back last time.",
    "Mrs Dawson next door is disabled and can no longer park anywhere near her house.",
    "We live at 14 Slad Road and already cannot park outside our own home.",
)


def seed_demo_moderation() -> list[str]:
    consultation = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
    if consultation is None:
        return []
    submitted = list(
        db.session.scalars(
            select(Response)
            .where(
                Response.consultation_id == consultation.id,
                Response.status == ResponseStatus.SUBMITTED,
            )
            .order_by(Response.id)
        )
    )
    if not submitted or any(response.publish_consent for response in submitted):
        return []
    for index, response in enumerate(submitted):
        response.publish_consent = index % CONSENT_EVERY == 0
    planted = _plant_personal_data(consultation)
    db.session.flush()
    consenting = sum(response.publish_consent for response in submitted)
    return [
        f"Moderation demo: {consenting} respondents to {consultation.title} agreed to "
        f"publication; {planted} of their comments hold personal data to redact"
    ]


def _plant_personal_data(consultation: Consultation) -> int:
    """Add one sentence with personal data to each of a few coded comments, one per theme,
    highlight their first sentence (so the theme summary quotes them), and mark their
    respondents as agreeing to publication."""
    codeframe = db.session.scalar(
        select(Codeframe)
        .join(Question, Question.id == Codeframe.question_id)
        .where(Question.page.has(consultation_id=consultation.id))
    )
    if codeframe is None:
        return 0
    rows = db.session.execute(
        select(ThemeItem, ThemeCoding.theme_id)
        .join(ThemeCoding, ThemeCoding.item_id == ThemeItem.id)
        .where(ThemeItem.codeframe_id == codeframe.id, ThemeItem.answer_id.is_not(None))
        .order_by(ThemeItem.id)
        .options(selectinload(ThemeItem.answer).selectinload(Answer.response))
    ).all()
    chosen: dict[int, ThemeItem] = {}
    for item, theme_id in rows:
        if theme_id not in chosen and item not in chosen.values():
            chosen[theme_id] = item
    for item, sentence in zip(chosen.values(), PERSONAL_DATA_SENTENCES, strict=False):
        answer = item.answer
        assert answer is not None
        first = answer.text.split(". ")[0].strip()
        answer.text = answer.value = f"{answer.text.rstrip()} {sentence}"
        item.highlights = [first] if first else []
        answer.response.publish_consent = True
    return min(len(chosen), len(PERSONAL_DATA_SENTENCES))
