"""The retention screen through the real routes: who may see it, what it lists, the confirmation
with dry-run counts, the background job and the page saying what was done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, BackgroundJob, JobStatus, Response
from involve.models.base import utc_now
from tests.factories import ConsultationFactory
from tests.factories_retention import (
    PHONE,
    expired_consultation,
    named_respondent,
    unfinished_response,
)
from tests.pages import heading, title

URL = "/officer/retention"


def _table(page):  # type: ignore[no-untyped-def]
    rows = {}
    for row in page.select("#retention tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        rows[cells[0]] = cells[1:]
    return rows


def _due_with_people():  # type: ignore[no-untyped-def]
    consultation, comment, choice = expired_consultation(title="Dogs in parks")
    response = named_respondent(consultation, comment, choice)
    unfinished_response(consultation, comment)
    return consultation, response


@pytest.mark.parametrize("role", ["engagement_officer", "analyst", "auditor"])
def test_only_officers_who_handle_data_requests_may_use_retention(pages, sign_in_as, role):
    consultation, _response = _due_with_people()
    sign_in_as(role)
    pages.get(URL, expected_status=403)
    pages.get(URL + "/remove", expected_status=403)
    pages.post(URL + "/remove", {"consultations": str(consultation.id)}, expected_status=403)
    assert db.session.scalars(select(BackgroundJob)).all() == []


def test_the_screen_lists_each_consultations_close_period_removal_date_and_status(
    pages, sign_in_as
):
    _due_with_people()
    done, _comment, _choice = expired_consultation(title="Old bins", retention_months=12)
    done.personal_data_removed_at = utc_now() - timedelta(days=3)
    ConsultationFactory(title="Open now", closes_at=utc_now() + timedelta(days=10))
    ConsultationFactory(title="A draft", published_at=None)
    sign_in_as("admin")

    page = pages.get(URL)
    assert heading(page) == "Retention of personal data"
    rows = _table(page)
    assert rows["Dogs in parks"] == ["31 March 2023", "24 months", "31 March 2025", "Due now"]
    assert rows["Old bins"][1:3] == ["12 months", "31 March 2024"]
    assert rows["Old bins"][3].startswith("Done on ")
    assert rows["Open now"][3] == "Not due"
    assert "A draft" not in rows
    assert page.select_one("#remove-now")["href"] == URL + "/remove"


def test_the_confirmation_counts_what_will_go_and_changes_nothing(pages, sign_in_as):
    consultation, response = _due_with_people()
    sign_in_as("admin")
    page = pages.get(URL + "/remove")
    assert heading(page) == "Remove personal data from 1 consultation?"
    assert title(page).startswith("Remove personal data from 1 consultation?")
    preview = [li.get_text(strip=True) for li in page.select(f"#preview-{consultation.id} li")]
    assert preview[:2] == [
        "1 response would be anonymised",
        "1 unfinished response would be deleted",
    ]
    assert "1 e-mail address would be removed" in preview
    assert page.select_one("input[name=consultations]")["value"] == str(consultation.id)
    db.session.expire_all()
    assert response.profile.email == "jane.doe@example.com" and response.anonymised_at is None


def test_removing_runs_a_job_then_says_what_was_done(pages, sign_in_as):
    consultation, response = _due_with_people()
    untouched, comment, choice = expired_consultation(title="Not confirmed")
    other = named_respondent(untouched, comment, choice)
    admin = sign_in_as("admin")
    pages.post(URL + "/remove", {"consultations": str(consultation.id)}, expected_status=302)
    job = db.session.scalars(select(BackgroundJob)).one()
    assert pages.last_response.headers["Location"] == f"/officer/jobs/{job.id}"
    assert job.kind == "apply_retention" and job.status == JobStatus.SUCCEEDED

    page = pages.get(f"/officer/jobs/{job.id}")
    assert heading(page) == "Removing personal data" and "Finished." in page.get_text()
    continue_to = page.select_one("a.govuk-button")["href"]
    assert continue_to == f"{URL}/jobs/{job.id}"
    page = pages.get(continue_to)
    assert heading(page) == "Personal data removed"
    done = [li.get_text(strip=True) for li in page.select(f"#result-{consultation.id} li")]
    assert "1 response was anonymised" in done and "1 name was removed" in done

    db.session.expire_all()
    assert response.profile.email == "" and PHONE not in response.answers[0].text
    assert other.profile.email == "jane.doe@example.com"  # not on the confirmation page
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.applied")
    ).one()
    assert event.officer_id == admin.id and event.object_id == str(consultation.id)
    page = pages.get(URL)
    assert _table(page)["Dogs in parks"][3].startswith("Done on ")


def test_nothing_due_shows_no_button_and_a_stale_confirmation_starts_nothing(pages, sign_in_as):
    ConsultationFactory(title="Open now")
    sign_in_as("admin")
    assert pages.get(URL).select_one("#nothing-due") is not None
    page = pages.get(URL + "/remove")
    assert heading(page) == "Nothing is due for removal" and page.select("main form") == []
    for posted in ("", "abc,\x00,99999999", "1" * 5000, "-1,0,²,٣"):
        page = pages.post(URL + "/remove", {"consultations": posted})
        assert heading(page) == "Nothing is due for removal"
    assert db.session.scalars(select(BackgroundJob)).all() == []


def test_posting_without_the_form_token_is_refused(pages, sign_in_as):
    consultation, _response = _due_with_people()
    sign_in_as("admin")
    pages.post(
        URL + "/remove", {"consultations": str(consultation.id)}, csrf=False, expected_status=400
    )
    assert db.session.scalars(select(BackgroundJob)).all() == []
    assert db.session.scalars(select(Response)).all()[0].anonymised_at is None


def test_the_result_page_is_only_for_finished_retention_jobs(pages, sign_in_as):
    sign_in_as("admin")
    other = BackgroundJob(kind="discover_themes", subject_id=1, status=JobStatus.SUCCEEDED)
    running = BackgroundJob(kind="apply_retention", subject_id=0, status=JobStatus.RUNNING)
    running.heartbeat_at = utc_now()
    db.session.add_all([other, running])
    db.session.commit()
    pages.get(f"{URL}/jobs/{other.id}", expected_status=404)
    pages.get(f"{URL}/jobs/99999999", expected_status=404)
    pages.get(f"{URL}/jobs/{running.id}", expected_status=302)
    assert pages.last_response.headers["Location"] == f"/officer/jobs/{running.id}"


def test_the_data_requests_page_links_to_retention(pages, sign_in_as):
    sign_in_as("admin")
    page = pages.get("/officer/data-requests")
    assert page.select_one("#retention-link a")["href"] == URL
