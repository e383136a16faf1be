"""Check your answers asks, optionally, whether the response may be published; the answer is
stored (No unless the respondent says Yes) and shown back on the confirmation page, which also
explains how to ask for a copy of your data, or its erasure, and how to withdraw equality answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import Response
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import (
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
)

CONFIRMATION_DATA = "You can ask for a copy of the information we hold about you"


def _consultation(**overrides):  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory(dpo_contact="dpo@example.gov.uk")
    consultation = ConsultationFactory(
        about_you_enabled=False, equality_questions_enabled=False, **overrides
    )
    question = QuestionFactory(page=QuestionPageFactory(consultation=consultation, position=1))
    db.session.commit()
    return consultation, question


def _url(consultation, path: str) -> str:  # type: ignore[no-untyped-def]
    return f"/consultations/{consultation.slug}/{path}"


def _check_answers(pages, consultation, question):  # type: ignore[no-untyped-def]
    pages.post(
        _url(consultation, "questions/1"),
        {f"q{question.id}": "Open later", "action": "continue"},
        expected_status=302,
    )
    return pages.get(_url(consultation, "check-answers"))


def _submit(pages, consultation, page, **extra) -> Response:  # type: ignore[no-untyped-def]
    key = page.select_one("input[name=submission_key]")["value"]
    pages.post(
        _url(consultation, "check-answers"), {"submission_key": key, **extra}, expected_status=302
    )
    return db.session.scalars(select(Response).where(Response.submission_key == key)).one()


def test_check_your_answers_asks_whether_we_may_publish(pages):
    consultation, question = _consultation()
    page = _check_answers(pages, consultation, question)
    fieldset = page.select_one("form fieldset")
    assert fieldset.select_one("legend").get_text(strip=True) == "Can we publish your response?"
    labels = [label.get_text(strip=True) for label in fieldset.select("label")]
    assert labels == [
        "Yes, you can publish my answers without my name",
        "No, do not publish my answers",
    ]
    hint = fieldset.select_one(".govuk-hint").get_text(" ", strip=True)
    assert "we remove names and contact details" in hint
    assert "checks everything" in hint
    assert fieldset.select("input[checked]") == []  # nothing chosen for the respondent


def test_yes_is_stored_and_shown_back(pages):
    consultation, question = _consultation()
    page = _check_answers(pages, consultation, question)
    response = _submit(pages, consultation, page, publish_consent="yes")
    assert response.publish_consent is True
    confirmation = pages.get(_url(consultation, "confirmation"))
    assert "You said we can publish your answers without your name" in (
        confirmation.select_one("#publish-consent").get_text()
    )


@pytest.mark.parametrize("sent", [{}, {"publish_consent": "no"}, {"publish_consent": "YES!"}])
def test_anything_but_yes_means_do_not_publish(pages, sent):
    consultation, question = _consultation()
    page = _check_answers(pages, consultation, question)
    response = _submit(pages, consultation, page, **sent)
    assert response.publish_consent is False
    confirmation = pages.get(_url(consultation, "confirmation"))
    assert "We will not publish your answers" in (
        confirmation.select_one("#publish-consent").get_text()
    )


def test_the_confirmation_explains_how_to_ask_for_your_data_or_its_erasure(pages):
    consultation, question = _consultation()
    page = _check_answers(pages, consultation, question)
    response = _submit(pages, consultation, page)
    confirmation = pages.get(_url(consultation, "confirmation"))
    text = " ".join(confirmation.select_one("#your-data").get_text().split())
    assert CONFIRMATION_DATA in text
    assert "or ask us to delete it" in text
    assert f"quote your reference, {response.reference}" in text
    assert confirmation.select_one("#your-data a[href='mailto:consult@example.gov.uk']")
    assert confirmation.select_one("#your-data a[href='mailto:dpo@example.gov.uk']")
    notice = confirmation.find("a", string="how we use your information")
    assert notice["href"] == _url(consultation, "privacy-notice")
    assert confirmation.select_one("#withdraw-equality") is None  # no equality answers given


def test_the_confirmation_links_to_withdrawing_equality_answers_when_some_were_given(pages):
    consultation, question = _consultation()
    consultation.equality_questions_enabled = True
    db.session.commit()
    _check_answers(pages, consultation, question)
    pages.post(_url(consultation, "equality"), {"sex": "Female"}, expected_status=302)
    page = pages.get(_url(consultation, "check-answers"))
    _submit(pages, consultation, page)
    confirmation = pages.get(_url(consultation, "confirmation"))
    link = confirmation.select_one("#withdraw-equality")
    assert link["href"] == "/withdraw-equality-answers"
    assert link.get_text(strip=True) == "withdraw your equality answers"


def test_a_response_keyed_in_by_an_officer_is_not_published(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, question = _consultation()
    today: date = utc_now().astimezone(UK).date()
    pages.post(
        f"/officer/consultations/{consultation.id}/responses/new",
        {
            "channel": "paper",
            "received_on": [str(today.day), str(today.month), str(today.year)],
            f"q{question.id}": "Sent by post",
        },
        expected_status=302,
    )
    response = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).one()
    assert response.entered_by_id is not None
    assert response.publish_consent is False
