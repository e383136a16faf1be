"""Erasure on request: the person's details, equality answers, resume code and the personal
data in their words go; answers' closed values, age band and ward stay; their words leave the
moderation queue; an audit event and an access-log row record the reference and reason only."""

from __future__ import annotations

import json

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AccessAction,
    AuditEvent,
    DuplicateGroup,
    EqualityAnswers,
    ModerationStatus,
    PersonalDataAccess,
    Response,
    ThemeItem,
)
from involve.services.email_queue import queue_email
from involve.services.erasure import erase_responses
from involve.services.moderation import ERASED
from tests.factories import AuthoritySettingsFactory, OfficerFactory
from tests.factories_subject_access import (
    PLANTED_PHONE,
    STORY,
    WARD_CODE,
    officer_note,
    person_response,
    queue_for_moderation,
    story_answer,
    survey,
)
from tests.factories_subscriptions import SubscriptionFactory
from tests.pages import banner, error_summary, heading, sql_statements, title

URL = "/officer/data-requests"
EMAIL = "Jane.Doe@Example.com"
CARRIED = {"search": EMAIL, "request_reference": "SAR 2026/014"}


def _reload(response: Response) -> Response:
    db.session.expire_all()
    return db.session.get(Response, response.id)


def _events() -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "response.erased").order_by(AuditEvent.id)
        )
    )


def _erasures() -> list[PersonalDataAccess]:
    return list(
        db.session.scalars(
            select(PersonalDataAccess).where(PersonalDataAccess.action == AccessAction.ERASURE)
        )
    )


# -- the service ------------------------------------------------------------------------------
def test_erasure_removes_personal_data_and_keeps_what_the_results_need():
    officer = OfficerFactory(role="admin")
    response = person_response()
    [erased] = erase_responses(
        actor=officer, references=[response.reference], reason="SAR 2026/014"
    ).responses
    response = _reload(response)
    profile = response.profile
    assert (profile.name, profile.email, profile.postcode, profile.wants_updates) == (
        "",
        "",
        "",
        False,
    )
    assert (profile.age_band, profile.ward_code) == ("35_49", WARD_CODE)
    assert response.equality is None
    assert db.session.scalars(select(EqualityAnswers)).all() == []
    assert (response.resume_code_hash, response.submission_key) == (None, None)
    assert response.anonymised_by == "erasure" and response.anonymised_at is not None
    closed = next(a for a in response.answers if a.question.text == "Do you support the proposal?")
    assert closed.value == "Yes"
    story = story_answer(response)
    assert PLANTED_PHONE not in story.text and PLANTED_PHONE not in story.value
    assert "Jane" not in story.text and "Acacia Avenue" not in story.text
    assert story.text.startswith("I walk my dog past the library every morning.")
    assert set(erased.removed) >= {"name", "email address", "postcode", "equality answers"}


def test_erasure_withholds_their_words_and_redacts_officers_copies():
    officer = OfficerFactory(role="admin")
    response = person_response()
    item = queue_for_moderation(response)
    note = officer_note(response, "Jane Doe rang back on 07700 900123")
    erase_responses(actor=officer, references=[response.reference], reason="SAR 2026/014")
    db.session.expire_all()
    assert item.status == ModerationStatus.WITHHELD
    assert (item.reason, item.published_text, item.decided_by_id) == (
        ERASED,
        "",
        officer.id,
    )
    assert PLANTED_PHONE not in item.redacted_text
    note = db.session.get(ThemeItem, note.id)
    assert "Jane" not in note.note and PLANTED_PHONE not in note.note
    # Highlights stay excerpts of the (now redacted) text, without the phone number.
    assert len(note.highlights) == 2
    assert PLANTED_PHONE not in " ".join(note.highlights)
    assert all(excerpt in story_answer(_reload(response)).text for excerpt in note.highlights)


def test_a_campaign_group_showing_their_words_as_its_example_is_redacted():
    officer = OfficerFactory(role="admin")
    response = person_response()
    item = officer_note(response, "")
    group = DuplicateGroup(codeframe_id=item.codeframe_id, example_text=STORY, size=3)
    db.session.add(group)
    db.session.flush()
    item.duplicate_group_id = group.id
    db.session.flush()
    erase_responses(actor=officer, references=[response.reference], reason="SAR 2026/014")
    db.session.expire_all()
    assert PLANTED_PHONE not in group.example_text and "Jane" not in group.example_text
    assert group.example_text == story_answer(_reload(response)).text


def test_the_councils_names_are_read_once_however_many_responses_are_erased():
    AuthoritySettingsFactory(redaction_names="Gerald Pemberton\n")
    officer = OfficerFactory(role="admin")
    built = survey()
    responses = [person_response(built) for _ in range(3)]
    with sql_statements() as statements:
        erased = erase_responses(
            actor=officer, references=[r.reference for r in responses], reason="SAR 1"
        )
    assert len(erased.responses) == 3
    assert sum("FROM authority_settings" in statement for statement in statements) == 1


def test_a_second_erasure_is_harmless_and_keeps_the_first_date():
    officer = OfficerFactory(role="admin")
    response = person_response()
    erase_responses(actor=officer, references=[response.reference], reason="first")
    first_at = _reload(response).anonymised_at
    story = story_answer(_reload(response)).text
    [again] = erase_responses(
        actor=officer, references=[response.reference], reason="second"
    ).responses
    response = _reload(response)
    assert again.removed == []
    assert response.anonymised_at == first_at
    assert story_answer(response).text == story
    assert [event.summary for event in _events()][-1].endswith("nothing left to remove")


