"""Full web addresses in the compliance and fairness reports (the page's printed addresses, the
PDF, CSV and XLSX) start with PUBLIC_URL when it is set, whatever Host the request named: a
file read away from the service must never send its reader to another site."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.factories_compliance import closed_consultation
from tests.pdf_structure import parse_pdf

PUBLIC_URL = "https://consult.example.gov.uk"
FORGED = {"Host": "attacker.example"}


@pytest.fixture
def public_url(app, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)


def _signed_in_at_the_forged_host(app, pages) -> None:  # type: ignore[no-untyped-def]
    """The test client keeps cookies per host: give the forged host the signed-in session."""
    name = app.config["SESSION_COOKIE_NAME"]
    session = pages.client.get_cookie(name)
    pages.client.set_cookie(name, session.value, domain=FORGED["Host"])


def _body(pages, url: str) -> bytes:  # type: ignore[no-untyped-def]
    response = pages.client.get(url, headers=FORGED)
    assert response.status_code == 200, url
    return response.get_data()


def _addresses(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'()<>|]+", text)


def test_report_addresses_start_with_the_public_url_not_the_host_asked_for(
    app, pages, sign_in_as, public_url
):
    sign_in_as("auditor")
    _signed_in_at_the_forged_host(app, pages)
    activity = closed_consultation(title="Market stall charges", days_open=10)
    base = f"/officer/activities/{activity.id}/compliance"
    found = _addresses(_body(pages, base).decode())
    found += _addresses(_body(pages, base + ".csv").decode())
    sheet = load_workbook(io.BytesIO(_body(pages, base + ".xlsx"))).active
    found += [
        address
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        for address in _addresses(str(cell or ""))
    ]
    for pdf_url in (base + ".pdf", "/officer/reports/compliance.pdf?year=2025"):
        pdf = parse_pdf(_body(pages, pdf_url))
        pdf_links = [link.uri for link in pdf.links() if link.uri]
        assert pdf_links, pdf_url
        found += pdf_links + _addresses("\n".join(pdf.page_texts()))
    for year_report in (
        "/officer/reports/compliance?year=2025",
        "/officer/reports/compliance.csv?year=2025",
    ):
        found += _addresses(_body(pages, year_report).decode())
    found += _addresses(
        _body(pages, f"/officer/consultations/{activity.consultation_id}/fairness.csv").decode()
    )
    ours = [address for address in found if "officer/" in address]
    assert ours, "no addresses of the service's pages were found"
    assert not [address for address in found if "attacker" in address]
    assert all(address.startswith(PUBLIC_URL + "/") for address in ours), ours
    assert any(address.endswith(base) for address in ours)  # the PDF's own address, and more
