"""The plan behind an activity: the officer's answers to what the statutory guidance says must be
weighed (who is affected, who to involve and why, previous engagement, benefits and costs,
privacy, the balanced mix sought), kept as evidence. An activity is published only with a
complete plan, unless an administrator overrides with a reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from involve.auth.permissions import Permission, has_permission
from involve.extensions import db
from involve.models import Activity, ActivityPlan, AudienceCategory, Officer
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotPermitted
from involve.services.previous_engagement import PreviousEngagement, find_previous_engagement
from involve.services.reference_mix import AGE_COLUMNS, SEX_COLUMNS

NO_PREVIOUS_ENGAGEMENT = "No previous engagement on this subject was found."


class Section(StrEnum):
    STAKEHOLDERS = "stakeholders"
    WHO_AND_WHY = "who-and-why"
    PREVIOUS_ENGAGEMENT = "previous-engagement"
    BENEFITS_AND_COSTS = "benefits-and-costs"
    PRIVACY = "privacy"
    TARGET_MIX = "target-mix"

    @property
    def label(self) -> str:
        return {
            Section.STAKEHOLDERS: "Who may be affected or interested",
            Section.WHO_AND_WHY: "Who to inform, consult or involve, and why",
            Section.PREVIOUS_ENGAGEMENT: "Previous engagement",
            Section.BENEFITS_AND_COSTS: "Benefits and costs",
            Section.PRIVACY: "Privacy",
            Section.TARGET_MIX: "Target mix",
        }[self]


# The plan fields each section may write.
SECTION_FIELDS: dict[Section, frozenset[str]] = {
    Section.STAKEHOLDERS: frozenset({"stakeholders"}),
    Section.WHO_AND_WHY: frozenset({"why_this_way"}),
    Section.PREVIOUS_ENGAGEMENT: frozenset(
        {"previous_engagement_use", "previous_engagement_matches"}
    ),
    Section.BENEFITS_AND_COSTS: frozenset({"expected_benefits", "proportionality"}),
    Section.PRIVACY: frozenset({"personal_data_needed", "personal_data_reason"}),
    Section.TARGET_MIX: frozenset({"target_mix"}),
}

MIX_KEYS = frozenset(
    [*AGE_COLUMNS, *SEX_COLUMNS, *(category.value for category in AudienceCategory)]
)


class PlanOverrideRefused(DomainError):
    pass


def get_or_create_plan(activity: Activity) -> ActivityPlan:
    """The activity's plan, created empty if it has none; only for paths that save."""
    if activity.plan is None:
        activity.plan = ActivityPlan(activity=activity)
        db.session.add(activity.plan)
        db.session.flush()
    return activity.plan


def _blank(plan: ActivityPlan | None, *names: str) -> bool:
    return plan is None or any(not str(getattr(plan, name) or "").strip() for name in names)


def _stakeholder_problems(activity: Activity) -> list[str]:
    if activity.plan is None or not activity.plan.stakeholders:
        return ["Say who may be affected by or interested in this activity"]
    return []


def _who_and_why_problems(activity: Activity) -> list[str]:
    if _blank(activity.plan, "why_this_way"):
        return ["Say who it is appropriate to inform, consult or involve, and why this way"]
    return []


def _previous_engagement_problems(activity: Activity) -> list[str]:
    if not _blank(activity.plan, "previous_engagement_use"):
        return []
    if find_previous_engagement(activity):
        return [
            "Record how earlier engagement on this subject is used, "
            "or why asking again is justified"
        ]
    return ["Confirm that no previous engagement on this subject was found"]


def _benefit_problems(activity: Activity) -> list[str]:
    problems = []
    if _blank(activity.plan, "expected_benefits"):
        problems.append("Say what benefits the activity is expected to bring")
    if _blank(activity.plan, "proportionality"):
        problems.append("Say why the cost and staff time are proportionate")
    return problems


def _privacy_problems(activity: Activity) -> list[str]:
    if _blank(activity.plan, "personal_data_needed", "personal_data_reason"):
        return ["Say what personal data the activity needs and why"]
    return []


def _mix_problems(activity: Activity) -> list[str]:
    if activity.plan is None or not activity.plan.target_mix:
        return ["Set the target mix"]
    return []


_PROBLEMS: dict[Section, Callable[[Activity], list[str]]] = {
    Section.STAKEHOLDERS: _stakeholder_problems,
    Section.WHO_AND_WHY: _who_and_why_problems,
    Section.PREVIOUS_ENGAGEMENT: _previous_engagement_problems,
    Section.BENEFITS_AND_COSTS: _benefit_problems,
    Section.PRIVACY: _privacy_problems,
    Section.TARGET_MIX: _mix_problems,
}


