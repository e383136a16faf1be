"""The resident's journey through question pages: every kind of question, errors, routing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import Answer, QuestionKind, Response, ResponseStatus
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import error_summary, field_error, heading


def _page(consultation, position, *questions, title=""):
    page = QuestionPageFactory(consultation=consultation, position=position, title=title)
    made = [
        QuestionFactory(page=page, position=index, **fields)
        for index, fields in enumerate(questions)
    ]
    return page, made


def _every_kind_consultation():
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    _, (name, views) = _page(
        consultation,
        1,
        {"kind": QuestionKind.SHORT_TEXT, "text": "Your street", "required": True},
        {"kind": QuestionKind.LONG_TEXT, "text": "Your views", "required": True, "max_length": 50},
        title="Where you live",
    )
    _, (choice,) = _page(
        consultation,
        2,
        {
            "kind": QuestionKind.SINGLE_CHOICE,
            "text": "Do you use the library?",
            "required": True,
            "options": ["Yes", "No"],
        },
    )
    _, (multiple, scale, grid) = _page(
        consultation,
        3,
        {
            "kind": QuestionKind.MULTIPLE_CHOICE,
            "text": "Which services?",
            "required": True,
            "options": ["Books", "Computers"],
            "allow_other": True,
        },
        {"kind": QuestionKind.AGREE_SCALE, "text": "Opening hours are fine", "required": True},
        {
            "kind": QuestionKind.GRID,
            "text": "Rate these",
            "required": True,
            "statements": ["Staff", "Building"],
            "options": ["Good", "Poor"],
        },
        title="How you use it",
    )
    _, (ranking, number, when, postcode) = _page(
        consultation,
        4,
        {
            "kind": QuestionKind.RANKING,
            "text": "Rank these",
            "required": True,
            "options": ["Cost", "Hours", "Books"],
        },
        {
            "kind": QuestionKind.NUMBER,
            "text": "Visits a year",
            "required": True,
            "min_value": 0,
            "max_value": 365,
        },
        {"kind": QuestionKind.DATE, "text": "Last visit", "required": True},
        {"kind": QuestionKind.POSTCODE, "text": "Your postcode", "required": True},
        title="More about you",
    )
    db.session.commit()
    questions = dict(
        name=name,
        views=views,
        choice=choice,
        multiple=multiple,
        scale=scale,
        grid=grid,
        ranking=ranking,
        number=number,
        when=when,
        postcode=postcode,
    )
    return consultation, questions


def _url(consultation, page_number):
    return f"/consultations/{consultation.slug}/questions/{page_number}"


def test_a_resident_answers_every_kind_of_question_and_gets_a_reference(pages):
    consultation, q = _every_kind_consultation()
    page = pages.get(_url(consultation, 1))
    assert heading(page) == "Where you live"
    assert page.select_one(f"#q{q['views'].id}").name == "textarea"
    assert page.select_one(".govuk-character-count")["data-maxlength"] == "50"
    pages.post(
        _url(consultation, 1),
        {f"q{q['name'].id}": " High Street ", f"q{q['views'].id}": "Keep it open"},
        expected_status=302,
    )
    page = pages.get(_url(consultation, 2))
    assert heading(page) == "Do you use the library?"
    pages.post(_url(consultation, 2), {f"q{q['choice'].id}": "Yes"}, expected_status=302)
    multiple, grid = q["multiple"].id, q["grid"].id
    pages.post(
        _url(consultation, 3),
        {
            f"q{multiple}": ["Books", "__other__"],
            f"q{multiple}-other": "Events",
            f"q{q['scale'].id}": "Agree",
            f"q{grid}-s0": "Good",
            f"q{grid}-s1": "Poor",
        },
        expected_status=302,
    )
    ranking, when = q["ranking"].id, q["when"].id
    pages.post(
        _url(consultation, 4),
        {
            f"q{ranking}-o0": "2",
            f"q{ranking}-o1": "3",
            f"q{ranking}-o2": "1",
            f"q{q['number'].id}": "1,2",
            f"q{when}-day": "3",
            f"q{when}-month": "2",
            f"q{when}-year": "2024",
            f"q{q['postcode'].id}": "gl5 4ub",
        },
        expected_status=302,
    )
    assert pages.last_response.headers["Location"].endswith("/check-answers")

    page = pages.get(f"/consultations/{consultation.slug}/check-answers")
    assert heading(page) == "Check your answers before submitting your response"
    values = {
        row.select_one("dt").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text("|", strip=True)
        for row in page.select("#answers .govuk-summary-list__row")
    }
    assert values["Which services?"] == "Books|Other: Events"
    assert values["Rank these"] == "1. Books|2. Cost|3. Hours"
    assert values["Last visit"] == "3 February 2024"
    change = page.select("#answers .govuk-summary-list__actions a")[2]
    assert change["href"] == f"/consultations/{consultation.slug}/questions/2?return=check"
    key = page.select_one("input[name=submission_key]")["value"]
    pages.post(
        f"/consultations/{consultation.slug}/check-answers",
        {"submission_key": key},
        expected_status=302,
    )
    page = pages.get(f"/consultations/{consultation.slug}/confirmation")
    assert heading(page).startswith("Response submitted")
    reference = page.select_one("#reference").get_text(strip=True)

    response = db.session.scalars(select(Response).where(Response.reference == reference)).one()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_at is not None
    stored = {answer.question_id: (answer.value, answer.text) for answer in response.answers}
    assert stored[q["name"].id] == ("High Street", "High Street")
    assert stored[q["views"].id] == ("Keep it open", "Keep it open")
    assert stored[q["choice"].id] == ("Yes", "")
    assert stored[q["multiple"].id] == ({"choices": ["Books"], "other": "Events"}, "Events")
    assert stored[q["scale"].id][0] == "Agree"
    assert stored[q["grid"].id][0] == {"Staff": "Good", "Building": "Poor"}
    assert stored[q["ranking"].id][0] == ["Books", "Cost", "Hours"]
    assert stored[q["number"].id][0] == 12
    assert stored[q["when"].id][0] == "2024-02-03"
    assert stored[q["postcode"].id][0] == "GL5 4UB"


BAD_ANSWERS = [
    ("name", {}, "Enter an answer"),
    ("views", {"": "x" * 51}, "Your answer must be 50 characters or fewer"),
    ("choice", {"": "Maybe"}, "Select one of the options"),
    ("multiple", {"": "__other__"}, "Enter your other answer"),
    ("scale", {}, "Select an answer"),
    ("grid", {"-s0": "Good"}, "Select an answer for each statement"),
    (
        "ranking",
        {"-o0": "1", "-o1": "1", "-o2": "2"},
        "Give each option a different rank from 1 to 3",
    ),
    ("number", {"": "400"}, "Enter a number between 0 and 365"),
    ("number", {"": "lots"}, "Enter a whole number, like 12"),
    ("when", {"-day": "31", "-month": "2", "-year": "2024"}, "Date must be a real date"),
    ("when", {"-day": "3", "-year": "2024"}, "Date must include a month"),
    ("postcode", {"": "NOT A CODE"}, "Enter a full UK postcode, like GL5 4UB"),
]


@pytest.mark.parametrize(("key", "fields", "message"), BAD_ANSWERS)
def test_each_kind_of_question_shows_its_error_and_keeps_what_was_typed(
    pages, key, fields, message
):
    consultation, q = _every_kind_consultation()
    question = q[key]
    page_number = question.page.position
    data = {f"q{question.id}{suffix}": value for suffix, value in fields.items()}
    page = pages.post(_url(consultation, page_number), data)
    # On a page of several questions, each message names its question.
    if len(question.page.questions) > 1:
        message = f"For “{question.text}”, {message[0].lower()}{message[1:]}"
    assert message in error_summary(page)
    assert field_error(page, f"q{question.id}") == message
    assert page.find("title").get_text().startswith("Error: ")
    for name, value in data.items():
        field = page.select_one(f"[name='{name}']")
        if field.name == "select":
            assert field.select_one("option[selected]")["value"] == value
        elif field.get("type") in ("radio", "checkbox"):
            chosen = page.select_one(f"[name='{name}'][value='{value}']")
            if chosen is None:  # not one of the options: nothing is shown as chosen
                assert not page.select(f"[name='{name}'][checked]")
            else:
                assert chosen.has_attr("checked")
        elif field.name == "textarea":
            assert field.get_text() == value
        else:
            assert field["value"] == value
    assert db.session.scalars(select(Answer)).all() == []


def test_long_text_over_the_configured_maximum_is_refused_and_shown_back_in_full(app, pages):
    consultation = ConsultationFactory()
    _, (question,) = _page(consultation, 1, {"kind": QuestionKind.LONG_TEXT, "text": "Views"})
    db.session.commit()
    app.config["LONG_TEXT_MAX"] = 20
    try:
        typed = "y" * 25
        page = pages.post(_url(consultation, 1), {f"q{question.id}": typed})
    finally:
        app.config["LONG_TEXT_MAX"] = 10_000
    assert field_error(page, f"q{question.id}") == "Your answer must be 20 characters or fewer"
    assert page.select_one(f"#q{question.id}").get_text() == typed


def test_optional_questions_say_so_and_can_be_left_blank(pages):
    consultation = ConsultationFactory(about_you_enabled=False)
    _, (question,) = _page(consultation, 1, {"text": "Anything else?", "required": False})
    db.session.commit()
    page = pages.get(_url(consultation, 1))
    assert heading(page) == "Anything else? (optional)"
    pages.post(_url(consultation, 1), {f"q{question.id}": ""}, expected_status=302)
    response = db.session.scalars(select(Response)).one()
    assert response.status == ResponseStatus.IN_PROGRESS
    assert response.answers == []


def test_the_last_page_leads_to_about_you_when_the_consultation_asks_it(pages):
    consultation = ConsultationFactory(about_you_enabled=True)
    _, (question,) = _page(consultation, 1, {"text": "Anything else?"})
    db.session.commit()
    pages.post(_url(consultation, 1), {f"q{question.id}": "No"}, expected_status=302)
    assert (
        pages.last_response.headers["Location"] == f"/consultations/{consultation.slug}/about-you"
    )


def _routed_consultation():
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    _, (gate,) = _page(
        consultation,
        1,
        {
            "kind": QuestionKind.SINGLE_CHOICE,
            "text": "Do you drive?",
            "options": ["Yes", "No"],
            "required": True,
        },
    )
    driving, (car,) = _page(consultation, 2, {"text": "What car do you drive?"}, title="Driving")
    driving.show_if_question_id = gate.id
    driving.show_if_value = "Yes"
    _, (last,) = _page(consultation, 3, {"text": "Anything else?"})
    db.session.commit()
    return consultation, gate, car, last


def test_a_page_shows_only_when_its_condition_is_met(pages):
    consultation, gate, _car, _last = _routed_consultation()
    pages.post(_url(consultation, 1), {f"q{gate.id}": "No"}, expected_status=302)
    assert pages.last_response.headers["Location"] == _url(consultation, 2)
    assert heading(pages.get(_url(consultation, 2))) == "Anything else? (optional)"
    pages.get(_url(consultation, 3), expected_status=404)

    pages.post(_url(consultation, 1), {f"q{gate.id}": "Yes"}, expected_status=302)
    assert heading(pages.get(_url(consultation, 2))) == "What car do you drive? (optional)"
    assert heading(pages.get(_url(consultation, 3))) == "Anything else? (optional)"


def test_answers_on_a_page_that_becomes_hidden_are_deleted(pages):
    consultation, gate, car, _last = _routed_consultation()
    pages.post(_url(consultation, 1), {f"q{gate.id}": "Yes"}, expected_status=302)
    pages.post(_url(consultation, 2), {f"q{car.id}": "A red van"}, expected_status=302)
    response = db.session.scalars(select(Response)).one()
    assert {answer.question_id for answer in response.answers} == {gate.id, car.id}
    pages.post(_url(consultation, 1) + "?return=check", {f"q{gate.id}": "No"}, expected_status=302)
    assert pages.last_response.headers["Location"].endswith("/check-answers")
    db.session.expire_all()
    response = db.session.scalars(select(Response)).one()
    assert {answer.question_id for answer in response.answers} == {gate.id}


def test_check_answers_sends_people_to_a_required_question_they_have_not_answered(pages):
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    _, (first,) = _page(consultation, 1, {"text": "Optional one"})
    _, (second,) = _page(consultation, 2, {"text": "Your name", "required": True})
    db.session.commit()
    pages.post(_url(consultation, 1), {f"q{first.id}": "hi"}, expected_status=302)
    pages.get(f"/consultations/{consultation.slug}/check-answers", expected_status=302)
    target = pages.last_response.headers["Location"]
    assert target.startswith(_url(consultation, 2))
    page = pages.get(target)
    assert field_error(page, f"q{second.id}") == "Enter an answer"
    pages.post(target, {f"q{second.id}": "Sam"}, expected_status=302)
    assert (
        pages.last_response.headers["Location"]
        == f"/consultations/{consultation.slug}/check-answers"
    )


def test_a_page_number_beyond_the_visible_pages_is_not_found(pages):
    consultation = ConsultationFactory()
    _page(consultation, 1, {"text": "Only question"})
    db.session.commit()
    pages.get(_url(consultation, 2), expected_status=404)
    pages.get(_url(consultation, 0), expected_status=404)


def test_check_answers_shows_the_about_you_section_with_change_links(pages):
    consultation = ConsultationFactory(about_you_enabled=True, equality_questions_enabled=False)
    _, (question,) = _page(consultation, 1, {"text": "Anything else?"})
    db.session.commit()
    pages.post(_url(consultation, 1), {f"q{question.id}": "No"}, expected_status=302)
    page = pages.get(f"/consultations/{consultation.slug}/check-answers")
    about_you = page.select_one("#about-you")
    assert about_you is not None
    hrefs = [link["href"] for link in about_you.select("a")]
    assert f"/consultations/{consultation.slug}/about-you?return=check" in hrefs
