"""Retention with time moved forward: when personal data falls due for removal, what removal does
(and keeps), running it twice, dry runs, and the audit record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    Base,
    Channel,
    EqualityAnswers,
    RespondentProfile,
    Response,
)
from involve.models.base import utc_now
from involve.services.representativeness_counts import observed_counts
from involve.services.retention import (
    add_months,
    apply_retention,
    closed_at,
    list_retention,
    removal_due_at,
)
from involve.templating import UK
from tests.factories import (
    ConsultationFactory,
)
from tests.factories_representativeness import consultation_activity, respondent
from tests.factories_retention import (
    CLOSED,
    DUE,
    PHONE,
    expired_consultation,
    named_respondent,
    unfinished_response,
)


def test_months_are_calendar_months_and_the_31st_becomes_the_end_of_a_shorter_month():
    assert add_months(CLOSED, 24) == DUE
    end_of_january = datetime(2024, 1, 31, 12, tzinfo=UTC)
    assert add_months(end_of_january, 1) == datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert add_months(end_of_january, 13) == datetime(2025, 2, 28, 12, tzinfo=UTC)
    # Counted in UK time: 11:59pm GMT on 28 February is 11:59pm BST on 28 August, not the 29th.
    winter = datetime(2025, 2, 28, 23, 59, tzinfo=UTC)
    assert add_months(winter, 6).astimezone(UK).strftime("%d %B %H:%M") == "28 August 23:59"


def test_nothing_is_removed_before_the_date_and_everything_due_is_removed_after():
    consultation, comment, choice = expired_consultation()
    response = named_respondent(consultation, comment, choice)
    assert removal_due_at(consultation) == DUE

    assert apply_retention(as_of=DUE - timedelta(minutes=1)) == []
    db.session.expire_all()
    assert response.profile.email == "jane.doe@example.com"
    assert response.anonymised_at is None
    assert consultation.personal_data_removed_at is None

    (report,) = apply_retention(as_of=DUE)
    assert report.consultation_id == consultation.id
    assert response.anonymised_at is not None and response.anonymised_by == "retention"
    assert consultation.personal_data_removed_at is not None


def test_the_close_is_the_lifecycles_closing_early_counts_and_open_or_draft_never_fall_due():
    consultation, _comment, _choice = expired_consultation(retention_months=6)
    consultation.closed_early_at = CLOSED - timedelta(days=30)
    assert closed_at(consultation) == consultation.closed_early_at
    assert removal_due_at(consultation) == add_months(consultation.closed_early_at, 6)
    open_one = ConsultationFactory()  # closes in five weeks
    draft = ConsultationFactory(published_at=None, closes_at=CLOSED)
    far_future = utc_now() + timedelta(days=365 * 10)
    due_ids = {report.consultation_id for report in apply_retention(as_of=far_future, dry_run=True)}
    assert consultation.id in due_ids and draft.id not in due_ids
    assert open_one.id in due_ids  # ten years on, it has closed and fallen due too
    assert open_one.id not in {r.consultation_id for r in apply_retention(dry_run=True)}


def test_removal_takes_names_emails_postcodes_codes_and_free_text_details_and_keeps_the_rest():
    consultation, comment, choice = expired_consultation()
    response = named_respondent(consultation, comment, choice)
    unfinished = unfinished_response(consultation, comment)
    unfinished_id = unfinished.id

    (report,) = apply_retention(as_of=DUE + timedelta(days=1))

    db.session.expire_all()
    profile = response.profile
    assert (profile.name, profile.email, profile.postcode) == ("", "", "")
    assert profile.wants_updates is False
    assert profile.ward_code == "E05010986" and profile.age_band == "35_49"
    assert response.submission_key is None and response.resume_code_hash is None
    assert response.equality.sex == "Female"  # kept: only ever reported in aggregate
    answers = {answer.question_id: answer for answer in response.answers}
    assert answers[choice.id].value == "Yes"
    assert PHONE not in answers[comment.id].value and PHONE not in answers[comment.id].text
    assert "about the play park" in answers[comment.id].value
    assert "Jane" not in answers[comment.id].value
    assert db.session.get(Response, unfinished_id) is None
    assert report.unfinished_deleted == 1 and report.responses_anonymised == 1
    assert report.removed == {
        "name": 1,
        "email address": 1,
        "postcode": 1,
        "resume code": 2,  # the submitted response's submission key and the unfinished one's
        "personal data in answers": 1,
    }


def test_the_representativeness_counts_are_the_same_before_and_after():
    consultation, comment, choice = expired_consultation()
    activity = consultation_activity(consultation=consultation)
    for _ in range(3):
        named_respondent(consultation, comment, choice)
    respondent(consultation, age_band="75_84", ward_code="E05010977", channel=Channel.PAPER)
    unfinished_response(consultation, comment)
    before = observed_counts(activity)
    apply_retention(as_of=DUE)
    db.session.expire_all()
    assert observed_counts(activity) == before


def test_running_again_touches_only_responses_added_since():
    consultation, comment, choice = expired_consultation()
    first = named_respondent(consultation, comment, choice)
    apply_retention(as_of=DUE)
    first_done = first.anonymised_at
    done_at = consultation.personal_data_removed_at
    assert apply_retention(as_of=DUE) == []  # nothing left: no report, no audit event

    # A paper response keyed in after the first run.
    late = named_respondent(consultation, comment, choice, channel=Channel.PAPER)
    (row,) = [row for row in list_retention(DUE) if row.consultation.id == consultation.id]
    assert (row.status, row.held) == ("due", 1)
    (report,) = apply_retention(as_of=DUE)
    assert report.responses_anonymised == 1
    assert late.profile.email == "" and late.anonymised_by == "retention"
    assert first.anonymised_at == first_done
    assert consultation.personal_data_removed_at >= done_at
    (row,) = [row for row in list_retention(DUE) if row.consultation.id == consultation.id]
    assert row.status == "done"


def test_a_response_already_erased_on_request_is_left_as_it_is():
    consultation, comment, choice = expired_consultation()
    erased = named_respondent(consultation, comment, choice)
    erased.anonymised_at = CLOSED
    erased.anonymised_by = "erasure"
    (report,) = apply_retention(as_of=DUE)
    assert report.responses_anonymised == 0
    assert erased.anonymised_by == "erasure" and erased.anonymised_at == CLOSED


def _everything() -> dict[str, list[tuple]]:
    return {
        table.name: sorted(tuple(map(repr, row)) for row in db.session.execute(select(table)))
        for table in Base.metadata.sorted_tables
    }


def test_a_dry_run_changes_nothing_and_counts_what_the_real_run_removes():
    consultation, comment, choice = expired_consultation()
    named_respondent(consultation, comment, choice)
    named_respondent(consultation, comment, choice)
    unfinished_response(consultation, comment)
    before = _everything()

    (preview,) = apply_retention(as_of=DUE, dry_run=True)
    assert _everything() == before
    assert preview.dry_run and preview.lines()[0] == "2 responses would be anonymised"
    assert preview.removed["free-text answers to check"] == 2

    (report,) = apply_retention(as_of=DUE)
    assert (preview.responses_anonymised, preview.unfinished_deleted) == (
        report.responses_anonymised,
        report.unfinished_deleted,
    )
    for kind in ("name", "email address", "postcode", "resume code"):
        assert preview.removed[kind] == report.removed[kind], kind


def test_one_audit_event_per_consultation_with_counts_and_no_personal_data():
    consultation, comment, choice = expired_consultation()
    other, other_comment, other_choice = expired_consultation()
    named_respondent(consultation, comment, choice)
    named_respondent(other, other_comment, other_choice)
    unfinished_response(consultation, comment)
    apply_retention(as_of=DUE)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.applied")
    ).all()
    assert sorted(event.object_id for event in events) == sorted(
        [str(consultation.id), str(other.id)]
    )
    event = next(event for event in events if event.object_id == str(consultation.id))
    assert event.detail["responses_anonymised"] == 1
    assert event.detail["unfinished_deleted"] == 1
    assert event.detail["removed"]["email address"] == 1
    assert event.summary.startswith(f"Removed personal data from {consultation.title}: ")
    written = f"{event.summary} {event.detail}"
    for personal in ("Jane", "jane.doe@example.com", "GL5 4UB", PHONE):
        assert personal not in written


def test_organisations_and_equality_answers_are_kept_and_nothing_is_left_in_the_profile():
    consultation, _comment, _choice = expired_consultation()
    organisation = respondent(consultation, organisation="business", age_band=None)
    organisation.profile.name = "Pat Trader"
    organisation.profile.email = "pat@shop.example.com"
    organisation.profile.connection_other = "I run the cafe on Slad Road"
    db.session.flush()
    apply_retention(as_of=DUE)
    profile = db.session.scalars(
        select(RespondentProfile).where(RespondentProfile.response_id == organisation.id)
    ).one()
    assert profile.organisation_type == "business" and profile.organisation_name == "A business"
    assert (profile.name, profile.email, profile.connection_other) == ("", "", "")
    assert db.session.scalars(select(EqualityAnswers)).all() == []  # none were given
