"""The demo arrives with quotes approved, as an officer would approve them: the closed parking
plan's theme summary quotes without personal data (those with it are left for an officer to
redact), and the points raised at the two parking events whose outcomes are published, so the
blue badge page's "You said" shows what people said, as its "How we took your views" says."""

from __future__ import annotations

from sqlalchemy import func, select

from involve.demo_moderation import DEMO_SLUG, PERSONAL_DATA_SENTENCES
from involve.extensions import db
from involve.models import Activity, Consultation, ModerationItem
from involve.services.moderation import PUBLISHED
from involve.services.moderation_public import count_published, published_quotes
from tests.demo_seeding import seed_demo_twice


def _moderated() -> int:
    return db.session.scalar(select(func.count(ModerationItem.id))) or 0


def test_the_demo_publishes_quotes_for_the_parking_outcomes(app, monkeypatch, pages):
    assert "Moderation demo: approved" in seed_demo_twice(app, monkeypatch, _moderated)

    parking = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
    quotes = [quote for group in published_quotes(parking) for quote in group.quotes]
    assert len(quotes) >= 4
    assert all(group.is_theme for group in published_quotes(parking))
    for planted in PERSONAL_DATA_SENTENCES:
        assert not any(planted in quote for quote in quotes)
    # The planted ones were never sent: an officer trying the queue sends and redacts them.
    assert not db.session.scalar(
        select(func.count(ModerationItem.id)).where(
            ModerationItem.consultation_id == parking.id,
            ModerationItem.status.not_in(PUBLISHED),
        )
    )

    focus_group = db.session.scalar(
        select(Activity).where(Activity.slug == "disabled-drivers-focus-group")
    )
    assert count_published(focus_group) == len(focus_group.feedback_items)
    page = pages.get(f"/activities/{focus_group.slug}/you-said-we-did")
    said = page.select_one("#you-said").get_text(" ", strip=True)
    assert "We have not published a summary" not in said
    assert "Payment machines are too high to reach from a wheelchair." in said
    considered = page.select_one("#how-considered").get_text(" ", strip=True)
    assert "themes" not in considered and "In people's own words" in considered
