"""Residents subscribe to emails through the real pages, confirm by the link in the e-mail the
outbox received, and unsubscribe with one link; bad and hostile input never gets through."""

from __future__ import annotations

import pytest

from involve.extensions import db
from involve.models import Ward
from involve.models.outcomes import SubscriptionKind
from involve.services import subscriptions
from tests.factories import ConsultationFactory
from tests.factories_decisions import closed_consultation, publish_outcome
from tests.factories_subscriptions import (
    SubscriptionFactory,
    body_of,
    fresh_outbox,
    link_after,
    messages,
    received_by,
    subscriptions_of,
)
from tests.pages import error_summary, field_error, heading, title

TOPIC_URL = "/get-emails/topic"
AREA_URL = "/get-emails/area"
CHECK_URL = "/get-emails/check-your-email"


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


@pytest.fixture
def parking():  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(topics=["Parking", "Air quality"])
    db.session.add(
        Ward(code="E05010986", name="Stroud Central", district_code="E07000082", district_name="")
    )
    db.session.commit()
    return consultation


def _subscribe_to_topic(pages, email: str, topic: str = "Parking") -> None:  # type: ignore[no-untyped-def]
    pages.post(TOPIC_URL, {"email": email, "topic": topic}, expected_status=302)
    assert pages.last_response.headers["Location"] == CHECK_URL


def test_resident_subscribes_confirms_by_the_emailed_link_and_unsubscribes(pages, parking, outbox):
    page = pages.get(TOPIC_URL)
    options = [option.get_text() for option in page.select("#topic option")]
    assert options == ["Select a topic", "Air quality", "Parking"]
    _subscribe_to_topic(pages, "Sam@Example.com")
    assert heading(pages.get(CHECK_URL)) == "Check your email"

    (subscription,) = subscriptions_of("sam@example.com")
    assert subscription.confirmed_at is None
    (mail,) = received_by(outbox, "sam@example.com")
    assert mail["Subject"] == "Confirm your email subscription: Have your say"
    text = body_of(mail)
    assert "email you about consultations about Parking" in text
    confirm_path = link_after(text, "To confirm")
    assert confirm_path == f"/get-emails/confirm/{subscription.token}"

    page = pages.get(confirm_path)  # opening the link alone confirms nothing (mail scanners)
    assert heading(page) == "Confirm you want these emails"
    assert subscriptions_of("sam@example.com")[0].confirmed_at is None
    pages.post(confirm_path, expected_status=302)
    assert heading(pages.get(confirm_path)) == "You are subscribed"
    assert subscriptions_of("sam@example.com")[0].confirmed_at is not None

    unsubscribe_path = link_after(text, "To stop these emails")
    assert heading(pages.get(unsubscribe_path)) == "Stop these emails"
    pages.post(unsubscribe_path, expected_status=302)
    page = pages.get(unsubscribe_path)
    assert heading(page) == "You have unsubscribed"
    assert "consultations about Parking" in page.select_one("#subscription-what").get_text()
    assert subscriptions_of("sam@example.com")[0].unsubscribed_at is not None
    # The confirm link of an ended subscription no longer works.
    assert heading(pages.get(confirm_path, expected_status=404)) == "This link does not work"


def test_area_subscription_names_the_ward(pages, parking, outbox):
    page = pages.get(AREA_URL)
    assert [option["value"] for option in page.select("#area option")] == ["", "E05010986"]
    pages.post(AREA_URL, {"email": "kim@example.org", "area": "E05010986"}, expected_status=302)
    (subscription,) = subscriptions_of("kim@example.org")
    assert (subscription.kind, subscription.ward_code) == (SubscriptionKind.AREA, "E05010986")
    assert "consultations in Stroud Central" in body_of(received_by(outbox, "kim@example.org")[0])


def test_missing_answers_are_reported_the_gov_uk_way(pages, parking, outbox):
    page = pages.post(TOPIC_URL, {"email": "", "topic": ""})
    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Select a topic", "Enter your email address"]
    page = pages.post(AREA_URL, {"email": "not an address", "area": ""})
    assert error_summary(page) == [
        "Select an area",
        "Enter an email address in the correct format, like name@example.com",
    ]
    assert field_error(page, "email") == (
        "Enter an email address in the correct format, like name@example.com"
    )
    assert messages() == [] and subscriptions_of("not an address") == []


