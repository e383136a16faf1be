"""Retention reaches the copies of a respondent's words: the moderation queue (a published quote
is withdrawn) and theming (an analyst's note, highlights and a campaign group's example)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    DuplicateGroup,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.retention import apply_retention
from tests.factories_theming import codeframe_with_items

PHONE = "07700 900123"
TEXT = f"The play park floods every winter. Ring me on {PHONE}, Jane Doe"


def _expired_with_coded_answer():  # type: ignore[no-untyped-def]
    codeframe, items, _themes = codeframe_with_items([TEXT, "Another view entirely"])
    item = items[0]
    consultation = item.answer.response.consultation
    consultation.opens_at = utc_now() - timedelta(days=1000)
    consultation.closes_at = utc_now() - timedelta(days=900)
    consultation.published_at = utc_now() - timedelta(days=1001)
    item.answer.response.profile.name = "Jane Doe"
    item.note = f"Jane Doe left her number {PHONE}: follow up"
    item.highlights = [f"Ring me on {PHONE}", "The play park floods every winter."]
    group = DuplicateGroup(codeframe_id=codeframe.id, example_text=TEXT, size=2)
    db.session.add(group)
    db.session.flush()
    item.duplicate_group_id = group.id
    moderation = ModerationItem(
        consultation_id=consultation.id,
        answer_id=item.answer_id,
        source=ModerationSource.QUOTE,
        status=ModerationStatus.APPROVED,
        redacted_text="The play park floods every winter. Ring me on [phone], [name]",
        published_text="The play park floods every winter.",
    )
    db.session.add(moderation)
    db.session.flush()
    return item, group, moderation


def test_a_published_quote_stays_published_with_the_respondents_details_redacted():
    item, _group, moderation = _expired_with_coded_answer()
    moderation.published_text = "The play park floods every winter, says Jane Doe."
    db.session.flush()
    (report,) = apply_retention()
    assert report.published_redacted == 1
    db.session.refresh(moderation)
    assert moderation.status == ModerationStatus.APPROVED
    assert moderation.published_text == "The play park floods every winter, says [name]."
    assert PHONE not in moderation.redacted_text and "Jane" not in moderation.redacted_text
    assert "published quote had the respondent's own details removed" in " ".join(report.lines())
    assert item.answer.response.anonymised_by == "retention"


def test_theming_copies_of_the_words_are_redacted_like_the_answer():
    item, group, _moderation = _expired_with_coded_answer()
    apply_retention()
    db.session.expire_all()
    text = item.answer.text
    assert PHONE not in text and "The play park floods every winter." in text
    assert PHONE not in item.note and "Jane" not in item.note and "follow up" in item.note
    # Still excerpts of the (now redacted) text, without the number.
    assert len(item.highlights) == 2 and all(part in text for part in item.highlights)
    assert not any(PHONE in part for part in item.highlights)
    assert group.example_text == text


def test_responses_without_queued_texts_are_not_sent_to_the_moderation_queue():
    _expired_with_coded_answer()
    apply_retention()
    assert db.session.scalar(select(func.count(ModerationItem.id))) == 1


def test_a_note_naming_the_respondent_is_redacted_even_when_the_answer_had_nothing_to_redact():
    item, _group, _moderation = _expired_with_coded_answer()
    other = db.session.scalars(
        select(ThemeItem).where(
            ThemeItem.codeframe_id == item.codeframe_id, ThemeItem.id != item.id
        )
    ).one()
    other.answer.response.profile.name = "Sam Other"
    other.note = "Sam Other rang to say more about this"
    db.session.flush()
    apply_retention()
    db.session.expire_all()
    assert other.answer.text == "Another view entirely"
    assert "Sam" not in other.note and "rang to say more" in other.note
