"""Gunning 4, conscientious consideration: every offline response was entered, and every
free-text answer coded, before the decision was made; and the decision record says how the
responses were taken into account, citing the analysis."""

from __future__ import annotations

from involve.services import fairness_evidence as evidence
from involve.services.fairness_checks import Check, Group, Status, day_text, plural
from involve.services.fairness_facts import Facts, start_of_day_after
from involve.templating import UK

G = Group.GUNNING
NOT_YET = "This is checked once the consultation has closed."


def offline_check(facts: Facts) -> Check:
    check_id, title = (
        "gunning-4-offline",
        "Gunning 4: offline responses entered before the decision",
    )
    offline = facts.offline
    proof = (evidence.responses(facts.consultation), *evidence.decision_record(facts.activity))
    came = (
        f"{plural(offline.total, 'response')} came by paper, phone, e-mail or at events"
        if offline.total
        else "No responses came by paper, phone, e-mail or at events"
    )
    last = (
        f" (the last entered on {day_text(offline.last_entered_at)})"
        if offline.last_entered_at
        else ""
    )
    if not facts.has_closed:
        return Check(
            check_id, G, title, Status.NOT_APPLICABLE, f"{NOT_YET} {came} so far{last}.", proof
        )
    decided = facts.decided_on
    if decided is None:
        return Check(
            check_id,
            G,
            title,
            Status.NOT_APPLICABLE,
            f"No decision is recorded yet. {came}{last}.",
            proof,
        )
    if offline.late:
        was = "was" if offline.late == 1 else "were"
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"{offline.late:,} of the {plural(offline.total, 'offline response')} {was} received "
            f"or entered after the decision on {day_text(decided)}, so the decision could not "
            "take them into account.",
            proof,
        )
    return Check(
        check_id,
        G,
        title,
        Status.PASS,
        f"{came}{last}: all before the decision on {day_text(decided)}."
        if offline.total
        else f"{came}, so none was left to enter before the decision on {day_text(decided)}.",
        proof,
    )


def analysis_check(facts: Facts) -> Check:
    check_id, title = "gunning-4-analysis", "Gunning 4: analysis finished before the decision"
    questions = [question for question in facts.analysis if question.texts]
    proof = tuple(
        link
        for question in questions
        if question.codeframe_id is not None
        for link in evidence.theming(question.codeframe_id, question.text)
    )
    if not questions:
        return Check(
            check_id,
            G,
            title,
            Status.NOT_APPLICABLE,
            "There are no free-text answers to analyse.",
            proof,
        )
    texts = sum(question.texts for question in questions)
    to_code = sum(question.to_code for question in questions)
    details = tuple(
        f"\u201c{question.text}\u201d: "
        + (
            "not started"
            if question.codeframe_id is None
            else f"{question.to_code:,} of {question.texts:,} still to code"
            if question.to_code
            else f"all {question.texts:,} coded"
            + (f", last on {day_text(question.last_coded_at)}" if question.last_coded_at else "")
        )
        for question in questions
    )
    progress = (
        f"{texts - to_code:,} of {plural(texts, 'free-text answer')} to "
        f"{plural(len(questions), 'question')} are coded"
    )
    if not facts.has_closed:
        return Check(
            check_id,
            G,
            title,
            Status.NOT_APPLICABLE,
            f"{NOT_YET} {progress} so far.",
            proof,
            details,
        )
    complete = all(question.is_complete for question in questions)
    decided = facts.decided_on
    if decided is None:
        if complete:
            return Check(
                check_id,
                G,
                title,
                Status.PASS,
                f"{progress}; no decision is recorded yet.",
                proof,
                details,
            )
        return Check(
            check_id,
            G,
            title,
            Status.WARNING,
            f"{progress}: finish the analysis before the decision"
            + (
                f", due on {day_text(facts.consultation.decision_due_on)}."
                if facts.consultation.decision_due_on
                else "."
            ),
            proof,
            details,
        )
    if not complete:
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"The decision was made on {day_text(decided)} but the analysis is not finished: "
            f"{progress}.",
            proof,
            details,
        )
    cutoff = start_of_day_after(decided)
    late = [q for q in questions if q.last_coded_at is not None and q.last_coded_at >= cutoff]
    if late:
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"Coding went on after the decision on {day_text(decided)}: the last code to "
            f"\u201c{late[0].text}\u201d was given on {day_text(late[0].last_coded_at)}.",
            proof,
            details,
        )
    return Check(
        check_id,
        G,
        title,
        Status.PASS,
        f"{progress}, all before the decision on {day_text(decided)}.",
        proof,
        details,
    )


def decision_cites_check(facts: Facts) -> Check:
    check_id, title = (
        "gunning-4-decision-record",
        "Gunning 4: the decision record cites the analysis",
    )
    proof = evidence.decision_record(facts.activity)
    if facts.activity is None:
        return Check(
            check_id,
            G,
            title,
            Status.WARNING,
            "The consultation is not linked to an activity, so no decision can be recorded.",
            proof,
        )
    record = facts.decision
    if record is None or record.decided_on is None:
        due = facts.consultation.decision_due_on
        if facts.has_closed and due is not None and due < facts.now.astimezone(UK).date():
            return Check(
                check_id,
                G,
                title,
                Status.WARNING,
                f"The decision was due on {day_text(due)} but no decision has been recorded.",
                proof,
            )
        return Check(
            check_id, G, title, Status.NOT_APPLICABLE, "No decision has been recorded yet.", proof
        )
    analysed = any(question.codeframe_id is not None for question in facts.analysis)
    missing = []
    if not record.how_responses_considered.strip():
        missing.append("how the responses were taken into account")
    if analysed and not record.codeframe_ids:
        missing.append("which theme summaries it relied on")
    if missing:
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"The decision record of {day_text(record.decided_on)} does not say "
            f"{' or '.join(missing)}.",
            proof,
        )
    cited = (
        f", cites {plural(len(record.codeframe_ids), 'theme summary', 'theme summaries')}"
        if record.codeframe_ids
        else ""
    )
    return Check(
        check_id,
        G,
        title,
        Status.PASS,
        f"The decision record of {day_text(record.decided_on)} says how the responses were "
        f"taken into account{cited}.",
        proof,
    )
