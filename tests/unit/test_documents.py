"""Document types are judged by their bytes, never by their names."""

import io
import zipfile

from involve.services.documents import DOCX, ODT, PDF, detect_content_type, size_text


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_pdf_is_recognised_by_its_header():
    assert detect_content_type(b"%PDF-1.7\n...") == PDF
    assert detect_content_type(b"MZ\x90\x00") is None
    assert detect_content_type(b"") is None


def test_zip_documents_need_their_telltale_entries():
    assert detect_content_type(_zip({"[Content_Types].xml": "", "word/document.xml": ""})) == DOCX
    assert detect_content_type(_zip({"mimetype": ODT, "content.xml": ""})) == ODT
    assert detect_content_type(_zip({"mimetype": "application/zip"})) is None
    assert detect_content_type(_zip({"readme.txt": "hello"})) is None
    assert detect_content_type(b"PK\x03\x04 not really a zip") is None


def test_sizes_are_given_in_words():
    assert size_text(10 * 1024 * 1024) == "10MB"
    assert size_text(2048) == "2KB"
    assert size_text(12) == "12 bytes"
