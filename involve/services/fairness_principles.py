"""The Cabinet Office Consultation Principles (2018), A to K, as far as they apply to a council
and can be checked from the data. Several repeat a Gunning check from another angle; those
reuse its figures and say so, so the two never disagree."""

from __future__ import annotations

from involve.models import AudienceCategory, Consultation
from involve.services import fairness_evidence as evidence
from involve.services.fairness_checks import Check, Group, Status, plural, worst
from involve.services.fairness_facts import Facts
from involve.services.fairness_gunning import readability_check
from involve.services.fairness_publishing import (
    RESPONSE_WEEKS,
    agreed_check,
    scrutiny_check,
    timely_check,
)
from involve.services.fairness_time import elections_check
from involve.services.representativeness_dimension import ReportRow

__all__ = ["RESPONSE_WEEKS", "principle_checks"]  # the compliance reports read RESPONSE_WEEKS here

P = Group.PRINCIPLES


def _combined(check_id: str, title: str, *parts: Check) -> Check:
    """One principle judged by Gunning checks: the worst of their statuses, all their reasons."""
    links = []
    for part in parts:
        links.extend(link for link in part.evidence if link not in links)
    return Check(
        check_id,
        P,
        title,
        worst(*(part.status for part in parts)),
        " ".join(part.reason for part in parts),
        tuple(links),
        tuple(line for part in parts for line in part.details),
    )


def _audience_text(consultation: Consultation) -> str:
    labels = {category.value: category.label for category in AudienceCategory}
    return ", ".join(labels.get(value, value) for value in consultation.audiences)


def process_check(facts: Facts) -> Check:
    check_id, title = "principle-d", "D. Part of a wider process of engagement"
    activity = facts.activity
    if activity is None:
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            "The consultation is not linked to an activity, so it is not part of any plan.",
        )
    missing = []
    if activity.plan is None:
        missing.append("the activity has no plan")
    if not activity.strategy_items:
        missing.append("it is not linked to any strategy priority, target or JSNA theme")
    proof = (*evidence.activity_page(activity), *evidence.plan(activity))
    if missing:
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            f"It is an activity, but {' and '.join(missing)}.",
            proof,
        )
    items = ", ".join(item.title for item in activity.strategy_items[:3])
    return Check(
        check_id,
        P,
        title,
        Status.PASS,
        f"It is an activity with a plan, serving "
        f"{plural(len(activity.strategy_items), 'strategy item')} ({items}).",
        proof,
    )


def targeted_check(facts: Facts) -> Check:
    check_id, title, consultation = "principle-f", "F. Targeted", facts.consultation
    proof = (evidence.details(consultation),)
    area = (
        "the whole area"
        if consultation.whole_area
        else plural(len(consultation.ward_codes), "ward")
    )
    if not consultation.audiences:
        return Check(
            check_id,
            P,
            title,
            Status.WARNING,
            f"It covers {area} but says nobody it is aimed at.",
            proof,
        )
    if not consultation.whole_area and not consultation.ward_codes:
        return Check(
            check_id, P, title, Status.WARNING, "It is for chosen wards, but none is chosen.", proof
        )
    return Check(
        check_id,
        P,
        title,
        Status.PASS,
        f"Aimed at {_audience_text(consultation)}, in {area}.",
        proof,
    )


def groups_check(facts: Facts) -> Check:
    check_id, title = "principle-g", "G. Takes account of the groups being consulted"
    proof = (*evidence.who_took_part(facts.activity), *evidence.plan(facts.activity))
    report = facts.report
    if report is None:
        return Check(
            check_id,
            P,
            title,
            Status.NOT_APPLICABLE,
            "It is not linked to an activity with a report of who took part.",
            proof,
        )
    if report.counts.responses == 0:
        return Check(check_id, P, title, Status.NOT_APPLICABLE, "Nobody has taken part yet.", proof)
    flagged = report.flagged
    if not flagged:
        return Check(
            check_id,
            P,
            title,
            Status.PASS,
            "No group is flagged as under-represented among the people who took part.",
            proof,
        )
    planned = _planned_outreach(facts)
    without = [(dim, row) for dim, row in flagged if not _reached(dim.key, row, planned)]
    named = "; ".join(f"{row.label} ({dim.label.lower()})" for dim, row in flagged)
    if not without:
        return Check(
            check_id,
            P,
            title,
            Status.PASS,
            f"Under-represented: {named}. The plan records how each is being reached.",
            proof,
        )
    missing = "; ".join(f"{row.label} ({dim.label.lower()})" for dim, row in without)
    return Check(
        check_id,
        P,
        title,
        Status.WARNING,
        f"{plural(len(flagged), 'group')} under-represented: {named}. No outreach to {missing} "
        "is recorded in the plan's list of who is affected and how they are reached.",
        proof,
    )


def _planned_outreach(facts: Facts) -> list[dict[str, str]]:
    plan = facts.activity.plan if facts.activity is not None else None
    return [
        row
        for row in (plan.stakeholders if plan else [])
        if str(row.get("how_reached", "")).strip()
    ]


def _reached(dimension: str, row: ReportRow, planned: list[dict[str, str]]) -> bool:
    """Outreach to a flagged group is recorded when a stakeholder row with a "how reached"
    answer has its category (for local-person categories) or names it."""
    label = row.label.lower()
    return any(
        (dimension == "category" and item.get("category") == row.key)
        or label in str(item.get("group", "")).lower()
        for item in planned
    )


def principle_checks(facts: Facts, gunning: dict[str, Check]) -> list[Check]:
    clear = readability_check(facts, check_id="principle-a", group=P, title="A. Clear and concise")
    return [
        clear,
        _combined(
            "principle-b",
            "B. Has a purpose",
            gunning["gunning-2-proposal"],
            gunning["gunning-1-options"],
        ),
        _combined(
            "principle-c",
            "C. Informative",
            gunning["gunning-2-documents"],
            gunning["gunning-2-proposal"],
        ),
        process_check(facts),
        _combined(
            "principle-e",
            "E. Lasts for a proportionate amount of time",
            gunning["gunning-3-length"],
            gunning["gunning-3-holidays"],
        ),
        targeted_check(facts),
        groups_check(facts),
        agreed_check(facts),
        scrutiny_check(facts),
        timely_check(facts),
        elections_check(
            facts,
            check_id="principle-k",
            group=P,
            title="K. Not launched during an election period",
        ),
    ]