def test_the_audit_event_and_access_log_hold_the_reference_and_reason_only():
    officer = OfficerFactory(role="admin")
    response = person_response()
    erase_responses(actor=officer, references=[response.reference], reason="SAR 2026/014")
    [event] = _events()
    assert (event.officer_id, event.object_id) == (officer.id, response.reference)
    assert event.detail["reason"] == "SAR 2026/014"
    [access] = _erasures()
    assert (access.object_id, access.reason) == (response.reference, "SAR 2026/014")


def test_no_audit_or_access_log_row_holds_personal_data_after_a_whole_request(pages, sign_in_as):
    """Search, view, both exports and erasure through the pages, with the person's name,
    e-mail address, phone number and postcode planted in their answers, notes, moderation queue,
    subscriptions and e-mails: no row of either log holds any of it."""
    sign_in_as("admin")
    built = survey()
    first, second = person_response(built), person_response(built)
    queue_for_moderation(first)
    officer_note(first, f"Jane Doe rang back on {PLANTED_PHONE}")
    SubscriptionFactory(email=EMAIL.lower())
    queue_email(
        to_address=EMAIL,
        subject="Your response",
        body_text=f"Dear Jane Doe, we will ring {PLANTED_PHONE}",
        kind="test",
    )
    pages.post(URL, CARRIED)
    pages.post(f"{URL}/readable-page", CARRIED)
    pages.post(f"{URL}/export.json", CARRIED)
    pages.post(
        f"{URL}/erase/confirm",
        {**CARRIED, "references": f"{first.reference} {second.reference}", "reason": "SAR 1"},
        expected_status=302,
    )
    events = db.session.scalars(select(AuditEvent)).all()
    accesses = db.session.scalars(select(PersonalDataAccess)).all()
    assert {"response.erased", "email_data.erased", "moderation.withdrawn"} <= {
        event.action for event in events
    }
    assert {AccessAction.SUBJECT_ACCESS_SEARCH, AccessAction.SUBJECT_ACCESS_EXPORT} <= {
        access.action for access in accesses
    }
    stored = json.dumps(
        [[e.object_id, e.summary, e.detail] for e in events]
        + [[a.object_id, a.reason, a.detail] for a in accesses]
    ).lower()
    for personal in ("jane", "doe", "example.com", "gl6", "07700", "acacia", "female"):
        assert personal not in stored, personal


# -- the pages --------------------------------------------------------------------------------
def test_erase_asks_for_confirmation_and_changes_nothing_until_then(pages, sign_in_as):
    sign_in_as("admin")
    response = person_response(survey(title="Library opening hours"))
    page = pages.post(f"{URL}/erase", {**CARRIED, "references": response.reference})
    assert heading(page) == "Erase this person's data"
    assert response.reference in page.select_one("#confirm-responses").get_text()
    assert page.select_one("#reason").get_text() == "SAR 2026/014"  # the request, as a start
    hint = page.select_one("#reason-hint").get_text(" ", strip=True)
    assert "SAR 2026/014" in hint and "Do not enter the person's name" in hint
    assert _reload(response).profile.email == EMAIL
    assert _events() == []


def test_erase_needs_a_reason(pages, sign_in_as):
    sign_in_as("admin")
    response = person_response()
    page = pages.post(
        f"{URL}/erase/confirm", {**CARRIED, "references": response.reference, "reason": " "}
    )
    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Enter why you are erasing this data"]
    assert _reload(response).profile.email == EMAIL


def test_erasing_all_then_searching_again(pages, sign_in_as):
    sign_in_as("admin")
    built = survey()
    first, second = person_response(built), person_response(built)
    results = pages.post(URL, CARRIED)
    erase_all = results.find("button", string="Erase this person's data from all 2 responses")
    references = erase_all.find_parent("form").select_one('input[name="references"]')["value"]
    assert references.split() == [first.reference, second.reference]

    pages.post(
        f"{URL}/erase/confirm",
        {**CARRIED, "references": references, "reason": "Erasure request SAR 2026/014"},
        expected_status=302,
    )
    page = pages.get(URL)
    assert f"Personal data erased from 2 responses: {first.reference}, {second.reference}" in (
        banner(page)
    )
    assert heading(pages.post(URL, CARRIED)) == "No personal data found"
    by_reference = pages.post(URL, {**CARRIED, "search": first.reference.lower()})
    section = by_reference.select_one(f"#response-{first.reference}").get_text(" ", strip=True)
    assert "Personal data erased on" in section
    assert "Jane" not in section and PLANTED_PHONE not in section
    assert by_reference.find("button", string="Erase this person's data") is None
    assert [entry.reason for entry in _erasures()] == ["Erasure request SAR 2026/014"] * 2


def test_erasing_one_response_leaves_the_others(pages, sign_in_as):
    sign_in_as("admin")
    built = survey()
    first, second = person_response(built), person_response(built)
    pages.post(
        f"{URL}/erase/confirm",
        {**CARRIED, "references": first.reference.lower(), "reason": "SAR 2026/014"},
        expected_status=302,
    )
    assert _reload(first).profile.email == ""
    assert _reload(second).profile.email == EMAIL


def test_unknown_or_hostile_references_are_not_a_500(pages, sign_in_as):
    sign_in_as("admin")
    for references in ("", "NOT-A-REF", "\x00" * 50, "A" * 10_000):
        pages.post(f"{URL}/erase", {**CARRIED, "references": references}, expected_status=302)
        pages.post(
            f"{URL}/erase/confirm",
            {**CARRIED, "references": references, "reason": "x"},
            expected_status=302,
        )
    assert _events() == []
