"""Save and come back later, resume codes, submitting once, and refusing closed consultations."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Response, ResponseStatus
from involve.models.base import utc_now
from tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.pages import PageClient, error_summary, field_error, heading


def _consultation(**overrides):
    consultation = ConsultationFactory(
        about_you_enabled=False, equality_questions_enabled=False, **overrides
    )
    page = QuestionPageFactory(consultation=consultation, position=1)
    first = QuestionFactory(page=page, text="What should change?", required=True)
    second = QuestionFactory(
        page=page, text="How many visits?", kind="number", required=True, min_value=0
    )
    db.session.commit()
    return consultation, first, second


def _url(consultation, path):
    return f"/consultations/{consultation.slug}/{path}"


def _save_for_later(pages, consultation, first):
    pages.post(
        _url(consultation, "questions/1"),
        {f"q{first.id}": "More buses", "action": "save"},
        expected_status=302,
    )
    page = pages.get(_url(consultation, "saved"))
    assert heading(page).startswith("Your answers have been saved")
    return page.select_one("#resume-code").get_text(strip=True)


def test_saving_for_later_keeps_what_parses_and_gives_a_code_that_brings_it_back(app, pages):
    consultation, first, _second = _consultation()
    code = _save_for_later(pages, consultation, first)
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    response = db.session.scalars(select(Response)).one()
    assert response.resume_code_hash and code.replace("-", "") not in response.resume_code_hash
    assert response.resume_expires_at == consultation.closes_at
    assert [answer.value for answer in response.answers] == ["More buses"]

    other_browser = PageClient(app, app.test_client())
    page = other_browser.get(_url(consultation, f"resume?code={code}"))
    assert page.select_one("#code")["value"] == code
    other_browser.post(_url(consultation, "resume"), {"code": code.lower()}, expected_status=302)
    assert other_browser.last_response.headers["Location"] == _url(consultation, "questions/1")
    page = other_browser.get(_url(consultation, "questions/1"))
    assert page.select_one(f"#q{first.id}")["value"] == "More buses"


def test_saving_for_later_still_shows_badly_formed_answers_to_fix(pages):
    consultation, first, second = _consultation()
    page = pages.post(
        _url(consultation, "questions/1"),
        {f"q{first.id}": "More buses", f"q{second.id}": "lots", "action": "save"},
    )
    assert error_summary(page) == [f"For “{second.text}”, enter a whole number, like 12"]
    assert page.select_one(f"#q{second.id}")["value"] == "lots"
    response = db.session.scalars(select(Response)).one()
    assert [answer.value for answer in response.answers] == ["More buses"]


def test_a_wrong_code_gets_an_error(pages):
    consultation, _first, _second = _consultation()
    page = pages.post(_url(consultation, "resume"), {"code": "AAAAA-BBBBB"})
    assert error_summary(page) == ["Enter the code you were given, like K7MQ9-P2XD4"]
    assert field_error(page, "code") == "Enter the code you were given, like K7MQ9-P2XD4"


def test_an_expired_code_gets_an_error(app, pages):
    consultation, first, _second = _consultation()
    code = _save_for_later(pages, consultation, first)
    response = db.session.scalars(select(Response)).one()
    response.resume_expires_at = utc_now() - timedelta(minutes=1)
    db.session.commit()
    page = PageClient(app, app.test_client()).post(_url(consultation, "resume"), {"code": code})
    assert error_summary(page) == ["Enter the code you were given, like K7MQ9-P2XD4"]


def _answer_and_check(pages, consultation, first, second):
    pages.post(
        _url(consultation, "questions/1"),
        {f"q{first.id}": "More buses", f"q{second.id}": "3"},
        expected_status=302,
    )
    page = pages.get(_url(consultation, "check-answers"))
    return page.select_one("input[name=submission_key]")["value"]


def test_the_same_form_sent_twice_stores_one_response(pages):
    consultation, first, second = _consultation()
    key = _answer_and_check(pages, consultation, first, second)
    for _ in range(2):
        pages.post(
            _url(consultation, "check-answers"), {"submission_key": key}, expected_status=302
        )
        assert pages.last_response.headers["Location"] == _url(consultation, "confirmation")
    submitted = db.session.scalars(select(Response)).all()
    assert [response.status for response in submitted] == [ResponseStatus.SUBMITTED]
    assert submitted[0].submission_key == key
    page = pages.get(_url(consultation, "confirmation"))
    assert page.select_one("#reference").get_text(strip=True) == submitted[0].reference
    assert "consult@example.gov.uk" in page.get_text()


def test_a_closed_consultation_refuses_answers_and_shows_them_back(pages):
    consultation, first, second = _consultation()
    consultation.closed_early_at = utc_now() - timedelta(hours=1)
    db.session.commit()
    page = pages.post(
        _url(consultation, "questions/1"),
        {f"q{first.id}": "Please <b>keep</b> the 42 bus", f"q{second.id}": "lots"},
    )
    assert heading(page) == "This consultation has closed"
    shown = page.select_one("#your-answers").get_text(" ", strip=True)
    assert "Please <b>keep</b> the 42 bus" in shown
    assert "lots" in shown
    assert "consult@example.gov.uk" in page.get_text()
    assert db.session.scalar(select(func.count(Response.id))) == 0


def test_submitting_after_the_consultation_closed_stores_nothing(pages):
    consultation, first, second = _consultation()
    key = _answer_and_check(pages, consultation, first, second)
    consultation.closes_at = utc_now() - timedelta(minutes=1)
    db.session.commit()
    page = pages.post(_url(consultation, "check-answers"), {"submission_key": key})
    assert heading(page) == "This consultation has closed"
    assert "More buses" in page.select_one("#your-answers").get_text()
    response = db.session.scalars(select(Response)).one()
    assert response.status == ResponseStatus.IN_PROGRESS


def test_check_answers_without_a_response_starts_at_the_first_page(pages):
    consultation, _first, _second = _consultation()
    pages.get(_url(consultation, "check-answers"), expected_status=302)
    assert pages.last_response.headers["Location"] == _url(consultation, "questions/1")
    pages.get(_url(consultation, "confirmation"), expected_status=302)


def test_a_new_reference_is_never_one_already_used_or_given_out(monkeypatch):
    from involve.services import responses

    existing = ResponseFactory(reference="AAA-AAA-AAA")
    candidates = iter([existing.reference, "BBB-BBB-BBB", "BBB-BBB-BBB", "CCC-CCC-CCC"])
    monkeypatch.setattr(responses, "new_reference", lambda: next(candidates))
    taken: set[str] = set()
    assert responses.unused_reference(taken) == "BBB-BBB-BBB"
    assert responses.unused_reference(taken) == "CCC-CCC-CCC"
    assert taken == {"BBB-BBB-BBB", "CCC-CCC-CCC"}
