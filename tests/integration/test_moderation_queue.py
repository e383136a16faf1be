"""The moderation queue's screens: who may use them, what each text shows, the three decisions
with their error messages, bad input, and the access log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AccessAction,
    AuditEvent,
    ModerationItem,
    ModerationStatus,
    PersonalDataAccess,
)
from tests.factories_moderation import EMAIL, PHONE, closed_consultation_with_pii, queue_all
from tests.pages import banner, error_summary, field_error, heading, title


def _queued() -> tuple[object, list[ModerationItem]]:
    planted = closed_consultation_with_pii()
    items = queue_all(planted)
    db.session.commit()
    return planted, items


def _access(action: AccessAction) -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(
            select(PersonalDataAccess)
            .where(PersonalDataAccess.action == action)
            .order_by(PersonalDataAccess.id)
        )
    )


def _item(item_id: int) -> ModerationItem:
    return db.session.get(ModerationItem, item_id)


@pytest.mark.parametrize("role", ["analyst", "auditor"])
def test_only_officers_who_moderate_see_the_queue(pages, sign_in_as, role):
    sign_in_as(role)
    _, items = _queued()

    pages.get("/officer/moderation", expected_status=403)
    pages.get(f"/officer/moderation/{items[0].id}", expected_status=403)
    for action in ("approve", "edit", "withhold"):
        pages.post(
            f"/officer/moderation/{items[0].id}/{action}",
            {"edit-text": "x", "edit-reason": "x", "withhold-reason": "x"},
            expected_status=403,
        )
    assert {_item(item.id).status for item in items} == {ModerationStatus.PENDING}
    assert _access(AccessAction.MODERATION_VIEW) == []


def test_the_queue_shows_each_text_with_its_redactions_and_records_the_view(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    planted, _items = _queued()

    page = pages.get("/officer/moderation")

    assert heading(page) == "Moderation"
    cards = page.select("[data-item]")
    assert len(cards) == 4
    first = cards[0]
    assert PHONE in first.select_one("[data-original]").get_text()  # officers may read it
    redacted = first.select_one("[data-redacted]")
    assert PHONE not in redacted.get_text()
    assert [tag.get_text() for tag in redacted.select(".involve-redaction")] == ["[phone]"]
    assert first.select_one("[data-pii-kinds]").get_text(strip=True) == "Phone number"
    card_text = first.get_text(" ", strip=True)
    assert "Quote for a theme" in card_text and planted.consultation.title in card_text
    assert "Tell us why" in card_text and "Parking" in card_text
    counts = {
        link["data-status"]: link.get_text(strip=True) for link in page.select("#status-counts a")
    }
    assert counts["pending"] == "Waiting for a decision (4)"
    assert counts["approved"] == "Approved (0)"
    # One access-log entry per view of the queue, never per text on it.
    pages.get("/officer/moderation?status=all")
    views = _access(AccessAction.MODERATION_VIEW)
    assert [(view.officer_id, view.object_type, view.detail["items_shown"]) for view in views] == [
        (officer.id, "moderation_queue", 4),
        (officer.id, "moderation_queue", 4),
    ]


def test_approving_from_the_queue_publishes_the_redacted_text(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted, items = _queued()

    pages.post(
        f"/officer/moderation/{items[0].id}/approve?consultation={planted.consultation.id}",
        expected_status=302,
    )

    location = pages.last_response.headers["Location"]
    assert location.startswith("/officer/moderation?")
    assert f"consultation={planted.consultation.id}" in location
    page = pages.get(location)
    assert "Text" in banner(page) and "approved" in banner(page)
    item = _item(items[0].id)
    assert item.status == ModerationStatus.APPROVED
    assert item.published_text == item.redacted_text
    assert len(page.select("[data-item]")) == 3  # the pending ones left


def test_edit_needs_text_and_a_reason(pages, sign_in_as):
    sign_in_as("admin")
    _, items = _queued()
    url = f"/officer/moderation/{items[0].id}/edit"

    page = pages.post(url, {"edit-text": "", "edit-reason": ""})

    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Enter the text to publish", "Enter why you changed the text"]
    assert field_error(page, "edit-reason") == "Enter why you changed the text"
    assert _item(items[0].id).status == ModerationStatus.PENDING
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "moderation.edited")
    ).all()


def test_an_edit_is_published_and_its_reason_logged(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    _, items = _queued()

    pages.post(
        f"/officer/moderation/{items[1].id}/edit",
        {"edit-text": "The bus service is poor.", "edit-reason": "Removed the email address"},
        expected_status=302,
    )

    item = _item(items[1].id)
    assert (item.status, item.published_text, item.reason) == (
        ModerationStatus.EDITED,
        "The bus service is poor.",
        "Removed the email address",
    )
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "moderation.edited")
    ).one()
    assert event.officer_id == officer.id
    assert event.detail["reason"] == "Removed the email address"
    page = pages.get(f"/officer/moderation/{item.id}")
    assert page.select_one("[data-published]").get_text() == "The bus service is poor."


def test_an_edit_that_still_holds_personal_data_is_redacted_before_it_is_published(
    pages, sign_in_as
):
    sign_in_as("engagement_officer")
    _, items = _queued()

    pages.post(
        f"/officer/moderation/{items[1].id}/edit",
        {"edit-text": f"Write to {EMAIL} please.", "edit-reason": "Kept the contact"},
        expected_status=302,
    )

    assert pages.last_response.headers["Location"].startswith(f"/officer/moderation/{items[1].id}")
    page = pages.get(pages.last_response.headers["Location"])
    assert "still held personal data (an email address), so that was removed" in banner(page)
    item = _item(items[1].id)
    assert item.status == ModerationStatus.EDITED
    assert item.published_text == "Write to [email] please."
    assert EMAIL not in pages.get(f"/consultations/{item.answer.response.consultation.slug}").text


def test_withhold_needs_a_reason_and_can_withdraw_an_approval(pages, sign_in_as):
    sign_in_as("engagement_officer")
    _, items = _queued()
    pages.post(f"/officer/moderation/{items[0].id}/approve", expected_status=302)

    page = pages.post(f"/officer/moderation/{items[0].id}/withhold", {"withhold-reason": " "})
    assert error_summary(page) == ["Enter why the text is withheld"]
    assert _item(items[0].id).status == ModerationStatus.APPROVED

    pages.post(
        f"/officer/moderation/{items[0].id}/withhold",
        {"withhold-reason": "Identifies a neighbour"},
        expected_status=302,
    )
    item = _item(items[0].id)
    assert (item.status, item.published_text) == (ModerationStatus.WITHHELD, "")
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "moderation_item")
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["moderation.approved", "moderation.withheld"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("edit-text", "x" * 5_001, "The text to publish must be 5,000 characters or fewer"),
        ("edit-reason", "y" * 1_001, "The reason must be 1,000 characters or fewer"),
        ("edit-text", "\x00\x00", "Enter the text to publish"),
    ],
)
def test_bad_input_is_an_error_on_the_page_not_a_crash(pages, sign_in_as, field, value, message):
    sign_in_as("engagement_officer")
    _, items = _queued()
    data = {"edit-text": "Fine text", "edit-reason": "Fine reason", field: value}

    page = pages.post(f"/officer/moderation/{items[0].id}/edit", data)

    assert message in error_summary(page)
    assert _item(items[0].id).status == ModerationStatus.PENDING


def test_nul_characters_are_removed_before_saving(pages, sign_in_as):
    sign_in_as("engagement_officer")
    _, items = _queued()
    pages.post(
        f"/officer/moderation/{items[0].id}/edit",
        {"edit-text": "Too\x00 dear", "edit-reason": "Short\x00er"},
        expected_status=302,
    )
    item = _item(items[0].id)
    assert (item.published_text, item.reason) == ("Too dear", "Shorter")


@pytest.mark.parametrize("item_id", ["999999", "2147483647", "99999999999"])
def test_unknown_texts_are_not_found(pages, sign_in_as, item_id):
    sign_in_as("engagement_officer")
    _queued()
    pages.get(f"/officer/moderation/{item_id}", expected_status=404)
    for action in ("approve", "edit", "withhold"):
        pages.post(f"/officer/moderation/{item_id}/{action}", expected_status=404)


@pytest.mark.parametrize(
    "query",
    ["status=bogus", "consultation=abc", "activity=٣", "page=99999999999", "page=-1&status=all"],
)
def test_bad_filters_are_ignored(pages, sign_in_as, query):
    sign_in_as("engagement_officer")
    _queued()
    page = pages.get(f"/officer/moderation?{query}")
    assert len(page.select("[data-item]")) == 4


def test_filters_by_consultation_and_status(pages, sign_in_as):
    sign_in_as("engagement_officer")
    planted, items = _queued()
    other = closed_consultation_with_pii()
    queue_all(other)
    db.session.commit()
    pages.post(f"/officer/moderation/{items[0].id}/approve", expected_status=302)

    page = pages.get(f"/officer/moderation?consultation={planted.consultation.id}&status=approved")

    assert [card["id"] for card in page.select("[data-item]")] == [f"item-{items[0].id}"]
    assert len(pages.get("/officer/moderation").select("[data-item]")) == 7
    options = [o.get_text() for o in page.select("#consultation option")]
    assert planted.consultation.title in options and other.consultation.title in options


def test_the_queue_costs_the_same_queries_however_many_texts_it_shows(pages, sign_in_as):
    from tests.pages import statements_for

    sign_in_as("engagement_officer")
    _queued()
    few = statements_for(pages, "/officer/moderation")
    for _ in range(3):
        queue_all(closed_consultation_with_pii())
    db.session.commit()
    assert statements_for(pages, "/officer/moderation") == few


def test_a_filter_naming_a_consultation_that_does_not_exist_is_recorded_not_an_error(
    pages, sign_in_as
):
    sign_in_as("engagement_officer")
    for query in ("consultation=99999", "consultation=99999&status=all"):
        page = pages.get(f"/officer/moderation?{query}")
        assert page.select_one("h1").get_text(strip=True) == "Moderation"
    entries = db.session.scalars(select(PersonalDataAccess)).all()
    assert [entry.consultation_id for entry in entries] == [None, None]
    assert all(entry.detail["unknown_consultation_id"] == 99999 for entry in entries)
