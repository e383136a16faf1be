"""The optional "what you do" question of the "about you" pages (census TS066's economic
activity), online, keyed in by an officer and imported from a spreadsheet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import Response
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.pages import error_summary, field_error, heading, title

INDIVIDUAL = {"responding_as": "individual", "connections": ["live"], "elected_status": "neither"}
ORGANISATION = {
    **INDIVIDUAL,
    "responding_as": "organisation",
    "organisation_type": "business",
    "organisation_name": "Stroud Bakery",
}
OPTIONS = [
    "Working, as an employee or self-employed",
    "Unemployed and looking for work",
    "Full-time student (whether or not you also work)",
    "Retired",
    "Looking after home or family",
    "Long-term sick or disabled",
    "Something else",
    "Prefer not to say",
]


def _url(consultation, page: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/consultations/{consultation.slug}/about-you{page}"


def _location(pages) -> str:  # type: ignore[no-untyped-def]
    return pages.last_response.headers["Location"]


def _profile(consultation):  # type: ignore[no-untyped-def]
    response = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).one()
    db.session.refresh(response.profile)
    return response.profile


def _start(pages, consultation, about=INDIVIDUAL, age: str = "25_34") -> None:  # type: ignore[no-untyped-def]
    pages.post(_url(consultation), about, expected_status=302)
    pages.post(_url(consultation, "/age-and-postcode"), {"age_band": age}, expected_status=302)


def _check_answers_rows(pages, consultation) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    page = pages.get(f"/consultations/{consultation.slug}/check-answers")
    rows = {}
    for row in page.select(".govuk-summary-list__row"):
        key = row.select_one(".govuk-summary-list__key").get_text(strip=True)
        link = row.select_one(".govuk-summary-list__actions a")
        rows[key] = (
            row.select_one(".govuk-summary-list__value").get_text(" ", strip=True),
            link["href"] if link else "",
        )
    return rows


def test_an_adult_is_asked_what_they_do_after_their_age_with_census_options(pages):
    consultation = ConsultationFactory()
    _start(pages, consultation)
    assert _location(pages) == _url(consultation, "/what-you-do")
    page = pages.get(_url(consultation, "/what-you-do"))
    assert heading(page) == "Which of these best describes what you do?"
    assert title(page).startswith("What you do - ")
    labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert labels == OPTIONS
    hint = page.select_one(".govuk-hint").get_text(" ", strip=True)
    assert "optional" in hint and "full-time student, choose that even if you also work" in hint
    assert page.select_one(".govuk-back-link")["href"] == _url(consultation, "/age-and-postcode")


def test_the_answer_is_stored_shown_on_check_answers_and_can_be_changed(pages):
    consultation = ConsultationFactory(equality_questions_enabled=False)
    _start(pages, consultation)
    pages.post(
        _url(consultation, "/what-you-do"),
        {"economic_activity": "full_time_student"},
        expected_status=302,
    )
    assert _location(pages) == _url(consultation, "/contact-details")
    assert _profile(consultation).economic_activity == "full_time_student"
    contact = pages.get(_url(consultation, "/contact-details"))
    assert contact.select_one(".govuk-back-link")["href"] == _url(consultation, "/what-you-do")
    rows = _check_answers_rows(pages, consultation)
    change = _url(consultation, "/what-you-do?return=check")
    assert rows["What you do"] == ("Full-time student (whether or not you also work)", change)
    page = pages.get(change)
    assert page.select_one("input[name=economic_activity][checked]")["value"] == (
        "full_time_student"
    )
    assert page.select_one(".govuk-back-link")["href"].endswith("/check-answers")
    pages.post(change, {"economic_activity": "retired"}, expected_status=302)
    assert _location(pages) == f"/consultations/{consultation.slug}/check-answers"
    assert _profile(consultation).economic_activity == "retired"


def test_the_question_is_optional_and_a_bogus_answer_is_an_error(pages):
    consultation = ConsultationFactory()
    _start(pages, consultation)
    pages.post(_url(consultation, "/what-you-do"), {}, expected_status=302)
    assert _location(pages) == _url(consultation, "/contact-details")
    assert _profile(consultation).economic_activity == ""
    for bogus in ("astronaut", "x" * 5000, "astro\x00naut"):
        page = pages.post(_url(consultation, "/what-you-do"), {"economic_activity": bogus})
        assert title(page).startswith("Error: ")
        assert error_summary(page) == ["Select what you do, or leave this question blank"]
        assert field_error(page, "economic_activity") == (
            "Select what you do, or leave this question blank"
        )
    assert _profile(consultation).economic_activity == ""
    rows = _check_answers_rows(pages, consultation)
    assert rows["What you do"][0] == "Not answered"


def test_under_16s_are_not_asked_and_an_earlier_answer_is_cleared(pages):
    consultation = ConsultationFactory(equality_questions_enabled=False)
    _start(pages, consultation, age="18_24")
    pages.post(
        _url(consultation, "/what-you-do"), {"economic_activity": "employed"}, expected_status=302
    )
    pages.post(
        _url(consultation, "/age-and-postcode"), {"age_band": "under_16"}, expected_status=302
    )
    assert _location(pages) == f"/consultations/{consultation.slug}/check-answers"
    assert _profile(consultation).economic_activity == ""
    # The page is skipped, and a value sent anyway is not stored.
    pages.get(_url(consultation, "/what-you-do"), expected_status=302)
    pages.post(
        _url(consultation, "/what-you-do"), {"economic_activity": "employed"}, expected_status=302
    )
    assert _profile(consultation).economic_activity == ""
    assert "What you do" not in _check_answers_rows(pages, consultation)


def test_organisations_are_not_asked(pages):
    consultation = ConsultationFactory()
    _start(pages, consultation, about=ORGANISATION)
    assert _location(pages) == _url(consultation, "/contact-details")
    pages.get(_url(consultation, "/what-you-do"), expected_status=302)
    assert _location(pages) == _url(consultation, "/contact-details")
    page = pages.get(_url(consultation, "/contact-details"))
    assert page.select_one(".govuk-back-link")["href"] == _url(consultation, "/age-and-postcode")
    assert "What you do" not in _check_answers_rows(pages, consultation)


def test_switching_to_an_organisation_clears_the_answer(pages):
    consultation = ConsultationFactory()
    _start(pages, consultation)
    pages.post(
        _url(consultation, "/what-you-do"), {"economic_activity": "retired"}, expected_status=302
    )
    pages.post(_url(consultation, "?return=check"), ORGANISATION, expected_status=302)
    assert _profile(consultation).economic_activity == ""


def test_from_check_answers_a_first_time_adult_is_asked_it_and_then_contact_details(pages):
    consultation = ConsultationFactory()
    pages.post(_url(consultation, "?return=check"), INDIVIDUAL, expected_status=302)
    pages.post(
        _url(consultation, "/age-and-postcode?return=check"),
        {"age_band": "50_64"},
        expected_status=302,
    )
    activity = _url(consultation, "/what-you-do?return=check&then=contact")
    assert _location(pages) == activity
    page = pages.get(activity)
    assert page.select_one("form[method=post]")["action"] == activity
    pages.post(activity, {"economic_activity": "employed"}, expected_status=302)
    assert _location(pages) == _url(consultation, "/contact-details?return=check")


def test_a_closed_consultation_stores_nothing(pages):
    consultation = ConsultationFactory(closes_at=utc_now() - timedelta(days=1))
    page = pages.post(_url(consultation, "/what-you-do"), {"economic_activity": "retired"})
    assert heading(page) == "This consultation has closed"
    assert "Retired" in page.get_text()
    assert db.session.scalars(select(Response)).all() == []


def test_without_the_about_you_section_the_page_is_not_found(pages):
    consultation = ConsultationFactory(about_you_enabled=False)
    pages.get(_url(consultation, "/what-you-do"), expected_status=404)


# -- offline entry and import ------------------------------------------------------------


def _offline(pages, consultation, data, status=302):  # type: ignore[no-untyped-def]
    today = utc_now().astimezone(UK).date()
    form = {
        "channel": "paper",
        "received_on": [str(today.day), str(today.month), str(today.year)],
        **data,
    }
    return pages.post(
        f"/officer/consultations/{consultation.id}/responses/new", form, expected_status=status
    )


def test_an_officer_keys_in_what_a_respondent_does(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    page = pages.get(f"/officer/consultations/{consultation.id}/responses/new")
    options = [option["value"] for option in page.select("#economic_activity option")]
    assert options[:2] == ["", "employed"] and "full_time_student" in options
    _offline(pages, consultation, {"age_band": "65_74", "economic_activity": "retired"})
    assert _profile(consultation).economic_activity == "retired"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"responding_as": "organisation", "economic_activity": "employed"},
            "Leave what they do blank for an organisation",
        ),
        (
            {"age_band": "under_16", "economic_activity": "full_time_student"},
            "Leave what they do blank for someone under 16",
        ),
        ({"economic_activity": "astronaut"}, "Select what they do"),
    ],
)
def test_keyed_in_answers_follow_the_online_rules(pages, sign_in_as, data, message):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    page = _offline(pages, consultation, data, status=200)
    assert field_error(page, "economic_activity") == message
    assert db.session.scalars(select(Response)).all() == []


def test_an_import_reads_the_column_by_value_or_words_and_reports_bad_cells():
    from datetime import date

    from involve.models import Question, QuestionPage
    from involve.services.response_import import DateWindow, check_rows
    from involve.services.response_import_columns import template_header

    page = QuestionPage(id=1, position=0, title="", show_if_value="")
    page.questions = [
        Question(id=10, position=0, kind="short_text", text="Views", required=False, options=[])
    ]
    header = template_header([page])
    assert header[-3:] == ["age_band", "economic_activity", "postcode"]
    base = {"channel": "paper", "date_received": "2025-03-01"}
    rows = [
        {**base, "economic_activity": "Full-time student (whether or not you also work)"},
        {**base, "economic_activity": "RETIRED", "age_band": "75_84"},
        {**base, "economic_activity": "astronaut"},
        {**base, "economic_activity": "employed", "age_band": "under_16"},
        {**base, "economic_activity": "employed", "responding_as": "organisation"},
    ]
    window = DateWindow(date(2025, 1, 1), date(2025, 6, 30), "outside")
    parsed, problems = check_rows(
        pages=[page], header=header, rows=rows[:2], window=window, long_text_max=100
    )
    assert problems == []
    assert [row.profile.economic_activity for row in parsed] == ["full_time_student", "retired"]
    _, problems = check_rows(
        pages=[page], header=header, rows=rows, window=window, long_text_max=100
    )
    assert [(problem.row, problem.column, problem.message) for problem in problems] == [
        (4, "economic_activity", "Enter what they do, like employed or retired"),
        (5, "economic_activity", "Leave economic_activity blank for someone under 16"),
        (6, "economic_activity", "Leave economic_activity blank for an organisation"),
    ]
