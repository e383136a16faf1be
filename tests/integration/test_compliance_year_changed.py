"""The year's compliance report after activities change, or are added, once the checks have run:
their last results stay in every figure, marked "changed since the checks last ran on ..." (on
the page, in the PDF and the CSV), ones never checked are counted as not checked, both are
gaps, and the report never says every consultation passes when that is not known."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from involve.extensions import db
from involve.models.base import utc_now
from tests.factories import ServiceFactory
from tests.factories_compliance import closed_consultation, event
from tests.pdf_structure import parse_pdf

URL = "/officer/reports/compliance"
MARK = "changed since the checks last ran on"


def _text(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    found = page.select_one(selector)
    assert found is not None, selector
    return found.get_text(" ", strip=True)


def _change(*activities) -> None:  # type: ignore[no-untyped-def]
    """An officer edits each after the checks ran (as saving its details would)."""
    for activity in activities:
        activity.title = activity.consultation.title = f"{activity.title} (revised)"
        activity.consultation.updated_at = utc_now() + timedelta(minutes=1)
    db.session.flush()


@pytest.fixture
def parking():  # type: ignore[no-untyped-def]
    service = ServiceFactory(name="Parking")
    short = closed_consultation(title="Car park resurfacing", days_open=10, service=service)
    full = closed_consultation(title="Parking charges", service=service, respondents=4)
    return service, short, full


def test_changed_consultations_keep_their_last_results_marked(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, short, full = parking
    url = f"{URL}?year=2025&service={service.id}"
    pages.post(f"{URL}/checks", {"year": "2025"}, expected_status=302)
    before = int(_text(pages.get(url), "#glance-gaps"))
    _change(short, full)
    page = pages.get(url)
    glance = _text(page, "#glance-failing")
    assert glance.startswith("2 of 2 checked (2 changed since the checks last ran on ")
    assert "0 of 0" not in glance
    assert page.select_one("#fairness-none") is None  # no "every consultation passes"
    failing = _text(page, "#check-gunning-3-length")
    assert f"Car park resurfacing (revised) ({MARK}" in failing
    assert "Open for 10 days" in failing
    assert "2 consultations have changed since" in _text(page, "#fairness-caveat")
    assert "Car park resurfacing (revised)" in _text(page, "#gap-failing")
    changed = _text(page, "#gap-changed")
    assert "Car park resurfacing (revised)" in changed and "Parking charges (revised)" in changed
    assert int(_text(page, "#glance-gaps")) == before + 2
    row = _text(page, f"#activity-{short.id}")
    assert f"failed when last checked; {MARK}" in row

    pages.get(f"{URL}.csv?year=2025&service={service.id}")
    body = pages.last_response.get_data(as_text=True).lstrip("\ufeff")
    by_title = {row["activity"]: row for row in csv.DictReader(io.StringIO(body))}
    resurfacing = by_title["Car park resurfacing (revised)"]
    assert "Gunning 3" in resurfacing["fairness_failed"]
    assert resurfacing["changed_since_checked"] == "yes"

    pages.get(f"{URL}.pdf?year=2025&service={service.id}")
    pdf = "".join(parse_pdf(pages.last_response.get_data()).page_texts()).replace("\n", "")
    assert "2 of 2 checked (2 changed since the checks last ran on" in pdf
    assert f"Car park resurfacing (revised) ({MARK}" in pdf
    assert "Every consultation checked passes every check" not in pdf


def test_a_consultation_added_after_the_checks_is_not_claimed_to_pass(pages, sign_in_as):
    sign_in_as("auditor")
    service = ServiceFactory(name="Parking")
    event(title="Market drop-in", service=service, attendance=12)
    pages.post(f"{URL}/checks", {"year": "2025"}, expected_status=302)
    url = f"{URL}?year=2025&service={service.id}"
    assert _text(pages.get(url), "#fairness-none") == "There was no consultation to check."
    closed_consultation(title="Car park resurfacing", days_open=10, service=service)
    page = pages.get(url)
    assert _text(page, "#glance-failing") == "0 of 0 checked; 1 consultation not checked yet"
    lead = _text(page, "#fairness-none")
    assert "Every consultation checked passes every check" not in lead
    assert "1 consultation is not checked yet" in lead
    assert "Car park resurfacing" in _text(page, "#gap-not-checked")
    assert "Car park resurfacing" in _text(page, "#checks-not-checked")

    pages.get(f"{URL}.pdf?year=2025&service={service.id}")
    pdf = "".join(parse_pdf(pages.last_response.get_data()).page_texts()).replace("\n", "")
    assert "1 consultation is not checked yet" in pdf
    assert "Every consultation checked passes every check" not in pdf


def test_with_every_result_current_the_report_says_so(pages, sign_in_as, parking):
    sign_in_as("auditor")
    service, _, _ = parking
    pages.post(f"{URL}/checks", {"year": "2025"}, expected_status=302)
    page = pages.get(f"{URL}?year=2025&service={service.id}")
    assert _text(page, "#glance-failing") == "2 of 2 checked"
    assert page.select_one("#fairness-caveat") is None
    assert MARK not in page.get_text()
    assert _text(page, "#gap-changed dd") == "None" == _text(page, "#gap-not-checked dd")
