"""Officers read responses: dashboard counts, the searchable and filterable list, one response."""

from __future__ import annotations

from datetime import timedelta

import pytest

from involve.extensions import db
from involve.models import (
    AgeBand,
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
from tests.factories_decisions import publish_outcome
from tests.pages import heading, statements_for


def _table_column(page, table_id: str, column: int) -> list[str]:
    return [
        row.find_all(["td", "th"])[column].get_text(" ", strip=True)
        for row in page.select(f"#{table_id} tbody tr")
    ]


def _references(page) -> list[str]:
    return _table_column(page, "responses", 0)


@pytest.fixture
def survey():
    """A consultation with a single choice, a multiple choice and a free text question."""
    consultation = ConsultationFactory(title="Parking charges")
    page = QuestionPageFactory(consultation=consultation, position=0)
    support = QuestionFactory(
        page=page,
        position=0,
        kind=QuestionKind.SINGLE_CHOICE,
        text="Do you support the change?",
        options=["Yes", "No"],
    )
    places = QuestionFactory(
        page=page,
        position=1,
        kind=QuestionKind.MULTIPLE_CHOICE,
        text="Where do you park?",
        options=["Town centre", "Station"],
    )
    comments = QuestionFactory(
        page=page, position=2, kind=QuestionKind.LONG_TEXT, text="Any comments?"
    )
    return consultation, support, places, comments


def _respond(consultation, *, support=None, places=None, comment=None, **response_fields):
    response = ResponseFactory(consultation=consultation, **response_fields)
    _, support_q, places_q, comments_q = _survey_questions(consultation)
    if support is not None:
        AnswerFactory(response=response, question=support_q, value=support)
    if places is not None:
        AnswerFactory(response=response, question=places_q, value={"choices": places})
    if comment is not None:
        AnswerFactory(response=response, question=comments_q, value=comment)
    return response


def _profile(**fields) -> RespondentProfile:
    profile = RespondentProfile(**fields)
    db.session.add(profile)
    return profile


def _survey_questions(consultation):
    questions = [question for page in consultation.pages for question in page.questions]
    return consultation, *questions


def _list_url(consultation, **args) -> str:
    query = "&".join(f"{name}={value}" for name, value in args.items())
    return f"/officer/consultations/{consultation.id}/responses" + (f"?{query}" if query else "")


# -- dashboard -------------------------------------------------------------------------------
def test_dashboard_counts_submitted_in_progress_and_recent_responses(pages, sign_in_as):
    sign_in_as("analyst")
    consultation = ConsultationFactory(title="Library opening hours")
    for days_ago in (1, 2, 10):
        ResponseFactory(
            consultation=consultation, submitted_at=utc_now() - timedelta(days=days_ago)
        )
    ResponseFactory(consultation=consultation, status=ResponseStatus.IN_PROGRESS, submitted_at=None)
    ConsultationFactory(title="Empty one")
    ConsultationFactory(title="A draft", published_at=None)
    publish_outcome(ConsultationFactory(title="Decided", closes_at=utc_now()))
    db.session.commit()

    page = pages.get("/officer/")

    assert heading(page) == "Dashboard"
    rows = {
        row.find("a").contents[0].strip(): [
            cell.get_text(strip=True) for cell in row.find_all("td")
        ]
        for row in page.select("#consultation-counts tbody tr")
    }
    assert rows["Library opening hours"][0] == "Open"
    assert rows["Library opening hours"][2:] == ["3", "1", "2"]
    assert rows["Empty one"][2:] == ["0", "0", "0"]
    assert "A draft" not in rows and "Decided" not in rows
    links = {link.contents[0].strip(): link for link in page.select("#consultation-counts a")}
    assert (
        links["Library opening hours"]["href"]
        == f"/officer/consultations/{consultation.id}/responses"
    )


def test_dashboard_shows_closed_consultations_awaiting_an_outcome(pages, sign_in_as):
    sign_in_as("auditor")
    ConsultationFactory(title="Closed one", closes_at=utc_now() - timedelta(days=1))
    db.session.commit()

    page = pages.get("/officer/")

    assert "Closed" in page.select_one("#consultation-counts tbody tr").get_text(" ")


# -- the list --------------------------------------------------------------------------------
def test_list_shows_submitted_responses_and_says_how_many_are_in_progress(
    pages, sign_in_as, survey
):
    sign_in_as("engagement_officer")
    consultation, *_ = survey
    listed = _respond(consultation, comment="Please keep the free hour on Saturdays")
    _profile(response=listed, responding_as=RespondingAs.INDIVIDUAL, age_band=AgeBand.AGE_35_49)
    unsubmitted = _respond(consultation, status=ResponseStatus.IN_PROGRESS, submitted_at=None)
    db.session.commit()

    page = pages.get(_list_url(consultation))

    assert heading(page) == "Responses"
    assert _references(page) == [listed.reference]
    row = [cell.get_text(strip=True) for cell in page.select("#responses tbody td")]
    assert row[2:] == ["Online", "Individual", "35 to 49", "Please keep the free hour on Saturdays"]
    counts = page.select_one("#response-counts").get_text(" ", strip=True)
    assert "1 submitted response." in counts and "1 in progress" in counts
    assert unsubmitted.reference not in page.get_text()


def test_search_by_reference_typed_in_lower_case_with_spaces_opens_the_response(
    pages, sign_in_as, survey
):
    sign_in_as("analyst")
    consultation, *_ = survey
    response = _respond(consultation)
    db.session.commit()
    typed = response.reference.replace("-", " ").lower()

    pages.get(_list_url(consultation, search=typed), expected_status=302)

    assert pages.last_response.headers["Location"] == (
        f"/officer/consultations/{consultation.id}/responses/{response.reference}"
    )


def test_search_by_text_is_case_insensitive_and_treats_percent_literally(pages, sign_in_as, survey):
    sign_in_as("analyst")
    consultation, *_ = survey
    bus = _respond(consultation, comment="The BUS station needs more spaces")
    discount = _respond(consultation, comment="A 50% discount for residents")
    _respond(consultation, comment="Nothing to add")
    db.session.commit()

    assert _references(pages.get(_list_url(consultation, search="bus"))) == [bus.reference]
    assert _references(pages.get(_list_url(consultation, search="50%25"))) == [discount.reference]
    assert _references(pages.get(_list_url(consultation, search="%25"))) == [discount.reference]
    assert _references(pages.get(_list_url(consultation, search="_"))) == []


def test_filter_by_single_and_multiple_choice_answer(pages, sign_in_as, survey):
    sign_in_as("analyst")
    consultation, support, places, _ = survey
    yes_station = _respond(consultation, support="Yes", places=["Station"])
    no_both = _respond(consultation, support="No", places=["Town centre", "Station"])
    _respond(consultation, support="No", places=["Town centre"])
    db.session.commit()

    by_yes = pages.get(_list_url(consultation, question=support.id, value="Yes"))
    by_station = pages.get(_list_url(consultation, question=places.id, value="Station"))

    assert _references(by_yes) == [yes_station.reference]
    assert sorted(_references(by_station)) == sorted([yes_station.reference, no_both.reference])


def test_filter_by_an_answer_the_question_does_not_offer_shows_an_error(pages, sign_in_as, survey):
    sign_in_as("analyst")
    consultation, support, _, _ = survey
    _respond(consultation, support="Yes")
    db.session.commit()

    page = pages.get(_list_url(consultation, question=support.id, value="Maybe"))

    assert page.title.get_text().startswith("Error: ")
    assert (
        "Select an answer to the question you chose"
        in page.select_one(".govuk-error-summary").get_text()
    )
    assert len(_references(page)) == 1


def test_filter_by_respondent_group_and_channel(pages, sign_in_as, survey):
    sign_in_as("analyst")
    consultation, *_ = survey
    councillor = _respond(consultation)
    _profile(
        response=councillor,
        responding_as=RespondingAs.INDIVIDUAL,
        elected_status=ElectedStatus.COUNCILLOR,
        age_band=AgeBand.AGE_50_64,
    )
    organisation = _respond(consultation, channel=Channel.PAPER)
    _profile(response=organisation, responding_as=RespondingAs.ORGANISATION)
    _respond(consultation)  # no profile
    db.session.commit()

    assert _references(pages.get(_list_url(consultation, elected_status="councillor"))) == [
        councillor.reference
    ]
    assert _references(pages.get(_list_url(consultation, responding_as="organisation"))) == [
        organisation.reference
    ]
    assert _references(pages.get(_list_url(consultation, age_band="50_64"))) == [
        councillor.reference
    ]
    assert _references(pages.get(_list_url(consultation, channel="paper"))) == [
        organisation.reference
    ]
    assert len(_references(pages.get(_list_url(consultation, channel="nonsense")))) == 3


def test_list_page_queries_do_not_grow_with_the_number_of_responses(app, pages, sign_in_as, survey):
    sign_in_as("analyst")
    consultation, *_ = survey

    def add(count: int) -> None:
        for number in range(count):
            response = _respond(consultation, support="Yes", comment=f"Comment {number}")
            _profile(response=response, age_band=AgeBand.AGE_25_34)
        db.session.commit()

    add(5)
    with_five = statements_for(pages, _list_url(consultation))
    add(20)
    with_twenty_five = statements_for(pages, _list_url(consultation))

    assert len(_references(pages.get(_list_url(consultation)))) == 25
    assert with_five > 0
    assert with_twenty_five == with_five


# -- one response ----------------------------------------------------------------------------
def test_one_response_shows_answers_and_profile_but_not_equality_answers(pages, sign_in_as, survey):
    sign_in_as("auditor")
    consultation, *_ = survey
    response = _respond(
        consultation, support="Yes", places=["Station"], comment="Cheaper evenings please"
    )
    _profile(
        response=response,
        responding_as=RespondingAs.INDIVIDUAL,
        age_band=AgeBand.AGE_65_74,
        connections=["live", "work"],
        name="Jo Bloggs",
        email="jo@example.com",
    )
    db.session.add(
        EqualityAnswers(response=response, sex="Female", ethnic_group="Any other ethnic group")
    )
    db.session.commit()

    page = pages.get(f"/officer/consultations/{consultation.id}/responses/{response.reference}")

    assert heading(page) == f"Response {response.reference}"
    answers = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in page.select("#answers .govuk-summary-list__row")
    }
    assert answers == {
        "Do you support the change?": "Yes",
        "Where do you park?": "Station",
        "Any comments?": "Cheaper evenings please",
    }
    profile = page.select_one("#profile").get_text(" ", strip=True)
    assert "Individual" in profile and "65 to 74" in profile and "Lives in the area" in profile
    text = page.get_text(" ")
    assert "Female" not in text and "Any other ethnic group" not in text
    assert "jo@example.com" not in text
    assert "only ever reported in aggregate" in text


