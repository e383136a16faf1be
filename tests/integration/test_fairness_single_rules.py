"""The fairness pages take their rules from one place each: whether residents can see a
consultation is the lifecycle's rule (Gunning 2 links the public page only then), and the
consultation overview is handed its "Recorded <date> by <officer>" notes by its view."""

from __future__ import annotations

from datetime import timedelta

import pytest

from involve.extensions import db
from involve.models import Consultation
from involve.models.base import utc_now
from involve.services import lifecycle
from involve.services.fairness import fairness_checklist
from tests.factories import ConsultationFactory


def _links_public_page(consultation: Consultation) -> bool:
    check = fairness_checklist(consultation).get("gunning-2-proposal")
    return any(item.endpoint == "public.consultation" for item in check.evidence)


@pytest.mark.parametrize(
    ("opens_in", "published", "is_seen"),
    [
        (timedelta(days=-3), True, True),  # open
        (timedelta(days=3), True, False),  # scheduled: only officers see it
        (timedelta(days=-3), False, False),  # draft
    ],
)
def test_gunning_2_links_the_public_page_when_residents_can_see_it(opens_in, published, is_seen):
    now = utc_now()
    consultation = ConsultationFactory(
        opens_at=now + opens_in,
        closes_at=now + opens_in + timedelta(weeks=8),
        published_at=now - timedelta(days=5) if published else None,
    )
    assert lifecycle.is_public(consultation) is is_seen
    assert _links_public_page(consultation) is is_seen


def test_gunning_2_asks_the_lifecycle_whether_residents_see_it(monkeypatch):
    consultation = ConsultationFactory()  # open
    assert _links_public_page(consultation)
    monkeypatch.setattr(lifecycle, "is_public", lambda consultation, now=None: False)
    assert not _links_public_page(consultation)


def test_the_overview_is_given_its_recorded_notes_by_its_view(app, pages, sign_in_as):
    assert "fairness_record_notes" not in app.jinja_env.globals
    sign_in_as("engagement_officer", full_name="Priya Engagement")
    consultation = ConsultationFactory(
        options_still_open="Close all of it, or half at a time",
        options_still_open_recorded_at=None,  # entered before the dates were kept
    )
    db.session.commit()
    overview = pages.get(f"/officer/consultations/{consultation.id}")
    notes = [note.get_text(strip=True) for note in overview.select(".involve-recorded")]
    assert notes == ["Date recorded not known: it was entered before the service kept the date"]
