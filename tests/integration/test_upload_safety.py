"""Hostile uploads: a document that is also a web page, a file under the wrong name, a body over
the size limit, a spreadsheet that unpacks to gigabytes. Each gets a GOV.UK message (never a
500), and a stored file is only ever served as a sandboxed, unsniffed attachment."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from involve.downloads import STORED_FILE_POLICY
from involve.extensions import db
from involve.models import ConsultationDocument
from involve.services import response_import_files
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import field_error, heading

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WEB_PAGE = b"<html><body><script>fetch('/officer/settings')</script></body></html>"
WRONG_TYPE = "The selected file must be a PDF, DOCX or ODT"


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload(pages, consultation, filename, data, status=302):  # type: ignore[no-untyped-def]
    return pages.post(
        f"/officer/consultations/{consultation.id}/documents/upload",
        {"document_title": "Proposal", "document": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        expected_status=status,
    )


def _stored() -> list[ConsultationDocument]:
    return list(db.session.scalars(select(ConsultationDocument)))


def test_polyglot_and_mislabelled_documents_are_refused_by_their_content(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    hostile = {
        "a PDF that is also a web page": ("plan.pdf", b"%PDF-1.4\n" + WEB_PAGE + b"\n%%EOF\n"),
        "a web page named .pdf": ("plan.pdf", WEB_PAGE),
        "a web page glued before a DOCX": ("plan.docx", WEB_PAGE + _docx()),
        "a DOCX carrying a web page": ("plan.docx", _docx({"index.html": WEB_PAGE})),
        "an SVG named .odt": ("plan.odt", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        "a DOCX named .pdf": ("plan.pdf", _docx()),
        "a PDF named .docx": ("plan.docx", PDF_BYTES),
        "a PDF with no end": ("plan.pdf", PDF_BYTES[:-7]),
    }
    for label, (filename, data) in hostile.items():
        page = _upload(pages, consultation, filename, data, status=200)
        assert field_error(page, "document") == WRONG_TYPE, label
        # What the officer typed is still there to send again with the right file.
        assert page.select_one("#document_title")["value"] == "Proposal", label
    assert _stored() == []
    _upload(pages, consultation, "plan.pdf", PDF_BYTES)  # a real one still goes in
    assert [document.content_type for document in _stored()] == ["application/pdf"]


def test_a_stored_document_is_a_sandboxed_unsniffed_attachment_everywhere(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    _upload(pages, consultation, "<b>plan</b>.pdf", PDF_BYTES)
    (document,) = _stored()
    for url in (
        f"/officer/consultations/{consultation.id}/documents/{document.id}/download",
        f"/consultations/{consultation.slug}/documents/{document.id}",
    ):
        response = pages.client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == STORED_FILE_POLICY
        assert response.data == PDF_BYTES
        response.close()


def test_an_upload_over_the_request_limit_is_a_govuk_413_page(app, pages, sign_in_as, monkeypatch):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    # A small limit keeps the test fast; the check is the same at the real 25MB.
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    page = _upload(pages, consultation, "big.pdf", PDF_BYTES + b"0" * 65 * 1024, status=413)
    assert heading(page) == "The information you sent is too large"
    assert "If you attached a file, use a smaller one" in page.get_text()
    assert pages.last_response.headers["X-Frame-Options"] == "DENY"
    assert _stored() == []


def _xlsx(sheet_bytes: int) -> bytes:
    """A workbook whose sheet unpacks to sheet_bytes (it compresses to almost nothing)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * sheet_bytes)
    return buffer.getvalue()


def test_a_spreadsheet_that_unpacks_too_large_is_refused_before_it_is_read(
    pages, sign_in_as, monkeypatch
):
    monkeypatch.setattr(response_import_files, "XLSX_MAX_UNPACKED_BYTES", 100_000)
    consultation = ConsultationFactory()
    QuestionFactory(page=QuestionPageFactory(consultation=consultation))
    sign_in_as("engagement_officer")
    db.session.commit()
    bomb = _xlsx(200_000)
    assert len(bomb) < 2_000
    page = pages.post(
        f"/officer/consultations/{consultation.id}/responses/import",
        {"spreadsheet": (io.BytesIO(bomb), "responses.xlsx")},
        content_type="multipart/form-data",
    )
    assert field_error(page, "spreadsheet") == response_import_files.TOO_BIG_UNPACKED
