"""Pages and downloads with personal data or unpublished work say Cache-Control: no-store, so no
browser (a shared PC's back button) or proxy keeps a copy: every officer page and export, and
the pages of a resident's journey that show what they typed, their resume code or reference."""

from __future__ import annotations

import pytest

from involve.extensions import db
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_activities import ActivityFactory
from tests.pages import heading

ABOUT_YOU = {"responding_as": "individual", "connections": ["live"], "elected_status": "neither"}


def _no_store(pages) -> bool:  # type: ignore[no-untyped-def]
    return pages.last_response.headers.get("Cache-Control") == "no-store"


@pytest.fixture
def work():  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory()
    page = QuestionPageFactory(consultation=consultation, position=1)
    question = QuestionFactory(page=page, text="What should change?")
    activity = ActivityFactory()
    db.session.commit()
    return consultation, question, activity


@pytest.mark.parametrize(
    "path",
    [
        "/officer/",
        "/officer/consultations/{consultation}/responses",
        "/officer/consultations/{consultation}/fairness.csv",
        "/officer/activities/{activity}/compliance.csv",
        "/officer/reports/compliance.csv",
        "/officer/access-log.csv",
        "/officer/audit-log",
        "/account",
    ],
)
def test_officer_pages_and_downloads_are_never_stored(pages, sign_in_as, work, path):
    consultation, _question, activity = work
    sign_in_as("admin")
    url = path.format(consultation=consultation.id, activity=activity.id)
    response = pages.client.get(url, buffered=True)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("export", ["responses.csv", "responses.xlsx"])
def test_response_exports_are_never_stored(pages, sign_in_as, work, export):
    consultation, _question, _activity = work
    sign_in_as("analyst")
    pages.post(f"/officer/consultations/{consultation.id}/{export}", buffered=True)
    assert _no_store(pages)


def test_a_residents_journey_is_never_stored_once_it_shows_their_answers(pages, work):
    consultation, question, _activity = work
    base = f"/consultations/{consultation.slug}"
    pages.get(base)
    assert not _no_store(pages)  # the consultation itself is public information
    answer = {f"q{question.id}": "More buses", "action": "save"}
    pages.post(f"{base}/questions/1", answer, expected_status=302)
    pages.get(f"{base}/saved")
    assert _no_store(pages)  # the resume code
    pages.get(f"{base}/questions/1")
    assert _no_store(pages)
    pages.post(f"{base}/about-you", ABOUT_YOU, expected_status=302)
    for page in ("about-you", "about-you/age-and-postcode", "about-you/what-you-do"):
        pages.get(f"{base}/{page}")
        assert _no_store(pages), page
    pages.get(f"{base}/about-you/contact-details")
    assert _no_store(pages)
    pages.get(f"{base}/equality")
    assert _no_store(pages)
    check = pages.get(f"{base}/check-answers")
    assert _no_store(pages)
    key = check.select_one("input[name=submission_key]")["value"]
    pages.post(f"{base}/check-answers", {"submission_key": key}, expected_status=302)
    assert heading(pages.get(f"{base}/confirmation")).startswith("Response submitted")
    assert _no_store(pages)
