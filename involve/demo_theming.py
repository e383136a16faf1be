"""Demo theming: the three demo consultations with a free-text question arrive with a codeframe,
a few dozen answers coded by the demo analyst, and the model's suggestions for the rest, so an
officer trying involve sees the theming screens working rather than empty.

The demo comments are built from themed sentences (involve.demo_text), so "coding" them here
means recognising which themes' sentences a comment contains, as a careful analyst would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from involve import demo_library_text, demo_parking, demo_youth
from involve.demo_text import Theme as DemoTheme
from involve.extensions import db
from involve.jobs.runner import run_inline
from involve.models import (
    CodingSource,
    Consultation,
    Officer,
    Question,
    QuestionKind,
    QuestionPage,
    Stance,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.theming_items import codeframe_for_question, item_texts, start_codeframe

DEMO_CODEFRAMES: dict[str, Sequence[DemoTheme]] = {
    "library-opening-hours": demo_library_text.THEMES,
    "town-centre-parking-plan": demo_parking.THEMES,
    "redesign-of-youth-services": demo_youth.THEMES,
}
CODED_PER_QUESTION = 60
DEMO_ANALYST = "analyst@example.gov.uk"
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if len(word) > 2}


def themes_in(text: str, themes: Sequence[DemoTheme]) -> list[str]:
    """The demo themes whose sentences appear in the text (allowing for the odd typo)."""
    words = _words(text)
    found = []
    for theme in themes:
        for fragment in theme.fragments:
            wanted = _words(fragment)
            if wanted and len(wanted & words) / len(wanted) >= 0.8:
                found.append(theme.name)
                break
    return found


def _free_text_question(consultation: Consultation) -> Question | None:
    return db.session.scalar(
        select(Question)
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(
            QuestionPage.consultation_id == consultation.id,
            Question.kind == QuestionKind.LONG_TEXT,
        )
        .order_by(QuestionPage.position, Question.position)
    )


def seed_demo_theming() -> list[str]:
    analyst = db.session.scalar(select(Officer).where(Officer.email == DEMO_ANALYST))
    lines = []
    for slug, demo_themes in DEMO_CODEFRAMES.items():
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == slug))
        question = _free_text_question(consultation) if consultation else None
        if question is None or codeframe_for_question(question) is not None:
            continue
        codeframe = start_codeframe(actor=analyst, question=question)
        themes = {}
        for position, demo_theme in enumerate(demo_themes):
            theme = Theme(
                codeframe_id=codeframe.id,
                name=demo_theme.name.capitalize(),
                position=position,
                origin="officer",
                created_by_id=analyst.id if analyst else None,
            )
            db.session.add(theme)
            themes[demo_theme.name] = theme
        db.session.flush()
        texts = item_texts(codeframe)
        coded = _code_a_spread(texts, demo_themes, themes, analyst)
        job = run_inline(
            "update_suggestions", subject_id=codeframe.id, requested_by=analyst, params={}
        )
        lines.append(
            f"Themed “{question.text}” in {consultation.title}: {len(themes)} themes, "
            f"{coded} of {len(texts)} answers coded, suggestions {job.status.value}"
        )
    return lines


_STANCE_OF_AGREEMENT = {
    "Strongly agree": Stance.POSITIVE,
    "Agree": Stance.POSITIVE,
    "Neither agree nor disagree": Stance.NEUTRAL,
    "Disagree": Stance.NEGATIVE,
    "Strongly disagree": Stance.NEGATIVE,
}


def _stance_of(item: ThemeItem) -> Stance | None:
    """The stance an analyst would code: the demo comments are written to match the
    respondent's answer to the consultation's agree-disagree question, so take it from there."""
    if item.answer is None:
        return None
    for answer in item.answer.response.answers:
        if answer.question.kind == QuestionKind.AGREE_SCALE and isinstance(answer.value, str):
            return _STANCE_OF_AGREEMENT.get(answer.value)
    return None


def _code_a_spread(texts, demo_themes, themes, analyst) -> int:  # type: ignore[no-untyped-def]
    """Code every n-th answer, as an analyst sampling across the whole set would: at most
    CODED_PER_QUESTION, and a third of the answers at most, so there is always some to do."""
    wanted = min(CODED_PER_QUESTION, max(1, len(texts) // 3))
    step = max(1, len(texts) // wanted)
    now = utc_now()
    coded = 0
    for entry in texts[::step][:wanted]:
        item = db.session.get(ThemeItem, entry.item_id)
        names = themes_in(entry.text, demo_themes)
        for name in names:
            db.session.add(
                ThemeCoding(
                    item_id=item.id,
                    theme_id=themes[name].id,
                    source=CodingSource.OFFICER,
                    coded_by_id=analyst.id if analyst else None,
                    coded_at=now,
                )
            )
        item.no_theme_fits = not names
        item.stance = _stance_of(item)
        item.reviewed_at = now
        item.reviewed_by_id = analyst.id if analyst else None
        coded += 1
    db.session.flush()
    return coded
