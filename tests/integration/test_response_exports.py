"""Officers download responses as CSV and XLSX: fixed columns, safe cells, no personal data."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AgeBand,
    AuditEvent,
    Channel,
    ElectedStatus,
    EqualityAnswers,
    QuestionKind,
    RespondentProfile,
    RespondingAs,
    ResponseStatus,
)
from involve.models.base import utc_now
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)

EXPECTED_HEADER = [
    "reference",
    "submitted_at",
    "channel",
    "Do you support it?",
    "Where do you park? - Town centre",
    "Where do you park? - Station",
    "Where do you park? - Other",
    "Rate these - Prices",
    "Rate these - Safety",
    "Rank these - Buses",
    "Rank these - Trains",
    "How many cars?",
    "When did you move?",
    "Comments",
    "Comments (2)",
    "responding_as",
    "organisation_type",
    "organisation_name",
    "connections",
    "elected_status",
    "age_band",
    "ward_code",
]


@pytest.fixture
def exported():
    """A consultation with one question of each layout and one full response."""
    consultation = ConsultationFactory(slug="parking-charges", title="Parking charges")
    first = QuestionPageFactory(consultation=consultation, position=0)
    second = QuestionPageFactory(consultation=consultation, position=1)

    def ask(page, position, kind, text, **fields):  # type: ignore[no-untyped-def]
        return QuestionFactory(page=page, position=position, kind=kind, text=text, **fields)

    # Created out of order: columns follow page and position, not creation.
    comments_two = ask(second, 1, QuestionKind.SHORT_TEXT, "Comments")
    comments = ask(second, 0, QuestionKind.LONG_TEXT, "Comments")
    support = ask(first, 0, QuestionKind.AGREE_SCALE, "Do you support it?")
    places = ask(
        first,
        1,
        QuestionKind.MULTIPLE_CHOICE,
        "Where do you park?",
        options=["Town centre", "Station"],
        allow_other=True,
    )
    grid = ask(first, 2, QuestionKind.GRID, "Rate these", statements=["Prices", "Safety"])
    ranking = ask(first, 3, QuestionKind.RANKING, "Rank these", options=["Buses", "Trains"])
    cars = ask(first, 4, QuestionKind.NUMBER, "How many cars?")
    moved = ask(first, 5, QuestionKind.DATE, "When did you move?")

    response = ResponseFactory(
        consultation=consultation, channel=Channel.PAPER, submitted_at=utc_now()
    )
    for question, value in (
        (support, "Agree"),
        (places, {"choices": ["Station"], "other": "Hospital"}),
        (grid, {"Prices": "Disagree", "Safety": "Agree"}),
        (ranking, ["Trains", "Buses"]),
        (cars, 2),
        (moved, "2020-03-01"),
        (comments, "More bays"),
        (comments_two, "=HYPERLINK(1)"),
    ):
        AnswerFactory(response=response, question=question, value=value)
    db.session.add(
        RespondentProfile(
            response=response,
            responding_as=RespondingAs.ORGANISATION,
            organisation_name="+Friends of the park",
            connections=["live", "work"],
            elected_status=ElectedStatus.NEITHER,
            age_band=AgeBand.AGE_25_34,
            postcode="GL5 4UB",
            ward_code="E05010972",
            name="Jo Bloggs",
            email="jo@example.com",
        )
    )
    db.session.add(EqualityAnswers(response=response, sex="Female", ethnic_group="Mixed"))
    ResponseFactory(consultation=consultation, status=ResponseStatus.IN_PROGRESS, submitted_at=None)
    db.session.commit()
    return consultation, response


def _csv(pages, consultation) -> list[list[str]]:
    # buffered: read the stream inside the request's own context (see IsolatedClient)
    pages.post(f"/officer/consultations/{consultation.id}/responses.csv", buffered=True)
    body = pages.last_response.get_data()
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(pages, consultation) -> list[list[object]]:
    pages.post(f"/officer/consultations/{consultation.id}/responses.xlsx")
    workbook = load_workbook(io.BytesIO(pages.last_response.get_data()))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_csv_has_fixed_columns_and_one_column_per_option(pages, sign_in_as, exported):
    sign_in_as("analyst")
    consultation, response = exported

    rows = _csv(pages, consultation)

    assert pages.last_response.headers["Content-Disposition"].startswith(
        'attachment; filename="parking-charges-responses-'
    )
    assert rows[0] == EXPECTED_HEADER
    assert len(rows) == 2  # the in-progress response is not exported
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["reference"] == response.reference
    assert cells["submitted_at"] == response.submitted_at.isoformat()
    assert cells["submitted_at"].endswith("+00:00")
    assert cells["channel"] == "paper"
    assert cells["Do you support it?"] == "Agree"
    assert [cells[f"Where do you park? - {name}"] for name in ("Town centre", "Station")] == [
        "0",
        "1",
    ]
    assert cells["Where do you park? - Other"] == "Hospital"
    assert cells["Rate these - Prices"] == "Disagree"
    assert [cells["Rank these - Buses"], cells["Rank these - Trains"]] == ["2", "1"]
    assert cells["How many cars?"] == "2"
    assert cells["When did you move?"] == "2020-03-01"
    assert cells["Comments"] == "More bays"
    assert cells["connections"] == "live; work"
    assert cells["age_band"] == "25_34"
    assert cells["ward_code"] == "E05010972"


def test_exports_contain_no_contact_details_or_equality_answers(pages, sign_in_as, exported):
    sign_in_as("admin")
    consultation, _ = exported

    flat_csv = " ".join(" ".join(row) for row in _csv(pages, consultation))
    flat_xlsx = " ".join(str(cell) for row in _xlsx(pages, consultation) for cell in row)

    for text in (flat_csv, flat_xlsx):
        for personal in ("Jo Bloggs", "jo@example.com", "GL5 4UB", "Female", "Mixed"):
            assert personal not in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_and_xlsx_cells_that_look_like_formulas_are_made_safe(
    pages, sign_in_as, exported, start
):
    sign_in_as("analyst")
    consultation, response = exported
    for answer in response.answers:
        if answer.question.text == "Comments" and answer.question.kind == QuestionKind.LONG_TEXT:
            answer.value = f"{start}SUM(A1:A9)"
    db.session.commit()

    csv_cells = dict(zip(*_csv(pages, consultation), strict=True))
    xlsx_header, xlsx_row = _xlsx(pages, consultation)
    xlsx_cells = dict(zip(xlsx_header, xlsx_row, strict=True))

    assert csv_cells["Comments"] == f"'{start}SUM(A1:A9)"
    assert csv_cells["Comments (2)"] == "'=HYPERLINK(1)"
    assert csv_cells["organisation_name"] == "'+Friends of the park"
    assert xlsx_cells["Comments"] == f"{start}SUM(A1:A9)"

    pages.post(f"/officer/consultations/{consultation.id}/responses.xlsx")
    sheet = load_workbook(io.BytesIO(pages.last_response.get_data())).active
    comment_cell = sheet.cell(row=2, column=EXPECTED_HEADER.index("Comments") + 1)
    assert comment_cell.data_type == "s"
    assert comment_cell.quotePrefix is True
    assert comment_cell.value == f"{start}SUM(A1:A9)"


def test_xlsx_has_the_same_columns_and_numbers_stay_numbers(pages, sign_in_as, exported):
    sign_in_as("auditor")
    consultation, _ = exported

    header, row = _xlsx(pages, consultation)

    assert header == EXPECTED_HEADER
    cells = dict(zip(header, row, strict=True))
    assert cells["How many cars?"] == 2
    assert cells["Where do you park? - Station"] == 1
    assert cells["Where do you park? - Town centre"] == 0


def test_each_export_is_recorded_in_the_audit_log(pages, sign_in_as, exported):
    officer = sign_in_as("engagement_officer")
    consultation, _ = exported

    _csv(pages, consultation)
    _xlsx(pages, consultation)

    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "responses.exported")
    ).all()
    assert [(event.officer_id, event.detail["format"]) for event in events] == [
        (officer.id, "csv"),
        (officer.id, "xlsx"),
    ]
    assert events[0].object_id == str(consultation.id)
    assert events[0].detail["count"] == 1


def test_export_without_a_form_token_is_refused_and_not_recorded(pages, sign_in_as, exported):
    sign_in_as("analyst")
    consultation, _ = exported

    pages.post(
        f"/officer/consultations/{consultation.id}/responses.csv", csrf=False, expected_status=400
    )

    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "responses.exported")
    ).all()


def test_anonymous_visitors_cannot_export(pages, exported):
    consultation, _ = exported

    for extension in ("csv", "xlsx"):
        pages.post(
            f"/officer/consultations/{consultation.id}/responses.{extension}",
            expected_status=302,
        )
        assert pages.last_response.headers["Location"].startswith("/sign-in")


def test_response_list_offers_both_downloads(pages, sign_in_as, exported):
    sign_in_as("auditor")
    consultation, _ = exported

    page = pages.get(f"/officer/consultations/{consultation.id}/responses")

    actions = {form["action"] for form in page.select("form[method=post]")}
    assert f"/officer/consultations/{consultation.id}/responses.csv" in actions
    assert f"/officer/consultations/{consultation.id}/responses.xlsx" in actions
