"""Sending a person their data: the JSON download (its documented structure and content) and the
readable page, each recorded in the access log per response with the request reference."""

from __future__ import annotations

import json

from sqlalchemy import select

from involve.extensions import db
from involve.models import AccessAction, PersonalDataAccess
from involve.models.base import utc_now
from involve.services.subject_access_export import FORMAT, VERSION, export_filename
from tests.factories import AuthoritySettingsFactory
from tests.factories_subject_access import (
    PLANTED_PHONE,
    officer_note,
    person_response,
    queue_for_moderation,
    survey,
)
from tests.pages import heading, title

URL = "/officer/data-requests"
EMAIL = "Jane.Doe@Example.com"
SEARCH = {"search": EMAIL, "request_reference": "SAR 2026/014"}


def _exports() -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(
            select(PersonalDataAccess)
            .where(PersonalDataAccess.action == AccessAction.SUBJECT_ACCESS_EXPORT)
            .order_by(PersonalDataAccess.id)
        )
    )


def _download(pages) -> dict:  # type: ignore[no-untyped-def]
    pages.post(f"{URL}/export.json", SEARCH)
    return json.loads(pages.last_response.get_data(as_text=True))


def test_the_json_download_is_an_attachment_named_by_reference_and_date_not_reason(
    pages, sign_in_as
):
    sign_in_as("admin")
    built = survey()
    first, _second = person_response(built), person_response(built)
    pages.post(f"{URL}/export.json", {**SEARCH, "request_reference": "Jane Doe asked"})
    response = pages.last_response
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == (
        f'attachment; filename="subject-access-{first.reference}-{utc_now():%Y-%m-%d}.json"'
    )
    assert response.headers["Cache-Control"] == "no-store"


def test_the_json_holds_every_response_with_the_documented_structure(pages, sign_in_as):
    sign_in_as("admin")
    AuthoritySettingsFactory(dpo_contact="dpo@example.gov.uk")
    built = survey(title="Library opening hours")
    first = person_response(built)
    second = person_response(survey(title="Parking charges"), equality=False)
    queue_for_moderation(first)
    officer_note(first, "Called back about the dog")

    document = _download(pages)

    assert set(document) == {
        "format",
        "version",
        "generated_at",
        "controller",
        "request_reference",
        "searched_by",
        "responses",
        "subscriptions",
        "emails",
    }
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert document["controller"] == {
        "name": "Stroud District Council",
        "contact_email": "haveyoursay@example.gov.uk",
        "data_protection_officer": "dpo@example.gov.uk",
    }
    assert (document["request_reference"], document["searched_by"]) == ("SAR 2026/014", "email")
    assert [r["reference"] for r in document["responses"]] == [first.reference, second.reference]
    held = document["responses"][0]
    assert held["consultation"] == {
        "title": "Library opening hours",
        "address": f"/consultations/{built.consultation.slug}",
    }
    assert (held["status"], held["channel"], held["personal_data_removed"]) == (
        "Submitted",
        "Online",
        None,
    )
    assert held["submitted_at"].endswith("+00:00")
    about = held["about_you"]
    assert (about["name"], about["email"], about["postcode"]) == ("Jane Doe", EMAIL, "GL6 0AA")
    assert (about["age"], about["ward"], about["connections"]) == (
        "35 to 49",
        "Nailsworth (E05010972)",
        ["Lives in the area"],
    )
    assert held["answers"][0] == {"question": "Do you support the proposal?", "answer": ["Yes"]}
    assert PLANTED_PHONE in held["answers"][1]["answer"][0]
    assert held["equality_answers"] == {
        "sex": "Female",
        "ethnic_group": "White",
        "disability": "No",
    }
    [moderation] = held["moderation"]
    assert moderation["status"] == "Published with personal details removed"
    assert moderation["published_text"] == "I walk my dog past the library every morning."
    [note] = held["officer_notes"]
    assert note["note"] == "Called back about the dog"
    assert document["responses"][1]["equality_answers"] is None


def test_each_export_is_logged_per_response_with_its_format_and_reason(pages, sign_in_as):
    admin = sign_in_as("admin")
    built = survey()
    first = person_response(built)
    second = person_response(built)
    _download(pages)
    pages.post(f"{URL}/readable-page", SEARCH)
    exports = _exports()
    assert [(e.object_id, e.detail["format"]) for e in exports] == [
        (first.reference, "json"),
        (second.reference, "json"),
        (first.reference, "page"),
        (second.reference, "page"),
    ]
    assert {(e.officer_id, e.reason) for e in exports} == {(admin.id, "SAR 2026/014")}
    assert "jane" not in json.dumps([e.detail for e in exports]).lower()


def test_the_readable_page_is_addressed_to_the_person_without_officer_navigation(pages, sign_in_as):
    sign_in_as("admin")
    AuthoritySettingsFactory()
    response = person_response(survey(title="Library opening hours"))
    page = pages.post(f"{URL}/readable-page", SEARCH)
    assert title(page) == "Your personal data held by Stroud District Council"
    assert heading(page) == "Your personal data held by Stroud District Council"
    assert page.select("nav") == []
    assert "Signed in as" not in page.get_text()
    text = page.get_text(" ", strip=True)
    assert "our reference: SAR 2026/014" in text
    assert "Your response to Library opening hours" in text
    for expected in ("Jane Doe", EMAIL, PLANTED_PHONE, "Female", "ico.org.uk", response.reference):
        assert expected in text, expected
    assert page.select_one('a[href$="/withdraw-equality-answers"]') is not None
    assert pages.last_response.headers["Cache-Control"] == "no-store"


def test_a_tampered_export_form_is_refused_and_not_logged(pages, sign_in_as):
    sign_in_as("admin")
    person_response()
    pages.post(f"{URL}/export.json", {"search": EMAIL}, expected_status=400)
    pages.post(f"{URL}/readable-page", {**SEARCH, "search": "x" * 10_000}, expected_status=400)
    assert _exports() == []


def test_exports_need_a_csrf_token(pages, sign_in_as):
    sign_in_as("admin")
    person_response()
    pages.post(f"{URL}/export.json", SEARCH, csrf=False, expected_status=400)
    assert _exports() == []


def test_the_filename_keeps_only_safe_characters():
    from datetime import UTC, datetime

    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert export_filename("K7M-Q9P-2XD", "json", now=now) == (
        "subject-access-K7M-Q9P-2XD-2026-05-01.json"
    )
    assert export_filename('K7M"/..\r\n', "json", now=now) == ("subject-access-K7M-2026-05-01.json")
    assert export_filename("", "json", now=now) == "subject-access-2026-05-01.json"
