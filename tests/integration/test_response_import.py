"""Importing offline responses from CSV and XLSX: every row checked, all or nothing, once."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from openpyxl import Workbook
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuditEvent, Channel, QuestionKind, Response, ResponseImport
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import error_summary, field_error, heading


def _consultation(**overrides):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(**overrides)
    page = QuestionPageFactory(consultation=consultation, position=0)
    questions = {
        "single": QuestionFactory(
            page=page,
            kind=QuestionKind.SINGLE_CHOICE,
            text="Do you agree?",
            options=["Yes", "No"],
            required=True,
        ),
        "multiple": QuestionFactory(
            page=page,
            kind=QuestionKind.MULTIPLE_CHOICE,
            text="Which days?",
            options=["Monday", "Saturday"],
            allow_other=True,
        ),
        "grid": QuestionFactory(
            page=page, kind=QuestionKind.GRID, text="Rate", statements=["Staff", "Books"]
        ),
        "ranking": QuestionFactory(
            page=page, kind=QuestionKind.RANKING, text="Rank", options=["Cost", "Hours"]
        ),
        "date": QuestionFactory(page=page, kind=QuestionKind.DATE, text="Last visit"),
        "number": QuestionFactory(page=page, kind=QuestionKind.NUMBER, text="Visits"),
        "text": QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT, text="Comments"),
        "postcode": QuestionFactory(page=page, kind=QuestionKind.POSTCODE, text="Where"),
    }
    db.session.flush()
    return consultation, questions


HEADER = [
    "channel",
    "date_received",
    "Do you agree?",
    "Which days? - Monday",
    "Which days? - Saturday",
    "Which days? - Other",
    "Rate - Staff",
    "Rate - Books",
    "Rank - Cost",
    "Rank - Hours",
    "Last visit",
    "Visits",
    "Comments",
    "Where",
    "responding_as",
    "organisation_name",
    "age_band",
    "economic_activity",
    "postcode",
]


def _today_text() -> str:
    return utc_now().astimezone(UK).date().isoformat()


def _good_row(number: int) -> list[str]:
    return [
        "paper" if number % 2 else "event",
        _today_text(),
        "Yes" if number % 3 else "No",
        "1",
        "0",
        "Sundays" if number == 1 else "",
        "Agree",
        "",
        "2",
        "1",
        "01/02/2024",
        str(number),
        f"Comment {number}",
        "gl5 4ub",
        "organisation" if number == 2 else "individual",
        "Friends of the library" if number == 2 else "",
        "35_49",
        "" if number == 2 else "employed",
        "",
    ]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _upload(pages, consultation, content: bytes, filename="responses.csv", status=302):  # type: ignore[no-untyped-def]
    return pages.post(
        f"/officer/consultations/{consultation.id}/responses/import",
        {"spreadsheet": (io.BytesIO(content), filename)},
        expected_status=status,
        content_type="multipart/form-data",
    )


def _responses(consultation):  # type: ignore[no-untyped-def]
    return db.session.scalars(
        select(Response)
        .where(Response.consultation_id == consultation.id)
        .order_by(Response.import_row)
    ).all()


def _problems(page) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [
        tuple(cell.get_text(strip=True) for cell in row.select("td"))
        for row in page.select("#problems tbody tr")
    ]


def test_a_csv_of_twenty_rows_imports_twenty_responses_with_the_right_values(
    pages, sign_in_as
) -> None:
    officer = sign_in_as("engagement_officer")
    consultation, q = _consultation()
    _upload(pages, consultation, _csv([_good_row(n) for n in range(1, 21)]))
    stored = _responses(consultation)
    assert len(stored) == 20
    first = stored[0]
    assert first.import_row == 2
    assert first.channel == Channel.PAPER
    assert first.status == "submitted"
    assert first.entered_by_id == officer.id
    assert first.received_on.astimezone(UK).date().isoformat() == _today_text()
    values = {answer.question_id: answer.value for answer in first.answers}
    assert values == {
        q["single"].id: "Yes",
        q["multiple"].id: {"choices": ["Monday"], "other": "Sundays"},
        q["grid"].id: {"Staff": "Agree"},
        q["ranking"].id: ["Hours", "Cost"],
        q["date"].id: "2024-02-01",
        q["number"].id: 1,
        q["text"].id: "Comment 1",
        q["postcode"].id: "GL5 4UB",
    }
    assert stored[1].channel == Channel.EVENT
    assert stored[1].profile.organisation_name == "Friends of the library"
    assert (first.profile.economic_activity, stored[1].profile.economic_activity) == (
        "employed",
        "",
    )
    batch = db.session.scalars(select(ResponseImport)).one()
    assert (batch.row_count, batch.filename, batch.imported_by_id) == (
        20,
        "responses.csv",
        officer.id,
    )
    assert {response.import_id for response in stored} == {batch.id}
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "responses.imported"))
    page = pages.get(f"/officer/consultations/{consultation.id}/responses")
    assert "Imported 20 responses from responses.csv." in page.get_text()
    assert "20 submitted responses" in page.select_one("#response-counts").get_text(" ", strip=True)


def test_the_same_file_again_is_refused_and_nothing_is_duplicated(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer", full_name="Priya Shah")
    consultation, _ = _consultation()
    content = _csv([_good_row(n) for n in range(1, 4)])
    _upload(pages, consultation, content)
    page = _upload(pages, consultation, content, filename="again.csv", status=200)
    message = field_error(page, "spreadsheet")
    assert message.startswith("This file was already imported on ")
    assert message.endswith("by Priya Shah (3 responses). Nothing was imported again.")
    assert len(_responses(consultation)) == 3


def test_a_bad_row_first_middle_or_last_refuses_the_whole_file(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation()
    for bad_index in (0, 9, 19):
        rows = [_good_row(n) for n in range(1, 21)]
        rows[bad_index][0] = "carrier pigeon"
        page = _upload(pages, consultation, _csv(rows), status=200)
        assert error_summary(page) == ["The file has 1 problem. Nothing was imported."]
        assert page.select_one(".govuk-error-summary a")["href"] == "#spreadsheet"
        assert _problems(page) == [
            (
                str(bad_index + 2),
                "channel",
                "Enter one of: paper, phone, email, event, assisted_digital",
            )
        ]
    assert _responses(consultation) == []
    assert db.session.scalar(select(func.count(ResponseImport.id))) == 0


def test_several_problems_are_all_listed(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation()
    rows = [_good_row(n) for n in range(1, 6)]
    rows[0][1] = "tomorrow"
    rows[2][2] = ""
    rows[4][11] = "lots"
    page = _upload(pages, consultation, _csv(rows), status=200)
    assert error_summary(page) == ["The file has 3 problems. Nothing was imported."]
    assert _problems(page) == [
        ("2", "date_received", "Enter a real date as YYYY-MM-DD or DD/MM/YYYY"),
        ("4", "Do you agree?", "Select an answer"),
        ("6", "Visits", "Enter a whole number, like 12"),
    ]
    assert _responses(consultation) == []


def test_an_xlsx_file_imports(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, q = _consultation()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    row: list[object] = list(_good_row(1))
    row[1] = utc_now().astimezone(UK).replace(tzinfo=None)  # a real date cell
    row[8], row[9], row[11] = 1, 2, 7  # number cells
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _upload(pages, consultation, buffer.getvalue(), filename="responses.xlsx")
    [response] = _responses(consultation)
    values = {answer.question_id: answer.value for answer in response.answers}
    assert values[q["ranking"].id] == ["Cost", "Hours"]
    assert values[q["number"].id] == 7


def test_an_unknown_column_and_a_missing_column_are_reported(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation()
    header = [name for name in HEADER if name != "Do you agree?"] + ["Favourite colour"]
    rows = [[cell for index, cell in enumerate(_good_row(1)) if index != 2] + ["blue"]]
    page = _upload(pages, consultation, _csv(rows, header), status=200)
    assert _problems(page) == [
        ("1", "Favourite colour", "Unknown column: remove it, or use the headings of the template"),
        ("1", "Do you agree?", "This column is missing: add it, as in the template"),
    ]


def test_a_file_that_is_not_csv_or_xlsx_is_refused(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation()
    page = _upload(
        pages, consultation, b"%PDF-1.7\x00\x00\x01", filename="responses.pdf", status=200
    )
    assert field_error(page, "spreadsheet") == "The selected file must be a CSV or XLSX file"
    page = pages.post(
        f"/officer/consultations/{consultation.id}/responses/import", {}, expected_status=200
    )
    assert field_error(page, "spreadsheet") == "Select a CSV or XLSX file"


def test_the_template_header_imports_with_one_row(pages, sign_in_as, client) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation()
    page = pages.get(f"/officer/consultations/{consultation.id}/responses/import")
    assert heading(page) == "Import responses from a spreadsheet"
    download = client.get(f"/officer/consultations/{consultation.id}/responses/import/template.csv")
    assert download.mimetype == "text/csv"
    text = download.get_data(as_text=True)
    [header] = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header == HEADER
    content = (text + "phone," + _today_text() + ",No" + "," * (len(HEADER) - 3) + "\r\n").encode()
    _upload(pages, consultation, content, filename="template.csv")
    [response] = _responses(consultation)
    assert response.channel == Channel.PHONE


def test_a_scheduled_consultation_refuses_imports(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _ = _consultation(opens_at=utc_now() + timedelta(days=3))
    _upload(pages, consultation, _csv([_good_row(1)]), status=409)
    assert _responses(consultation) == []
