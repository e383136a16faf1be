"""Withdrawing equality answers: a respondent with their reference on the public site, or an
administrator from a data request. The rest of the response stays; the representativeness
counts stop counting the withdrawn answers; nothing reveals whether a reference exists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AccessAction,
    AuditEvent,
    EqualityAnswers,
    PersonalDataAccess,
    Response,
    ResponseStatus,
)
from involve.public.withdrawal_forms import ENTER_REFERENCE, NOT_FOUND
from involve.services.equality_withdrawal import withdraw_equality_answers
from involve.services.reference_groups import NOT_GIVEN, Dimension
from involve.services.representativeness_counts import observed_counts
from tests.factories import OfficerFactory, ResponseFactory
from tests.factories_representativeness import consultation_activity, respondent
from tests.factories_subject_access import person_response, survey
from tests.pages import error_summary, heading, title

URL = "/withdraw-equality-answers"


def _equality_of(response: Response) -> EqualityAnswers | None:
    return db.session.scalar(
        select(EqualityAnswers).where(EqualityAnswers.response_id == response.id)
    )


def _withdrawals() -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "response.equality_withdrawn")
        )
    )


def _find(pages, reference: str):  # type: ignore[no-untyped-def]
    return pages.post(URL, {"reference": reference})


def _confirm(pages, reference: str):  # type: ignore[no-untyped-def]
    return pages.post(URL, {"reference": reference, "confirm": "yes"})


# -- the public path --------------------------------------------------------------------------
def test_the_start_page_asks_for_the_reference(pages):
    page = pages.get(URL)
    assert heading(page) == "Withdraw your equality answers"
    assert page.select_one("#reference") is not None


@pytest.mark.parametrize("typed", ["{ref}", "{lower}", "{spaced}", "  {bare}  "])
def test_a_respondent_finds_their_response_in_any_format_and_is_asked_to_confirm(pages, typed):
    response = person_response(survey(title="Library opening hours"))
    reference = response.reference
    page = _find(
        pages,
        typed.format(
            ref=reference,
            lower=reference.lower(),
            spaced=reference.replace("-", " "),
            bare=reference.replace("-", ""),
        ),
    )
    assert heading(page) == "Are you sure you want to delete your equality answers?"
    assert "Your other answers are kept" in page.get_text()
    # Holding a reference tells no one which consultation it was for.
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == (
        f"Your response {reference}"
    )
    assert "Library opening hours" not in page.get_text()
    assert page.select_one('input[name="reference"]')["value"] == reference
    assert page.select_one('input[name="confirm"]')["value"] == "yes"
    assert _equality_of(response) is not None  # nothing happens before confirming
    assert _withdrawals() == []


def test_confirming_deletes_only_the_equality_answers_and_shows_a_panel(pages):
    response = person_response(survey(title="Library opening hours"))
    page = _confirm(pages, response.reference)
    assert heading(page) == "Equality answers deleted"
    assert "The rest of your response is kept" in page.get_text()
    assert "Library opening hours" not in page.get_text()
    assert page.select_one(".govuk-panel #reference").get_text() == response.reference
    assert _equality_of(response) is None
    db.session.expire_all()
    kept = db.session.get(Response, response.id)
    assert kept.profile.email == "Jane.Doe@Example.com"
    assert len(kept.answers) == 2
    [event] = _withdrawals()
    assert (event.officer_id, event.object_id, event.detail) == (
        None,
        response.reference,
        {"by": "respondent"},
    )
    assert "Jane" not in event.summary
    assert db.session.scalars(select(PersonalDataAccess)).all() == []


def test_not_found_and_no_equality_answers_give_the_same_message(pages):
    without = person_response(equality=False)
    in_progress = person_response(status=ResponseStatus.IN_PROGRESS)
    pages_seen = [
        _find(pages, reference)
        for reference in ("ABC-DEF-GHJ", without.reference, in_progress.reference)
    ]
    for page in pages_seen:
        assert title(page).startswith("Error: ")
        assert error_summary(page) == [NOT_FOUND]
    # The whole page, not just the message, is the same whichever case it was.
    main = [page.select_one("main").get_text(" ", strip=True) for page in pages_seen]
    assert main[1] == main[0].replace("ABC-DEF-GHJ", without.reference)


def test_confirming_twice_or_a_tampered_confirmation_says_the_same(pages):
    response = person_response()
    _confirm(pages, response.reference)
    for reference in (response.reference, "ABC-DEF-GHJ", "\x00" * 20):
        page = _confirm(pages, reference)
        assert error_summary(page) == [NOT_FOUND]
    assert len(_withdrawals()) == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", ENTER_REFERENCE),
        ("   ", ENTER_REFERENCE),
        ("\x00\x00\x00", ENTER_REFERENCE),
        ("K7M\x00Q9P\x002XD", NOT_FOUND),
        ("A" * 10_000, ENTER_REFERENCE),
        ("<script>alert(1)</script>", NOT_FOUND),
    ],
)
def test_bad_references_get_a_clear_message_never_a_500(pages, typed, message):
    page = _find(pages, typed)
    assert error_summary(page) == [message]
    assert page.find("script", string="alert(1)") is None


def test_the_public_forms_need_a_csrf_token(pages):
    response = person_response()
    pages.post(
        URL, {"reference": response.reference, "confirm": "yes"}, csrf=False, expected_status=400
    )
    assert _equality_of(response) is not None


# -- representativeness ---------------------------------------------------------------------
def test_the_representativeness_counts_drop_withdrawn_answers():
    activity = consultation_activity()
    consultation = activity.consultation
    kept = respondent(consultation, sex="Female", ethnic_group="White", disability="No")
    leaving = respondent(consultation, sex="Male", ethnic_group="Asian or Asian British")
    before = observed_counts(activity).dimensions
    assert before[Dimension.SEX] == {"Female": 1, "Male": 1}

    withdraw_equality_answers(response=leaving, actor=None)

    after = observed_counts(activity).dimensions
    assert after[Dimension.SEX] == {"Female": 1, NOT_GIVEN: 1}
    assert after[Dimension.ETHNIC_GROUP] == {"White": 1, NOT_GIVEN: 1}
    assert observed_counts(activity).individuals == 2  # the response itself still counts
    assert _equality_of(kept) is not None


# -- the officer path -------------------------------------------------------------------------
CARRIED = {"search": "Jane.Doe@Example.com", "request_reference": "SAR 2026/014"}


def test_an_administrator_withdraws_equality_answers_with_a_reason(pages, sign_in_as):
    admin = sign_in_as("admin")
    response = person_response()
    results = pages.post("/officer/data-requests", CARRIED)
    buttons = [b.get_text(" ", strip=True) for b in results.find_all("button")]
    assert f"Withdraw equality answers of response {response.reference}" in buttons
    page = pages.post(
        "/officer/data-requests/withdraw-equality",
        {**CARRIED, "references": response.reference},
    )
    assert heading(page) == "Withdraw equality answers"
    hint = page.select_one("#reason-hint").get_text(" ", strip=True)
    assert "SAR 2026/014" in hint and "Do not enter the person's name" in hint
    assert _equality_of(response) is not None
    page = pages.post(
        "/officer/data-requests/withdraw-equality/confirm",
        {**CARRIED, "references": response.reference, "reason": ""},
    )
    assert error_summary(page) == ["Enter why you are withdrawing the equality answers"]
    pages.post(
        "/officer/data-requests/withdraw-equality/confirm",
        {**CARRIED, "references": response.reference, "reason": "Asked by phone"},
        expected_status=302,
    )
    assert _equality_of(response) is None
    [event] = _withdrawals()
    assert (event.officer_id, event.detail) == (
        admin.id,
        {"by": "officer", "reason": "Asked by phone"},
    )
    [access] = db.session.scalars(
        select(PersonalDataAccess).where(
            PersonalDataAccess.action == AccessAction.EQUALITY_WITHDRAWAL
        )
    ).all()
    assert (access.officer_id, access.object_id, access.reason) == (
        admin.id,
        response.reference,
        "Asked by phone",
    )
    again = pages.post("/officer/data-requests", CARRIED)
    assert "None held" in again.select_one(f"#equality-{response.reference}").get_text()


def test_withdrawing_when_none_are_held_records_nothing():
    officer = OfficerFactory(role="admin")
    response = ResponseFactory()
    assert withdraw_equality_answers(response=response, actor=officer, reason="x") is False
    assert _withdrawals() == []


@pytest.mark.parametrize("role", ["engagement_officer", "analyst", "auditor"])
def test_only_administrators_withdraw_for_someone(pages, sign_in_as, role):
    sign_in_as(role)
    response = person_response()
    for action in ("withdraw-equality", "withdraw-equality/confirm"):
        pages.post(
            f"/officer/data-requests/{action}",
            {**CARRIED, "references": response.reference, "reason": "x"},
            expected_status=403,
        )
    assert _equality_of(response) is not None
