"""Open data on the demo council, in Chromium: a resident finds "Open data" in the footer, with
and without JavaScript, the page passes axe, and the demo's real API answers (every
consultation, results, activity and bulk download line) fit the API's own OpenAPI document."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.request import urlopen

from openapi_spec_validator import validate
from playwright.sync_api import expect

from tests.api_schema import validate_schema
from tests.browser.conftest import assert_accessible, screenshot


def _get(url: str) -> bytes:
    with urlopen(url, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        return response.read()


def test_a_resident_finds_the_open_data_page_from_the_footer(page, live_server):
    page.goto(live_server + "/")
    page.locator(".govuk-footer").get_by_role("link", name="Open data").click()
    assert page.locator("h1").inner_text() == "Open data"
    screenshot(page, "open-data")
    assert_accessible(page, "open data page")


def test_the_open_data_page_works_without_javascript(page_without_javascript, live_server):
    # axe needs JavaScript, so it runs in the test above; here the page and its links work.
    page = page_without_javascript
    page.goto(live_server + "/")
    page.locator(".govuk-footer").get_by_role("link", name="Open data").click()
    expect(page.locator("h1")).to_have_text("Open data")
    expect(page.get_by_role("link", name="Open Government Licence v3.0").first).to_be_visible()


def test_the_demo_api_fits_its_own_openapi_document(live_server):
    document = json.loads(_get(live_server + "/api/openapi.json"))
    validate(document)
    listing = json.loads(_get(live_server + "/api/v1/consultations?per_page=100"))
    validate_schema(document, "ConsultationList", listing)
    statuses = set()
    for item in listing["data"]:
        statuses.add(item["status"])
        validate_schema(document, "Consultation", json.loads(_get(item["links"]["self"])))
        if item["status"] != "open":
            validate_schema(document, "Results", json.loads(_get(item["links"]["results"])))
    assert {"open", "closed"} <= statuses
    activities = json.loads(_get(live_server + "/api/v1/activities?per_page=100"))
    validate_schema(document, "ActivityList", activities)
    for item in activities["data"]:
        validate_schema(document, "Activity", json.loads(_get(item["links"]["self"])))
    archive = zipfile.ZipFile(io.BytesIO(_get(live_server + "/api/v1/bulk.zip")))
    assert "Open Government Licence v3.0" in archive.read("README.md").decode()
    for member, schema in [
        ("consultations.jsonl", "Consultation"),
        ("questions.jsonl", "Question"),
        ("results.jsonl", "Results"),
        ("activities.jsonl", "Activity"),
    ]:
        for line in archive.read(member).decode().splitlines():
            validate_schema(document, schema, json.loads(line))
