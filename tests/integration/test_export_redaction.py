"""Exports leave personal data out by default: every free-text cell is redacted and contact
details are not there. With the permission and a reason an officer may take it out, and that is
in the access log; so is every ordinary export and every view of one response."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AccessAction,
    EqualityAnswers,
    PersonalDataAccess,
    QuestionKind,
    RespondentProfile,
)
from tests.factories import (
    AnswerFactory,
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.factories_moderation import EMAIL, PHONE, closed_consultation_with_pii
from tests.pages import error_summary, heading, title

OTHER_PHONE = "01453 766321"
COUNCILLOR = "Gerald Pemberton"


@pytest.fixture
def planted():
    """One response whose text answer, "other" text and postcode answer hold personal data, and
    whose respondent gave their name, e-mail address, postcode and equality answers."""
    AuthoritySettingsFactory(redaction_names=f"{COUNCILLOR}\n")
    consultation = ConsultationFactory(slug="car-parks", title="Car parks")
    page = QuestionPageFactory(consultation=consultation, position=0)
    comments = QuestionFactory(page=page, position=0, kind=QuestionKind.LONG_TEXT, text="Comments")
    where = QuestionFactory(
        page=page,
        position=1,
        kind=QuestionKind.MULTIPLE_CHOICE,
        text="Where do you park?",
        options=["Town centre"],
        allow_other=True,
    )
    postcode = QuestionFactory(
        page=page, position=2, kind=QuestionKind.POSTCODE, text="Your postcode"
    )
    response = ResponseFactory(consultation=consultation)
    AnswerFactory(
        response=response,
        question=comments,
        value=f"Email me at {EMAIL} or ring {PHONE}. Cllr {COUNCILLOR} agrees. Jo Bloggs",
    )
    AnswerFactory(
        response=response,
        question=where,
        value={"choices": ["Town centre"], "other": f"Outside my house, call {OTHER_PHONE}"},
    )
    AnswerFactory(response=response, question=postcode, value="GL5 4UB")
    db.session.add(
        RespondentProfile(
            response=response, name="Jo Bloggs", email="jo@example.org", postcode="GL6 8PE"
        )
    )
    db.session.add(EqualityAnswers(response=response, sex="Female", ethnic_group="Mixed"))
    db.session.commit()
    return consultation, response


PERSONAL = (
    EMAIL,
    PHONE,
    OTHER_PHONE,
    COUNCILLOR,
    "Jo Bloggs",
    "jo@example.org",
    "GL5 4UB",
    "GL6 8PE",
)


def _csv_rows(pages, url: str, data: dict | None = None) -> list[list[str]]:  # type: ignore[type-arg]
    pages.post(url, data or {}, buffered=True)
    body = pages.last_response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _xlsx_rows(pages, url: str, data: dict | None = None) -> list[list[object]]:  # type: ignore[type-arg]
    pages.post(url, data or {})
    workbook = load_workbook(io.BytesIO(pages.last_response.get_data()))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def _access(action: AccessAction) -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(select(PersonalDataAccess).where(PersonalDataAccess.action == action))
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_redact_every_free_text_cell_by_default(pages, sign_in_as, planted, file_format):
    sign_in_as("analyst")
    consultation, _ = planted
    url = f"/officer/consultations/{consultation.id}/responses.{file_format}"

    rows = _csv_rows(pages, url) if file_format == "csv" else _xlsx_rows(pages, url)

    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["Comments"] == "Email me at [email] or ring [phone]. Cllr [name] agrees. [name]"
    assert cells["Where do you park? - Other"] == "Outside my house, call [phone]"
    assert cells["Your postcode"] == "GL5"  # the outward code: a district, not a household
    assert "name" not in rows[0] and "email" not in rows[0]
    flat = " ".join(str(cell) for row in rows for cell in row)
    for personal in (*PERSONAL, "Female", "Mixed"):
        assert personal not in flat


def test_an_ordinary_export_is_in_the_access_log(pages, sign_in_as, planted):
    officer = sign_in_as("auditor")
    consultation, _ = planted

    _csv_rows(pages, f"/officer/consultations/{consultation.id}/responses.csv")

    (entry,) = _access(AccessAction.EXPORT_RESPONSES)
    assert (entry.officer_id, entry.consultation_id, entry.reason) == (
        officer.id,
        consultation.id,
        "",
    )
    assert entry.detail == {"format": "csv", "count": 1}
    assert _access(AccessAction.EXPORT_PERSONAL_DATA) == []


@pytest.mark.parametrize("role", ["analyst", "auditor"])
def test_exporting_personal_data_needs_the_permission(pages, sign_in_as, planted, role):
    sign_in_as(role)
    consultation, _ = planted
    url = f"/officer/consultations/{consultation.id}/responses/export-with-personal-data"

    assert (
        pages.get(f"/officer/consultations/{consultation.id}/responses").select_one(
            "#personal-data-export"
        )
        is None
    )
    pages.get(url, expected_status=403)
    pages.post(url, {"file_format": "csv", "reason": "Curious"}, expected_status=403)
    assert _access(AccessAction.EXPORT_PERSONAL_DATA) == []


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Select the file type", "Enter why you need the personal data"]),
        ({"file_format": "pdf", "reason": "x"}, ["Select the file type"]),
        ({"file_format": "csv", "reason": " \x00 "}, ["Enter why you need the personal data"]),
        (
            {"file_format": "csv", "reason": "y" * 1_001},
            ["The reason must be 1,000 characters or fewer"],
        ),
    ],
)
def test_exporting_personal_data_needs_a_reason(pages, sign_in_as, planted, data, messages):
    sign_in_as("engagement_officer")
    consultation, _ = planted
    url = f"/officer/consultations/{consultation.id}/responses/export-with-personal-data"

    page = pages.post(url, data)

    assert title(page).startswith("Error: ")
    assert error_summary(page) == messages
    assert _access(AccessAction.EXPORT_PERSONAL_DATA) == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_personal_data_export_has_the_text_as_written_and_contact_details(
    pages, sign_in_as, planted, file_format
):
    officer = sign_in_as("engagement_officer")
    consultation, _ = planted
    list_page = pages.get(f"/officer/consultations/{consultation.id}/responses")
    url = list_page.select_one("#personal-data-export")["href"]
    assert heading(pages.get(url)) == "Download responses with personal data"
    data = {"file_format": file_format, "reason": "Writing to people who asked for updates"}

    rows = _csv_rows(pages, url, data) if file_format == "csv" else _xlsx_rows(pages, url, data)

    cells = dict(zip(rows[0], rows[1], strict=True))
    assert EMAIL in cells["Comments"] and PHONE in cells["Comments"]
    assert cells["Where do you park? - Other"] == f"Outside my house, call {OTHER_PHONE}"
    assert (cells["name"], cells["email"], cells["postcode"]) == (
        "Jo Bloggs",
        "jo@example.org",
        "GL6 8PE",
    )
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "Female" not in flat and "Mixed" not in flat  # never individually
    (entry,) = _access(AccessAction.EXPORT_PERSONAL_DATA)
    assert entry.officer_id == officer.id
    assert entry.reason == "Writing to people who asked for updates"
    assert entry.detail["format"] == file_format
    assert _access(AccessAction.EXPORT_RESPONSES) == []
    disposition = pages.last_response.headers["Content-Disposition"]
    assert f"{consultation.slug}-with-personal-data-" in disposition


def test_viewing_one_response_is_in_the_access_log(pages, sign_in_as, planted):
    officer = sign_in_as("analyst")
    consultation, response = planted

    pages.get(f"/officer/consultations/{consultation.id}/responses/{response.reference}")
    pages.get(
        f"/officer/consultations/{consultation.id}/responses/AAA-AAA-AAA", expected_status=404
    )

    (entry,) = _access(AccessAction.VIEW_RESPONSE)
    assert (entry.officer_id, entry.object_id, entry.consultation_id) == (
        officer.id,
        response.reference,
        consultation.id,
    )


def test_the_theme_summary_csv_redacts_its_quotes(pages, sign_in_as):
    sign_in_as("analyst")
    planted = closed_consultation_with_pii()
    db.session.commit()

    pages.post(f"/officer/theming/{planted.codeframe.id}/summary.csv")

    body = pages.last_response.get_data(as_text=True)
    for personal in (PHONE, EMAIL, "Dawson", "14 Slad Road", "Priscilla"):
        assert personal not in body
    assert "[phone]" in body or "[email]" in body or "[address]" in body or "[name]" in body
    quotes = [
        cell
        for row in csv.reader(io.StringIO(body.lstrip("\ufeff")))
        if row and row[0] == "Parking"
        for cell in row[-3:]
    ]
    assert len([quote for quote in quotes if quote]) == 3
    assert all("[" in quote for quote in quotes if quote)
