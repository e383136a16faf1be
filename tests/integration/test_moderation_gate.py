"""The moderation gate, through the real pages: texts reach the queue from the theme summary,
the consultation overview and the event page; only approved or edited texts, in their published
wording, ever reach a public page, and only once the consultation has closed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import ModerationItem, ModerationSource, ModerationStatus
from involve.services import moderation
from tests.factories import OfficerFactory
from tests.factories_activities import FeedbackItemFactory
from tests.factories_moderation import (
    EMAIL,
    PHONE,
    RESPONDENT,
    closed_consultation_with_pii,
    queue_all,
)
from tests.pages import banner

PLANTED = (PHONE, EMAIL, "Dawson", "14 Slad Road", RESPONDENT.split()[0])


def _items() -> list[ModerationItem]:
    return list(db.session.scalars(select(ModerationItem).order_by(ModerationItem.id)))


def _public_text(pages, consultation) -> str:  # type: ignore[no-untyped-def]
    return pages.get(f"/consultations/{consultation.slug}").get_text(" ")


# -- ways in ----------------------------------------------------------------------------------
def test_the_theme_summary_sends_its_shown_quotes_with_their_theme(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted = closed_consultation_with_pii()
    db.session.commit()
    summary_url = f"/officer/theming/{planted.codeframe.id}/summary"

    page = pages.get(summary_url)
    shown = {field["value"] for field in page.select("#quotes input[name=quote]")}
    assert len(shown) == 3  # three quotes per theme
    pages.post(f"{summary_url}/moderate", {"quote": sorted(shown)}, expected_status=302)

    location = pages.last_response.headers["Location"]
    assert location == (
        f"/officer/moderation?status=pending&consultation={planted.consultation.id}"
    )
    assert "3 quotes sent to moderation" in banner(pages.get(location))
    items = _items()
    assert {f"{item.theme_id}:{item.answer.id}" for item in items} == {
        f"{planted.theme.id}:{planted.items[i].answer_id}"
        for i in range(4)
        if f"{planted.theme.id}:{planted.items[i].id}" in shown
    }
    assert {item.source for item in items} == {ModerationSource.QUOTE}

    # Sent again: nothing new, nothing duplicated.
    pages.post(f"{summary_url}/moderate", {"quote": sorted(shown)}, expected_status=302)
    assert "(3 were there already)" in banner(pages.get(pages.last_response.headers["Location"]))
    assert len(_items()) == 3


@pytest.mark.parametrize("value", ["", "abc", "1:", "٣:1", "99999999999:1"])
def test_tampered_quotes_are_refused_without_a_crash(pages, sign_in_as, value):
    sign_in_as("engagement_officer")
    planted = closed_consultation_with_pii()
    db.session.commit()

    pages.post(
        f"/officer/theming/{planted.codeframe.id}/summary/moderate",
        {"quote": [value]},
        expected_status=302,
    )

    page = pages.get(pages.last_response.headers["Location"])
    assert "There are no quotes to send to moderation" in banner(page)
    assert _items() == []


def test_only_moderators_see_or_use_the_send_buttons(pages, sign_in_as):
    sign_in_as("analyst")
    planted = closed_consultation_with_pii()
    db.session.commit()

    page = pages.get(f"/officer/theming/{planted.codeframe.id}/summary")
    assert page.select_one("#moderation") is None
    pages.post(
        f"/officer/theming/{planted.codeframe.id}/summary/moderate",
        {"quote": [f"{planted.theme.id}:{planted.items[0].id}"]},
        expected_status=403,
    )
    pages.post(
        f"/officer/consultations/{planted.consultation.id}/moderation/consented",
        expected_status=403,
    )
    assert _items() == []


def test_the_overview_sends_responses_that_may_be_published(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted = closed_consultation_with_pii()
    planted.answers[0].response.publish_consent = True
    db.session.commit()
    overview = f"/officer/consultations/{planted.consultation.id}"

    form = pages.get(overview).select_one("#publishing + p + form")
    assert form["action"] == f"{overview}/moderation/consented"
    pages.post(form["action"], expected_status=302)

    assert "1 answer sent to moderation" in banner(
        pages.get(pages.last_response.headers["Location"])
    )
    (item,) = _items()
    assert item.answer_id == planted.answers[0].id
    assert item.source == ModerationSource.CONSENTED_RESPONSE


def test_the_overview_says_when_no_one_agreed_to_publication(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted = closed_consultation_with_pii()
    db.session.commit()
    pages.post(
        f"/officer/consultations/{planted.consultation.id}/moderation/consented",
        expected_status=302,
    )
    assert "No submitted responses have agreed to publication" in banner(
        pages.get(pages.last_response.headers["Location"])
    )
    assert _items() == []


def test_the_event_page_sends_points_raised(pages, sign_in_as):
    sign_in_as("engagement_officer")
    point = FeedbackItemFactory(text=f"Ring {PHONE} about the hall")
    db.session.commit()
    event_url = f"/officer/activities/{point.activity_id}/event"

    page = pages.get(event_url)
    assert page.select_one(f"form[action='{event_url}/points/moderate']")
    pages.post(f"{event_url}/points/moderate", expected_status=302)

    (item,) = _items()
    assert item.feedback_item_id == point.id and item.redacted_text == "Ring [phone] about the hall"
    pages.post("/officer/activities/999999/event/points/moderate", expected_status=404)


# -- the gate ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status", ["pending", "withheld"])
def test_pending_or_withheld_texts_never_reach_the_public(pages, status):
    planted = closed_consultation_with_pii()
    items = queue_all(planted)
    if status == "withheld":
        for item in items:
            moderation.withhold(actor=OfficerFactory(), item=item, reason="Not suitable")
    db.session.commit()

    page = pages.get(f"/consultations/{planted.consultation.slug}")

    assert page.select_one("#what-people-told-us") is None
    text = page.get_text(" ")
    for item in items:
        assert item.redacted_text not in text
    for personal in PLANTED:
        assert personal not in text


def test_approved_and_edited_texts_are_published_redacted_once_closed(pages):
    planted = closed_consultation_with_pii()
    phone, email, titled, own = queue_all(planted)
    officer = OfficerFactory()
    for item in (phone, titled, own):
        moderation.approve(actor=officer, item=item)
    moderation.edit(actor=officer, item=email, text="The buses are poor.", reason="Cut")
    db.session.commit()

    page = pages.get(f"/consultations/{planted.consultation.slug}")

    section = page.select_one("#what-people-told-us")
    assert section.h2.get_text() == "What people told us"
    assert "removed personal details" in section.get_text()
    quotes = [q.get_text(strip=True).strip("“”") for q in section.select("[data-published-quote]")]
    assert quotes == [
        phone.redacted_text,
        "The buses are poor.",
        titled.redacted_text,
        own.redacted_text,
    ]
    assert "[phone]" in quotes[0]
    text = page.get_text(" ")
    for personal in PLANTED:
        assert personal not in text


def test_nothing_is_published_while_the_consultation_is_open(pages):
    planted = closed_consultation_with_pii(closed=False)
    (item, *_) = queue_all(planted)
    moderation.approve(actor=OfficerFactory(), item=item)
    db.session.commit()

    page = pages.get(f"/consultations/{planted.consultation.slug}")

    assert page.select_one("#what-people-told-us") is None
    assert item.published_text not in page.get_text(" ")


def test_withdrawing_an_approval_takes_the_text_off_the_public_page(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted = closed_consultation_with_pii()
    item = queue_all(planted)[0]
    db.session.commit()
    pages.post(f"/officer/moderation/{item.id}/approve", expected_status=302)
    published = db.session.get(ModerationItem, item.id).published_text
    assert "[phone]" in published and published in _public_text(pages, planted.consultation)

    pages.post(
        f"/officer/moderation/{item.id}/withhold",
        {"withhold-reason": "Changed our mind"},
        expected_status=302,
    )

    assert db.session.get(ModerationItem, item.id).status == ModerationStatus.WITHHELD
    assert "[phone]" not in _public_text(pages, planted.consultation)


def test_the_public_activity_page_shows_only_published_points(pages):
    point = FeedbackItemFactory(text=f"Ring {PHONE} about the hall")
    waiting = FeedbackItemFactory(activity=point.activity, text="A point still waiting")
    officer = OfficerFactory()
    from involve.services.moderation_queueing import queue_points

    queue_points(actor=officer, activity=point.activity)
    first = next(item for item in _items() if item.feedback_item_id == point.id)
    moderation.approve(actor=officer, item=first)
    db.session.commit()

    page = pages.get(f"/activities/{point.activity.slug}")

    section = page.select_one("#points-raised")
    assert [
        q.get_text(strip=True).strip("“”") for q in section.select("[data-published-quote]")
    ] == ["Ring [phone] about the hall"]
    assert PHONE not in page.get_text(" ") and waiting.text not in page.get_text(" ")