def test_response_under_the_wrong_consultation_is_not_found(pages, sign_in_as, survey):
    sign_in_as("admin")
    consultation, *_ = survey
    other = ConsultationFactory()
    response = _respond(consultation)
    db.session.commit()

    pages.get(
        f"/officer/consultations/{other.id}/responses/{response.reference}", expected_status=404
    )
    pages.get(f"/officer/consultations/{consultation.id}/responses/{response.reference}")


def test_in_progress_response_is_not_shown(pages, sign_in_as, survey):
    sign_in_as("admin")
    consultation, *_ = survey
    response = _respond(consultation, status=ResponseStatus.IN_PROGRESS, submitted_at=None)
    db.session.commit()

    pages.get(
        f"/officer/consultations/{consultation.id}/responses/{response.reference}",
        expected_status=404,
    )


@pytest.mark.parametrize("role", ["admin", "engagement_officer", "analyst", "auditor"])
def test_every_officer_role_can_read_responses(pages, sign_in_as, survey, role):
    sign_in_as(role)
    consultation, *_ = survey
    response = _respond(consultation)
    db.session.commit()

    pages.get(_list_url(consultation))
    pages.get(f"/officer/consultations/{consultation.id}/responses/{response.reference}")


def test_anonymous_visitors_are_sent_to_sign_in(pages, survey):
    consultation, *_ = survey
    response = _respond(consultation)
    db.session.commit()

    for url in (
        _list_url(consultation),
        f"/officer/consultations/{consultation.id}/responses/{response.reference}",
    ):
        pages.get(url, expected_status=302)
        assert pages.last_response.headers["Location"].startswith("/sign-in")


def test_unknown_consultation_is_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    pages.get("/officer/consultations/999999/responses", expected_status=404)
