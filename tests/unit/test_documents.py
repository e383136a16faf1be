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


def test_pdf_is_recognised_by_its_header_and_end_marker():
    assert detect_content_type(b"%PDF-1.7\n...\n%%EOF\n") == PDF
    assert detect_content_type(b"%PDF-1.7\n..." + b"\n%%EOF\n" + b"\x00" * 500) == PDF
    assert detect_content_type(b"%PDF-1.7\n...") is None  # cut short, or not a PDF at all
    assert detect_content_type(b"MZ\x90\x00") is None
    assert detect_content_type(b"") is None


def test_a_document_that_is_also_a_web_page_is_refused():
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    assert detect_content_type(b"%PDF-1.4\n" + page + b"\n%%EOF\n") is None
    assert detect_content_type(b"%PDF-1.4\n<!DOCTYPE html>\n%%EOF\n") is None
    assert detect_content_type(b"%PDF-1.4\n<SVG onload=alert(1)>\n%%EOF\n") is None
    docx = {"[Content_Types].xml": "", "word/document.xml": ""}
    assert detect_content_type(page + _zip(docx)) is None  # a ZIP is read from its end
    assert detect_content_type(_zip({"index.html": page.decode(), **docx})) is None


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
