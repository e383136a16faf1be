"""The Gunning principles (R v Brent LBC ex p Gunning, 1985; approved in R (Moseley) v Haringey
LBC [2014] UKSC 56), checked from the data: 1, consult while proposals are at a formative
stage; 2, give sufficient reasons for intelligent consideration; 3, allow adequate time;
4, take the product of consultation conscientiously into account."""

from __future__ import annotations

from analysis.readability import DIFFICULT_FROM, LONG_SENTENCE_WORDS, TARGET_SCORE
from involve.services import fairness_evidence as evidence
from involve.services import lifecycle
from involve.services.fairness_checks import (
    Check,
    Evidence,
    Group,
    Status,
    clipped,
    day_text,
    end_sentence,
    plural,
)
from involve.services.fairness_consideration import (
    analysis_check,
    decision_cites_check,
    offline_check,
)
from involve.services.fairness_facts import Facts, OpenPeriod
from involve.services.fairness_records import Record, is_reason, moment_text
from involve.services.fairness_time import elections_check, holidays_check, length_check

G = Group.GUNNING
# Below this a summary is a fail, not a warning: the bottom of Flesch's "difficult" band, under
# which analysis.readability grades a text VERY_DIFFICULT.
FAIL_BELOW_SCORE = DIFFICULT_FROM


OPTIONS_ID, OPTIONS_TITLE = "gunning-1-options", "Gunning 1: options still open are recorded"
OPTIONS_QUOTED = 160  # characters of the options quoted in the reason


def options_check(facts: Facts) -> Check:
    consultation = facts.consultation
    proof = (evidence.details(consultation),)
    options = consultation.options_still_open.strip()
    if options and is_reason(options):
        return _options_recorded(facts, options, proof)
    # Text that is not a reason ("." or "n/a") shows nothing, so it counts as none.
    none = (
        "no options recorded as still open (what is recorded, "
        f"\u201c{clipped(options, OPTIONS_QUOTED)}\u201d, does not describe any)"
        if options
        else "no options recorded as still open"
    )
    if facts.is_published:
        return Check(
            OPTIONS_ID,
            G,
            OPTIONS_TITLE,
            Status.FAIL,
            f"It was published with {none}, so nothing shows the decision was still at a "
            "formative stage when people were asked.",
            proof,
        )
    return Check(
        OPTIONS_ID,
        G,
        OPTIONS_TITLE,
        Status.WARNING,
        f"It has {none}. Record the options still open before publishing: they show the "
        "decision has not already been made.",
        proof,
    )


def _options_recorded(facts: Facts, options: str, proof: tuple[Evidence, ...]) -> Check:
    """Options recorded after the close cannot show the decision was open while people were
    asked: a warning that says so. An unknown date is stated, not guessed."""
    record, period = facts.record(Record.OPTIONS), facts.period
    said = end_sentence(f"Recorded as still open: \u201c{clipped(options, OPTIONS_QUOTED)}\u201d")
    details = (record.text,)
    if record.recorded_at is None:
        return Check(
            OPTIONS_ID,
            G,
            OPTIONS_TITLE,
            Status.PASS,
            f"{said} When this was recorded is not known, so it cannot show whether it was "
            "written before the consultation closed.",
            proof,
            details,
        )
    if period is not None and record.is_after(period.ends_at):
        recorded, closed = moment_text(record.recorded_at, period.ends_at, period.closing_text)
        return Check(
            OPTIONS_ID,
            G,
            OPTIONS_TITLE,
            Status.WARNING,
            f"{said} But it was recorded {recorded}, after the consultation closed {closed}: "
            "written afterwards, it cannot show the decision was still open while people were "
            "asked.",
            proof,
            details,
        )
    when = ""
    if period is not None:
        recorded, opened = moment_text(record.recorded_at, period.opens_at)
        when = (
            f" It was recorded {recorded}, after the consultation opened {opened}, before it "
            "closed."
            if record.is_after(period.opens_at)
            else f" It was recorded {recorded}, before the consultation opened {opened}."
        )
    return Check(OPTIONS_ID, G, OPTIONS_TITLE, Status.PASS, f"{said}{when}", proof, details)


def decision_date_check(facts: Facts) -> Check:
    """The decision must come after the close. The decision form accepts the closing day itself
    (the council may meet that evening), so a decision that day is a warning, not a fail."""
    check_id, title, period = (
        "gunning-1-decision-date",
        "Gunning 1: the decision comes after the close",
        facts.period,
    )
    proof = (evidence.details(facts.consultation), *evidence.decision_record(facts.activity))
    if period is None:
        return Check(check_id, G, title, Status.WARNING, "The closing date is not set.", proof)
    closed, decided = period.closed_on, facts.decided_on
    if decided is not None and decided < closed:
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"The decision was made on {day_text(decided)}, before the consultation closed "
            f"{period.closing_text}: responses could not be taken into account.",
            proof,
        )
    if decided is not None and decided == closed:
        when = (
            f"straight after the consultation closed {period.closing_text}"
            if period.closes_at_midnight
            else "the day the consultation closed"
        )
        return Check(
            check_id,
            G,
            title,
            Status.WARNING,
            f"The decision was made on {day_text(decided)}, {when}: little time to consider "
            "responses.",
            proof,
        )
    return _due_date_check(facts, period, proof)


