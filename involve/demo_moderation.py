"""Demo data for the moderation queue: the closed parking consultation (themed by the demo
analyst) gets a few comments holding the personal data people really do write (a phone number,
an e-mail address, a neighbour's titled name, a street address), and some respondents who agreed
that their answers may be published.

The comments with personal data are coded comments with a highlighted sentence, so the theme
summary picks them as quotes: an officer trying the queue sends the quotes from the theme summary,
or the consented responses from the consultation's overview, and sees the redaction at work.

So that the outcome page has something in people's own words when an officer publishes it, the
theme summary's other quotes arrive approved (by the demo engagement officer, in the audit log),
and so do the points raised at the two parking events whose outcomes are published. Each step is
idempotent: it does nothing once it has been done.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Codeframe,
    Consultation,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    Officer,
    Question,
    Response,
    ResponseStatus,
    ThemeCoding,
    ThemeItem,
)
from involve.services.moderation import ModerationRejected, approve
from involve.services.moderation_queueing import queue_points, queue_quotes
from involve.services.theme_summary import build_summary

DEMO_SLUG = "town-centre-parking-plan"
# Every n-th submitted response agrees to publication, as about a quarter do on real sites.
CONSENT_EVERY = 4
# The parking events whose "You said, we did" is published (involve.demo_compliance).
EVENT_SLUGS = ("parking-drop-in-stroud-market", "disabled-drivers-focus-group")
DEMO_MODERATOR = "officer@example.gov.uk"  # Priya Engagement, in involve.demo
APPROVED_QUOTES = 8
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
    lines = _agree_to_publication(consultation)
    moderator = db.session.scalar(select(Officer).where(Officer.email == DEMO_MODERATOR))
    if moderator is not None:
        lines += _approve_quotes(consultation, moderator)
        lines += _approve_points(moderator)
    return lines


def _agree_to_publication(consultation: Consultation) -> list[str]:
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
    codeframe = _parking_codeframe(consultation)
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


def _parking_codeframe(consultation: Consultation) -> Codeframe | None:
    return db.session.scalar(
        select(Codeframe)
        .join(Question, Question.id == Codeframe.question_id)
        .where(Question.page.has(consultation_id=consultation.id))
    )


def _approve_quotes(consultation: Consultation, moderator: Officer) -> list[str]:
    """Queue the theme summary's quotes that hold no planted personal data and approve them
    (the planted ones are left for an officer to send and redact)."""
    codeframe = _parking_codeframe(consultation)
    if codeframe is None or db.session.scalar(
        select(ModerationItem.id).where(ModerationItem.consultation_id == consultation.id)
    ):
        return []
    picks = [
        (theme.theme_id, quote.item_id)
        for theme in build_summary(codeframe).themes
        for quote in theme.quotes
        if quote.item_id and not any(planted in quote.text for planted in PERSONAL_DATA_SENTENCES)
    ][:APPROVED_QUOTES]
    if not picks:
        return []
    queue_quotes(actor=moderator, codeframe=codeframe, picks=picks)
    approved = _approve_pending(ModerationItem.consultation_id == consultation.id, moderator)
    return [f"Moderation demo: approved {approved} quotes from {consultation.title}"]


def _approve_points(moderator: Officer) -> list[str]:
    lines = []
    for slug in EVENT_SLUGS:
        activity = db.session.scalar(select(Activity).where(Activity.slug == slug))
        if activity is None or not activity.feedback_items:
            continue
        if db.session.scalar(
            select(ModerationItem.id).where(
                ModerationItem.source == ModerationSource.POINT_RAISED,
                ModerationItem.activity_id == activity.id,
            )
        ):
            continue
        queue_points(actor=moderator, activity=activity)
        approved = _approve_pending(ModerationItem.activity_id == activity.id, moderator)
        lines.append(f"Moderation demo: approved {approved} points raised at {activity.title}")
    return lines


def _approve_pending(scope, moderator: Officer) -> int:  # type: ignore[no-untyped-def]
    """Approve the waiting texts in scope that hold no personal data, as an officer would."""
    approved = 0
    for item in db.session.scalars(
        select(ModerationItem)
        .where(scope, ModerationItem.status == ModerationStatus.PENDING)
        .order_by(ModerationItem.id)
    ):
        if item.pii_kinds:
            continue
        try:
            approve(actor=moderator, item=item)
        except ModerationRejected:  # too long to quote without consent: left for an officer
            continue
        approved += 1
    return approved