FORMAT_ERROR = "Enter an email address in the correct format, like name@example.com"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"email": "sam@example.com", "topic": "Not offered"}, ["Select a topic"]),
        ({"email": "sam@example.com", "topic": "P" * 100_000}, ["Select a topic"]),
        (
            {"email": "<script>alert(1)</script>@example.com", "topic": "<b>Parking</b>"},
            ["Select a topic", FORMAT_ERROR],
        ),
        (
            {"email": "a" * 5_000 + "@example.com", "topic": "Parking"},
            ["Email address must be 254 characters or fewer"],
        ),
        # Invisible characters are removed before anything else sees the text.
        ({"email": "sam@exa\x00mple.com", "topic": "Parking\x00"}, None),
        # Repeated fields: the first of each is read.
        ({"email": ["sam@example.com", "x@example.com"], "topic": ["Parking", "Nope"]}, None),
    ],
)
def test_hostile_input_is_refused_or_cleaned_without_an_error_page(
    pages, parking, outbox, data, errors
):
    if errors is None:
        pages.post(TOPIC_URL, data, expected_status=302)
        (subscription,) = subscriptions_of("sam@example.com")
        assert subscription.topic == "Parking"
        return
    page = pages.post(TOPIC_URL, data)
    assert error_summary(page) == errors
    assert "<script>alert(1)" not in pages.last_response.get_data(as_text=True)
    assert messages() == []


def test_hostile_area_codes_are_refused(pages, parking, outbox):
    for code in ("E05010986" + "X" * 40, "e05010986", "' OR 1=1 --", "E05999999"):
        page = pages.post(AREA_URL, {"email": "kim@example.org", "area": code})
        assert error_summary(page) == ["Select an area"]
    assert subscriptions_of("kim@example.org") == []


def test_subscribing_twice_sends_the_link_again_without_a_second_subscription(
    pages, parking, outbox
):
    _subscribe_to_topic(pages, "sam@example.com")
    first_page = pages.get(CHECK_URL).get_text()
    _subscribe_to_topic(pages, " SAM@example.com ")
    assert pages.get(CHECK_URL).get_text() == first_page  # nothing says it was already there
    assert len(subscriptions_of("sam@example.com")) == 1
    assert len(received_by(outbox, "sam@example.com")) == 2


def test_an_already_confirmed_address_sees_exactly_what_a_new_one_sees(pages, parking, outbox):
    SubscriptionFactory(email="known@example.com", topic="Parking")
    db.session.commit()
    _subscribe_to_topic(pages, "known@example.com")
    known = (pages.last_response.status_code, pages.last_response.headers["Location"])
    _subscribe_to_topic(pages, "new@example.com")
    assert (pages.last_response.status_code, pages.last_response.headers["Location"]) == known
    assert len(subscriptions_of("known@example.com")) == 1


def test_confirmation_emails_to_one_address_are_limited_each_day(pages, parking, outbox):
    for _ in range(8):
        _subscribe_to_topic(pages, "target@example.com")
    assert len(received_by(outbox, "target@example.com")) == 5


def test_unknown_and_malformed_tokens_get_a_friendly_not_found_page(pages, parking):
    for token in ("x" * 43, "short", "tok.en;drop", "a" * 500, "tok%00en", "%E2%80%AE" * 20):
        for url in (f"/get-emails/confirm/{token}", f"/unsubscribe/{token}"):
            page = pages.get(url, expected_status=404)
            assert heading(page) == "This link does not work"
            pages.post(url, expected_status=404)


def test_one_click_unsubscribe_from_a_mail_program_stops_every_email(pages, parking):
    first = SubscriptionFactory(email="sam@example.com", topic="Parking")
    SubscriptionFactory(email="sam@example.com", topic="Air quality")
    db.session.commit()
    # RFC 8058: the mail program POSTs this body, with no form token and no cookies.
    page = pages.post(f"/unsubscribe/{first.token}", {"List-Unsubscribe": "One-Click"}, csrf=False)
    assert heading(page) == "You have unsubscribed from all our emails"
    assert all(item.unsubscribed_at for item in subscriptions_of("sam@example.com"))