def _due_date_check(facts: Facts, period: OpenPeriod, proof: tuple[Evidence, ...]) -> Check:
    check_id, title = "gunning-1-decision-date", "Gunning 1: the decision comes after the close"
    due, closed = facts.consultation.decision_due_on, period.closed_on
    if due is None:
        return Check(
            check_id,
            G,
            title,
            Status.WARNING,
            f"No decision date is recorded; the consultation closes {period.closing_text}.",
            proof,
        )
    if due < closed:
        return Check(
            check_id,
            G,
            title,
            Status.FAIL,
            f"The decision is due on {day_text(due)}, before the consultation closes "
            f"{period.closing_text}: responses cannot be taken into account.",
            proof,
        )
    if due == closed:
        return Check(
            check_id,
            G,
            title,
            Status.WARNING,
            f"The decision is due on {day_text(due)}, the day the consultation closes "
            f"({period.closing_text}): little time to consider responses.",
            proof,
        )
    decided = facts.decided_on
    made = f" It was made on {day_text(decided)}." if decided is not None else ""
    return Check(
        check_id,
        G,
        title,
        Status.PASS,
        f"The decision is due on {day_text(due)}, {plural((due - period.last_day).days, 'day')} "
        f"after the consultation's last day, {day_text(period.last_day)}.{made}",
        proof,
    )


def proposal_check(facts: Facts) -> Check:
    title, consultation = "Gunning 2: what is proposed and why are published", facts.consultation
    proof = (evidence.details(consultation),)
    is_seen = lifecycle.is_public(consultation, facts.now)  # residents see it once it opens
    if is_seen:
        proof += (evidence.public_page(consultation),)
    missing = [
        name
        for name, text in (
            ("what is proposed", consultation.proposal),
            ("why", consultation.reasons),
        )
        if not text.strip()
    ]
    if missing:
        return Check(
            "gunning-2-proposal",
            G,
            title,
            Status.FAIL if facts.is_published else Status.WARNING,
            f"The consultation does not say {' or '.join(missing)}, so people cannot give an "
            "intelligent response.",
            proof,
        )
    proposal_words = plural(len(consultation.proposal.split()), "word")
    reasons_words = plural(len(consultation.reasons.split()), "word")
    words = f"What is proposed ({proposal_words}) and why ({reasons_words})"
    if not facts.is_published:
        return Check(
            "gunning-2-proposal",
            G,
            title,
            Status.WARNING,
            f"{words} are written but not published yet.",
            proof,
        )
    return Check(
        "gunning-2-proposal",
        G,
        title,
        Status.PASS,
        f"{words} are on the public page, published on {day_text(consultation.published_at)}."
        if is_seen
        else f"{words} go on the public page when it opens, on {day_text(consultation.opens_at)}.",
        proof,
    )


def documents_check(facts: Facts) -> Check:
    title = "Gunning 2: supporting documents"
    proof = (evidence.documents(facts.consultation),)
    documents, links = facts.documents, facts.links
    if documents:
        names = ", ".join(f"\u201c{name}\u201d" for name in documents[:5])
        also = f", and {plural(len(links), 'link')}" if links else ""
        return Check(
            "gunning-2-documents",
            G,
            title,
            Status.PASS,
            f"{plural(len(documents), 'document')} attached ({names}){also}.",
            proof,
        )
    if links:
        are = "is 1 link" if len(links) == 1 else f"are {len(links):,} links"
        return Check(
            "gunning-2-documents",
            G,
            title,
            Status.PASS,
            f"No documents are attached, but there {are} to supporting information elsewhere.",
            proof,
        )
    return Check(
        "gunning-2-documents",
        G,
        title,
        Status.WARNING,
        "No supporting documents or links: attach the report or evidence behind the proposal.",
        proof,
    )


def readability_check(facts: Facts, *, check_id: str, group: Group, title: str) -> Check:
    text = facts.text
    proof = (evidence.details(facts.consultation),)
    target = (
        f"The target is {TARGET_SCORE:g} or more (plain English); GOV.UK writes for a reading "
        "age of 9."
    )
    if text.score is None:
        return Check(
            check_id,
            group,
            title,
            Status.WARNING,
            f"There is no summary, proposal or reasons to score. {target}",
            proof,
        )
    status = (
        Status.PASS
        if text.meets_target
        else Status.FAIL
        if text.score < FAIL_BELOW_SCORE
        else Status.WARNING
    )
    details = tuple(
        f"A sentence of {item.words} words (over {LONG_SENTENCE_WORDS}): "
        f"\u201c{clipped(item.text, 120)}\u201d"
        for item in text.long_sentences[:3]
    )
    if text.long_words:
        details += (
            "Long words that lower the score most: "
            + ", ".join(f"{item.word} ({item.syllables} syllables)" for item in text.long_words)
            + ".",
        )
    return Check(
        check_id,
        group,
        title,
        status,
        f"The summary, proposal and reasons score {text.score:g} on the Flesch reading ease "
        f"scale ({text.grade}): {plural(text.words, 'word')} in "
        f"{plural(text.sentences, 'sentence')}, "
        f"{text.average_sentence_length:.1f} words a sentence on average. {target}",
        proof,
        details if status != Status.PASS else (),
    )


def gunning_checks(facts: Facts) -> list[Check]:
    return [
        options_check(facts),
        decision_date_check(facts),
        proposal_check(facts),
        documents_check(facts),
        readability_check(
            facts, check_id="gunning-2-readability", group=G, title="Gunning 2: easy to read"
        ),
        length_check(
            facts, check_id="gunning-3-length", group=G, title="Gunning 3: time to respond"
        ),
        holidays_check(
            facts, check_id="gunning-3-holidays", group=G, title="Gunning 3: bank holidays"
        ),
        elections_check(
            facts, check_id="gunning-3-elections", group=G, title="Gunning 3: pre-election periods"
        ),
        offline_check(facts),
        analysis_check(facts),
        decision_cites_check(facts),
    ]
