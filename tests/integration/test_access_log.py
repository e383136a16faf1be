"""The access log page: newest first, actions in words, filtered by action, paginated, with a
CSV of the whole log; administrators and auditors read it, no one else."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from involve.extensions import db
from involve.models import AccessAction
from involve.models.base import utc_now
from involve.services.access_log import record_access
from tests.factories import ConsultationFactory, OfficerFactory
from tests.factories_subject_access import person_response
from tests.pages import heading

URL = "/officer/access-log"


def _rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("#access-log tbody tr")
    ]


def _entry(officer, action, *, minutes_ago=0, **fields):  # type: ignore[no-untyped-def]
    entry = record_access(officer=officer, action=action, **fields)
    entry.occurred_at = utc_now() - timedelta(minutes=minutes_ago)
    db.session.flush()
    return entry


@pytest.mark.parametrize("role", ["admin", "auditor"])
def test_administrators_and_auditors_read_the_log_newest_first(pages, sign_in_as, role):
    sign_in_as(role)
    officer = OfficerFactory(full_name="Priya Engagement")
    consultation = ConsultationFactory(title="Library opening hours")
    _entry(
        officer,
        AccessAction.SUBJECT_ACCESS_SEARCH,
        minutes_ago=10,
        object_type="subject_access",
        reason="SAR 2026/014",
        detail={"by": "email", "matches": 2, "mentions": 0},
    )
    _entry(
        officer,
        AccessAction.SUBJECT_ACCESS_EXPORT,
        object_type="response",
        object_id="K7M-Q9P-2XD",
        consultation_id=consultation.id,
        reason="SAR 2026/014",
        detail={"format": "json"},
    )
    page = pages.get(URL)
    assert heading(page) == "Access log"
    rows = _rows(page)
    assert [row[1:] for row in rows] == [
        [
            "Priya Engagement",
            "Exported a person's data",
            "Response K7M-Q9P-2XD (JSON file)",
            "Library opening hours",
            "SAR 2026/014",
        ],
        [
            "Priya Engagement",
            "Searched for a person's data",
            "Search by e-mail address: 2 responses found",
            "",
            "SAR 2026/014",
        ],
    ]


@pytest.mark.parametrize("role", ["engagement_officer", "analyst"])
def test_other_roles_cannot_read_the_log(pages, sign_in_as, role):
    sign_in_as(role)
    pages.get(URL, expected_status=403)
    pages.get(URL + ".csv", expected_status=403)


def test_the_log_is_filtered_by_action(pages, sign_in_as):
    officer = sign_in_as("auditor")
    _entry(officer, AccessAction.ERASURE, object_type="response", object_id="AAA-BBB-CCC")
    _entry(officer, AccessAction.SUBJECT_ACCESS_VIEW, object_type="response", object_id="X")
    page = pages.get(URL + "?action=erasure")
    assert [row[2] for row in _rows(page)] == ["Erased a person's data"]
    assert page.select_one("#action option[selected]")["value"] == "erasure"
    assert "1 entry" in page.select_one("#access-count").get_text()
    for hostile in ("nonsense", "\x00", "x" * 10_000):
        page = pages.get(URL, query_string={"action": hostile, "page": "-3"})
        assert len(_rows(page)) == 2


def test_the_log_is_paginated(pages, sign_in_as):
    officer = sign_in_as("admin")
    for number in range(55):
        _entry(
            officer,
            AccessAction.VIEW_RESPONSE,
            minutes_ago=number,
            object_type="response",
            object_id=f"R{number}",
        )
    first = pages.get(URL)
    assert len(_rows(first)) == 50
    assert first.select_one(".govuk-pagination") is not None
    second = pages.get(URL + "?page=2")
    assert [row[3] for row in _rows(second)] == [f"Response R{n}" for n in range(50, 55)]
    # Past the end (or far past what a database OFFSET can hold) shows the last page.
    assert _rows(pages.get(URL + "?page=999")) == _rows(second)
    assert _rows(pages.get(URL + "?page=99999999999999999999999")) == _rows(second)


def test_the_csv_holds_every_entry_and_is_safe_in_a_spreadsheet(pages, sign_in_as):
    officer = sign_in_as("auditor")
    _entry(
        officer, AccessAction.ERASURE, minutes_ago=5, object_id="AAA", reason="=cmd|' /C calc'!A0"
    )
    _entry(officer, AccessAction.SUBJECT_ACCESS_VIEW, object_id="BBB", reason="SAR 1")
    pages.get(URL + ".csv", buffered=True)
    response = pages.last_response
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="access-log-')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["When (UTC)", "Officer", "Officer e-mail", "Action"]
    assert [row[4] for row in rows[1:]] == ["subject_access_view", "erasure"]
    assert rows[2][7] == "'=cmd|' /C calc'!A0"
    pages.get(URL + ".csv?action=erasure", buffered=True)
    filtered = list(csv.reader(io.StringIO(pages.last_response.get_data(as_text=True))))
    assert len(filtered) == 2


def test_the_audit_log_links_to_the_access_log(pages, sign_in_as):
    sign_in_as("auditor")
    page = pages.get("/officer/audit-log")
    assert page.select_one(f'main a[href="{URL}"]') is not None


def test_a_real_search_view_export_and_erasure_appear_without_the_email(pages, sign_in_as):
    sign_in_as("admin")
    response = person_response()
    carried = {"search": "Jane.Doe@Example.com", "request_reference": "SAR 2026/014"}
    pages.post("/officer/data-requests", carried)
    pages.post("/officer/data-requests/export.json", carried)
    pages.post(
        "/officer/data-requests/erase/confirm",
        {**carried, "references": response.reference, "reason": "Erasure SAR 2026/014"},
        expected_status=302,
    )
    page = pages.get(URL)
    assert [row[2] for row in _rows(page)] == [
        "Erased a person's data",
        "Exported a person's data",
        "Viewed a person's data",
        "Searched for a person's data",
    ]
    assert "jane" not in page.select_one("#access-log").get_text().lower()
    pages.get(URL + ".csv", buffered=True)
    assert "jane" not in pages.last_response.get_data(as_text=True).lower()


def test_response_exports_are_described_by_format_not_by_a_bare_id():
    from involve.services.access_log_report import describe

    officer = OfficerFactory()
    for file_format, words in (("csv", "(CSV file)"), ("xlsx", "(Excel file)")):
        entry = _entry(
            officer,
            AccessAction.EXPORT_RESPONSES,
            object_type="consultation",
            object_id="7",
            detail={"format": file_format, "count": 40},
        )
        assert describe(entry) == f"{words} (40 responses)"
