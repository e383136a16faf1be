"""The moderation services: queueing (redacted once, one item per text whichever way it came
in), decisions and their audit trail, withdrawal when a response is anonymised, and what the
public may read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
)
from involve.models.base import utc_now
from involve.services import moderation, moderation_public, moderation_queueing
from involve.services.anonymisation import anonymise_response
from involve.services.moderation import ModerationRejected
from tests.factories import AnswerFactory, AuthoritySettingsFactory, OfficerFactory
from tests.factories_activities import FeedbackItemFactory
from tests.factories_moderation import (
    EMAIL,
    PHONE,
    RESPONDENT,
    closed_consultation_with_pii,
    queue_all,
)
from tests.factories_theming import ThemeFactory, codeframe_with_items


def _items() -> list[ModerationItem]:
    return list(db.session.scalars(select(ModerationItem).order_by(ModerationItem.id)))


def _events(action: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


# -- queueing ---------------------------------------------------------------------------------
def test_queued_text_is_redacted_and_its_personal_data_kinds_kept():
    AuthoritySettingsFactory(redaction_names="Gerald Pemberton\n")
    planted = closed_consultation_with_pii()
    planted.answers[2].text = planted.answers[2].value = (
        "Mrs Dawson next door cannot park. Gerald Pemberton at the council ignored us."
    )

    phone, email, titled, own_name = queue_all(planted)

    assert phone.redacted_text == "The car park is too dear. Ring me on [phone] to talk about it."
    assert phone.pii_kinds == ["phone"]
    assert EMAIL not in email.redacted_text and "[email]" in email.redacted_text
    # The council's own list of names (staff, councillors) is redacted as well as titled names.
    assert titled.redacted_text == (
        "Mrs [name] next door cannot park. [name] at the council ignored us."
    )
    # The respondent's own name, from "about you", even written on its own.
    assert RESPONDENT.split()[0] not in own_name.redacted_text
    assert own_name.redacted_text.startswith("[name] here")
    assert all(
        item.status == ModerationStatus.PENDING and not item.published_text for item in _items()
    )
    assert phone.consultation_id == planted.consultation.id
    assert phone.theme_id == planted.theme.id


def test_a_text_is_queued_once_whichever_way_it_comes_in():
    planted = closed_consultation_with_pii()
    first = queue_all(planted)
    officer = OfficerFactory()
    planted.answers[0].response.publish_consent = True
    again = moderation_queueing.queue_consented_responses(
        actor=officer, consultation=planted.consultation
    )
    quotes = moderation_queueing.queue_quotes(
        actor=officer,
        codeframe=planted.codeframe,
        picks=[(planted.theme.id, item.id) for item in planted.items],
    )

    assert (again.added, again.already) == (0, 1)
    assert (quotes.added, quotes.already) == (0, 4)
    assert [item.id for item in _items()] == [item.id for item in first]
    assert _items()[0].source == ModerationSource.QUOTE  # as it first came in


def test_an_empty_text_is_not_queued():
    answer = AnswerFactory(value="   ")
    assert (
        moderation_queueing.queue_text(actor=None, source=ModerationSource.QUOTE, answer=answer)
        is None
    )
    assert _items() == []


def test_quotes_from_another_codeframe_or_theme_are_left_out():
    planted = closed_consultation_with_pii()
    _other, other_items, (other_theme,) = codeframe_with_items(["Elsewhere"], ["Other"])
    officer = OfficerFactory()

    with pytest.raises(ModerationRejected):
        moderation_queueing.queue_quotes(
            actor=officer, codeframe=planted.codeframe, picks=[(other_theme.id, other_items[0].id)]
        )
    queued = moderation_queueing.queue_quotes(
        actor=officer,
        codeframe=planted.codeframe,
        picks=[(planted.theme.id, other_items[0].id), (planted.theme.id, planted.items[1].id)],
    )

    assert queued.added == 1
    assert [item.answer_id for item in _items()] == [planted.answers[1].id]
    (event,) = _events("moderation.queued")
    assert event.officer_id == officer.id
    assert event.detail["added"] == 1


def test_only_consenting_submitted_responses_are_queued_with_their_theme():
    planted = closed_consultation_with_pii()
    planted.answers[1].response.publish_consent = True
    planted.answers[3].response.publish_consent = True
    officer = OfficerFactory()

    queued = moderation_queueing.queue_consented_responses(
        actor=officer, consultation=planted.consultation
    )

    assert (queued.added, queued.already) == (2, 0)
    items = _items()
    assert [item.answer_id for item in items] == [planted.answers[1].id, planted.answers[3].id]
    assert {item.source for item in items} == {ModerationSource.CONSENTED_RESPONSE}
    assert {item.theme_id for item in items} == {planted.theme.id}  # from its codes


def test_no_consenting_responses_is_refused_not_an_empty_batch():
    planted = closed_consultation_with_pii()
    with pytest.raises(ModerationRejected, match="No submitted responses"):
        moderation_queueing.queue_consented_responses(
            actor=OfficerFactory(), consultation=planted.consultation
        )


def test_an_events_points_raised_are_queued_once():
    point = FeedbackItemFactory(text=f"Call Mr Hughes on {PHONE} about the hall.")
    FeedbackItemFactory(activity=point.activity, text="More parking please.")
    officer = OfficerFactory()

    first = moderation_queueing.queue_points(actor=officer, activity=point.activity)
    second = moderation_queueing.queue_points(actor=officer, activity=point.activity)

    assert (first.added, second.added, second.already) == (2, 0, 2)
    item = _items()[0]
    assert item.activity_id == point.activity_id and item.consultation_id is None
    assert item.redacted_text == "Call Mr [name] on [phone] about the hall."
    assert item.pii_kinds == ["phone", "name"]


# -- decisions --------------------------------------------------------------------------------
def test_approve_publishes_the_redacted_text_and_is_audited():
    planted = closed_consultation_with_pii()
    item = queue_all(planted)[0]
    officer = OfficerFactory()

    moderation.approve(actor=officer, item=item)

    assert item.status == ModerationStatus.APPROVED
    assert item.published_text == item.redacted_text
    assert PHONE not in item.published_text
    assert item.decided_by_id == officer.id and item.decided_at is not None
    (event,) = _events("moderation.approved")
    assert event.detail["previous_status"] == "pending"


def test_an_edit_needs_a_reason_is_logged_and_warns_of_personal_data_left():
    planted = closed_consultation_with_pii()
    item = queue_all(planted)[0]
    officer = OfficerFactory()

    for text, reason in (("", "why"), ("Shorter", ""), ("Shorter", "   ")):
        with pytest.raises(ModerationRejected):
            moderation.edit(actor=officer, item=item, text=text, reason=reason)
    with pytest.raises(ModerationRejected, match="5,000 characters"):
        moderation.edit(actor=officer, item=item, text="x" * 5_001, reason="too long")
    assert item.status == ModerationStatus.PENDING and not _events("moderation.edited")

    left = moderation.edit(
        actor=officer,
        item=item,
        text=f"The car park is too dear, says the caller on {PHONE}.",
        reason="Kept it short",
    )

    assert left == ["phone"]  # removed, and the officer told
    assert item.status == ModerationStatus.EDITED
    assert item.published_text == "The car park is too dear, says the caller on [phone]."
    (event,) = _events("moderation.edited")
    assert event.detail["reason"] == "Kept it short"
    # The edit itself is not copied into the audit log (it may hold personal data).
    assert event.detail["characters"] == len(item.published_text)
    assert PHONE not in str(event.detail) and "text" not in event.detail
    assert event.detail["personal_data_found"] == ["phone"]


def test_withhold_needs_a_reason_and_withdraws_an_earlier_approval():
    planted = closed_consultation_with_pii()
    item = queue_all(planted)[0]
    officer = OfficerFactory()
    moderation.approve(actor=officer, item=item)

    with pytest.raises(ModerationRejected, match="Enter why the text is withheld"):
        moderation.withhold(actor=officer, item=item, reason="\x00 ")
    moderation.withhold(actor=officer, item=item, reason="The author asked us not to")

    assert item.status == ModerationStatus.WITHHELD
    assert item.published_text == "" and item.reason == "The author asked us not to"
    (event,) = _events("moderation.withheld")
    assert event.detail == {"previous_status": "approved", "reason": "The author asked us not to"}
    assert moderation_public.published_quotes(planted.consultation) == []


@pytest.mark.parametrize(("by", "reason"), [("retention", "retention"), ("erasure", "erased")])
def test_anonymising_a_response_takes_its_texts_off_the_public_page(by, reason):
    planted = closed_consultation_with_pii()
    items = queue_all(planted)
    officer = OfficerFactory()
    for item in items:
        moderation.approve(actor=officer, item=item)
    response = planted.answers[3].response

    anonymise_response(response, by=by)
    assert moderation.withdraw_for_response(response) == 1

    withdrawn = items[3]
    assert withdrawn.status == ModerationStatus.WITHHELD
    assert withdrawn.reason == reason and withdrawn.published_text == ""
    published = [
        q
        for group in moderation_public.published_quotes(planted.consultation)
        for q in group.quotes
    ]
    assert len(published) == 3 and withdrawn.redacted_text not in published
    assert _events("moderation.withdrawn")[0].detail["reason"] == reason
    if by == "erasure":
        with pytest.raises(ModerationRejected, match="erased"):
            moderation.approve(actor=officer, item=withdrawn)
    else:  # retention keeps answers: an officer may publish the anonymised text again
        moderation.approve(actor=officer, item=withdrawn)
        assert RESPONDENT.split()[0] not in withdrawn.published_text


# -- what the public may read -----------------------------------------------------------------
def test_published_quotes_are_only_approved_or_edited_grouped_by_theme_then_question():
    planted = closed_consultation_with_pii()
    phone, email, titled, own = queue_all(planted)
    officer = OfficerFactory()
    moderation.approve(actor=officer, item=phone)
    moderation.edit(actor=officer, item=email, text="The bus service is poor.", reason="Cut")
    moderation.withhold(actor=officer, item=titled, reason="Names a neighbour")
    own.theme_id = None  # a consented response with no theme: shown under its question
    moderation.approve(actor=officer, item=own)

    groups = moderation_public.published_quotes(planted.consultation)

    assert [(g.heading, g.is_theme, g.quotes) for g in groups] == [
        ("Parking", True, [phone.redacted_text, "The bus service is poor."]),
        ("Tell us why", False, [own.redacted_text]),
    ]
    flat = " ".join(q for g in groups for q in g.quotes)
    for personal in (PHONE, EMAIL, "Dawson", "Slad Road", "Priscilla"):
        assert personal not in flat


def test_published_points_of_an_activity():
    point = FeedbackItemFactory(text=f"Ring {PHONE} about the hall.")
    other = FeedbackItemFactory(activity=point.activity, text="Not published")
    codeframe, _, _ = codeframe_with_items(["x"])
    theme = ThemeFactory(codeframe=codeframe, name="Venue")
    officer = OfficerFactory()
    moderation_queueing.queue_points(actor=officer, activity=point.activity)
    first, second = _items()
    first.theme_id = theme.id
    moderation.approve(actor=officer, item=first)

    groups = moderation_public.published_points(point.activity)

    assert [(g.heading, g.quotes) for g in groups] == [("Venue", ["Ring [phone] about the hall."])]
    assert second.feedback_item_id == other.id


def test_deleting_a_point_raised_deletes_its_queue_item():
    from involve.services.events import remove_point

    point = FeedbackItemFactory()
    moderation_queueing.queue_points(actor=OfficerFactory(), activity=point.activity)
    remove_point(actor=None, item=point)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ModerationItem.id))) == 0


def test_queueing_many_consented_answers_works_in_batches(monkeypatch):
    monkeypatch.setattr(moderation_queueing, "BATCH", 2)
    planted = closed_consultation_with_pii()
    for answer in planted.answers:
        answer.response.publish_consent = True
    planted.consultation.closes_at = utc_now() - timedelta(days=2)

    queued = moderation_queueing.queue_consented_responses(
        actor=OfficerFactory(), consultation=planted.consultation
    )

    assert queued.added == 4 and len(_items()) == 4
    (event,) = _events("moderation.queued")
    assert event.detail["added"] == 4


# -- demo data --------------------------------------------------------------------------------
def test_the_demo_plants_personal_data_in_quoted_comments_once():
    from involve.demo_moderation import DEMO_SLUG, PERSONAL_DATA_SENTENCES, seed_demo_moderation
    from involve.services.theme_summary import build_summary
    from tests.factories_theming import coded_codeframe

    codeframe, items, _ = coded_codeframe({"Transport": 4, "Parks": 4})
    consultation = items[0].answer.response.consultation
    consultation.slug = DEMO_SLUG

    assert seed_demo_moderation()
    assert seed_demo_moderation() == []  # idempotent

    quoted = [q.text for theme in build_summary(codeframe).themes for q in theme.quotes]
    for sentence in PERSONAL_DATA_SENTENCES[:2]:  # one per theme: two themes here
        assert any(sentence in text for text in quoted)
    consenting = [item.answer.response for item in items if item.answer.response.publish_consent]
    assert 2 <= len(consenting) < len(items)
    queued = moderation_queueing.queue_consented_responses(
        actor=OfficerFactory(), consultation=consultation
    )
    assert queued.added == len(consenting)
    assert {"phone", "email"} <= {kind for item in _items() for kind in item.pii_kinds}
