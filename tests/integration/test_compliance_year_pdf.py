"""The year's compliance report as a PDF, read back: linked from the page; its metadata and
language; an outline with the page's sections; the same links as the page, each activity's
full address written out once; the Gunning 3 failure with its reason, linked to its evidence;
and any title printed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from involve.extensions import db
from tests.factories import ServiceFactory
from tests.factories_compliance import closed_consultation, decision, event
from tests.pdf_structure import ParsedPdf, parse_pdf

URL = "/officer/reports/compliance"
SECTIONS = [
    "At a glance",
    "What was offered",
    "Who it was for",
    "Who took part: the mix",
    "What changed as a result",
    "Telling people the outcome",
    "Fairness checks that failed",
    "Gaps",
    "Strategy and commissioning",
    "Every activity",
]


@pytest.fixture
def parking():  # type: ignore[no-untyped-def]
    """Parking's financial year 2025: a 10-day consultation, one decided, a late drop-in."""
    service = ServiceFactory(name="Parking")
    short = closed_consultation(title="Car park resurfacing", days_open=10, service=service)
    full = closed_consultation(title="Parking charges", service=service, respondents=4)
    decision(full, published_after_days=30)
    drop_in = event(title="Market drop-in", service=service, attendance=23)
    decision(drop_in, published_after_days=100)
    event(title="Library drop-in", service=ServiceFactory(name="Libraries"), attendance=5)
    return service, [short, full, drop_in]


def _pdf(pages, query: str) -> ParsedPdf:  # type: ignore[no-untyped-def]
    pages.get(f"{URL}.pdf?{query}")
    response = pages.last_response
    assert response.mimetype == "application/pdf"
    return parse_pdf(response.get_data())


def _text(parsed: ParsedPdf) -> str:
    return "".join(parsed.page_texts()).replace("\n", "")


def _page_links(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The page's links to activities and strategy lists, as full addresses."""
    return {
        "http://localhost" + link["href"]
        for link in page.select("main a[href^='/officer/']")
        if "/activities/" in link["href"] or "/strategy" in link["href"]
    }


def test_the_page_links_its_pdf_for_the_same_year_and_service(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, _ = parking
    page = pages.get(f"{URL}?year=2025&service={service.id}")
    link = page.select_one("#downloads").find("a", string="Download as PDF")
    parts = urlsplit(link["href"])
    assert parts.path == f"{URL}.pdf"
    assert parse_qs(parts.query) == {"year": ["2025"], "service": [str(service.id)]}
    assert "accessible version" in page.select_one("#accessible-version").get_text()
    pages.get(link["href"])
    disposition = pages.last_response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="parking-2025-2026-compliance-')


def test_the_pdf_has_metadata_language_and_the_pages_sections(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, _ = parking
    parsed = _pdf(pages, f"year=2025&service={service.id}")
    assert parsed.info["Title"] == "Compliance report: Parking, April 2025 to March 2026"
    assert parsed.info["Subject"] and parsed.info["Author"]
    assert parsed.lang == "en-GB"
    assert [title for level, title in parsed.outline() if level == 0] == SECTIONS
    assert (1, "Ways of involving people") in parsed.outline()
    destinations = parsed.named_destinations()
    contents = [link.destination for link in parsed.links() if link.destination]
    assert set(contents) == set(destinations) and len(destinations) == len(SECTIONS)
    text = _text(parsed)
    assert "Parking, April 2025 to March 2026" in text and "Library drop-in" not in text


def test_the_pdf_has_the_pages_links_and_each_address_once(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, made = parking
    query = f"year=2025&service={service.id}"
    page = pages.get(f"{URL}?{query}")
    parsed = _pdf(pages, query)
    uris = {link.uri for link in parsed.links() if link.uri}
    web_page = f"http://localhost{URL}?{query}"
    assert uris == _page_links(page) | {web_page}
    text = _text(parsed)
    for activity in made:
        address = f"http://localhost/officer/activities/{activity.id}/compliance"
        assert address in uris
        assert text.count(address + ")") == 1, activity.title  # written out once, for paper
    assert "Published late: 1 activity" in text


def test_the_gunning_3_failure_is_in_the_pdf_linked_to_its_evidence(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, made = parking
    pages.post(f"{URL}/checks", {"year": "2025", "service": str(service.id)}, expected_status=302)
    parsed = _pdf(pages, f"year=2025&service={service.id}")
    text = _text(parsed)
    assert "Fail: Car park resurfacing: Open for 10 days" in text
    evidence = f"http://localhost/officer/activities/{made[0].id}/compliance#claim-gunning-3-length"
    assert evidence in {link.uri for link in parsed.links()}


def test_the_whole_councils_pdf_prints_any_title(pages, sign_in_as, parking):
    sign_in_as("auditor")
    _, made = parking
    made[1].title = "停车场 parking 😀 \u05d7\u05e0\u05d9\u05d4 \x07bell"
    db.session.flush()
    parsed = _pdf(pages, "year=2025")
    assert parsed.info["Title"] == "Compliance report: the whole council, April 2025 to March 2026"
    text = _text(parsed)
    assert "The whole council, April 2025 to March 2026" in text and "Library drop-in" in text
    assert "parking" in text and "\x07" not in text
