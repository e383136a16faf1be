"""Officers create, list, change and copy consultations; other roles only read them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, Ward
from tests.factories import (
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
    ServiceFactory,
)
from tests.pages import error_summary, field_error, heading

NEW = "/officer/consultations/new"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Library opening hours",
        "summary": "Tell us when the libraries should open.",
        "proposal": "Open later on Thursdays.",
        "reasons": "More people visit after work.",
        "service_id": "",
        "area": "whole",
        "topics": "libraries, opening hours, Libraries",
        "audiences": ["residents", "children_and_young_people"],
        "opens_on": ["2", "3", "2026"],
        "opens_time": "9am",
        "closes_on": ["30", "7", "2026"],
        "closes_time": "17:30",
        "decision_due_on": ["1", "9", "2026"],
        "contact_name": "Jo Bloggs",
        "contact_email": "jo@example.gov.uk",
        "contact_phone": "01453 111 222",
        "other_ways_to_respond": "Write to us",
        "about_you_enabled": "y",
    }
    data.update(overrides)
    return data


def _audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _only(title: str) -> Consultation:
    return db.session.scalars(select(Consultation).where(Consultation.title == title)).one()


def test_officer_creates_a_draft_consultation_with_every_detail(pages, sign_in_as):
    officer = sign_in_as("engagement_officer")
    service = ServiceFactory(name="Libraries")
    db.session.commit()
    assert heading(pages.get(NEW)) == "Create a consultation"
    pages.post(NEW, _form(service_id=str(service.id)), expected_status=302)
    consultation = _only("Library opening hours")
    assert consultation.slug == "library-opening-hours"
    assert consultation.service_id == service.id
    assert consultation.topics == ["libraries", "opening hours"]
    assert consultation.audiences == ["residents", "children_and_young_people"]
    # 9am on 2 March is GMT; 5:30pm on 30 July is BST (UTC+1).
    assert consultation.opens_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert consultation.closes_at == datetime(2026, 7, 30, 16, 30, tzinfo=UTC)
    assert consultation.decision_due_on == date(2026, 9, 1)
    assert consultation.about_you_enabled is True
    assert consultation.equality_questions_enabled is False
    assert consultation.published_at is None
    assert consultation.created_by_id == officer.id
    assert len(consultation.pages) == 1
    assert "consultation.created" in _audit_actions()
    page = pages.get(f"/officer/consultations/{consultation.id}")
    assert heading(page) == "Library opening hours"
    assert page.select_one("main .govuk-tag").get_text(strip=True) == "Draft"
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in page.select(".govuk-summary-list__row")
    }
    assert rows["Service"] == "Libraries"
    assert rows["Opens"] == "9am on 2 March 2026"
    assert rows["Closes"] == "5:30pm on 30 July 2026"
    assert rows["Aimed at"] == "Residents, Children and young people"


def test_creating_a_consultation_needs_a_title(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(NEW, {})
    assert error_summary(page) == ["Enter a title", "Select the area the consultation covers"]
    assert page.find("title").get_text().startswith("Error: ")
    assert db.session.scalar(select(Consultation)) is None


def test_each_bad_detail_gets_its_own_message(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(
        NEW,
        _form(
            title="x" * 201,
            contact_email="not-an-email",
            opens_on=["31", "2", "2026"],
            opens_time="25:00",
            closes_on=["", "7", "2026"],
            audiences=["aliens"],
            service_id="999",
        ),
    )
    assert field_error(page, "title") == "Title must be 200 characters or fewer"
    assert field_error(page, "contact_email").startswith("Enter an email address in the correct")
    assert field_error(page, "opens_on") == "The opening date must be a real date"
    assert field_error(page, "closes_on") == "The closing date must include a day"
    assert field_error(page, "opens_time") == (
        "Enter the opening time in the correct format, like 9am or 17:30"
    )
    assert field_error(page, "audiences") == (
        "Select who the consultation is aimed at from the list"
    )
    assert field_error(page, "service_id") == "Select a service"
    assert db.session.scalar(select(Consultation)) is None


def test_closing_date_must_come_after_opening_date(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.post(NEW, _form(closes_on=["1", "3", "2026"]))
    assert error_summary(page) == ["The closing date must be after the opening date"]
    page = pages.post(NEW, _form(decision_due_on=["1", "7", "2026"]))
    assert error_summary(page) == ["The decision date must be on or after the closing date"]


def test_chosen_wards_come_from_the_authoritys_district(pages, sign_in_as):
    sign_in_as("engagement_officer")
    AuthoritySettingsFactory(ons_code="E07000082")
    db.session.add_all(
        [
            Ward(
                code="E05010001",
                name="Stroud Central",
                district_code="E07000082",
                district_name="Stroud",
            ),
            Ward(
                code="E05099999", name="Elsewhere", district_code="E07000081", district_name="Glos"
            ),
        ]
    )
    db.session.commit()
    page = pages.get(NEW)
    labels = [
        label.get_text(strip=True)
        for label in page.select("#ward_codes ~ * label, .govuk-checkboxes__label")
    ]
    assert "Stroud Central" in labels
    assert "Elsewhere" not in labels
    page = pages.post(NEW, _form(area="wards"))
    assert error_summary(page) == ["Select at least one ward"]
    pages.post(NEW, _form(area="wards", ward_codes=["E05010001"]), expected_status=302)
    consultation = _only("Library opening hours")
    assert consultation.whole_area is False
    assert consultation.ward_codes == ["E05010001"]


def test_without_imported_wards_the_form_says_so(pages, sign_in_as):
    sign_in_as("engagement_officer")
    page = pages.get(NEW)
    assert "Wards have not been imported yet" in page.get_text()
    page = pages.post(NEW, _form(area="wards"))
    assert error_summary(page) == [
        "Wards have not been imported yet, so select the whole authority"
    ]


def test_slugs_are_unique(pages, sign_in_as):
    sign_in_as("engagement_officer")
    ConsultationFactory(slug="library-opening-hours")
    ConsultationFactory(slug="library-opening-hours-2")
    db.session.commit()
    pages.post(NEW, _form(), expected_status=302)
    assert _only("Library opening hours").slug == "library-opening-hours-3"


def test_officer_changes_the_details_and_the_change_is_audited(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(title="Parking", published_at=None)
    db.session.commit()
    url = f"/officer/consultations/{consultation.id}/details"
    page = pages.get(url)
    assert page.select_one("#title")["value"] == "Parking"
    pages.post(url, _form(title="Parking charges"), expected_status=302)
    assert db.session.get(Consultation, consultation.id).title == "Parking charges"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consultation.updated")
    ).one()
    assert "title" in event.detail["fields"]


def test_list_shows_each_consultation_with_its_phase_and_response_count(pages, sign_in_as):
    sign_in_as("analyst")
    open_one = ConsultationFactory(title="Open one", service=ServiceFactory(name="Parking"))
    ResponseFactory.create_batch(3, consultation=open_one)
    ConsultationFactory(title="Draft one", published_at=None)
    db.session.commit()
    page = pages.get("/officer/consultations")
    rows = {
        cells[0]: cells
        for cells in (
            [cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in page.select("tbody tr")
        )
    }
    assert rows["Open one"][1:3] == ["Parking", "Open"]
    assert rows["Open one"][5] == "3"
    assert rows["Draft one"][1:3] == ["Not set", "Draft"]
    assert rows["Draft one"][5] == "0"
    assert page.find("a", string="Create a consultation") is None


def test_copy_brings_pages_questions_and_routing_but_not_dates(pages, sign_in_as):
    sign_in_as("engagement_officer")
    source = ConsultationFactory(title="Bins", topics=["waste"])
    first = QuestionPageFactory(consultation=source, position=0)
    choice = QuestionFactory(page=first, kind="single_choice", options=["Yes", "No"])
    second = QuestionPageFactory(
        consultation=source, position=1, show_if_question_id=choice.id, show_if_value="Yes"
    )
    QuestionFactory(page=second, text="Why?")
    db.session.commit()
    pages.post(f"/officer/consultations/{source.id}/copy", expected_status=302)
    copy = _only("Copy of Bins")
    assert copy.copied_from_id == source.id
    assert copy.slug == "copy-of-bins"
    assert copy.topics == ["waste"]
    assert copy.opens_at is None and copy.closes_at is None and copy.published_at is None
    assert [len(page.questions) for page in copy.pages] == [1, 1]
    copied_choice = copy.pages[0].questions[0]
    assert copied_choice.id != choice.id
    assert copied_choice.options == ["Yes", "No"]
    assert copy.pages[1].show_if_question_id == copied_choice.id
    assert copy.pages[1].show_if_value == "Yes"
    assert "consultation.copied" in _audit_actions()


def test_analyst_and_auditor_can_read_but_not_change(pages, sign_in_as):
    consultation = ConsultationFactory(published_at=None)
    page_ = QuestionPageFactory(consultation=consultation)
    question = QuestionFactory(page=page_)
    db.session.commit()
    base = f"/officer/consultations/{consultation.id}"
    for role in ("analyst", "auditor"):
        sign_in_as(role)
        for url in (base, f"{base}/questions", f"{base}/documents", f"{base}/preview"):
            pages.get(url)
        pages.get(NEW, expected_status=403)
        for url in (
            NEW,
            f"{base}/details",
            f"{base}/copy",
            f"{base}/publish",
            f"{base}/pages/new",
            f"{base}/pages/{page_.id}/delete",
            f"{base}/questions/{question.id}/delete",
            f"{base}/questions/{question.id}/move-up",
            f"{base}/links",
        ):
            pages.post(url, _form(), expected_status=403)
    assert db.session.get(Consultation, consultation.id).published_at is None
    assert _audit_actions() == []


def test_the_list_reads_counts_in_one_query(db_session):
    from sqlalchemy import event

    from involve.services.consultations import list_consultations

    for _ in range(3):
        ResponseFactory(consultation=ConsultationFactory(service=ServiceFactory()))
    db.session.expire_all()
    statements: list[str] = []
    connection = db.session.connection()

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(connection, "before_cursor_execute", count)
    try:
        rows = list_consultations()
        names = [row.consultation.service.name for row in rows]
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(rows) == 3 and len(names) == 3
    assert [row.response_count for row in rows] == [1, 1, 1]
    assert len(statements) == 1


def test_saving_details_untouched_changes_nothing_even_with_browser_line_breaks(pages, sign_in_as):
    """Browsers send a text area's line breaks as CRLF: the text must not 'change'."""
    sign_in_as("engagement_officer")
    pages.post(NEW, _form(proposal="First line.\nSecond line."), expected_status=302)
    consultation = db.session.scalars(select(Consultation)).one()
    assert consultation.proposal == "First line.\nSecond line."
    before = len(_audit_actions())

    pages.post(
        f"/officer/consultations/{consultation.id}/details",
        _form(proposal="First line.\r\nSecond line."),
        expected_status=302,
    )

    db.session.refresh(consultation)
    assert consultation.proposal == "First line.\nSecond line."
    assert "consultation.updated" not in _audit_actions()[before:]
