"""Spam controls without a CAPTCHA: a honeypot box on every public form, and a time-to-complete
check on submitting a response. Neither drops anything silently: people get a clear message and
keep what they typed, and officers can count what was stopped."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Answer, AuditEvent, Response, ResponseStatus, Subscription
from involve.models.base import utc_now
from involve.public.spam import HONEYPOT_ERROR, HONEYPOT_FIELD
from involve.services.spam import HONEYPOT, TOO_FAST, count_spam_checks
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import error_summary, field_error, heading, title

# Public POST endpoints that need no honeypot, and why.
NO_HONEYPOT = {
    "public.confirm_subscription": "one button, reached only from the link e-mailed to the person",
    "public.unsubscribe": "one button (or a mail program's one-click POST) behind a secret link",
}


def _consultation():
    consultation = ConsultationFactory(equality_questions_enabled=True)
    page = QuestionPageFactory(consultation=consultation, position=1)
    question = QuestionFactory(page=page, text="What should change?", required=True)
    db.session.commit()
    return consultation, question


def _base(consultation) -> str:
    return f"/consultations/{consultation.slug}"


def _form_posting_to(page, endpoint_path: str):
    for form in page.find_all("form", method="post"):
        if form["action"].split("?")[0] == endpoint_path:
            return form
    raise AssertionError(f"no form posts to {endpoint_path}")


def _journey_pages(pages, consultation, question) -> dict[str, str]:
    """endpoint -> the URL of the page showing its form, walking far enough to see each."""
    base = _base(consultation)
    pages.post(f"{base}/questions/1", {f"q{question.id}": "More buses"}, expected_status=302)
    pages.post(f"{base}/about-you/age-and-postcode", {"age_band": "25_34"}, expected_status=302)
    return {
        "public.question_page": f"{base}/questions/1",
        "public.resume": f"{base}/resume",
        "public.about_you": f"{base}/about-you",
        "public.about_you_age": f"{base}/about-you/age-and-postcode",
        "public.about_you_activity": f"{base}/about-you/what-you-do",
        "public.about_you_contact": f"{base}/about-you/contact-details",
        "public.equality": f"{base}/equality",
        "public.check_answers": f"{base}/check-answers",
        "public.subscribe_outcome": f"{base}/get-outcome-email",
        "public.subscribe_topic": "/get-emails/topic",
        "public.subscribe_area": "/get-emails/area",
        "public.withdraw_equality": "/withdraw-equality-answers",
    }


def test_every_public_form_has_the_honeypot_hidden_the_govuk_way(app, pages):
    consultation, question = _consultation()
    shown_at = _journey_pages(pages, consultation, question)
    public_posts = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint.startswith("public.")
    }
    assert public_posts - set(NO_HONEYPOT) == set(shown_at), "a public form without a honeypot"
    for endpoint, url in shown_at.items():
        page = pages.get(url)
        form = _form_posting_to(page, url.split("?")[0])
        box = form.find("input", attrs={"name": HONEYPOT_FIELD})
        assert box is not None, endpoint
        assert (box["tabindex"], box["autocomplete"], box.get("value")) == ("-1", "off", ""), (
            endpoint
        )
        wrapper = box.find_parent("div")
        assert wrapper["aria-hidden"] == "true", endpoint
        assert "govuk-visually-hidden" in wrapper["class"], endpoint  # a class, not display:none
        assert wrapper.find("label", attrs={"for": box["id"]}).get_text() == "Leave this box empty"
        assert not form.find_all(style=True), endpoint  # no inline styles (CSP)


def test_a_filled_honeypot_saves_nothing_and_shows_the_box_with_what_was_typed(pages):
    consultation, question = _consultation()
    url = f"{_base(consultation)}/questions/1"
    page = pages.post(url, {f"q{question.id}": "More buses", HONEYPOT_FIELD: "http://spam.example"})
    assert title(page).startswith("Error: ")
    assert error_summary(page) == [HONEYPOT_ERROR]
    assert page.select_one(".govuk-error-summary a")["href"] == f"#{HONEYPOT_FIELD}"
    assert field_error(page, HONEYPOT_FIELD) == HONEYPOT_ERROR
    box = page.select_one(f"#{HONEYPOT_FIELD}")
    assert box["value"] == "http://spam.example" and not box.find_parent(
        attrs={"aria-hidden": True}
    )
    assert page.select_one(f"#q{question.id}")["value"] == "More buses"  # nothing typed is lost
    assert db.session.scalar(select(func.count(Response.id))) == 0
    assert count_spam_checks() == {HONEYPOT: 1, TOO_FAST: 0}
    # A person empties the box and carries on.
    pages.post(url, {f"q{question.id}": "More buses", HONEYPOT_FIELD: ""}, expected_status=302)
    assert db.session.scalars(select(Answer.value)).all() == ["More buses"]


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/about-you", {"responding_as": "individual", "elected_status": "none"}),
        ("/about-you/contact-details", {"name": "Sam", "email": "sam@example.com"}),
        ("/get-outcome-email", {"email": "sam@example.com"}),
        ("/resume", {"code": "ABCDE-FGHJK"}),
    ],
)
def test_the_honeypot_stops_each_kind_of_public_form(pages, path, form):
    consultation, _ = _consultation()
    url = f"{_base(consultation)}{path}"
    page = pages.post(url, {**form, HONEYPOT_FIELD: "spam"})
    assert HONEYPOT_ERROR in error_summary(page)
    for value in form.values():
        if "@" in value or value == "Sam":
            assert page.find("input", attrs={"value": value}) is not None  # kept
    assert db.session.scalar(select(func.count(Response.id))) == 0
    assert db.session.scalar(select(func.count(Subscription.id))) == 0
    assert count_spam_checks()[HONEYPOT] == 1


def test_the_honeypot_on_the_withdrawal_and_topic_forms(pages):
    page = pages.post(
        "/withdraw-equality-answers", {"reference": "K7M-Q9P-2XD", HONEYPOT_FIELD: "x"}
    )
    assert HONEYPOT_ERROR in error_summary(page)
    page = pages.post("/get-emails/topic", {"email": "a@example.com", HONEYPOT_FIELD: "x"})
    assert HONEYPOT_ERROR in error_summary(page)
    assert count_spam_checks()[HONEYPOT] == 2


def _answered(pages, consultation, question):
    base = _base(consultation)
    pages.post(f"{base}/questions/1", {f"q{question.id}": "More buses"}, expected_status=302)
    return f"{base}/check-answers", {"submission_key": secrets.token_hex(32)}


def _no_about_you():
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    question = QuestionFactory(
        page=QuestionPageFactory(consultation=consultation, position=1), required=True
    )
    db.session.commit()
    return consultation, question


def test_the_honeypot_on_check_answers_does_not_submit(pages):
    consultation, question = _no_about_you()
    url, form = _answered(pages, consultation, question)
    page = pages.post(url, {**form, HONEYPOT_FIELD: "spam"})
    assert HONEYPOT_ERROR in error_summary(page)
    assert db.session.scalars(select(Response.status)).all() == [ResponseStatus.IN_PROGRESS]


def test_a_response_sent_too_fast_is_asked_to_check_and_submit_again(app, pages, monkeypatch):
    monkeypatch.setitem(app.config, "RESPONSE_MIN_SECONDS", 60)
    consultation, question = _no_about_you()
    url, form = _answered(pages, consultation, question)
    page = pages.post(url, form)
    assert heading(page) == "Check your answers and submit again"
    assert title(page).startswith("Check your answers and submit again")
    assert "Your response has not been submitted yet" in page.select_one("#submit-again").get_text()
    assert "More buses" in page.select_one("#answers").get_text()  # the answers stay saved
    assert db.session.scalars(select(Response.status)).all() == [ResponseStatus.IN_PROGRESS]
    assert count_spam_checks() == {HONEYPOT: 0, TOO_FAST: 1}
    # Submitting again from that page is accepted: a person is never stuck.
    key = page.select_one("input[name=submission_key]")["value"]
    pages.post(url, {"submission_key": key}, expected_status=302)
    assert db.session.scalars(select(Response.status)).all() == [ResponseStatus.SUBMITTED]


def test_a_response_that_took_long_enough_is_submitted_at_once(app, pages, monkeypatch):
    monkeypatch.setitem(app.config, "RESPONSE_MIN_SECONDS", 60)
    consultation, question = _no_about_you()
    url, form = _answered(pages, consultation, question)
    response = db.session.scalars(select(Response)).one()
    response.created_at = utc_now() - timedelta(seconds=61)
    db.session.commit()
    pages.post(url, form, expected_status=302)
    assert count_spam_checks()[TOO_FAST] == 0


def test_officers_see_what_the_spam_checks_stopped_in_the_audit_log(pages, sign_in_as):
    consultation, question = _consultation()
    pages.post(
        f"{_base(consultation)}/questions/1",
        {f"q{question.id}": "Buy now", HONEYPOT_FIELD: "http://spam.example"},
    )
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.officer_id, event.action) == (None, "spam_check.honeypot")
    assert event.detail == {"by": "respondent", "check": HONEYPOT, "form": "public.question_page"}
    assert "Buy now" not in repr(event.detail) + event.summary  # nothing typed is kept
    sign_in_as("admin")
    log = pages.get("/officer/audit-log").get_text(" ", strip=True)
    assert "its hidden spam-trap box was filled in" in log
    assert "The respondent, on the public site" in log