def section_problems(activity: Activity, section: Section) -> list[str]:
    """What is missing from one section, in plain English (empty when it is complete)."""
    return _PROBLEMS[section](activity)


def plan_problems(activity: Activity) -> list[str]:
    """Everything the plan still lacks, section by section; empty when it is complete. Reads
    only: completion is recorded when a section is saved."""
    return [problem for section in Section for problem in section_problems(activity, section)]


def is_complete(activity: Activity) -> bool:
    return not plan_problems(activity)


def save_plan_section(
    *, actor: Officer, activity: Activity, section: Section, data: Mapping[str, Any]
) -> ActivityPlan:
    """Store one section's answers, audit them, and mark the plan completed when nothing is
    left to answer (or not completed again, if an answer was taken away)."""
    unknown = set(data) - SECTION_FIELDS[section]
    if unknown:
        raise ValueError(f"Fields not in the {section} section: {sorted(unknown)}")
    if section == Section.TARGET_MIX:
        _check_mix(data["target_mix"])
    plan = get_or_create_plan(activity)
    for name, value in data.items():
        setattr(plan, name, value)
    problems = plan_problems(activity)
    if not problems and plan.completed_at is None:
        plan.completed_at = utc_now()
    elif problems:
        plan.completed_at = None
    db.session.flush()
    record_event(
        actor=actor,
        action="activity_plan.section_saved",
        object_type="activity",
        object_id=activity.id,
        summary=f"Saved '{section.label}' in the plan for {activity.title}",
        detail={"section": section.value, "fields": sorted(data), "complete": not problems},
    )
    return plan


def _check_mix(mix: Mapping[str, float]) -> None:
    for key, share in mix.items():
        if key not in MIX_KEYS or not 0 <= share <= 1:
            raise ValueError(f"Not a target mix share: {key}={share}")


def add_stakeholders(
    *, actor: Officer, activity: Activity, rows: Sequence[Mapping[str, str]]
) -> ActivityPlan:
    """Add stakeholder groups: each {"group", "category" (AudienceCategory value), "how_reached"}."""
    current = list(activity.plan.stakeholders) if activity.plan else []
    added = [
        {
            "group": row["group"],
            "category": AudienceCategory(row["category"]).value,
            "how_reached": row["how_reached"],
        }
        for row in rows
    ]
    return save_plan_section(
        actor=actor,
        activity=activity,
        section=Section.STAKEHOLDERS,
        data={"stakeholders": current + added},
    )


def remove_stakeholder(*, actor: Officer, activity: Activity, index: int) -> dict[str, Any]:
    """Remove one stakeholder group by its position in the list; IndexError if there is none."""
    current = list(activity.plan.stakeholders) if activity.plan else []
    if not 0 <= index < len(current):
        raise IndexError(index)
    removed = current.pop(index)
    save_plan_section(
        actor=actor,
        activity=activity,
        section=Section.STAKEHOLDERS,
        data={"stakeholders": current},
    )
    return removed


def save_previous_engagement(
    *, actor: Officer, activity: Activity, use: str, shown: Sequence[PreviousEngagement]
) -> ActivityPlan:
    """Keep the officer's answer with the matches they were shown when they gave it; with no
    matches, an empty answer confirms that none was found."""
    if shown and not use.strip():
        raise DomainError(
            "Enter how the earlier engagement is used, or why asking again is justified"
        )
    return save_plan_section(
        actor=actor,
        activity=activity,
        section=Section.PREVIOUS_ENGAGEMENT,
        data={
            "previous_engagement_use": use or NO_PREVIOUS_ENGAGEMENT,
            "previous_engagement_matches": [
                {"activity_id": match.activity_id, "title": match.title, "score": match.score}
                for match in shown
            ],
        },
    )


def record_override(*, actor: Officer, activity: Activity, reason: str) -> ActivityPlan:
    """An administrator lets the activity be published without a complete plan, giving the
    reason, which is kept on the plan and in the audit log."""
    if not has_permission(actor, Permission.MANAGE_SETTINGS):
        raise NotPermitted("Only an administrator can publish without a complete plan")
    reason = reason.strip()
    if not reason:
        raise PlanOverrideRefused("Enter the reason for publishing without a complete plan")
    plan = get_or_create_plan(activity)
    plan.override_reason = reason
    plan.override_by_id = actor.id
    db.session.flush()
    record_event(
        actor=actor,
        action="activity_plan.overridden",
        object_type="activity",
        object_id=activity.id,
        summary=f"Allowed {activity.title} to be published without a complete plan: {reason}",
        detail={"reason": reason, "plan_problems": plan_problems(activity)},
    )
    return plan
