"""A consultation published to open later (scheduled) is known only to officers: the public gets
the 404 page for it everywhere and finds it in no listing or search, and its subscribers hear
nothing yet. Once its opening time passes, with no restart and no job run, every public page
shows it, and `flask involve send-emails` (cron) tells its subscribers, once."""

from __future__ import annotations

import time
from datetime import timedelta

from involve.extensions import db
from involve.models import Consultation
from involve.models.base import utc_now
from involve.services import activities
from involve.services.consultation_announcements import announce_opened_consultations
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_subscriptions import (
    SubscriptionFactory,
    body_of,
    fresh_outbox,
    link_after,
    messages,
    outbox_files,
)
from tests.pages import heading

# Long enough for the requests made before it opens, short enough to wait for.
OPENS_IN = timedelta(seconds=3)
TITLE = "Bus station redevelopment"


def _scheduled(opens_in: timedelta, **fields) -> Consultation:  # type: ignore[no-untyped-def]
    now = utc_now()
    consultation = ConsultationFactory(
        title=TITLE,
        summary="A new bus station.",
        topics=["Transport"],
        opens_at=now + opens_in,
        closes_at=now + timedelta(days=60),
        **fields,
    )
    QuestionFactory(page=QuestionPageFactory(consultation=consultation), text="Do you use buses?")
    activities.create_consultation_activity(actor=None, consultation=consultation)
    return consultation


def _public_view(pages, consultation: Consultation) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What an anonymous visitor finds: each page's status, and whether each listing names it."""
    slug = consultation.slug
    activity = activities.activity_for_consultation(consultation)
    assert activity is not None
    get = pages.client.get

    def names_it(url: str) -> bool:
        return TITLE in get(url).get_data(as_text=True)

    return {
        "consultation page": get(f"/consultations/{slug}").status_code,
        "privacy notice": get(f"/consultations/{slug}/privacy-notice").status_code,
        "first question": get(f"/consultations/{slug}/questions/1").status_code,
        "outcome e-mail form": get(f"/consultations/{slug}/get-outcome-email").status_code,
        "activity page": get(f"/activities/{activity.slug}").status_code,
        "open-data record": get(f"/api/v1/consultations/{slug}").status_code,
        "home page": names_it("/"),
        "search": names_it("/?q=bus+station"),
        "topic filter": names_it("/?topic=Transport"),
        "ways to get involved": names_it("/activities"),
        "open-data list": names_it("/api/v1/consultations"),
        "topics to subscribe to": "Transport" in get("/get-emails/topic").get_data(as_text=True),
    }


HIDDEN = {
    "consultation page": 404,
    "privacy notice": 404,
    "first question": 404,
    "outcome e-mail form": 404,
    "activity page": 404,
    "open-data record": 404,
    "home page": False,
    "search": False,
    "topic filter": False,
    "ways to get involved": False,
    "open-data list": False,
    "topics to subscribe to": False,
}
SHOWN = {
    "consultation page": 200,
    "privacy notice": 200,
    "first question": 200,
    "outcome e-mail form": 200,
    "activity page": 200,
    "open-data record": 200,
    "home page": True,
    "search": True,
    "topic filter": True,
    "ways to get involved": True,
    "open-data list": True,
    "topics to subscribe to": True,
}


def _draft_with_a_subscriber(sign_in_as) -> Consultation:  # type: ignore[no-untyped-def]
    """A draft to open in three days, someone following its topic, an officer signed in."""
    draft = _scheduled(timedelta(days=3), published_at=None)
    SubscriptionFactory(email="transport@example.com", topic="Transport")
    sign_in_as("engagement_officer")
    db.session.commit()
    return draft


def _publish(pages, draft: Consultation) -> None:  # type: ignore[no-untyped-def]
    pages.post(f"/officer/consultations/{draft.id}/publish", expected_status=302)


