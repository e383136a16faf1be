"""Officers keying in responses that came on paper, by phone, by email, at events or with help."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Channel, QuestionKind, Response
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import error_summary, field_error, heading


def _today() -> date:
    return utc_now().astimezone(UK).date()


def _date_fields(day: date) -> dict[str, str]:
    return {
        "received_on": [str(day.day), str(day.month), str(day.year)],
    }


def _consultation(**overrides):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(**overrides)
    first = QuestionPageFactory(consultation=consultation, position=0)
    choice = QuestionFactory(
        page=first,
        kind=QuestionKind.SINGLE_CHOICE,
        text="Do you use the library?",
        options=["Yes", "No"],
        required=True,
    )
    views = QuestionFactory(page=first, kind=QuestionKind.LONG_TEXT, text="Your views")
    second = QuestionPageFactory(
        consultation=consultation,
        position=1,
        title="Your visits",
        show_if_question_id=choice.id,
        show_if_value="Yes",
    )
    visits = QuestionFactory(page=second, kind=QuestionKind.NUMBER, text="Visits a month")
    db.session.flush()
    return consultation, choice, views, visits


def _url(consultation) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/consultations/{consultation.id}/responses/new"


def _post(pages, consultation, data, status=302):  # type: ignore[no-untyped-def]
    form = {"channel": "paper", **_date_fields(_today()), **data}
    return pages.post(_url(consultation), form, expected_status=status)


def test_an_officer_keys_in_a_paper_response_with_its_channel_date_and_answers(
    pages, sign_in_as
) -> None:
    officer = sign_in_as("engagement_officer")
    consultation, choice, views, visits = _consultation()
    page = pages.get(_url(consultation))
    assert heading(page) == "Enter a paper or phone response"
    assert "Only answer if the answer to" in page.get_text()
    received = _today() - timedelta(days=2)
    _post(
        pages,
        consultation,
        {
            **_date_fields(received),
            f"q{choice.id}": "Yes",
            f"q{views.id}": "Open on Sundays",
            f"q{visits.id}": "6",
            "age_band": "65_74",
            "postcode": "gl5 4ub",
        },
    )
    response = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).one()
    assert response.channel == Channel.PAPER
    assert response.received_on.astimezone(UK).date() == received
    assert response.entered_by_id == officer.id
    assert response.submitted_at is not None
    assert {answer.question_id: answer.value for answer in response.answers} == {
        choice.id: "Yes",
        views.id: "Open on Sundays",
        visits.id: 6,
    }
    assert next(a for a in response.answers if a.question_id == views.id).text == "Open on Sundays"
    assert response.profile.postcode == "GL5 4UB"
    assert response.profile.age_band == "65_74"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "response.entered")
    ).one()
    assert response.reference in event.summary
    page = pages.get(pages.last_response.headers["Location"])
    assert f"Response {response.reference} saved" in page.get_text()
    assert page.find("a", string="enter another") is not None


def test_two_paper_responses_show_in_the_response_list(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, _, _ = _consultation()
    _post(pages, consultation, {f"q{choice.id}": "Yes"})
    _post(pages, consultation, {f"q{choice.id}": "No"})
    page = pages.get(f"/officer/consultations/{consultation.id}/responses")
    assert "2 submitted responses" in page.select_one("#response-counts").get_text(" ", strip=True)
    assert [cell.get_text() for cell in page.select("#responses tbody td:nth-of-type(3)")] == [
        "Paper",
        "Paper",
    ]


def test_answers_on_a_page_that_does_not_apply_are_not_stored(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, _, visits = _consultation()
    _post(pages, consultation, {f"q{choice.id}": "No", f"q{visits.id}": "3"})
    response = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).one()
    assert [answer.question_id for answer in response.answers] == [choice.id]
    page = pages.get(pages.last_response.headers["Location"])
    assert "1 answer to questions that did not apply" in page.get_text()


def test_a_required_answer_and_a_bad_date_are_errors_and_everything_typed_is_shown_again(
    pages, sign_in_as
) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, views, _ = _consultation()
    page = _post(
        pages,
        consultation,
        {"received_on": ["31", "2", "2025"], f"q{views.id}": "Keep it open"},
        status=200,
    )
    select_choice = f"For “{choice.text}”, select an answer"
    assert set(error_summary(page)) == {"The date received must be a real date", select_choice}
    assert field_error(page, f"q{choice.id}") == select_choice
    assert page.select_one(f"#q{views.id}").get_text() == "Keep it open"
    assert (
        db.session.scalar(select(Response.id).where(Response.consultation_id == consultation.id))
        is None
    )


def test_the_date_received_cannot_be_in_the_future_or_before_publication(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, _, _ = _consultation()
    page = _post(
        pages,
        consultation,
        {**_date_fields(_today() + timedelta(days=1)), f"q{choice.id}": "Yes"},
        status=200,
    )
    assert field_error(page, "received_on") == "Date received must be today or in the past"
    page = _post(
        pages,
        consultation,
        {**_date_fields(_today() - timedelta(days=30)), f"q{choice.id}": "Yes"},
        status=200,
    )
    assert field_error(page, "received_on").startswith("Date received must be between")
    page = _post(
        pages, consultation, {"received_on": ["", "", ""], f"q{choice.id}": "Yes"}, status=200
    )
    assert field_error(page, "received_on") == "Enter the date the response was received"


def test_late_post_is_accepted_for_fourteen_days_after_closing(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, _, _ = _consultation(
        opens_at=utc_now() - timedelta(days=60),
        published_at=utc_now() - timedelta(days=61),
        closes_at=utc_now() - timedelta(days=20),
    )
    late = (utc_now() - timedelta(days=10)).astimezone(UK).date()
    _post(pages, consultation, {**_date_fields(late), f"q{choice.id}": "Yes"})
    too_late = _today()
    page = _post(
        pages, consultation, {**_date_fields(too_late), f"q{choice.id}": "Yes"}, status=200
    )
    assert "14 days after the consultation closed" in field_error(page, "received_on")


def test_a_draft_consultation_refuses_keyed_in_responses(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, choice, _, _ = _consultation(published_at=None)
    page = pages.get(_url(consultation))
    assert heading(page) == "This consultation is not taking responses"
    _post(pages, consultation, {f"q{choice.id}": "Yes"}, status=409)
    assert (
        db.session.scalar(select(Response.id).where(Response.consultation_id == consultation.id))
        is None
    )


def test_analysts_cannot_key_in_responses_or_see_the_links(pages, sign_in_as) -> None:
    sign_in_as("analyst")
    consultation, _, _, _ = _consultation()
    pages.get(_url(consultation), expected_status=403)
    page = pages.get(f"/officer/consultations/{consultation.id}/responses")
    assert page.select_one("#offline-response-links") is None


def test_officers_who_run_activities_see_both_links_on_the_response_list(pages, sign_in_as) -> None:
    sign_in_as("engagement_officer")
    consultation, _, _, _ = _consultation()
    page = pages.get(f"/officer/consultations/{consultation.id}/responses")
    links = [link.get_text() for link in page.select("#offline-response-links a")]
    assert links == ["Enter a paper or phone response", "Import responses from a spreadsheet"]
