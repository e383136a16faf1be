"""The public consultation page in each phase, and document downloads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from involve.extensions import db
from involve.models import ConsultationDocument
from involve.models.base import utc_now
from involve.services.documents import upload_folder
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_decisions import publish_outcome
from tests.pages import heading


def _with_question(**overrides):
    consultation = ConsultationFactory(**overrides)
    QuestionFactory(page=QuestionPageFactory(consultation=consultation, position=1))
    db.session.commit()
    return consultation


def test_an_open_consultation_shows_what_is_proposed_and_a_start_link(pages):
    consultation = _with_question(
        closes_at=datetime(2099, 7, 1, 11, 0, tzinfo=UTC), decision_due_on=date(2099, 9, 1)
    )
    page = pages.get(f"/consultations/{consultation.slug}")
    assert heading(page) == consultation.title
    text = page.get_text(" ", strip=True)
    assert "We propose to change how the service works." in text
    assert "The current arrangement costs more than it should." in text
    assert "12pm on 1 July 2099" in text  # British Summer Time
    assert "1 September 2099" in text
    start = page.select_one("a.govuk-button--start")
    assert start["href"] == f"/consultations/{consultation.slug}/privacy-notice"
    assert "Start now" in start.get_text()


def test_a_draft_is_not_found(pages):
    consultation = _with_question(published_at=None)
    pages.get(f"/consultations/{consultation.slug}", expected_status=404)
    pages.get(f"/consultations/{consultation.slug}/questions/1", expected_status=404)


def test_a_scheduled_consultation_is_not_found_until_it_opens(pages):
    consultation = _with_question(
        opens_at=datetime(2099, 1, 10, 9, 0, tzinfo=UTC),
        closes_at=datetime(2099, 2, 10, 9, 0, tzinfo=UTC),
    )
    page = pages.get(f"/consultations/{consultation.slug}", expected_status=404)
    assert heading(page) == "Page not found"
    assert consultation.title not in page.get_text()
    pages.get(f"/consultations/{consultation.slug}/questions/1", expected_status=404)
    pages.get(f"/consultations/{consultation.slug}/privacy-notice", expected_status=404)


def test_a_closed_consultation_says_so_and_shows_the_outcome_once_published(pages):
    consultation = _with_question(
        opens_at=utc_now() - timedelta(days=40), closes_at=utc_now() - timedelta(days=5)
    )
    page = pages.get(f"/consultations/{consultation.slug}")
    assert "This consultation closed" in page.select_one("#closed-notice").get_text()
    assert page.select_one("a.govuk-button--start") is None
    assert page.select_one("#you-said-link") is None
    publish_outcome(consultation)
    db.session.commit()
    page = pages.get(f"/consultations/{consultation.slug}")
    assert "The outcome was published" in page.select_one("#closed-notice").get_text()
    pages.get(page.select_one("#you-said-link")["href"])  # the outcome's page is there


def test_a_document_downloads_as_an_attachment_that_is_not_sniffed(pages):
    consultation = _with_question()
    (upload_folder() / "journey-test-doc").write_bytes(b"%PDF-1.4 test")
    document = ConsultationDocument(
        consultation=consultation,
        title="Full proposal",
        original_filename="proposal final.pdf",
        stored_name="journey-test-doc",
        content_type="application/pdf",
        size_bytes=13,
        uploaded_at=utc_now(),
    )
    db.session.add(document)
    db.session.commit()
    page = pages.get(f"/consultations/{consultation.slug}")
    link = page.find("a", string="Full proposal")
    assert link["href"] == f"/consultations/{consultation.slug}/documents/{document.id}"
    response = pages.client.get(link["href"])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == b"%PDF-1.4 test"
    response.close()
    other = _with_question()
    pages.get(f"/consultations/{other.slug}/documents/{document.id}", expected_status=404)
