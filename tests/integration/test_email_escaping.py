"""User-written text in e-mails and the API can never become markup or a header: e-mails are sent
as plain text only (no HTML part to inject into), subjects are one line, the outbox page shows
the text escaped, and the API answers JSON that no browser will sniff as a page."""

from __future__ import annotations

import json

import pytest

from involve.extensions import db
from involve.services.subscription_notices import notify_consultation_published
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_subscriptions import SubscriptionFactory, body_of, fresh_outbox, outbox_files

HOSTILE_TITLE = '<script>alert("x")</script><img src=x onerror=alert(1)> Bus station'
INJECTED_HEADER = "Bus station\r\nBcc: everyone@example.com\r\n\r\n<b>body</b>"


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


def _published_to_a_subscriber(app, title: str):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(title=title, summary=f"About {title}", topics=["Transport"])
    QuestionFactory(page=QuestionPageFactory(consultation=consultation))
    SubscriptionFactory(email="transport@example.com", topic="Transport")
    db.session.commit()
    with app.test_request_context():
        assert notify_consultation_published(
            consultation=consultation, actor=None, base_url="http://localhost"
        )
        db.session.commit()
    return consultation


def test_a_subscriber_email_with_a_script_in_the_title_is_plain_text_only(app, outbox):
    _published_to_a_subscriber(app, HOSTILE_TITLE)
    (mail,) = outbox_files(outbox)
    assert not mail.is_multipart()
    assert [part.get_content_type() for part in mail.walk()] == ["text/plain"]
    # In plain text the title is only words: mail programs show it, never run or render it.
    assert HOSTILE_TITLE in body_of(mail)
    assert mail["Subject"] == f"New consultation: {HOSTILE_TITLE}"


def test_a_title_cannot_add_headers_or_a_body_to_the_email(app, outbox):
    _published_to_a_subscriber(app, INJECTED_HEADER)
    (mail,) = outbox_files(outbox)
    assert mail["Bcc"] is None
    assert mail.get_all("To") == ["transport@example.com"]
    assert "\n" not in mail["Subject"] and "\r" not in mail["Subject"]
    assert [part.get_content_type() for part in mail.walk()] == ["text/plain"]


def test_the_outbox_page_shows_the_email_escaped(app, outbox, pages, sign_in_as):
    _published_to_a_subscriber(app, HOSTILE_TITLE)
    sign_in_as("admin")
    listing = pages.get("/officer/outbox")
    # PageClient refuses any page with an inline script or handler (tests/csp.py); and the
    # title reads as text.
    assert HOSTILE_TITLE in listing.get_text()
    link = listing.find("a", href=lambda href: href and href.startswith("/officer/outbox/"))
    message = pages.get(link["href"])
    assert HOSTILE_TITLE in message.get_text()
    assert message.find("img", src="x") is None


def test_the_api_returns_the_title_as_json_data_never_as_a_page(pages):
    consultation = ConsultationFactory(title=HOSTILE_TITLE)
    db.session.commit()
    response = pages.client.get(f"/api/v1/consultations/{consultation.slug}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.data)["title"] == HOSTILE_TITLE