def _run_send_emails(app) -> str:  # type: ignore[no-untyped-def]
    result = app.test_cli_runner().invoke(args=["involve", "send-emails"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_scheduled_consultation_appears_everywhere_once_its_opening_time_passes(
    app, pages, tmp_path, monkeypatch
):
    outbox = fresh_outbox(app, tmp_path, monkeypatch)
    consultation = _scheduled(OPENS_IN)
    SubscriptionFactory(email="transport@example.com", topic="Transport")
    db.session.commit()  # a savepoint release: the command's session sees it

    assert _public_view(pages, consultation) == HIDDEN
    assert "Told subscribers" not in _run_send_emails(app)
    assert outbox_files(outbox) == []
    assert utc_now() < consultation.opens_at, "the checks took longer than OPENS_IN"

    time.sleep((consultation.opens_at - utc_now()).total_seconds() + 0.2)

    assert _public_view(pages, consultation) == SHOWN  # the same process: no restart, no job
    page = pages.get(f"/consultations/{consultation.slug}")
    assert heading(page) == TITLE
    assert page.select_one("a.govuk-button--start") is not None
    assert "Told subscribers about 1 consultation that opened" in _run_send_emails(app)
    (mail,) = outbox_files(outbox)
    assert mail["To"] == "transport@example.com"
    assert mail["Subject"] == f"New consultation: {TITLE}"
    text = body_of(mail)
    assert "It is open now" in text
    pages.get(link_after(text, "have your say"))  # the link works: it is public now
    assert "Told subscribers" not in _run_send_emails(app)  # announced once
    assert len(outbox_files(outbox)) == 1


def test_publishing_to_open_later_tells_nobody_until_it_opens(pages, sign_in_as):
    now = utc_now()
    draft = _draft_with_a_subscriber(sign_in_as)
    _publish(pages, draft)
    assert draft.published_at is not None
    assert messages("consultation_published") == []
    pages.get(f"/consultations/{draft.slug}", expected_status=404)
    assert announce_opened_consultations(now=now + timedelta(days=2)) == 0
    assert messages("consultation_published") == []

    assert announce_opened_consultations(now=now + timedelta(days=3, minutes=5)) == 1
    (message,) = messages("consultation_published")
    assert message.to_address == "transport@example.com"
    assert announce_opened_consultations(now=now + timedelta(days=3, minutes=15)) == 0
    assert len(messages("consultation_published")) == 1


def test_returning_to_draft_and_publishing_again_announces_it_once_when_it_opens(pages, sign_in_as):
    now = utc_now()
    draft = _draft_with_a_subscriber(sign_in_as)
    _publish(pages, draft)
    pages.post(f"/officer/consultations/{draft.id}/unpublish", expected_status=302)
    SubscriptionFactory(email="newcomer@example.com", topic="Transport")
    db.session.commit()
    _publish(pages, draft)
    assert messages("consultation_published") == []
    assert announce_opened_consultations(now=now + timedelta(days=3, minutes=5)) == 1
    assert sorted(message.to_address for message in messages("consultation_published")) == [
        "newcomer@example.com",
        "transport@example.com",
    ]


def test_a_consultation_that_opened_long_ago_is_not_announced_late(pages):
    """The look-back bounds each run: one that opened weeks ago (before announcing existed, say)
    is not news now."""
    now = utc_now()
    _scheduled(timedelta(days=3))
    SubscriptionFactory(email="transport@example.com", topic="Transport")
    db.session.commit()
    assert announce_opened_consultations(now=now + timedelta(days=30)) == 0
    assert messages("consultation_published") == []


def test_officers_see_and_preview_a_scheduled_consultation_and_are_told_when_residents_will(
    pages, sign_in_as
):
    draft = _scheduled(timedelta(days=3), published_at=None)
    sign_in_as("engagement_officer")
    db.session.commit()
    overview = pages.get(f"/officer/consultations/{draft.id}")
    explained = overview.select_one("#publish-explained").get_text(" ", strip=True)
    assert explained.startswith("Residents will see it from its opening time, ")
    assert "Until then only officers can see it" in explained

    page = pages.post(
        f"/officer/consultations/{draft.id}/publish", follow_redirects=True, expected_status=200
    )
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert f"{TITLE} has been published. Residents will see it from " in banner
    assert "Until then only officers can see it." in banner
    status = page.select_one("#scheduled-explained").get_text(" ", strip=True)
    assert status.startswith("Published, but residents cannot see it yet")
    assert page.select_one("main .govuk-tag").get_text(strip=True) == "Scheduled"

    preview = pages.get(page.select_one("#scheduled-explained a")["href"])
    assert "Do you use buses?" in preview.get_text()
    pages.get(f"/consultations/{draft.slug}", expected_status=404)  # still not the public's
