"""The fairness checklist page and its CSV: grouped checks with their status in words, reasons
and evidence links that open; who may read it; no query per question or response."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest

from involve.models import Channel, QuestionKind
from involve.templating import UK
from tests.factories import AnswerFactory, ConsultationFactory, QuestionFactory, ResponseFactory
from tests.factories_activities import ActivityPlanFactory
from tests.factories_representativeness import consultation_activity
from tests.pages import heading, statements_for, title

START = datetime(2026, 6, 1, tzinfo=UK)


def _short_consultation():  # type: ignore[no-untyped-def]
    """Open for 10 days, no reason recorded: fails Gunning 3."""
    consultation = ConsultationFactory(
        title="Market stall charges",
        opens_at=START,
        closes_at=START + timedelta(days=10),
        published_at=START - timedelta(days=2),
        options_still_open="<b>Keep</b> or raise the charges",
    )
    activity = consultation_activity(consultation=consultation)
    ActivityPlanFactory(activity=activity)
    return consultation


def _url(consultation) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/consultations/{consultation.id}/fairness"


def _row(page, check_id: str):  # type: ignore[no-untyped-def]
    return page.select_one(f"#{check_id}")


def test_an_auditor_reads_the_checks_grouped_with_counts_reasons_and_evidence(pages, sign_in_as):
    sign_in_as("auditor")
    consultation = _short_consultation()
    page = pages.get(_url(consultation))
    assert heading(page) == "Fairness checks"
    assert title(page).startswith("Fairness checks: Market stall charges")
    assert [h2.get_text(strip=True) for h2 in page.select("main h2")] == [
        "The Gunning principles",
        "Consultation Principles (Cabinet Office, 2018)",
        "The duty to involve",
    ]
    counts = [item.get_text(" ", strip=True) for item in page.select("#fairness-counts li")]
    assert len(counts) == 4 and counts[2].startswith("Fail")
    row = _row(page, "gunning-3-length")
    assert row.select_one(".govuk-tag").get_text(strip=True) == "Fail"
    assert "govuk-tag--red" in row.select_one(".govuk-tag")["class"]
    assert "Open for 10 days" in row.get_text() and "Silus" in row.get_text()
    link = row.select_one("a.govuk-link")
    assert link["href"] == f"/officer/consultations/{consultation.id}"
    # User text is escaped, not interpreted.
    options = _row(page, "gunning-1-options")
    assert "<b>Keep</b> or raise the charges" in options.get_text()
    assert options.find("b") is None


def test_every_evidence_link_opens_for_the_reader(pages, sign_in_as):
    sign_in_as("auditor")
    consultation = _short_consultation()
    page = pages.get(_url(consultation))
    hrefs = {link["href"] for link in page.select("main .govuk-summary-list a.govuk-link")}
    assert f"/officer/activities/{consultation_activity_id(consultation)}/plan" in hrefs
    for href in sorted(hrefs):
        pages.get(href)  # 200, a sound page


def consultation_activity_id(consultation) -> int:  # type: ignore[no-untyped-def]
    from involve.services.representativeness_report import consultation_activity as find

    return find(consultation.id).id


def test_evidence_the_reader_cannot_open_is_named_not_linked(pages, sign_in_as):
    sign_in_as("analyst")  # reads reports, not the audit log
    page = pages.get(_url(_short_consultation()))
    row = _row(page, "principle-h")
    assert "Audit log (you do not have access)" in row.get_text()
    assert row.find("a", href="/officer/audit-log") is None


def test_the_overview_links_to_the_checks(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = _short_consultation()
    page = pages.get(f"/officer/consultations/{consultation.id}")
    assert page.find("a", href=_url(consultation)).get_text(strip=True) == "Fairness checks"


def test_the_csv_has_a_row_per_check_with_full_evidence_addresses(pages, sign_in_as):
    sign_in_as("auditor")
    consultation = _short_consultation()
    pages.get(_url(consultation) + ".csv")
    response = pages.last_response
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{consultation.slug}-fairness-20')
    assert disposition.endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["group", "check", "title", "status", "reason", "details", "evidence"]
    assert len(rows) == 1 + 24
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["gunning-3-length"][3] == "Fail" and "Silus" in by_id["gunning-3-length"][4]
    assert (
        f"http://localhost/officer/consultations/{consultation.id}" in by_id["gunning-3-length"][6]
    )


def test_signed_out_visitors_are_sent_to_sign_in_and_unknown_ids_are_404(pages, sign_in_as):
    pages.get("/officer/consultations/1/fairness", expected_status=302)
    pages.get("/officer/consultations/1/fairness.csv", expected_status=302)
    sign_in_as("analyst")
    pages.get("/officer/consultations/999999/fairness", expected_status=404)
    pages.get("/officer/consultations/999999/fairness.csv", expected_status=404)


@pytest.mark.parametrize("role", ["admin", "engagement_officer", "analyst", "auditor"])
def test_every_role_that_reads_reports_can_read_the_checks(pages, sign_in_as, role):
    sign_in_as(role)
    pages.get(_url(_short_consultation()))


def _consultation_with(questions: int, responses: int):  # type: ignore[no-untyped-def]
    consultation = _short_consultation()
    made = [
        QuestionFactory(page__consultation=consultation, kind=QuestionKind.LONG_TEXT)
        for _ in range(questions)
    ]
    for number in range(responses):
        response = ResponseFactory(
            consultation=consultation, channel=Channel.PAPER if number % 3 else Channel.ONLINE
        )
        for question in made:
            AnswerFactory(response=response, question=question, value=f"Answer {number}")
    return consultation


def test_the_page_makes_no_query_per_question_or_response(pages, sign_in_as):
    sign_in_as("auditor")
    small = statements_for(pages, _url(_consultation_with(1, 2)))
    large = statements_for(pages, _url(_consultation_with(6, 40)))
    assert large == small
