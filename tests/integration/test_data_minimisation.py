"""The builder warns when a question asks for personal data the activity's plan does not justify:
on the questions page, on the question's form, and among the checks before publishing."""

from __future__ import annotations

from involve.extensions import db
from involve.models import QuestionKind
from involve.services.data_minimisation import check_personal_data
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_activities import ActivityFactory, ActivityPlanFactory


def _draft_with_questions(*texts: str, postcode: bool = False):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(published_at=None)
    page = QuestionPageFactory(consultation=consultation)
    made = [QuestionFactory(page=page, text=text) for text in texts]
    if postcode:
        made.append(
            QuestionFactory(page=page, text="Where do you live?", kind=QuestionKind.POSTCODE)
        )
    db.session.flush()
    return consultation, made


def _plan(consultation, needed: str, reason: str):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(consultation_id=consultation.id, published_at=None)
    return ActivityPlanFactory(
        activity=activity, personal_data_needed=needed, personal_data_reason=reason
    )


def _warnings(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        " ".join(found.get_text(" ", strip=True).split())
        for found in page.select(".involve-personal-data-warning")
    ]


def test_without_a_plan_each_personal_question_is_named_with_its_kind(app):
    consultation, (name, opinion, postcode) = _draft_with_questions(
        "What is your name?", "What do you think of the library's name?", postcode=True
    )
    check = check_personal_data(consultation)
    assert [(w.question, w.kinds_text) for w in check.warnings] == [
        (name, "a name"),
        (postcode, "a postcode"),
    ]
    assert check.activity_id is None
    assert check.for_question(opinion) is None


def test_a_plan_that_names_the_data_removes_only_that_warning(app):
    consultation, _questions = _draft_with_questions(
        "What is your name?", "Your e-mail address", postcode=True
    )
    plan = _plan(consultation, "Postcodes", "To map which wards responses come from")
    check = check_personal_data(consultation)
    assert [w.kinds_text for w in check.warnings] == ["a name", "an e-mail address"]
    assert check.activity_id == plan.activity_id

    plan.personal_data_needed = "Postcodes, names and e-mail addresses"
    assert check_personal_data(consultation).warnings == []

    plan.personal_data_reason = ""  # half a plan justifies nothing
    assert len(check_personal_data(consultation).warnings) == 3

    plan.personal_data_needed = "None: we do not collect names"
    plan.personal_data_reason = "Answers are anonymous"
    assert len(check_personal_data(consultation).warnings) == 3


def test_the_builder_warns_and_links_to_the_plans_personal_data_section(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, (name,) = _draft_with_questions("What is your name?")
    plan = _plan(consultation, "None", "We only count responses")
    db.session.commit()

    page = pages.get(f"/officer/consultations/{consultation.id}/questions")
    (warning,) = _warnings(page)
    assert "Page 1: \u201cWhat is your name?\u201d asks for a name" in warning
    assert "the activity's plan does not say this personal data is needed" in warning
    assert "or remove the question" in warning
    link = page.select_one(".involve-personal-data-warning a")
    assert link["href"] == f"/officer/activities/{plan.activity_id}/plan/privacy"

    form = pages.get(f"/officer/consultations/{consultation.id}/questions/{name.id}/edit")
    assert len(_warnings(form)) == 1

    overview = pages.get(f"/officer/consultations/{consultation.id}")
    assert overview.select_one("#personal-data-checks") is not None
    assert len(_warnings(overview)) == 1

    # The officer justifies it in the plan: every warning goes.
    pages.post(
        f"/officer/activities/{plan.activity_id}/plan/privacy",
        {
            "personal_data_needed": "Respondents' names",
            "personal_data_reason": "So we can reply to each person",
        },
        expected_status=302,
    )
    assert _warnings(pages.get(f"/officer/consultations/{consultation.id}/questions")) == []
    assert _warnings(pages.get(f"/officer/consultations/{consultation.id}")) == []


def test_saving_a_question_that_asks_for_personal_data_shows_the_warning(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, (question,) = _draft_with_questions("Which opening hours suit you?")
    db.session.commit()
    page_url = f"/officer/consultations/{consultation.id}/questions"
    assert _warnings(pages.get(page_url)) == []
    pages.post(
        f"{page_url}/{question.id}/edit",
        {"text": "How old are you?", "hint": "", "required": ""},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == page_url
    page = pages.get(page_url)
    (warning,) = _warnings(page)
    assert "asks for an age" in warning
    assert "Remove the question if you do not need it." in warning  # no activity to justify it
    form = pages.get(f"{page_url}/{question.id}/edit")
    assert len(_warnings(form)) == 1


def test_a_warning_does_not_stop_publishing(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, _questions = _draft_with_questions("What is your date of birth?")
    db.session.commit()
    assert len(_warnings(pages.get(f"/officer/consultations/{consultation.id}"))) == 1
    pages.post(f"/officer/consultations/{consultation.id}/publish", expected_status=302)
    db.session.refresh(consultation)
    assert consultation.published_at is not None


def test_readers_see_the_warning_too(pages, sign_in_as):
    sign_in_as("analyst")
    consultation, _questions = _draft_with_questions("What is your phone number?")
    db.session.commit()
    page = pages.get(f"/officer/consultations/{consultation.id}/questions")
    assert "asks for a phone number" in _warnings(page)[0]


def test_question_text_is_escaped_in_the_warning(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, _questions = _draft_with_questions("<i>What is your name?</i>")
    db.session.commit()
    page = pages.get(f"/officer/consultations/{consultation.id}/questions")
    assert "<i>What is your name?</i>" in _warnings(page)[0]
    assert page.select_one(".involve-personal-data-warning i") is None
