"""Supporting documents are checked by content, size-limited and served only as downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, ConsultationDocument, ConsultationLink
from involve.services.documents import DocumentRejected, store_document
from tests.factories import ConsultationFactory, OfficerFactory
from tests.pages import field_error

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(pages, consultation, filename, data, title="Proposal", status=302):  # type: ignore[no-untyped-def]
    return pages.post(
        f"/officer/consultations/{consultation.id}/documents/upload",
        {"document_title": title, "document": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        expected_status=status,
    )


def _documents() -> list[ConsultationDocument]:
    return list(db.session.scalars(select(ConsultationDocument)))


def test_a_pdf_is_stored_outside_static_and_downloaded_as_an_attachment(app, pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    _upload(pages, consultation, "Our plan.pdf", PDF_BYTES)
    (document,) = _documents()
    assert document.content_type == "application/pdf"
    assert document.original_filename == "Our plan.pdf"
    assert document.size_bytes == len(PDF_BYTES)
    assert "plan" not in document.stored_name
    stored = Path(app.instance_path) / "uploads" / document.stored_name
    assert stored.read_bytes() == PDF_BYTES
    assert db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action == "consultation.document_added")
    ).one()
    page = pages.get(f"/officer/consultations/{consultation.id}/documents")
    assert page.find("a", string="Our plan.pdf") is not None

    sign_in_as("auditor")
    response = pages.client.get(
        f"/officer/consultations/{consultation.id}/documents/{document.id}/download"
    )
    assert response.status_code == 200
    assert response.data == PDF_BYTES
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert (
        "Our plan.pdf" in response.headers["Content-Disposition"]
        or "Our%20plan.pdf" in (response.headers["Content-Disposition"])
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_a_program_renamed_pdf_is_refused_by_its_content(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    page = _upload(pages, consultation, "plan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, status=200)
    assert field_error(page, "document") == "The selected file must be a PDF, DOCX or ODT"
    assert _documents() == []


def test_a_file_over_the_limit_is_refused(app, pages, sign_in_as, monkeypatch):
    # A small limit keeps the test client from spooling the body to a temporary file.
    sign_in_as("engagement_officer")
    monkeypatch.setitem(app.config, "DOCUMENT_MAX_BYTES", 100 * 1024)
    consultation = ConsultationFactory()
    db.session.commit()
    big = PDF_BYTES + b"0" * (100 * 1024)
    page = _upload(pages, consultation, "big.pdf", big, status=200)
    assert field_error(page, "document") == "The selected file must be smaller than 100KB"
    assert _documents() == []


def test_the_default_limit_is_10mb(app, sign_in_as):
    officer = OfficerFactory()
    consultation = ConsultationFactory()
    with app.test_request_context(), pytest.raises(DocumentRejected) as refused:
        store_document(
            actor=officer,
            consultation=consultation,
            title="Big",
            filename="big.pdf",
            stream=io.BytesIO(PDF_BYTES + b"0" * (10 * 1024 * 1024)),
        )
    assert str(refused.value) == "The selected file must be smaller than 10MB"


def test_docx_and_odt_are_recognised_from_their_zip_contents(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    _upload(pages, consultation, "plan.docx", docx.getvalue())
    _upload(pages, consultation, "plan.odt", odt.getvalue())
    assert sorted(d.content_type for d in _documents()) == [
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    page = _upload(pages, consultation, "plan.pdf", docx.getvalue(), status=200)
    assert field_error(page, "document") == "The selected file must be a PDF, DOCX or ODT"


def test_an_upload_needs_a_title_and_a_file(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    page = pages.post(f"/officer/consultations/{consultation.id}/documents/upload", {})
    assert field_error(page, "document_title") == "Enter a title for the document"
    assert field_error(page, "document") == "Select a file"


def test_documents_and_links_are_removed(app, pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    _upload(pages, consultation, "plan.pdf", PDF_BYTES)
    (document,) = _documents()
    stored = Path(app.instance_path) / "uploads" / document.stored_name
    pages.post(
        f"/officer/consultations/{consultation.id}/documents/{document.id}/remove",
        expected_status=302,
    )
    assert _documents() == []
    assert not stored.exists()


def test_links_need_an_https_address(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    url = f"/officer/consultations/{consultation.id}/links"
    page = pages.post(url, {"link_title": "Map", "url": "javascript:alert(1)"})
    assert field_error(page, "url").startswith("Enter a web address starting with https://")
    pages.post(
        url, {"link_title": "Map", "url": "https://maps.example.gov.uk/parks"}, expected_status=302
    )
    (link,) = db.session.scalars(select(ConsultationLink)).all()
    assert (link.title, link.url) == ("Map", "https://maps.example.gov.uk/parks")
    pages.post(f"{url}/{link.id}/remove", expected_status=302)
    assert db.session.scalars(select(ConsultationLink)).all() == []


def test_a_removed_documents_file_stays_until_the_removal_is_committed(app, sign_in_as):
    from involve.models import ConsultationDocument
    from involve.models.base import utc_now
    from involve.services import documents

    officer = sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    stored = documents.upload_folder() / "test-removal.pdf"
    stored.write_bytes(PDF_BYTES)
    document = ConsultationDocument(
        consultation=consultation,
        title="Plan",
        original_filename="plan.pdf",
        stored_name=stored.name,
        content_type="application/pdf",
        size_bytes=len(PDF_BYTES),
        uploaded_at=utc_now(),
    )
    db.session.add(document)
    db.session.flush()
    savepoint = db.session.begin_nested()
    documents.remove_document(actor=officer, document=document)
    savepoint.rollback()  # the commit failed: the row is back, so the file must be too
    db.session.commit()  # a later, unrelated commit must not delete it either
    assert stored.exists()
    documents.remove_document(actor=officer, document=_documents()[0])
    db.session.commit()
    assert not stored.exists()
