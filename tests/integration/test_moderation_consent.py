"""Moderation decisions that depend on the respondent: without publication consent only a short
extract may be published, and withdrawing an anonymised response's texts keeps an officer's own
earlier decision to withhold one."""

from __future__ import annotations

import pytest

from involve.extensions import db
from involve.models import ModerationItem, ModerationStatus
from involve.services import moderation
from involve.services.anonymisation import anonymise_response
from involve.services.moderation import ModerationRejected
from tests.factories import AnswerFactory, OfficerFactory
from tests.factories_moderation import closed_consultation_with_pii, queue_all


def _long_answer_item(*, consent: bool) -> ModerationItem:
    planted = closed_consultation_with_pii()
    answer = planted.answers[0]
    answer.text = "The car park is too dear. " * 20  # 520 characters
    answer.response.publish_consent = consent
    db.session.flush()
    (item,) = [
        made
        for made in queue_all(planted)
        if made.answer_id == answer.id  # the long one
    ]
    return item


def test_a_long_text_without_consent_is_published_only_as_a_short_extract():
    officer = OfficerFactory(role="engagement_officer")
    item = _long_answer_item(consent=False)

    with pytest.raises(ModerationRejected, match="did not agree to publish"):
        moderation.approve(actor=officer, item=item)
    with pytest.raises(ModerationRejected, match="300 characters or fewer"):
        moderation.edit(actor=officer, item=item, text="x " * 200, reason="cut")
    assert item.status == ModerationStatus.PENDING

    moderation.edit(actor=officer, item=item, text="The car park is too dear.", reason="extract")
    assert item.published_text == "The car park is too dear."


def test_a_long_text_with_consent_can_be_published_whole():
    officer = OfficerFactory(role="engagement_officer")
    item = _long_answer_item(consent=True)

    moderation.approve(actor=officer, item=item)

    assert item.status == ModerationStatus.APPROVED
    assert len(item.published_text) > moderation.EXTRACT_MAX


def test_withdrawal_keeps_an_officers_own_withholding_and_counts_only_what_it_took_down():
    officer = OfficerFactory(role="engagement_officer")
    planted = closed_consultation_with_pii()
    shown, offensive, *_ = queue_all(planted)
    moderation.approve(actor=officer, item=shown)
    moderation.withhold(actor=officer, item=offensive, reason="Offensive")
    # Both texts from one response, so one withdrawal covers them.
    offensive.answer_id = AnswerFactory(response=shown.answer.response).id
    db.session.flush()
    db.session.expire_all()

    response = shown.answer.response
    anonymise_response(response, by="erasure")
    taken_down = moderation.withdraw_for_response(response)

    assert taken_down == 1
    assert shown.status == ModerationStatus.WITHHELD and shown.reason == moderation.ERASED
    assert offensive.status == ModerationStatus.WITHHELD and offensive.reason == "Offensive"
    assert offensive.decided_by_id == officer.id
