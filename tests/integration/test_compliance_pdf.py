"""The activity's compliance report as PDF, CSV and XLSX: a well-formed PDF with its metadata
(title, author, subject, language), an outline of its sections, contents that link to them, and
every piece of evidence a working link to the same address the page links to, written out once;
made whatever the text (emoji, Chinese, right-to-left, control characters), with or without a
Unicode font on the machine; files whose cells a spreadsheet will never run as formulas."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from involve.extensions import db
from involve.services import compliance_pdf
from involve.services.compliance_claims import Claim, Link, Section
from involve.services.compliance_pdf import PdfDocument, latin1_text, render_pdf
from involve.services.fairness_checks import Status
from tests.factories_compliance import (
    REPORT_ADDRESS,
    REPORT_SECTIONS,
    closed_consultation,
    decision_titled_by_its_address,
)
from tests.pdf_structure import parse_pdf

# Stored as an officer could type it (forms strip NUL before it reaches the database, and
# PostgreSQL refuses NUL in text, so none is planted here; other control characters are).
HOSTILE = (
    "Parking 🚗😀 停车场 \u05d7\u05e0\u05d9\u05d4 \u0645\u0648\u0642\u0641 "
    "Caf\u00e9 \u201cquoted\u201d \u2014 dash\x07bell\x1bescape " + "x" * 300
)


def _url(activity, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/compliance{suffix}"


def _document(text: str) -> PdfDocument:
    link = Link("Evidence page", "/officer/activities/1")
    return PdfDocument(
        title=f"Compliance report: {text[:40]}",
        subtitle="Test council",
        web_address="http://localhost/officer/activities/1/compliance",
        sections=(
            Section(
                "what",
                "What the activity was",
                text,
                (Claim("way", text[:60], text, (link,), Status.FAIL, (text,)),),
            ),
        ),
        root_url="http://localhost/",
        made_at=datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
        author="Test council",
    )


def test_the_pdf_download_is_a_well_formed_pdf_with_the_title(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="Market stall charges", days_open=10)
    pages.get(_url(activity, ".pdf"))
    response = pages.last_response
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{activity.slug}-compliance-')
    assert disposition.endswith('.pdf"')
    body = response.get_data()
    assert body.startswith(b"%PDF-")
    parsed = parse_pdf(body)
    assert parsed.info["Title"] == "Compliance report: Market stall charges"
    assert parsed.objects > 5 and parsed.streams


def _page_addresses(page) -> set[str]:  # type: ignore[no-untyped-def]
    """Every evidence address on the page: linked, or written out for paper beside a link."""
    found = set()
    for item in page.select(".involve-evidence li"):
        link = item.find("a", href=True)
        if link is not None:
            href = link["href"]
            found.add(href if href.startswith("https://") else "http://localhost" + href)
        printed = item.select_one(".involve-print-url")
        if printed is not None:
            found.add(printed.get_text().strip(" ()"))
    return found


def test_the_pdf_links_every_piece_of_evidence_where_the_page_does(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="Market stall charges", days_open=10, respondents=3)
    decision_titled_by_its_address(activity)
    page = pages.get(_url(activity))
    pages.get(_url(activity, ".pdf"))
    parsed = parse_pdf(pages.last_response.get_data())
    uris = [link.uri for link in parsed.links() if link.uri]
    web_page = f"http://localhost/officer/activities/{activity.id}/compliance"
    assert uris[0] == web_page  # the accessible version, named and linked first
    assert set(uris) == _page_addresses(page) | {web_page}
    fairness = f"http://localhost/officer/consultations/{activity.consultation_id}/fairness"
    assert f"http://localhost/officer/activities/{activity.id}/plan" in uris and fairness in uris
    # Each link's full address is written out once beside its name, for paper; an address that
    # is already the link's name is not written again.
    text = "".join(parsed.page_texts()).replace("\n", "")
    assert (
        f"Evidence: The activity's plan (http://localhost/officer/activities/{activity.id}/plan)"
        in text
    )
    assert f"Evidence: {REPORT_ADDRESS}" in text
    assert f"report.pdf ({REPORT_ADDRESS})" not in text
    # Every link annotation lies on its page (A4 is 595 by 842 points).
    for link in parsed.links():
        left, bottom, right, top = link.rect
        assert 0 <= left < right <= 595 and 0 <= bottom < top <= 842, link


def test_the_pdf_has_its_metadata_language_and_an_outline_of_its_sections(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="Market stall charges", days_open=10)
    pages.get(_url(activity, ".pdf"))
    parsed = parse_pdf(pages.last_response.get_data())
    assert parsed.info["Title"] == "Compliance report: Market stall charges"
    assert parsed.info["Author"] and parsed.info["Subject"].startswith("How the duty to involve")
    assert parsed.lang == "en-GB"
    assert parsed.catalog["ViewerPreferences"]["DisplayDocTitle"] == "true"
    assert parsed.outline() == [(0, title) for title in REPORT_SECTIONS]
    # Not tagged (fpdf2 cannot tag text; see compliance_pdf.py): it must not claim to be.
    assert "MarkInfo" not in parsed.catalog and "StructTreeRoot" not in parsed.catalog
    text = "".join(parsed.page_texts())
    assert "not tagged for screen readers" in text.replace("\n", " ")
    # The contents link to each section's start, on the page where the bookmark points.
    destinations = parsed.named_destinations()
    contents = [link.destination for link in parsed.links() if link.destination]
    assert len(contents) == len(REPORT_SECTIONS) and all(
        destinations[name] >= 1 for name in contents
    )


def test_the_pdf_survives_emoji_chinese_and_right_to_left_text(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="停车场 parking 😀 \u05d7\u05e0\u05d9\u05d4")
    activity.outcome_summary = HOSTILE
    db.session.flush()
    pages.get(_url(activity, ".pdf"))
    parsed = parse_pdf(pages.last_response.get_data())
    # The metadata keeps every character; the page text replaces what the font cannot draw.
    assert parsed.info["Title"] == f"Compliance report: {activity.title}"


@pytest.mark.parametrize("with_font", [True, False])
def test_render_pdf_takes_any_text_with_or_without_a_unicode_font(monkeypatch, app, with_font):
    if not with_font:
        monkeypatch.setattr(compliance_pdf, "find_font", lambda *args: None)
    elif compliance_pdf.find_font() is None:
        pytest.skip("no DejaVu or Liberation font on this machine")
    with app.test_request_context():
        body = render_pdf(_document(HOSTILE))
    parsed = parse_pdf(body)
    assert parsed.info["Title"].startswith("Compliance report: Parking 🚗😀 停车场")
    text = parsed.text_bytes()
    if with_font:  # the font is embedded; text is written as its glyph numbers
        assert b"/FontFile2" in body and (b"DejaVu" in body or b"Liberation" in body)
    else:  # the built-in font: text is written as Latin-1 bytes
        assert b"Caf\xe9" in text and b"(Page 1 of ) Tj (1) Tj" in text
        assert b"Some characters cannot be shown in this PDF" in text


def test_latin1_fallback_keeps_accents_and_makes_the_rest_plain():
    assert latin1_text("Caf\u00e9 \u201cok\u201d \u2014 \u0141\u00f3d\u017a 停\x00") == (
        'Caf\u00e9 "ok" - L\u00f3dz ?'
    )


def test_the_csv_has_a_row_per_claim_with_full_evidence_addresses(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(days_open=10)
    activity.outcome_summary = '=HYPERLINK("http://evil.example","Click")'
    db.session.flush()
    pages.get(_url(activity, ".csv"))
    response = pages.last_response
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["section", "claim", "status", "value", "details", "evidence"]
    by_claim = {row[1]: row for row in rows[1:]}
    length = by_claim["Gunning 3: time to respond"]
    assert length[0] == "Fairness: The Gunning principles" and length[2] == "Fail"
    assert f"http://localhost/officer/consultations/{activity.consultation_id}" in length[5]
    assert by_claim["What happened as a result"][3].startswith("'=HYPERLINK")


def test_the_xlsx_matches_and_keeps_formulas_as_text(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(days_open=10)
    activity.outcome_summary = "=1+2"
    db.session.flush()
    pages.get(_url(activity, ".xlsx"))
    sheet = load_workbook(io.BytesIO(pages.last_response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("section", "claim", "status", "value", "details", "evidence")
    cells = {row[1]: row for row in rows[1:]}
    assert cells["Gunning 3: time to respond"][2] == "Fail"
    summary = next(
        c for c in sheet.iter_rows(min_row=2) if c[1].value == "What happened as a result"
    )
    assert summary[3].value == "=1+2" and summary[3].data_type == "s"
    assert summary[3].quotePrefix