def test_the_unsubscribe_page_offers_to_stop_every_email_to_the_address(pages, parking):
    first = SubscriptionFactory(email="sam@example.com", topic="Parking")
    SubscriptionFactory(email="sam@example.com", topic="Air quality")
    SubscriptionFactory(email="other@example.com", topic="Parking")
    db.session.commit()
    page = pages.get(f"/unsubscribe/{first.token}")
    assert "Stop all emails from us" in page.get_text()
    pages.post(f"/unsubscribe/{first.token}", {"scope": "all"}, expected_status=302)
    assert all(item.unsubscribed_at for item in subscriptions_of("sam@example.com"))
    assert subscriptions_of("other@example.com")[0].unsubscribed_at is None


def test_confirming_needs_the_form_token(pages, parking):
    pending = SubscriptionFactory(confirmed_at=None)
    db.session.commit()
    pages.post(f"/get-emails/confirm/{pending.token}", csrf=False, expected_status=400)
    assert subscriptions_of(pending.email)[0].confirmed_at is None


def test_subscribing_again_after_unsubscribing_starts_afresh(pages, parking, outbox):
    old = SubscriptionFactory(email="sam@example.com", topic="Parking")
    db.session.commit()
    old_token = old.token
    pages.post(f"/unsubscribe/{old_token}", expected_status=302)
    _subscribe_to_topic(pages, "sam@example.com")
    (again,) = subscriptions_of("sam@example.com")
    assert again.unsubscribed_at is None and again.confirmed_at is None
    assert again.token != old_token
    pages.get(f"/unsubscribe/{old_token}", expected_status=404)


def test_the_consultation_page_offers_an_email_when_the_outcome_is_published(
    pages, parking, outbox
):
    page = pages.get(f"/consultations/{parking.slug}")
    link = page.select_one("#outcome-email")
    assert link.get_text(strip=True) == "Get an email when the outcome is published"
    url = link["href"]
    page = pages.get(url)
    assert heading(page) == "Get an email when the outcome is published"
    assert error_summary(pages.post(url, {"email": "nope"})) == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    pages.post(url, {"email": "sam@example.com"}, expected_status=302)
    (subscription,) = subscriptions_of("sam@example.com")
    assert subscription.kind == SubscriptionKind.CONSULTATION
    assert subscription.consultation_id == parking.id
    assert f"the outcome of “{parking.title}”" in body_of(received_by(outbox, "sam@example.com")[0])


def test_no_outcome_emails_for_drafts_or_decided_consultations(pages, outbox):
    draft = ConsultationFactory(published_at=None)
    decided = closed_consultation()
    publish_outcome(decided)
    db.session.commit()
    pages.get(f"/consultations/{draft.slug}/get-outcome-email", expected_status=404)
    pages.post(
        f"/consultations/{draft.slug}/get-outcome-email",
        {"email": "a@example.com"},
        expected_status=404,
    )
    assert pages.get(f"/consultations/{decided.slug}").select_one("#outcome-email") is None
    pages.post(
        f"/consultations/{decided.slug}/get-outcome-email",
        {"email": "a@example.com"},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == f"/consultations/{decided.slug}"
    assert subscriptions_of("a@example.com") == []


def test_the_start_page_links_to_both_kinds(pages):
    page = pages.get("/get-emails")
    assert heading(page) == "Get emails about consultations"
    hrefs = {link["href"] for link in page.select("main a")}
    assert {TOPIC_URL, AREA_URL} <= hrefs
    assert "/get-emails" in {link["href"] for link in pages.get("/").select("main a")}


def test_links_in_emails_use_the_configured_address_not_the_host_header(
    app, parking, outbox, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://haveyoursay.example.gov.uk")
    # A request whose Host header someone else chose (the form itself, through a client, would
    # need a matching session cookie, so the service is called inside such a request).
    with app.test_request_context("/get-emails/topic", headers={"Host": "attacker.example"}):
        subscriptions.subscribe(
            email="sam@example.com", kind=SubscriptionKind.TOPIC, topic="Parking"
        )
    (mail,) = received_by(outbox, "sam@example.com")
    links = [word for word in body_of(mail).split() if "://" in word]
    assert len(links) == 2
    assert all(link.startswith("https://haveyoursay.example.gov.uk/") for link in links)
    assert mail["List-Unsubscribe"].startswith("<https://haveyoursay.example.gov.uk/unsubscribe/")


def test_the_privacy_notice_says_what_subscriptions_keep(pages):
    start = pages.get("/get-emails")
    assert "/privacy-notice" in {link["href"] for link in start.select("main a")}
    notice = pages.get("/privacy-notice").select_one("#privacy-subscriptions").get_text()
    assert "your email address and what you asked to hear about" in notice
