"""The public site lists every published activity, not only surveys."""

from __future__ import annotations

from datetime import timedelta

from involve.extensions import db
from involve.models import ActivityFormat, Way
from involve.models.base import utc_now
from involve.services import activities
from tests.factories import ConsultationFactory, PartnerFactory
from tests.factories_activities import ActivityFactory
from tests.pages import heading


def _titles(page, section_id: str) -> list[str]:
    return [link.get_text(strip=True) for link in page.select(f"#{section_id} h3 a")]


def test_the_listing_puts_upcoming_events_first_then_ongoing_then_past(pages):
    now = utc_now()
    ActivityFactory(title="Later workshop", starts_at=now + timedelta(days=20))
    ActivityFactory(
        title="Sooner drop-in", starts_at=now + timedelta(days=2), venue_name="Museum in the Park"
    )
    ActivityFactory(
        title="Youth panel",
        format=ActivityFormat.SERVICE_USER_PANEL,
        starts_at=now - timedelta(days=30),
        ends_at=now + timedelta(days=60),
    )
    ActivityFactory(
        title="Spring meeting",
        starts_at=now - timedelta(days=40),
        outcome_summary="We moved the bus stop.",
    )
    ActivityFactory(title="Draft workshop", published_at=None)
    db.session.commit()
    page = pages.get("/activities")
    assert heading(page) == "Ways to get involved"
    assert _titles(page, "upcoming-activities") == ["Sooner drop-in", "Later workshop"]
    assert _titles(page, "ongoing-activities") == ["Youth panel"]
    assert _titles(page, "past-activities") == ["Spring meeting"]
    upcoming = page.select_one("#upcoming-activities li").get_text(" ", strip=True)
    assert "Museum in the Park" in upcoming
    assert "Just turn up, or email us to book a place." in upcoming
    assert "We moved the bus stop." in page.select_one("#past-activities").get_text()
    assert "Draft workshop" not in page.get_text()


def test_an_event_page_shows_when_where_access_and_partners(pages):
    partner = PartnerFactory(name="Stroud Valleys Project")
    event = ActivityFactory(
        title="Canal clean-up planning",
        venue_name="Ebley Mill",
        venue_address="Westward Road, Stroud",
        access_information="Lift to the first floor.",
        partners=[partner],
    )
    db.session.commit()
    page = pages.get(f"/activities/{event.slug}")
    assert heading(page) == "Canal clean-up planning"
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in page.select("#activity-details .govuk-summary-list__row")
    }
    assert rows["Where"] == "Ebley Mill"
    assert rows["Address"] == "Westward Road, Stroud"
    assert rows["Access information"] == "Lift to the first floor."
    assert rows["How to take part"] == "Just turn up, or email us to book a place."
    assert rows["Run with"] == "Stroud Valleys Project"
    assert rows["Who it is for"] == "Residents"
    assert rows["When"].startswith(activities.timing_of(event) and "")  # always present
    assert page.select_one("#outcome") is None


def test_a_past_activity_page_shows_its_outcome(pages):
    past = ActivityFactory(
        starts_at=utc_now() - timedelta(days=10), outcome_summary="The council adopted option B."
    )
    db.session.commit()
    page = pages.get(f"/activities/{past.slug}")
    assert "The council adopted option B." in page.select_one("#outcome").get_text()


def test_drafts_are_not_found(pages):
    draft = ActivityFactory(published_at=None)
    db.session.commit()
    pages.get(f"/activities/{draft.slug}", expected_status=404)
    pages.get("/activities/no-such-activity", expected_status=404)


def test_a_consultation_activity_links_to_the_consultation(pages):
    consultation = ConsultationFactory(title="Library hours")
    activities.ensure_consultation_activities()
    activity = activities.activity_for_consultation(consultation)
    db.session.commit()
    assert activity.way == Way.CONSULT
    page = pages.get(f"/activities/{activity.slug}")
    assert page.select_one("#consultation-link")["href"] == f"/consultations/{consultation.slug}"
    listing = pages.get("/activities")
    assert "Library hours" in _titles(listing, "ongoing-activities")


def test_user_text_is_escaped(pages):
    event = ActivityFactory(
        title="<script>alert(1)</script>", how_to_take_part="<b>bold</b>", summary="<i>x</i>"
    )
    db.session.commit()
    response = pages.client.get(f"/activities/{event.slug}")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "<script>alert(1)</script>" not in pages.client.get("/activities").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in pages.client.get("/").get_data(as_text=True)


def test_the_home_page_lists_the_next_few_events_but_not_consultations(pages):
    now = utc_now()
    for days in (3, 1, 2, 9):
        ActivityFactory(title=f"Event in {days} days", starts_at=now + timedelta(days=days))
    ActivityFactory(title="Draft event", published_at=None, starts_at=now + timedelta(days=1))
    future_consultation = ConsultationFactory(
        title="Future survey", opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    activities.create_consultation_activity(actor=None, consultation=future_consultation)
    db.session.commit()
    page = pages.get("/")
    assert [link.get_text(strip=True) for link in page.select("#upcoming-events a")] == [
        "Event in 1 days",
        "Event in 2 days",
        "Event in 3 days",
    ]
    heading_texts = [h2.get_text(strip=True) for h2 in page.select("h2")]
    assert "Events and other ways to get involved" in heading_texts
    assert page.find("a", string="See all ways to get involved")["href"] == "/activities"


def test_a_consultations_activity_is_public_only_once_the_consultation_opens(pages):
    now = utc_now()
    scheduled = ConsultationFactory(
        title="Bus station survey",
        opens_at=now + timedelta(days=5),
        closes_at=now + timedelta(days=40),
    )
    opened = ConsultationFactory(title="Library survey")
    hidden = activities.create_consultation_activity(actor=None, consultation=scheduled)
    shown = activities.create_consultation_activity(actor=None, consultation=opened)
    db.session.commit()
    assert hidden.published_at is not None  # published with its consultation, not yet public
    page = pages.get("/activities")
    assert "Library survey" in page.get_text()
    assert "Bus station survey" not in page.get_text()
    pages.get(f"/activities/{hidden.slug}", expected_status=404)
    pages.get(f"/activities/{hidden.slug}/you-said-we-did", expected_status=404)
    pages.get(f"/activities/{shown.slug}")
