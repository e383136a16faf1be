"""Subject access: an administrator finds everything held on a person by e-mail address or by
response reference, gives a request reference first, and every search and view is in the
access log without the e-mail address."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AccessAction, PersonalDataAccess, ResponseStatus
from involve.services import subject_access
from involve.services.subject_access import BY_EMAIL, BY_SAME_EMAIL, SearchRefused, parse_search
from tests.factories import AnswerFactory, ResponseFactory
from tests.factories_subject_access import (
    PLANTED_PHONE,
    WARD_NAME,
    officer_note,
    person_response,
    queue_for_moderation,
    survey,
)
from tests.pages import error_summary, field_error, heading, title

URL = "/officer/data-requests"
EMAIL = "Jane.Doe@Example.com"


def _search(pages, text: str, reason: str = "SAR 2026/014", **kwargs):  # type: ignore[no-untyped-def]
    return pages.post(URL, {"search": text, "request_reference": reason}, **kwargs)


def _access(action: AccessAction) -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(
            select(PersonalDataAccess)
            .where(PersonalDataAccess.action == action)
            .order_by(PersonalDataAccess.id)
        )
    )


def _sections(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [section["id"].removeprefix("response-") for section in page.select("main section")]


# -- parsing what the officer typed -------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("  Jane.Doe@Example.COM ", "email", "jane.doe@example.com"),
        ("k7m-q9p-2xd", "reference", "K7M-Q9P-2XD"),
        ("K7M Q9P 2XD", "reference", "K7M-Q9P-2XD"),
        ("k7mq9p2xd", "reference", "K7M-Q9P-2XD"),
    ],
)
def test_the_search_is_an_email_address_or_a_reference_in_any_format(typed, kind, value):
    assert parse_search(typed) == subject_access.Search(kind, value)


@pytest.mark.parametrize("typed", ["", "   ", "hello", "a b@example.com", "x" * 300, "a@b@c"])
def test_anything_else_is_refused_with_a_message(typed):
    with pytest.raises(SearchRefused):
        parse_search(typed)


# -- the page ---------------------------------------------------------------------------------
def test_the_search_form_asks_for_a_request_reference(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.get(URL)
    assert heading(page) == "Data requests"
    assert page.select_one("#search") is not None
    assert page.select_one("#request_reference") is not None
    # The reason stays in the access log for good: the hint steers away from the name.
    hint = page.select_one("#request_reference-hint").get_text(" ", strip=True)
    assert "SAR 2026/014" in hint
    assert "Do not enter the person's name" in hint
    assert _access(AccessAction.SUBJECT_ACCESS_SEARCH) == []


@pytest.mark.parametrize("reason", ["", "   ", "\x00"])
def test_no_results_are_shown_without_a_request_reference(pages, sign_in_as, reason):
    sign_in_as("admin")
    person_response()
    page = _search(pages, EMAIL, reason=reason)
    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Enter the request reference or the reason for this search"]
    assert field_error(page, "request_reference") == (
        "Enter the request reference or the reason for this search"
    )
    assert "Jane Doe" not in page.get_text()
    assert _access(AccessAction.SUBJECT_ACCESS_SEARCH) == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter an e-mail address or a response reference"),
        ("hello", "Enter a response reference like K7M-Q9P-2XD, or an e-mail address"),
        ("x" * 10_000, "Search must be 254 characters or fewer"),
        ("jane\x00@example.com", None),  # the NUL is removed: a valid e-mail address remains
    ],
)
def test_bad_searches_get_a_gov_uk_error_never_a_500(pages, sign_in_as, typed, message):
    sign_in_as("admin")
    page = _search(pages, typed)
    if message is None:
        assert heading(page) == "No personal data found"
    else:
        assert error_summary(page) == [message]


def test_searching_by_email_in_any_case_finds_every_response_and_everything_on_it(
    pages, sign_in_as
):
    sign_in_as("admin")
    built = survey(title="Library opening hours")
    first = person_response(built)
    second = person_response(survey(title="Parking charges"), email="jane.doe@example.com")
    person_response(built, email="someone.else@example.com", name="Someone Else")
    queue_for_moderation(first)
    officer_note(first, "Called back about the dog")

    page = _search(pages, "  JANE.DOE@example.com ")

    assert heading(page) == "Personal data found"
    assert title(page).startswith("Data request SAR 2026/014: 2 responses found")
    assert _sections(page) == [first.reference, second.reference]
    text = page.select_one(f"#response-{first.reference}").get_text(" ", strip=True)
    for expected in (
        "Library opening hours",
        BY_EMAIL,
        "Submitted",
        "Online",
        "Jane Doe",
        EMAIL,
        "GL6 0AA",
        f"{WARD_NAME} (E05010972)",
        "35 to 49",
        "Do you support the proposal? Yes",
        PLANTED_PHONE,  # the person's own words, unredacted: it is their data
        "Female",
        "White",
        "Chosen as a quote for a summary",
        "Published with personal details removed",
        "Called back about the dog",
        "I walk my dog",
    ):
        assert expected in text, expected
    assert "Someone Else" not in page.get_text()


def test_searching_by_reference_finds_it_and_the_other_responses_under_the_same_email(
    pages, sign_in_as
):
    sign_in_as("admin")
    built = survey()
    first = person_response(built)
    second = person_response(built, email="JANE.DOE@example.com ".strip())
    for typed in (first.reference.lower(), first.reference.replace("-", " "), first.reference):
        page = _search(pages, typed)
        assert _sections(page) == [first.reference, second.reference]
        assert BY_SAME_EMAIL in page.select_one(f"#facts-{second.reference}").get_text()


def test_a_response_without_contact_details_is_found_by_reference_only(pages, sign_in_as):
    sign_in_as("admin")
    response = ResponseFactory(status=ResponseStatus.IN_PROGRESS)
    AnswerFactory(response=response, value="Started but not sent")
    page = _search(pages, response.reference)
    assert _sections(page) == [response.reference]
    facts = page.select_one(f"#facts-{response.reference}").get_text(" ", strip=True)
    assert "Started, not submitted" in facts
    assert 'No "about you" answers are held' in page.get_text()
    assert "None held" in page.select_one(f"#equality-{response.reference}").get_text()


def test_answers_elsewhere_that_mention_the_address_are_listed_apart(pages, sign_in_as):
    sign_in_as("admin")
    built = survey()
    own = person_response(built)
    other = person_response(
        built,
        email="neighbour@example.com",
        name="Nora Neighbour",
        story="Jane (jane.doe@example.com) asked me to write in too.",
    )
    page = _search(pages, EMAIL)
    assert _sections(page) == [own.reference]
    mentions = page.select_one("#mentions").get_text(" ", strip=True)
    assert other.reference in mentions
    assert "asked me to write in too" in mentions
    [search] = _access(AccessAction.SUBJECT_ACCESS_SEARCH)
    assert search.detail == {
        "by": "email",
        "matches": 1,
        "mentions": 1,
        "subscriptions": 0,
        "emails": 0,
    }


def test_a_search_and_its_views_are_logged_with_the_reason_but_not_the_email(pages, sign_in_as):
    admin = sign_in_as("admin")
    built = survey()
    first = person_response(built)
    second = person_response(built)
    _search(pages, EMAIL)
    [search] = _access(AccessAction.SUBJECT_ACCESS_SEARCH)
    assert (search.officer_id, search.reason) == (admin.id, "SAR 2026/014")
    assert search.detail == {
        "by": "email",
        "matches": 2,
        "mentions": 0,
        "subscriptions": 0,
        "emails": 0,
    }
    views = _access(AccessAction.SUBJECT_ACCESS_VIEW)
    assert [view.object_id for view in views] == [first.reference, second.reference]
    assert {view.consultation_id for view in views} == {built.consultation.id}
    assert {view.reason for view in views} == {"SAR 2026/014"}
    for entry in db.session.scalars(select(PersonalDataAccess)):
        stored = json.dumps([entry.object_type, entry.object_id, entry.reason, entry.detail])
        assert "jane" not in stored.lower()


def test_an_unknown_person_gives_a_clear_answer_and_is_logged_as_no_matches(pages, sign_in_as):
    sign_in_as("admin")
    page = _search(pages, "nobody@example.com")
    assert heading(page) == "No personal data found"
    assert "Nothing is held under that e-mail address" in page.get_text()
    [search] = _access(AccessAction.SUBJECT_ACCESS_SEARCH)
    assert search.detail["matches"] == 0


def test_results_are_not_cached_by_the_browser(pages, sign_in_as):
    sign_in_as("admin")
    person_response()
    _search(pages, EMAIL)
    assert pages.last_response.headers["Cache-Control"] == "no-store"


def test_user_text_is_escaped_on_the_results(pages, sign_in_as):
    sign_in_as("admin")
    person_response(story="<script>alert('x')</script> my answer")
    page = _search(pages, EMAIL, reason="<b>SAR</b>")
    assert page.find("script", string="alert('x')") is None
    assert "<script>alert('x')</script> my answer" in page.get_text()
    assert page.find("b", string="SAR") is None


@pytest.mark.parametrize("role", ["engagement_officer", "analyst", "auditor"])
def test_only_administrators_handle_data_requests(pages, sign_in_as, role):
    sign_in_as(role)
    pages.get(URL, expected_status=403)
    _search(pages, EMAIL, expected_status=403)
    for action in ("export.json", "readable-page", "erase", "erase/confirm"):
        pages.post(f"{URL}/{action}", {"search": EMAIL}, expected_status=403)
    assert db.session.scalars(select(PersonalDataAccess)).all() == []
