"""Engagement officers record the decision an activity informed once it has closed, with GOV.UK
errors for bad dates, insecure links and missing text; every change is audited; readers of
reports see it but cannot change it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, DecisionRecord
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.factories_activities import ActivityFactory
from tests.factories_decisions import decision_record, themed_consultation
from tests.pages import error_summary, field_error, heading, title


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/decision"


def _today():  # type: ignore[no-untyped-def]
    return utc_now().astimezone(UK).date()


def _form(themed, **overrides: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    day = _today()
    data: dict[str, object] = {
        "decision": "Run a bus every 15 minutes from May",
        "decided_on": [str(day.day), str(day.month), str(day.year)],
        "decision_maker": "Cabinet",
        "report_title": "Bus review: consultation findings",
        "report_url": "https://www.example.gov.uk/cabinet/bus-review.pdf",
        "how_responses_considered": "Cabinet read the summary of every theme.",
        "codeframe_ids": [str(themed.codeframe.id)],
        f"theme_{themed.themes['Buses'].id}": "We will run more buses.",
    }
    data.update(overrides)
    return data


def _record(activity) -> DecisionRecord | None:  # type: ignore[no-untyped-def]
    return db.session.scalar(
        select(DecisionRecord).where(DecisionRecord.activity_id == activity.id)
    )


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.fixture
def themed():  # type: ignore[no-untyped-def]
    return themed_consultation({"Buses": 12, "Trains": 3})


def test_an_officer_records_a_decision_and_it_is_audited(pages, sign_in_as, themed):
    officer = sign_in_as("engagement_officer")
    page = pages.get(_url(themed.activity))
    assert heading(page) == "Decision and \u201cYou said, we did\u201d"
    assert "Not recorded" in page.select_one("#decision-status").get_text()
    labels = [label.get_text(" ", strip=True) for label in page.select("[data-codeframe] label")]
    assert labels == ["Buses (12 comments)", "Trains (3 comments)"]  # officers see exact counts
    pages.post(_url(themed.activity), _form(themed), expected_status=302)
    record = _record(themed.activity)
    assert record is not None and record.published_at is None
    assert record.decision == "Run a bus every 15 minutes from May"
    assert record.decided_on == _today() and record.decision_maker == "Cabinet"
    assert record.report_url == "https://www.example.gov.uk/cabinet/bus-review.pdf"
    assert record.codeframe_ids == [themed.codeframe.id]
    assert record.theme_responses == {str(themed.themes["Buses"].id): "We will run more buses."}
    assert record.recorded_by_id == officer.id
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "decision_record.created")
    ).one()
    assert event.officer_id == officer.id and event.object_id == str(themed.activity.id)

    # The page shows what was saved; a save without changes writes nothing.
    page = pages.get(_url(themed.activity))
    assert page.select_one("#decision_maker")["value"] == "Cabinet"
    assert page.select_one("#codeframe_ids").has_attr("checked")
    pages.post(_url(themed.activity), _form(themed), expected_status=302)
    assert _actions().count("decision_record.changed") == 0
    pages.post(_url(themed.activity), _form(themed, decision_maker="Full Council"), expected_status=302)  # fmt: skip
    changed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "decision_record.changed")
    ).one()
    assert changed.detail["fields"] == ["decision_maker"]


def _closing_day(themed):  # type: ignore[no-untyped-def]
    return themed.consultation.closes_at.astimezone(UK).date()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"decision": ""}, "decision", "Enter what was decided"),
        ({"decision": "x" * 5001}, "decision", "What was decided must be 5,000 characters or fewer"),
        ({"decision_maker": "  "}, "decision_maker", "Enter who made the decision"),
        ({"decided_on": ["", "", ""]}, "decided_on", "Enter the date of the decision"),
        ({"decided_on": ["31", "2", "2026"]}, "decided_on", "The decision date must be a real date"),
        ({"decided_on": ["3", "", "2026"]}, "decided_on", "The decision date must include a month"),
        ({"decided_on": ["9" * 40, "1", "2026"]}, "decided_on", "The decision date must be a real date"),
        ({"decided_on": ["1", "1", "1999"]}, "decided_on", "The decision date must be in 2000 or later"),
        ({"report_url": "http://www.example.gov.uk/report"}, "report_url", "Enter the report's web address starting with https://, like https://www.example.gov.uk/cabinet/report.pdf"),
        ({"report_url": "javascript:alert(1)"}, "report_url", "Enter the report's web address starting with https://, like https://www.example.gov.uk/cabinet/report.pdf"),
        ({"report_url": "https://"}, "report_url", "Enter the report's web address starting with https://, like https://www.example.gov.uk/cabinet/report.pdf"),
        ({"how_responses_considered": "x" * 10001}, "how_responses_considered", "How the responses were taken into account must be 10,000 characters or fewer"),
        ({"codeframe_ids": ["999999"]}, "codeframe_ids", "Select the theme summaries from the list"),
    ],
)  # fmt: skip
def test_invalid_decisions_get_gov_uk_errors(pages, sign_in_as, themed, overrides, field, message):
    sign_in_as("engagement_officer")
    page = pages.post(_url(themed.activity), _form(themed, **overrides))
    assert title(page).startswith("Error: ")
    assert message in error_summary(page)
    assert field_error(page, field) == message
    assert _record(themed.activity) is None


def test_the_decision_date_is_not_before_the_close_nor_in_the_future(pages, sign_in_as, themed):
    sign_in_as("engagement_officer")
    closed = _closing_day(themed)
    before = closed - timedelta(days=1)
    page = pages.post(
        _url(themed.activity),
        _form(themed, decided_on=[str(before.day), str(before.month), str(before.year)]),
    )
    expected = (
        f"The decision date must be the same as or after the close, {closed.day} {closed:%B %Y}"
    )
    assert field_error(page, "decided_on") == expected
    tomorrow = _today() + timedelta(days=1)
    page = pages.post(
        _url(themed.activity),
        _form(themed, decided_on=[str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]),
    )
    assert field_error(page, "decided_on") == "The decision date must be today or in the past"
    assert _record(themed.activity) is None
    # The close day itself is fine.
    pages.post(
        _url(themed.activity),
        _form(themed, decided_on=[str(closed.day), str(closed.month), str(closed.year)]),
        expected_status=302,
    )
    assert _record(themed.activity).decided_on == closed


def test_a_too_long_theme_response_is_refused_on_its_own_box(pages, sign_in_as, themed):
    sign_in_as("engagement_officer")
    name = f"theme_{themed.themes['Trains'].id}"
    page = pages.post(_url(themed.activity), _form(themed, **{name: "x" * 2001}))
    message = "What was done about \u201cTrains\u201d must be 2,000 characters or fewer"
    assert field_error(page, name) == message
    assert message in error_summary(page)


def test_hostile_input_is_stored_safely_and_escaped(pages, sign_in_as, themed):
    sign_in_as("engagement_officer")
    pages.post(
        _url(themed.activity),
        _form(themed, decision="<script>alert(1)</script>\x00 decided", theme_999="not ours"),
        expected_status=302,
    )
    record = _record(themed.activity)
    assert record.decision == "<script>alert(1)</script> decided"
    assert "999" not in record.theme_responses  # a theme of no codeframe of this activity
    page = pages.get(_url(themed.activity))
    assert page.find("script", string="alert(1)") is None


def test_an_activity_that_has_not_closed_cannot_have_a_decision_yet(pages, sign_in_as):
    sign_in_as("engagement_officer")
    open_one = themed_consultation({"Buses": 1}, consultation=ConsultationFactory())
    page = pages.get(_url(open_one.activity))
    assert (
        "You can record the decision once the consultation has closed"
        in page.select_one("#not-closed").get_text()
    )
    assert page.select_one("#decision") is None
    pages.post(_url(open_one.activity), _form(open_one), expected_status=302)
    assert _record(open_one.activity) is None
    upcoming = ActivityFactory()  # an event in 10 days
    assert "once the activity has taken place" in pages.get(_url(upcoming)).get_text()


@pytest.mark.parametrize("role", ["analyst", "auditor"])
def test_readers_see_the_record_and_its_evidence_but_cannot_change_it(
    pages, sign_in_as, themed, role
):
    decision_record(themed.activity, codeframe_ids=[themed.codeframe.id], theme_responses={str(themed.themes["Buses"].id): "More buses"})  # fmt: skip
    sign_in_as(role)
    page = pages.get(_url(themed.activity))
    assert page.select_one("form[action$='/decision']") is None
    record = page.select_one("#decision-record").get_text(" ", strip=True)
    assert "Run a bus every 15 minutes" in record and "We read every response." in record
    summary = page.select_one(f"a[href='/officer/theming/{themed.codeframe.id}/summary']")
    assert summary is not None
    assert "More buses" in page.get_text()
    pages.post(_url(themed.activity), _form(themed), expected_status=403)
    pages.post(f"{_url(themed.activity)}/publish", {}, expected_status=403)
    pages.post(f"{_url(themed.activity)}/withdraw", {}, expected_status=403)


def test_changes_need_a_csrf_token_and_bad_ids_are_not_found(pages, sign_in_as, themed):
    sign_in_as("engagement_officer")
    pages.post(_url(themed.activity), _form(themed), csrf=False, expected_status=400)
    pages.get("/officer/activities/99999999/decision", expected_status=404)
    pages.get("/officer/activities/99999999999999999999/decision", expected_status=404)
    pages.post("/officer/activities/99999999/decision/publish", {}, expected_status=404)
    pages.get("/officer/consultations/99999999/decision", expected_status=404)
    assert _record(themed.activity) is None


def test_the_overviews_link_to_the_decision(pages, sign_in_as, themed):
    sign_in_as("engagement_officer")
    overview = pages.get(f"/officer/activities/{themed.activity.id}")
    assert overview.select_one(f"a[href='{_url(themed.activity)}']") is not None
    consultation = pages.get(f"/officer/consultations/{themed.consultation.id}")
    link = consultation.select_one(
        f"a[href='/officer/consultations/{themed.consultation.id}/decision']"
    )
    assert link is not None
    response = pages.client.get(link["href"])
    assert response.status_code == 302 and response.headers["Location"] == _url(themed.activity)


def _details(themed, **overrides):  # type: ignore[no-untyped-def]
    from involve.services.decisions import DecisionDetails

    values = {
        "decision": "Run more buses",
        "decided_on": _today(),
        "decision_maker": "Cabinet",
        "report_title": "",
        "report_url": "",
        "how_responses_considered": "",
        "codeframe_ids": [themed.codeframe.id],
        "theme_responses": {},
        **overrides,
    }
    return DecisionDetails(**values)


def test_the_service_enforces_the_rules_whatever_the_form_sends(themed):
    from involve.services import decisions

    def refused(**overrides):  # type: ignore[no-untyped-def]
        with pytest.raises(decisions.DecisionRejected) as caught:
            decisions.save_record(
                actor=None, activity=themed.activity, details=_details(themed, **overrides)
            )
        return caught.value.field, str(caught.value)

    before = _closing_day(themed) - timedelta(days=1)
    assert refused(decided_on=before) == (
        "decided_on",
        "The decision date must not be before the close",
    )
    assert refused(report_url="http://example.org/report")[0] == "report_url"
    assert refused(decision="  ")[0] == "decision"
    assert refused(decided_on=None)[0] == "decided_on"
    theme_id = themed.themes["Buses"].id
    assert refused(theme_responses={str(theme_id): "x" * 2001})[0] == f"theme_{theme_id}"
    other = themed_consultation({"Ferries": 2})
    record, changed = decisions.save_record(
        actor=None,
        activity=themed.activity,
        details=_details(
            themed,
            codeframe_ids=[themed.codeframe.id, other.codeframe.id, themed.codeframe.id],
            theme_responses={
                str(theme_id): "  More buses  ",
                str(other.themes["Ferries"].id): "Not this activity's theme",
                str(themed.themes["Trains"].id): "   ",
            },
        ),
    )
    assert record.codeframe_ids == [themed.codeframe.id]  # others' codeframes left out
    assert record.theme_responses == {str(theme_id): "More buses"}
    assert "decision" in changed
    with pytest.raises(decisions.DecisionNotReady) as problems:
        decisions.publish_record(actor=None, record=record)
    assert problems.value.problems == ["Say how the responses were taken into account"]
    assert record.published_at is None
    unclosed = themed_consultation({"Buses": 1}, consultation=ConsultationFactory())
    with pytest.raises(decisions.DecisionRejected):
        decisions.save_record(actor=None, activity=unclosed.activity, details=_details(unclosed))
