"""The questions builder: every kind of question, pages, order, routing and the freeze."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AGREE_SCALE, AuditEvent, Question, QuestionKind, QuestionPage
from tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.pages import banner, error_summary, field_error, heading


@pytest.fixture
def draft(db_session):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(title="Parks", published_at=None)
    page = QuestionPageFactory(consultation=consultation, position=0)
    db.session.commit()
    return consultation, page


def _base(consultation) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/consultations/{consultation.id}"


def _questions(page_id: int) -> list[Question]:
    return list(
        db.session.scalars(
            select(Question).where(Question.page_id == page_id).order_by(Question.position)
        )
    )


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_adding_a_question_starts_by_choosing_its_kind(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    url = f"{_base(consultation)}/pages/{page.id}/questions/new"
    assert heading(pages.get(url)) == "Add a question"
    assert error_summary(pages.post(url, {})) == ["Select the type of question"]
    pages.post(url, {"kind": "grid"}, expected_status=302)
    assert pages.last_response.headers["Location"].endswith(f"/pages/{page.id}/questions/new/grid")


@pytest.mark.parametrize(
    ("kind", "extra", "stored"),
    [
        ("short_text", {}, {}),
        ("long_text", {"max_length": ""}, {"max_length": 10_000}),
        ("long_text", {"max_length": "500"}, {"max_length": 500}),
        ("single_choice", {"options": "Yes\r\nNo\r\n\r\n"}, {"options": ["Yes", "No"]}),
        (
            "multiple_choice",
            {"options": "Swings\nSlides", "allow_other": "y"},
            {"options": ["Swings", "Slides"], "allow_other": True},
        ),
        ("agree_scale", {}, {"options": []}),
        (
            "grid",
            {"statements": "Clean\nSafe", "options": "\n".join(AGREE_SCALE)},
            {"statements": ["Clean", "Safe"], "options": AGREE_SCALE},
        ),
        ("ranking", {"options": "A\nB\nC"}, {"options": ["A", "B", "C"]}),
        ("number", {"min_value": "0", "max_value": "120"}, {"min_value": 0, "max_value": 120}),
        ("number", {}, {"min_value": None, "max_value": None}),
        ("date", {}, {}),
        ("postcode", {}, {}),
    ],
)
def test_each_kind_of_question_is_saved(pages, sign_in_as, draft, kind, extra, stored):
    sign_in_as("engagement_officer")
    consultation, page = draft
    url = f"{_base(consultation)}/pages/{page.id}/questions/new/{kind}"
    assert heading(pages.get(url)) == "Add a question"
    data = {"text": "What do you think?", "hint": "Be honest", "required": "y", **extra}
    pages.post(url, data, expected_status=302)
    (question,) = _questions(page.id)
    assert question.kind == QuestionKind(kind)
    assert (question.text, question.hint, question.required) == (
        "What do you think?",
        "Be honest",
        True,
    )
    for name, value in stored.items():
        assert getattr(question, name) == value
    assert "consultation.question_added" in _actions()


@pytest.mark.parametrize(
    ("kind", "data", "field", "message"),
    [
        (
            "single_choice",
            {"options": ""},
            "options",
            "Enter at least 2 options, each on a new line",
        ),
        (
            "ranking",
            {"options": "Only one"},
            "options",
            "Enter at least 2 options, each on a new line",
        ),
        ("multiple_choice", {"options": "A\na"}, "options", "Each option must be different"),
        (
            "grid",
            {"statements": ""},
            "statements",
            "Enter at least one statement, each on a new line",
        ),
        (
            "number",
            {"min_value": "10", "max_value": "5"},
            "max_value",
            "The largest number must be the same as or more than the smallest",
        ),
        (
            "number",
            {"min_value": "ten"},
            "min_value",
            "Enter the smallest number as a whole number, like 10",
        ),
        (
            "long_text",
            {"max_length": "20000"},
            "max_length",
            "The character limit must be between 1 and 10,000",
        ),
        ("short_text", {"text": ""}, "text", "Enter the question"),
    ],
)
def test_question_form_checks_what_its_kind_needs(
    pages, sign_in_as, draft, kind, data, field, message
):
    sign_in_as("engagement_officer")
    consultation, page = draft
    url = f"{_base(consultation)}/pages/{page.id}/questions/new/{kind}"
    result = pages.post(url, {"text": "A question", **data})
    assert field_error(result, field) == message
    assert _questions(page.id) == []


def test_unknown_kind_is_not_found(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    pages.get(f"{_base(consultation)}/pages/{page.id}/questions/new/essay", expected_status=404)


def test_officer_changes_a_question_and_its_kind(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    question = QuestionFactory(page=page, text="Old")
    db.session.commit()
    url = f"{_base(consultation)}/questions/{question.id}/edit"
    assert pages.get(url).select_one("#text")["value"] == "Old"
    change = f"{_base(consultation)}/questions/{question.id}/change-type"
    pages.post(change, {"kind": "single_choice"}, expected_status=302)
    assert pages.last_response.headers["Location"].endswith("edit?kind=single_choice")
    pages.post(
        f"{url}?kind=single_choice", {"text": "New", "options": "Red\nBlue"}, expected_status=302
    )
    saved = db.session.get(Question, question.id)
    assert (saved.text, saved.kind, saved.options) == (
        "New",
        QuestionKind.SINGLE_CHOICE,
        ["Red", "Blue"],
    )


def test_questions_and_pages_move_up_and_down(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    first = QuestionFactory(page=page, text="First", position=0)
    second = QuestionFactory(page=page, text="Second", position=1)
    other = QuestionPageFactory(consultation=consultation, position=1, title="Other")
    db.session.commit()
    base = _base(consultation)
    pages.post(f"{base}/questions/{second.id}/move-up", expected_status=302)
    assert [q.text for q in _questions(page.id)] == ["Second", "First"]
    pages.post(f"{base}/questions/{second.id}/move-down", expected_status=302)
    assert [q.text for q in _questions(page.id)] == ["First", "Second"]
    pages.post(f"{base}/pages/{other.id}/move-up", expected_status=302)
    order = db.session.scalars(
        select(QuestionPage.title)
        .where(QuestionPage.consultation_id == consultation.id)
        .order_by(QuestionPage.position)
    ).all()
    assert order == ["Other", ""]
    pages.post(
        f"{base}/questions/{first.id}/move-to-page", {"to_page": str(other.id)}, expected_status=302
    )
    assert [q.text for q in _questions(other.id)] == ["First"]
    builder = pages.get(f"{base}/questions")
    assert heading(builder) == "Questions"
    assert [h.get_text(strip=True) for h in builder.select("section h2")] == [
        "Page 1: Other",
        "Page 2",
    ]
    assert {
        "consultation.question_moved",
        "consultation.page_moved",
        "consultation.question_moved_to_page",
    } <= set(_actions())


def test_pages_are_added_renamed_and_deleted(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    base = _base(consultation)
    pages.post(f"{base}/pages/new", {"title": "About parking"}, expected_status=302)
    added = db.session.scalars(
        select(QuestionPage).where(QuestionPage.title == "About parking")
    ).one()
    assert added.position == 1
    pages.post(f"{base}/pages/{added.id}/rename", {"title": "Parking"}, expected_status=302)
    assert db.session.get(QuestionPage, added.id).title == "Parking"
    page_id = page.id
    pages.post(f"{base}/pages/{page_id}/delete", expected_status=302)
    assert db.session.get(QuestionPage, page_id) is None
    assert db.session.get(QuestionPage, added.id).position == 0


def test_routing_needs_an_earlier_choice_question_and_one_of_its_options(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    choice = QuestionFactory(page=page, kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"])
    later = QuestionPageFactory(consultation=consultation, position=1)
    later_choice = QuestionFactory(page=later, kind=QuestionKind.SINGLE_CHOICE, options=["A", "B"])
    db.session.commit()
    url = f"{_base(consultation)}/pages/{later.id}/routing"
    page_html = pages.get(url)
    assert heading(page_html) == "Routing for page 2"
    assert f"{choice.id}:Yes" in [o["value"] for o in page_html.select("#condition option")]
    result = pages.post(url, {"condition": f"{choice.id}:Maybe"})
    assert field_error(result, "condition") == "Select one of the question's options"
    result = pages.post(url, {"condition": f"{later_choice.id}:A"})
    assert field_error(result, "condition") == "Select a question on an earlier page"
    result = pages.post(url, {"condition": "999999:Yes"})
    assert field_error(result, "condition") == "Select a question on an earlier page"
    assert db.session.get(QuestionPage, later.id).show_if_question_id is None
    pages.post(url, {"condition": f"{choice.id}:Yes"}, expected_status=302)
    saved = db.session.get(QuestionPage, later.id)
    assert (saved.show_if_question_id, saved.show_if_value) == (choice.id, "Yes")
    # The page cannot now move above the question it depends on.
    pages.post(f"{_base(consultation)}/pages/{later.id}/move-up", expected_status=302)
    assert db.session.get(QuestionPage, later.id).position == 1
    assert "depends on an answer" in pages.get(f"{_base(consultation)}/questions").get_text()
    pages.post(url, {"condition": ""}, expected_status=302)
    assert db.session.get(QuestionPage, later.id).show_if_question_id is None


def test_agree_scale_questions_can_route_on_a_scale_point(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    scale = QuestionFactory(page=page, kind=QuestionKind.AGREE_SCALE)
    later = QuestionPageFactory(consultation=consultation, position=1)
    db.session.commit()
    url = f"{_base(consultation)}/pages/{later.id}/routing"
    pages.post(url, {"condition": f"{scale.id}:Disagree"}, expected_status=302)
    assert db.session.get(QuestionPage, later.id).show_if_value == "Disagree"


def test_questions_freeze_once_anyone_responds(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    first = QuestionFactory(page=page, text="First", position=0)
    QuestionFactory(page=page, text="Second", position=1)
    ResponseFactory(consultation=consultation, status="in_progress", submitted_at=None)
    db.session.commit()
    base = _base(consultation)
    frozen = "The questions cannot be changed because people have already responded."
    pages.post(f"{base}/questions/{first.id}/move-down", expected_status=302)
    assert frozen in banner(pages.get(f"{base}/questions"))
    pages.post(f"{base}/questions/{first.id}/delete", expected_status=302)
    pages.post(f"{base}/pages/new", {"title": "More"}, expected_status=302)
    pages.post(
        f"{base}/pages/{page.id}/questions/new/short_text", {"text": "Another"}, expected_status=302
    )
    assert [q.text for q in _questions(page.id)] == ["First", "Second"]
    assert len(db.session.get(type(consultation), consultation.id).pages) == 1
    # Changing a question goes to the wording fix instead.
    pages.get(f"{base}/questions/{first.id}/edit", expected_status=302)
    assert pages.last_response.headers["Location"].endswith(f"/questions/{first.id}/fix-wording")
    builder = pages.get(f"{base}/questions")
    assert builder.find("a", string="Add a page") is None
    assert builder.find(string="Fix wording") is not None


def test_wording_fix_needs_a_reason_and_is_recorded(pages, sign_in_as, draft):
    officer = sign_in_as("engagement_officer")
    consultation, page = draft
    question = QuestionFactory(page=page, text="How often do you vist?", hint="")
    ResponseFactory(consultation=consultation)
    db.session.commit()
    url = f"{_base(consultation)}/questions/{question.id}/fix-wording"
    assert heading(pages.get(url)) == "Fix the wording of a question"
    result = pages.post(url, {"text": "How often do you visit?"})
    assert error_summary(result) == ["Enter the reason for the change"]
    pages.post(
        url, {"text": "How often do you visit?", "hint": "", "reason": "Typo"}, expected_status=302
    )
    saved = db.session.get(Question, question.id)
    assert saved.text == "How often do you visit?"
    (change,) = saved.wording_history
    assert change["from"] == "How often do you vist?"
    assert change["to"] == "How often do you visit?"
    assert change["reason"] == "Typo"
    assert change["by"] == officer.full_name
    assert change["at"]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consultation.question_wording_fixed")
    ).one()
    assert "Typo" in event.summary


def test_deleting_a_question_clears_routing_that_used_it(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    choice = QuestionFactory(page=page, kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"])
    later = QuestionPageFactory(
        consultation=consultation, position=1, show_if_question_id=choice.id, show_if_value="Yes"
    )
    db.session.commit()
    choice_id = choice.id
    pages.post(f"{_base(consultation)}/questions/{choice_id}/delete", expected_status=302)
    assert db.session.get(Question, choice_id) is None
    assert db.session.get(QuestionPage, later.id).show_if_question_id is None


def test_changing_options_that_routing_relies_on_is_refused(pages, sign_in_as, draft):
    sign_in_as("engagement_officer")
    consultation, page = draft
    choice = QuestionFactory(page=page, kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"])
    QuestionPageFactory(
        consultation=consultation, position=1, show_if_question_id=choice.id, show_if_value="Yes"
    )
    db.session.commit()
    url = f"{_base(consultation)}/questions/{choice.id}/edit"
    result = pages.post(url, {"text": "Choose", "options": "Maybe\nNo"})
    assert "Keep that option" in field_error(result, "options")
    assert db.session.get(Question, choice.id).options == ["Yes", "No"]


def test_preview_shows_every_page_as_residents_see_it(pages, sign_in_as, draft):
    sign_in_as("analyst")
    consultation, page = draft
    choice = QuestionFactory(page=page, kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"])
    later = QuestionPageFactory(consultation=consultation, position=1, title="More")
    grid = QuestionFactory(page=later, kind=QuestionKind.GRID, statements=["Clean", "Safe"])
    db.session.commit()
    preview = pages.get(f"{_base(consultation)}/preview")
    assert heading(preview) == "Parks"
    assert [radio["value"] for radio in preview.select(f"input[name=q{choice.id}]")] == [
        "Yes",
        "No",
    ]
    assert preview.select(f"input[name=q{grid.id}-s1]")
    assert [h.get_text(strip=True) for h in preview.select("section h2")] == ["Questions", "More"]


@pytest.mark.parametrize("to_page", ["99999999999999999999999", "\u00b2", "-1", ""])
def test_moving_a_question_to_a_page_that_cannot_exist_is_refused_plainly(
    pages, sign_in_as, draft, to_page
):
    """A number too large for the database raised OverflowError (a 500, found by the security
    trial); a superscript digit passed str.isdigit() and then failed int()."""
    sign_in_as("engagement_officer")
    consultation, page = draft
    question = QuestionFactory(page=page, text="First", position=0)
    db.session.commit()
    pages.post(
        f"{_base(consultation)}/questions/{question.id}/move-to-page",
        {"to_page": to_page},
        expected_status=302,
    )
    assert [q.text for q in _questions(page.id)] == ["First"]
