"""An activity's compliance report: every claim in its section with a status where it is judged
and evidence links that open for the reader, a print stylesheet that hides navigation and
writes links out, user text escaped, who may read it, and no query per response or theme."""

from __future__ import annotations

from urllib.parse import urlsplit

from involve.extensions import db
from involve.models import AgeBand, StrategyKind
from tests.factories_activities import StrategyItemFactory
from tests.factories_compliance import (
    REPORT_ADDRESS,
    REPORT_SECTIONS,
    closed_consultation,
    decision,
    decision_titled_by_its_address,
    event,
)
from tests.factories_representativeness import consultation_activity, respondent
from tests.factories_theming import code, codeframe_with_items
from tests.pages import heading, statements_for, title


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/compliance"


def _claim(page, claim_id: str):  # type: ignore[no-untyped-def]
    row = page.select_one(f"#claim-{claim_id}")
    assert row is not None, f"no claim {claim_id}"
    return row


def _status(row) -> str:  # type: ignore[no-untyped-def]
    tag = row.select_one(".govuk-tag")
    return tag.get_text(strip=True) if tag else ""


def test_a_short_consultation_is_reported_with_its_gunning_3_failure(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="Market stall charges", days_open=10, respondents=3)
    StrategyItemFactory(kind=StrategyKind.LAA_TARGET, title="Fewer empty shops")  # not linked
    linked = StrategyItemFactory(kind=StrategyKind.SCS_PRIORITY, title="A lively market town")
    activity.strategy_items.append(linked)
    db.session.flush()
    page = pages.get(_url(activity))
    assert heading(page) == "Compliance report"
    assert title(page).startswith("Compliance report: Market stall charges")
    sections = [h2.get_text(strip=True) for h2 in page.select("main h2.govuk-heading-l")]
    assert sections == REPORT_SECTIONS
    length = _claim(page, "gunning-3-length")
    assert _status(length) == "Fail"
    assert "Open for 10 days" in length.get_text() and "Silus" in length.get_text()
    assert "A lively market town" in _claim(page, "strategy-scs_priority").get_text()
    assert "None linked" in _claim(page, "strategy-laa_target").get_text()
    assert _status(_claim(page, "plan")) == "Pass"
    assert _status(_claim(page, "plan-who-and-why")) == "Pass"
    # Every claim has at least one piece of evidence, except the ones that say there is none.
    for row in page.select("[id^=claim-]"):
        if row["id"] not in ("claim-analysis-none",):
            assert row.select(".involve-evidence li"), f"{row['id']} has no evidence"


