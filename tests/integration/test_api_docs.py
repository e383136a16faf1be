"""The /api page documents the open data for people: licence, addresses, small numbers, limits
and an example; the public footer links to it."""

from __future__ import annotations

from tests.pages import heading, title


def test_the_docs_page_explains_the_licence_addresses_limits_and_suppression(pages):
    page = pages.get("/api")
    assert heading(page) == "Open data"
    assert title(page).startswith("Open data - ")
    licence = page.find("a", rel="license")
    assert licence.get_text(strip=True) == "Open Government Licence v3.0"
    assert "open-government-licence/version/3" in licence["href"]
    caption = page.select_one("table caption").get_text(strip=True)
    assert caption == "Addresses"
    addresses = [row.td.get_text(strip=True) for row in page.select("table tbody tr")]
    assert addresses == [
        "/api/v1/consultations",
        "/api/v1/consultations/{slug}",
        "/api/v1/consultations/{slug}/results",
        "/api/v1/activities",
        "/api/v1/activities/{slug}",
        "/api/v1/bulk.zip",
        "/api/openapi.json",
    ]
    text = page.get_text(" ", strip=True)
    assert "from 1 to 9 is published as null" in text  # the default threshold of 10
    assert "per_page from 1 to 100" in " ".join(text.split())
    assert page.select_one("#results-not-yet-published") is not None
    assert "curl" in page.select_one("pre").get_text()


def test_the_public_footer_links_to_open_data(pages):
    page = pages.get("/")
    link = page.select_one(".govuk-footer").find("a", string="Open data")
    assert link["href"] == "/api"


def test_the_docs_page_is_html_not_a_problem(client):
    response = client.get("/api")
    assert response.mimetype == "text/html"
    assert client.get("/api/").status_code == 404  # no trailing slash; answered as a problem
    assert client.get("/api/").mimetype == "application/problem+json"
