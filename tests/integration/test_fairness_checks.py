"""Gunning 1, 2 and 4, the Consultation Principles and the duty to involve, each at the
boundaries that change its status, through fairness_checklist on factory data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from analysis.readability import VERY_DIFFICULT, grade
from involve.extensions import db
from involve.models import (
    AudienceCategory,
    Channel,
    ConsultationLink,
    DecisionRecord,
    QuestionKind,
)
from involve.services.decisions import closed_on
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_gunning import FAIL_BELOW_SCORE
from involve.templating import UK
from tests.factories import AnswerFactory, ConsultationFactory, QuestionFactory, ResponseFactory
from tests.factories_activities import ActivityPlanFactory
from tests.factories_representativeness import consultation_activity, many
from tests.factories_theming import code, codeframe_with_items

OPENS = datetime(2026, 6, 1, tzinfo=UK)
CLOSES = datetime(2026, 7, 13, 23, 59, tzinfo=UK)  # 6 weeks and a day, no bank holidays
PLAIN = "We will open the library on Sundays. Tell us what you think."


def _closed(**kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("opens_at", OPENS)
    kwargs.setdefault("closes_at", CLOSES)
    kwargs.setdefault("published_at", OPENS - timedelta(days=5))
    return ConsultationFactory(**kwargs)


def _decision(consultation, decided_on: date, **kwargs):  # type: ignore[no-untyped-def]
    activity = consultation_activity(consultation=consultation)
    record = DecisionRecord(activity_id=activity.id, decided_on=decided_on, **kwargs)
    db.session.add(record)
    db.session.flush()
    return record


def _check(consultation, check_id: str, now: datetime | None = None):  # type: ignore[no-untyped-def]
    return fairness_checklist(consultation, now=now or datetime(2026, 8, 1, tzinfo=UK)).get(
        check_id
    )


# -- Gunning 1 ------------------------------------------------------------------------------------
def test_options_still_open_fail_once_published_warn_before_and_pass_when_recorded():
    assert _check(_closed(), "gunning-1-options").status == Status.FAIL
    assert _check(_closed(published_at=None), "gunning-1-options").status == Status.WARNING
    recorded = _check(_closed(options_still_open="Keep, close or move"), "gunning-1-options")
    assert recorded.status == Status.PASS and "Keep, close or move" in recorded.reason


@pytest.mark.parametrize(
    ("due", "status", "words"),
    [
        (None, Status.WARNING, "No decision date is recorded"),
        (date(2026, 7, 12), Status.FAIL, "before the consultation closes on 13 July 2026"),
        (date(2026, 7, 13), Status.WARNING, "the day the consultation closes"),
        (date(2026, 7, 14), Status.PASS, "1 day after the consultation's last day"),
    ],
)
def test_the_decision_date_must_come_after_the_close(due, status, words):
    check = _check(_closed(decision_due_on=due), "gunning-1-decision-date")
    assert check.status == status
    assert words in check.reason


def test_a_decision_on_the_closing_day_is_a_warning_as_the_decision_form_allows_it():
    consultation = _closed(decision_due_on=date(2026, 9, 1))
    record = _decision(consultation, date(2026, 7, 13))
    # The earliest date the decision form accepts is the day it closed.
    assert closed_on(record.activity) == record.decided_on
    check = _check(consultation, "gunning-1-decision-date")
    assert check.status == Status.WARNING
    assert check.reason == (
        "The decision was made on 13 July 2026, the day the consultation closed: little time "
        "to consider responses."
    )


def test_after_a_midnight_close_the_day_before_is_too_early_and_that_morning_a_warning():
    consultation = _closed(closes_at=datetime(2026, 7, 14, tzinfo=UK))  # end of 13 July
    record = _decision(consultation, date(2026, 7, 13))
    early = _check(consultation, "gunning-1-decision-date")
    assert early.status == Status.FAIL
    assert "before the consultation closed at midnight at the end of 13 July 2026" in early.reason
    record.decided_on = date(2026, 7, 14)
    db.session.flush()
    that_morning = _check(consultation, "gunning-1-decision-date")
    assert that_morning.status == Status.WARNING
    assert "straight after the consultation closed at midnight" in that_morning.reason


def test_a_decision_made_before_the_close_fails_whatever_was_planned():
    consultation = _closed(decision_due_on=date(2026, 9, 1))
    _decision(consultation, date(2026, 7, 1))
    check = _check(consultation, "gunning-1-decision-date")
    assert check.status == Status.FAIL and "made on 1 July 2026" in check.reason


# -- Gunning 2 ------------------------------------------------------------------------------------
def test_proposal_and_reasons_must_be_written_and_published():
    assert _check(_closed(), "gunning-2-proposal").status == Status.PASS
    assert _check(_closed(published_at=None), "gunning-2-proposal").status == Status.WARNING
    missing = _check(_closed(reasons=""), "gunning-2-proposal")
    assert missing.status == Status.FAIL and "why" in missing.reason


def test_documents_or_links_pass_and_neither_is_a_warning():
    assert _check(_closed(), "gunning-2-documents").status == Status.WARNING
    consultation = _closed()
    db.session.add(
        ConsultationLink(consultation=consultation, title="Report", url="https://x.gov.uk/r")
    )
    db.session.flush()
    check = _check(consultation, "gunning-2-documents")
    assert check.status == Status.PASS and "1 link" in check.reason


def test_readability_states_the_target_and_its_figures():
    plain = _check(_closed(summary=PLAIN, proposal=PLAIN, reasons=PLAIN), "gunning-2-readability")
    assert plain.status == Status.PASS
    assert (
        "target is 60 or more (plain English)" in plain.reason
        and "reading age of 9" in plain.reason
    )
    hard_text = (
        "Notwithstanding the aforementioned considerations, the authority's comprehensive "
        "reconfiguration of operational arrangements necessitates consultation regarding "
        "alternative organisational methodologies."
    )
    hard = _check(_closed(summary=hard_text, proposal=hard_text, reasons=hard_text), "principle-a")
    assert hard.status == Status.FAIL and "very difficult" in hard.reason
    assert any("Long words" in line and "reconfiguration" in line for line in hard.details)


def test_the_readability_fail_is_flesch_s_very_difficult_band():
    # A summary fails exactly when the reason names it "very difficult".
    assert grade(FAIL_BELOW_SCORE - 0.1) == VERY_DIFFICULT
    assert grade(FAIL_BELOW_SCORE) == "difficult"


def test_fairly_difficult_text_is_a_warning():
    text = (
        "The council proposes to change the opening hours of the library in the town centre, "
        "so that it opens later in the morning and closes later in the evening on weekdays. "
        "This would give people who work during the day more opportunity to use the service."
    )
    check = _check(_closed(summary=text, proposal=text, reasons=text), "gunning-2-readability")
    assert check.status == Status.WARNING, check.reason


# -- Gunning 4 ------------------------------------------------------------------------------------
def test_offline_responses_entered_after_the_decision_fail():
    consultation = _closed()
    _decision(consultation, date(2026, 7, 20))
    ResponseFactory(
        consultation=consultation,
        channel=Channel.PAPER,
        created_at=datetime(2026, 7, 10, tzinfo=UK),
    )
    assert _check(consultation, "gunning-4-offline").status == Status.PASS
    ResponseFactory(
        consultation=consultation,
        channel=Channel.PHONE,
        created_at=datetime(2026, 7, 21, 8, tzinfo=UK),
    )
    check = _check(consultation, "gunning-4-offline")
    assert check.status == Status.FAIL
    assert "1 of the 2 offline responses was received" in check.reason
    assert "20 July 2026" in check.reason


def test_offline_responses_entered_on_the_decision_day_are_in_time_and_online_ones_do_not_count():
    consultation = _closed()
    _decision(consultation, date(2026, 7, 20))
    ResponseFactory(
        consultation=consultation,
        channel=Channel.PAPER,
        created_at=datetime(2026, 7, 20, 23, tzinfo=UK),
    )
    ResponseFactory(
        consultation=consultation,
        channel=Channel.ONLINE,
        created_at=datetime(2026, 7, 25, tzinfo=UK),
    )
    assert _check(consultation, "gunning-4-offline").status == Status.PASS


def test_gunning_4_does_not_apply_while_open_or_before_a_decision():
    open_now = _closed(closes_at=datetime(2026, 9, 1, tzinfo=UK))
    assert _check(open_now, "gunning-4-offline").status == Status.NOT_APPLICABLE
    assert _check(_closed(), "gunning-4-offline").status == Status.NOT_APPLICABLE
    no_decision_yet = _closed()
    consultation_activity(consultation=no_decision_yet)
    assert _check(no_decision_yet, "gunning-4-decision-record").status == Status.NOT_APPLICABLE
    unlinked = _check(_closed(), "gunning-4-decision-record")
    assert unlinked.status == Status.WARNING and "not linked to an activity" in unlinked.reason


def _themed_consultation(texts: int = 3):  # type: ignore[no-untyped-def]
    """A closed consultation whose free-text answers have a codeframe, none coded yet."""
    codeframe, items, themes = codeframe_with_items(
        [f"Comment {n}" for n in range(texts)], ["Cost"]
    )
    consultation = codeframe.question.page.consultation
    consultation.opens_at, consultation.closes_at = OPENS, CLOSES
    db.session.flush()
    return consultation, codeframe, items, themes[0]


def test_analysis_must_be_finished_before_the_decision():
    consultation, _codeframe, items, theme = _themed_consultation()
    record = _decision(consultation, date(2026, 7, 20))
    for item in items[:2]:
        code(item, theme)
    check = _check(consultation, "gunning-4-analysis")
    assert check.status == Status.FAIL and "2 of 3 free-text answers" in check.reason
    assert {link.endpoint for link in check.evidence} == {
        "officer.theming_hub",
        "officer.theme_summary",
    }
    code(items[2], theme)
    for item in items:
        item.reviewed_at = datetime(2026, 7, 18, tzinfo=UK)
        for coding in item.codings:
            coding.coded_at = datetime(2026, 7, 18, tzinfo=UK)
    db.session.flush()
    assert _check(consultation, "gunning-4-analysis").status == Status.PASS
    items[0].codings[0].coded_at = datetime(2026, 7, 22, tzinfo=UK)
    db.session.flush()
    late = _check(consultation, "gunning-4-analysis")
    assert late.status == Status.FAIL and "22 July 2026" in late.reason
    assert record.decided_on == date(2026, 7, 20)


def test_unanalysed_free_text_is_a_warning_after_the_close_before_a_decision():
    consultation = _closed()
    question = QuestionFactory(page__consultation=consultation, kind=QuestionKind.LONG_TEXT)
    AnswerFactory(response__consultation=consultation, question=question, value="Too dear")
    check = _check(consultation, "gunning-4-analysis")
    assert check.status == Status.WARNING and "0 of 1 free-text answer" in check.reason
    assert check.details == (f"\u201c{question.text}\u201d: not started",)


def test_the_decision_record_must_say_how_responses_were_considered_and_cite_the_analysis():
    consultation, codeframe, _items, _theme = _themed_consultation(1)
    record = _decision(consultation, date(2026, 7, 20))
    check = _check(consultation, "gunning-4-decision-record")
    assert check.status == Status.FAIL
    assert "how the responses were taken into account" in check.reason
    assert "theme summaries" in check.reason
    record.how_responses_considered = "The cabinet read the theme summary."
    record.codeframe_ids = [codeframe.id]
    db.session.flush()
    check = _check(consultation, "gunning-4-decision-record")
    assert check.status == Status.PASS and "cites 1 theme summary" in check.reason


def test_a_missing_decision_after_its_due_date_is_a_warning():
    consultation = _closed(decision_due_on=date(2026, 7, 25))
    consultation_activity(consultation=consultation)
    check = _check(consultation, "gunning-4-decision-record")
    assert check.status == Status.WARNING and "due on 25 July 2026" in check.reason


# -- Principles -----------------------------------------------------------------------------------
def test_principle_f_targeted_and_principle_d_part_of_a_process():
    untargeted = _closed()
    assert _check(untargeted, "principle-f").status == Status.WARNING
    targeted = _closed(audiences=[AudienceCategory.RESIDENTS.value])
    check = _check(targeted, "principle-f")
    assert check.status == Status.PASS and "Residents" in check.reason
    assert _check(targeted, "principle-d").status == Status.WARNING
    activity = consultation_activity(consultation=targeted)
    ActivityPlanFactory(activity=activity)
    assert "not linked to any strategy" in _check(targeted, "principle-d").reason


# -- the duty to involve --------------------------------------------------------------------------
def test_the_five_considerations_pass_when_answered_and_name_what_is_missing():
    consultation = _closed()
    activity = consultation_activity(consultation=consultation)
    plan = ActivityPlanFactory(activity=activity)
    assert _check(consultation, "duty-considerations").status == Status.PASS
    plan.personal_data_reason = ""
    plan.why_this_way = "  "
    db.session.flush()
    check = _check(consultation, "duty-considerations")
    assert check.status == Status.WARNING
    assert check.reason.startswith("2 of the five considerations are not answered")
    assert (
        "Privacy" in check.reason and "Who to inform, consult or involve, and why" in check.reason
    )


def test_the_mix_flags_under_represented_categories_and_principle_g_looks_for_outreach():
    consultation = _closed()
    activity = consultation_activity(consultation=consultation)
    ActivityPlanFactory(
        activity=activity,
        target_mix={"residents": 0.5, "children_and_young_people": 0.5},
        stakeholders=[],
    )
    many(consultation, 30, age_band="50_64")
    mix = _check(consultation, "duty-mix")
    assert mix.status == Status.WARNING
    assert "Children and young people: 0 (0%) against a target of 50%" in mix.reason
    groups = _check(consultation, "principle-g")
    assert (
        groups.status == Status.WARNING
        and "No outreach to Children and young people" in groups.reason
    )
    activity.plan.stakeholders = [
        {"group": "Pupils", "category": "children_and_young_people", "how_reached": "Schools"}
    ]
    db.session.flush()
    assert _check(consultation, "principle-g").status == Status.PASS


def test_a_balanced_mix_passes():
    consultation = _closed()
    activity = consultation_activity(consultation=consultation)
    ActivityPlanFactory(activity=activity, target_mix={"residents": 1.0})
    many(consultation, 20, age_band="50_64")
    check = _check(consultation, "duty-mix")
    assert check.status == Status.PASS, check.reason
    assert _check(consultation, "principle-g").status == Status.PASS
