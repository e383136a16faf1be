"""Accepting suggestions: in bulk at a threshold after a confirmation, or one at a time; each
accepted code records who accepted it, the model version and its score, and items an officer
has coded are never touched."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    CodingSource,
    ModelVersion,
    Role,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.base import utc_now
from tests.factories import OfficerFactory
from tests.factories_theming import BUS_LATE, code, trained_codeframe
from tests.pages import error_summary, heading


@pytest.fixture
def trained(pages, sign_in_as):  # type: ignore[no-untyped-def]
    analyst = sign_in_as("analyst")
    return (analyst, *trained_codeframe(pages, analyst))


def _accepted_count() -> int:
    return db.session.scalar(
        select(func.count(ThemeCoding.id)).where(ThemeCoding.source == CodingSource.SUGGESTION)
    )


def test_bulk_accept_confirms_then_codes_with_provenance_and_leaves_reviewed_items(trained, pages):
    analyst, codeframe, items, themes = trained
    bus = next(item for item in items if item.text == BUS_LATE)
    rents = next(item for item in items if item.text.startswith("Rents"))
    code(rents, themes["Parks"])  # an officer codes it after the suggestions were made
    db.session.commit()
    version = db.session.scalars(select(ModelVersion)).one()
    open_rows = db.session.scalars(
        select(ThemeSuggestion).where(
            ThemeSuggestion.score >= 0.8, ThemeSuggestion.item_id != rents.id
        )
    ).all()
    expected = {(row.item_id, row.theme_id): row.score for row in open_rows}
    assert (bus.id, themes["Transport"].id) in expected

    confirm = pages.get(f"/officer/theming/{codeframe.id}/suggestions/accept?threshold=0.80")
    assert heading(confirm) == f"Accept {len(expected)} suggestions at 80% or more?"
    pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/accept",
        {"threshold": "0.80", "theme": "", "model_version": str(version.id)},
        expected_status=302,
    )
    accepted = db.session.scalars(
        select(ThemeCoding).where(ThemeCoding.source == CodingSource.SUGGESTION)
    ).all()
    assert {(c.item_id, c.theme_id): c.suggestion_score for c in accepted} == expected
    assert all(c.coded_by_id == analyst.id for c in accepted)
    assert all(c.model_version_id == version.id for c in accepted)
    rents_codes = db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == rents.id))
    assert [c.theme_id for c in rents_codes] == [themes["Parks"].id]
    still_open = select(func.count(ThemeSuggestion.id)).where(
        ThemeSuggestion.score >= 0.8, ThemeSuggestion.item_id != rents.id
    )
    assert db.session.scalar(still_open) == 0  # accepted suggestions are removed
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theming.suggestions_accepted")
    ).one()
    assert event.officer_id == analyst.id
    assert event.detail["count"] == len(expected)
    assert event.detail["threshold"] == 0.8
    assert event.detail["model_version"] == 1

    # Accepting again at the same threshold adds nothing: no code is ever duplicated.
    pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/accept",
        {"threshold": "0.80", "theme": "", "model_version": str(version.id)},
        expected_status=302,
    )
    assert _accepted_count() == len(expected)


def test_bulk_accept_refuses_suggestions_from_a_model_the_officer_did_not_see(trained, pages):
    _, codeframe, _, _ = trained
    pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/accept",
        {"threshold": "0.80", "theme": "", "model_version": "999999"},
        expected_status=302,
    )
    page = pages.get(pages.last_response.headers["Location"])
    assert "updated while you were looking" in page.select_one(".govuk-notification-banner").text
    assert _accepted_count() == 0


def test_bulk_accept_with_a_tampered_threshold_shows_the_error(trained, pages):
    _, codeframe, _, _ = trained
    version = db.session.scalars(select(ModelVersion)).one()
    page = pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/accept",
        {"threshold": "0.1", "theme": "", "model_version": str(version.id)},
    )
    assert error_summary(page) == ["Confidence threshold must be between 0.50 and 0.99"]
    assert _accepted_count() == 0


def test_one_suggestion_can_be_accepted_or_rejected(trained, pages):
    analyst, codeframe, items, themes = trained
    bus = next(item for item in items if item.text == BUS_LATE)
    transport = db.session.scalars(
        select(ThemeSuggestion).where(
            ThemeSuggestion.item_id == bus.id, ThemeSuggestion.theme_id == themes["Transport"].id
        )
    ).one()
    score = transport.score
    others = db.session.scalars(
        select(ThemeSuggestion).where(
            ThemeSuggestion.item_id == bus.id, ThemeSuggestion.id != transport.id
        )
    ).all()
    url = f"/officer/theming/{codeframe.id}/suggestions"
    pages.post(f"{url}/{transport.id}/accept", {"threshold": "0.6"}, expected_status=302)
    assert pages.last_response.headers["Location"].endswith("suggestions?threshold=0.60")
    coding = db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == bus.id)).one()
    assert (coding.source, coding.coded_by_id, coding.suggestion_score) == (
        CodingSource.SUGGESTION,
        analyst.id,
        score,
    )
    if others:
        pages.post(f"{url}/{others[0].id}/reject", expected_status=302)
        assert db.session.get(ThemeSuggestion, others[0].id) is None
        assert (
            db.session.scalar(
                select(func.count(AuditEvent.id)).where(
                    AuditEvent.action == "theming.suggestion_rejected"
                )
            )
            == 1
        )
    pages.post(f"{url}/999999/accept", expected_status=404)


def test_a_suggestion_on_a_response_coded_since_is_not_accepted(trained, pages):
    _, codeframe, items, themes = trained
    bus = next(item for item in items if item.text == BUS_LATE)
    suggestion = db.session.scalars(
        select(ThemeSuggestion).where(ThemeSuggestion.item_id == bus.id)
    ).first()
    code(bus, themes["Housing"])
    db.session.commit()
    pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/{suggestion.id}/accept", expected_status=302
    )
    page = pages.get(pages.last_response.headers["Location"])
    assert "coded this response since" in page.select_one(".govuk-notification-banner").text
    assert [
        c.theme_id
        for c in db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == bus.id))
    ] == [themes["Housing"].id]


def test_bulk_accept_leaves_responses_another_analyst_is_coding(trained, pages):
    """Found in review: bulk accept coded responses an analyst had open from code next."""
    analyst, codeframe, _, _ = trained
    version = db.session.scalars(select(ModelVersion)).one()
    suggested = sorted(
        set(db.session.scalars(select(ThemeSuggestion.item_id).where(ThemeSuggestion.score >= 0.8)))
    )
    assert len(suggested) >= 3
    held, expired, own = (db.session.get(ThemeItem, item_id) for item_id in suggested[:3])
    other = OfficerFactory(role=Role.ANALYST, full_name="Robin Second")
    now = utc_now()
    held.claimed_by_id, held.claimed_until = other.id, now + timedelta(minutes=10)
    expired.claimed_by_id, expired.claimed_until = other.id, now - timedelta(minutes=1)
    own.claimed_by_id, own.claimed_until = analyst.id, now + timedelta(minutes=10)
    db.session.commit()

    pages.post(
        f"/officer/theming/{codeframe.id}/suggestions/accept",
        {"threshold": "0.80", "theme": "", "model_version": str(version.id)},
        expected_status=302,
    )

    coded = set(db.session.scalars(select(ThemeCoding.item_id)))
    assert held.id not in coded
    assert {expired.id, own.id} <= coded
    assert db.session.scalar(
        select(func.count(ThemeSuggestion.id)).where(ThemeSuggestion.item_id == held.id)
    )  # still there for the analyst coding it
    page = pages.get(pages.last_response.headers["Location"])
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "1 response other analysts are coding was left for them" in banner