def test_every_link_on_the_page_opens(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(days_open=10, respondents=12)
    decision(activity, published_after_days=20, report_url="https://example.org/report.pdf")
    page = pages.get(_url(activity))
    hrefs = {link["href"] for link in page.select("main a[href]")}
    assert f"/officer/activities/{activity.id}/plan" in hrefs
    assert f"/officer/consultations/{activity.consultation_id}/fairness" in hrefs
    assert "https://example.org/report.pdf" in hrefs  # the decision-maker's report
    followed = 0
    for href in sorted(hrefs):
        parts = urlsplit(href)
        if parts.netloc or not parts.path:  # elsewhere on the web, or this page's own anchors
            continue
        pages.get(parts.path + (f"?{parts.query}" if parts.query else ""))  # 200, sound
        followed += 1
    assert followed >= 8


def test_evidence_the_reader_cannot_open_is_named_not_linked(pages, sign_in_as):
    sign_in_as("analyst")  # reads reports, not the audit log
    activity = closed_consultation()
    row = _claim(pages.get(_url(activity)), "principle-i")
    assert "Audit log (you do not have access)" in row.get_text()
    assert row.find("a", href="/officer/audit-log") is None


def test_the_page_is_ready_to_print(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation()
    decision_titled_by_its_address(activity)
    page = pages.get(_url(activity))
    sheet = page.find("link", href="/static/css/compliance.css")
    assert sheet is not None
    response = pages.client.get("/static/css/compliance.css")
    css = response.get_data(as_text=True)
    response.close()
    assert response.status_code == 200
    on_paper = css.split("@media print")[1]
    for hidden in (".govuk-header", ".govuk-service-navigation", ".govuk-footer"):
        assert hidden in on_paper
    # GOV.UK Frontend prints each link's path after it; switched off, or addresses print twice.
    assert "::after" in on_paper and "content: none !important" in on_paper
    # Each link is followed by its full web address, once, shown only on paper.
    plan = _claim(page, "plan")
    printed = [span.get_text() for span in plan.select(".involve-print-url")]
    assert printed == [f" (http://localhost/officer/activities/{activity.id}/plan)"]
    # ... unless the link's own text already is that address.
    report = _claim(page, "decision-report").find("a", href=REPORT_ADDRESS)
    assert report is not None and not report.parent.select(".involve-print-url")
    assert "involve-no-print" in page.select_one("#downloads")["class"]
    # The page says it is the accessible version; the PDF link says the PDF is not tagged.
    assert "accessible version" in page.select_one("#accessible-version").get_text()
    assert "not tagged for screen readers" in page.select_one("#downloads").get_text()


def test_user_text_is_escaped(pages, sign_in_as):
    sign_in_as("auditor")
    activity = closed_consultation(title="<script>alert(1)</script> charges")
    activity.outcome_summary = "<b>We listened</b>"
    db.session.flush()
    page = pages.get(_url(activity))
    assert page.find("script", string="alert(1)") is None
    summary = _claim(page, "outcome-summary")
    assert "<b>We listened</b>" in summary.get_text() and summary.find("b") is None


def test_an_event_reports_attendance_and_says_fairness_checks_are_for_consultations(
    pages, sign_in_as
):
    sign_in_as("auditor")
    activity = event(title="Library drop-in", attendance=23)
    record = decision(activity, published_after_days=100)
    page = pages.get(_url(activity))
    assert "23" in _claim(page, "attendance").get_text()
    assert _status(_claim(page, "fairness-not-applicable")) == "Not applicable"
    timing = _claim(page, "outcome-timing")
    assert _status(timing) == "Fail" and "Published late" in timing.get_text()
    assert record.decision in _claim(page, "decision").get_text()
    assert _status(_claim(page, "analysis-cited")) == "Warning"


def test_the_analysis_shows_each_themes_coded_count(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe, items, themes = codeframe_with_items(
        ["Buses are late", "The bus is full", "Trains", "Not coded"], ["Buses", "Trains"]
    )
    buses, trains = themes
    code(items[0], buses)
    code(items[1], buses)
    code(items[2], trains)
    consultation = codeframe.question.page.consultation
    activity = consultation_activity(consultation=consultation)
    row = _claim(pages.get(_url(activity)), f"analysis-{codeframe.id}")
    assert "3 of 4 texts coded" in row.get_text()
    assert [item.get_text(strip=True) for item in row.select(".govuk-list--bullet li")] == [
        "Buses: 2 texts",
        "Trains: 1 text",
    ]
    assert _status(row) == "Warning"  # one text still to code
    assert row.find("a", href=f"/officer/theming/{codeframe.id}/summary")


def test_readers_of_reports_only_and_unknown_activities(pages, sign_in_as):
    activity = closed_consultation()
    pages.get(_url(activity), expected_status=302)  # signed out: to sign in
    sign_in_as("analyst")
    pages.get(_url(activity))
    pages.get("/officer/activities/999999/compliance", expected_status=404)
    pages.get("/officer/activities/999999/compliance.pdf", expected_status=404)


def test_the_activity_overview_links_to_its_compliance_report(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = event()
    page = pages.get(f"/officer/activities/{activity.id}")
    link = page.select_one("#activity-links").find("a", href=_url(activity))
    assert link.get_text(strip=True) == "Compliance report"


def test_no_query_per_response_or_theme(pages, sign_in_as):
    sign_in_as("auditor")
    small = closed_consultation(title="Small", respondents=2)
    large = closed_consultation(title="Large", respondents=40)
    for activity, count in ((small, 1), (large, 8)):
        codeframe, items, themes = codeframe_with_items(
            [f"text {n}" for n in range(count * 2)], [f"Theme {n}" for n in range(count)]
        )
        codeframe.question.page.consultation_id = activity.consultation_id
        for item, theme in zip(items, themes * 2, strict=False):
            code(item, theme)
    for _ in range(5):
        respondent(large.consultation, age_band=AgeBand.AGE_18_24.value)
    assert statements_for(pages, _url(small)) == statements_for(pages, _url(large))
