"""`flask involve apply-retention` with the date moved forward, and the background job run
without an officer's list (as a scheduler would start it)."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.jobs import enqueue
from involve.models import AuditEvent, JobStatus, Response, ResponseStatus
from tests.factories_retention import (
    PHONE,
    expired_consultation,
    named_respondent,
    unfinished_response,
)


def _seed():  # type: ignore[no-untyped-def]
    consultation, comment, choice = expired_consultation(title="Dogs in parks")
    response = named_respondent(consultation, comment, choice)
    unfinished_response(consultation, comment)
    db.session.commit()  # a savepoint release: the command's session sees it
    return consultation, response


def _run(app, *args: str):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["involve", "apply-retention", *args])


def test_before_the_due_date_nothing_is_due(app):
    _consultation, response = _seed()
    result = _run(app, "--as-of", "2025-03-30")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Retention as of 11:59pm on 30 March 2025",
        "Nothing is due: no consultation holds personal data past its retention period.",
    ]
    db.session.expire_all()
    assert response.anonymised_at is None


def test_a_dry_run_prints_what_would_go_and_changes_nothing(app):
    _consultation, response = _seed()
    result = _run(app, "--as-of", "2025-03-31", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Retention as of 11:59pm on 31 March 2025 (dry run: nothing is changed)"
    assert lines[1] == "Dogs in parks (closed 31 March 2023, due for removal 31 March 2025):"
    assert "  - 1 response would be anonymised" in lines
    assert "  - 1 unfinished response would be deleted" in lines
    assert "  - 1 full postcode would be removed" in lines
    db.session.expire_all()
    assert response.anonymised_at is None and response.profile.email == "jane.doe@example.com"
    assert len(db.session.scalars(select(Response)).all()) == 2
    assert db.session.scalars(select(AuditEvent)).all() == []


def test_the_command_removes_what_is_due_and_a_second_run_finds_nothing(app):
    _consultation, response = _seed()
    result = _run(app)  # now: long past 31 March 2025
    assert result.exit_code == 0, result.output
    assert "Dogs in parks (closed 31 March 2023, due for removal 31 March 2025):" in result.output
    assert "  - 1 response was anonymised" in result.output
    assert "  - 1 e-mail address was removed" in result.output
    assert "  - 1 answer had personal data redacted" in result.output
    assert PHONE not in result.output and "jane" not in result.output.lower()
    db.session.expire_all()
    assert response.profile.email == "" and response.anonymised_by == "retention"
    assert [r.status for r in db.session.scalars(select(Response))] == [ResponseStatus.SUBMITTED]
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "retention.applied" and event.officer_id is None

    again = _run(app)
    assert again.exit_code == 0 and "Nothing is due" in again.output


def test_a_bad_date_is_refused_with_a_usage_error(app):
    result = _run(app, "--as-of", "31/03/2025")
    assert result.exit_code == 2
    assert "does not match the format '%Y-%m-%d'" in result.output


def test_the_job_without_a_list_removes_everything_due(app):
    consultation, response = _seed()
    with app.test_request_context():
        job = enqueue("apply_retention", subject_id=0, requested_by=None)
    assert job.status == JobStatus.SUCCEEDED, job.error
    (report,) = job.result["reports"]
    assert report["consultation_id"] == consultation.id
    assert report["responses_anonymised"] == 1 and report["unfinished_deleted"] == 1
    assert job.stage == "Dogs in parks: 1 of 1 responses anonymised"
    assert response.anonymised_by == "retention"
