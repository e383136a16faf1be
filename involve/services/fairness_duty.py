"""The duty to involve (Local Government and Public Involvement in Health Act 2007, s.138, and
its statutory guidance): the plan answers the five considerations the guidance names, and the
people who took part came close to the balanced mix the plan set out to reach."""

from __future__ import annotations

from involve.models import ActivityPlan
from involve.services import fairness_evidence as evidence
from involve.services.fairness_checks import Check, Group, Status, day_text
from involve.services.fairness_facts import Facts
from involve.services.planning import Section
from involve.services.reference_groups import Dimension
from involve.services.representativeness_dimension import ReportRow

D = Group.DUTY
# The five considerations are the plan's sections other than the target mix, which the second
# check judges by what was achieved. A section is answered when all its text is filled in.
CONSIDERATIONS: dict[Section, tuple[str, ...]] = {
    Section.STAKEHOLDERS: ("stakeholders",),
    Section.WHO_AND_WHY: ("why_this_way",),
    Section.PREVIOUS_ENGAGEMENT: ("previous_engagement_use",),
    Section.BENEFITS_AND_COSTS: ("expected_benefits", "proportionality"),
    Section.PRIVACY: ("personal_data_needed", "personal_data_reason"),
}


def _answered(plan: ActivityPlan | None, names: tuple[str, ...]) -> bool:
    if plan is None:
        return False
    for name in names:
        value = getattr(plan, name)
        if not (value if isinstance(value, list) else str(value or "").strip()):
            return False
    return True


def considerations_check(facts: Facts) -> Check:
    check_id, title = "duty-considerations", "The plan answers the five considerations"
    activity = facts.activity
    if activity is None:
        return Check(
            check_id,
            D,
            title,
            Status.WARNING,
            "It is not linked to an activity, so there is no plan.",
        )
    plan = activity.plan
    proof = evidence.plan(activity)
    missing = [
        section.label for section, names in CONSIDERATIONS.items() if not _answered(plan, names)
    ]
    if not missing:
        when = (
            f" (the plan was completed on {day_text(plan.completed_at)})"
            if plan and plan.completed_at
            else ""
        )
        return Check(check_id, D, title, Status.PASS, f"All five are answered{when}.", proof)
    override = (
        " An administrator allowed publication without a complete plan: "
        f"\u201c{plan.override_reason}\u201d."
        if plan is not None and plan.override_reason
        else ""
    )
    unanswered = (
        "None of the five considerations is answered"
        if len(missing) == len(CONSIDERATIONS)
        else f"{len(missing)} of the five considerations "
        + ("is" if len(missing) == 1 else "are")
        + " not answered"
    )
    return Check(
        check_id,
        D,
        title,
        Status.WARNING,
        f"{unanswered}: {', '.join(missing)}.{override}",
        proof,
    )


def mix_check(facts: Facts) -> Check:
    check_id, title = "duty-mix", "A balanced mix of people took part"
    activity = facts.activity
    proof = (*evidence.who_took_part(activity), *evidence.plan(activity, "The plan's target mix"))
    if activity is None or facts.report is None:
        return Check(
            check_id,
            D,
            title,
            Status.WARNING,
            "It is not linked to an activity, so there is no target mix.",
            proof,
        )
    if activity.plan is None or not activity.plan.target_mix:
        return Check(
            check_id,
            D,
            title,
            Status.WARNING,
            "The plan sets no target mix to compare with.",
            proof,
        )
    category = next(dim for dim in facts.report.dimensions if dim.key == Dimension.CATEGORY)
    if category.status != "compared":
        return Check(
            check_id,
            D,
            title,
            Status.NOT_APPLICABLE,
            category.message
            or "The local-person categories cannot be compared with the target mix.",
            proof,
        )
    flagged = category.flagged
    if not flagged:
        return Check(
            check_id,
            D,
            title,
            Status.PASS,
            f"No local-person category is under-represented against the plan's target mix "
            f"({category.n_text} people compared).",
            proof,
        )
    named = "; ".join(_against_target(row) for row in flagged)
    return Check(
        check_id,
        D,
        title,
        Status.WARNING,
        f"Under-represented against the plan's target mix: {named}.",
        proof,
    )


def _against_target(row: ReportRow) -> str:
    """Children and young people: 4 (2%) against a target of 15%"""
    target = f" against a target of {row.reference_percent:.0f}%" if row.reference_percent else ""
    share = f" ({row.observed_percent:.0f}%)" if row.observed_percent is not None else ""
    return f"{row.label}: {row.observed_text}{share}{target}"


def duty_checks(facts: Facts) -> list[Check]:
    return [considerations_check(facts), mix_check(facts)]
