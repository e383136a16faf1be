"""One activity's compliance report: every claim an auditor needs, each with a link to the page
that shows its evidence. What the activity was, its plan and the duty's five considerations, who
took part, the fairness checks (consultations), the analysis, the decision and whether the
outcome came out on time. Read-only; a fixed number of queries whatever the number of responses,
questions or themes (the fairness checklist and the representativeness report are built once).

The sections after the plan are assembled in compliance_outcome.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.models import (
    Activity,
    DecisionRecord,
    StrategyKind,
    Ward,
)
from involve.models.base import utc_now
from involve.services.compliance_analysis import CodeframeFigures, activity_codeframes
from involve.services.compliance_claims import (
    Claim,
    Link,
    Section,
    Timing,
    outcome_timing,
    page_link,
)
from involve.services.compliance_labels import age_label, audience_label, joined, opportunity_label
from involve.services.compliance_outcome import (
    analysis_section,
    decision_section,
    fairness_sections,
    outcome_section,
    who_section,
)
from involve.services.consultation_dates import real_opening
from involve.services.fairness import Checklist, Status, fairness_checklist
from involve.services.fairness_checks import day_text
from involve.services.fairness_duty import CONSIDERATIONS
from involve.services.planning import Section as PlanSection
from involve.services.representativeness_report import Report, build_report
from involve.templating import format_datetime

EXCERPT_CHARS = 200
STRATEGY_LABELS = {
    StrategyKind.SCS_PRIORITY: "Sustainable Community Strategy priorities",
    StrategyKind.LAA_TARGET: "Local Area Agreement targets",
    StrategyKind.JSNA_THEME: "Joint Strategic Needs Assessment themes",
}


@dataclass(frozen=True)
class ActivityCompliance:
    activity: Activity
    checked_at: datetime
    sections: tuple[Section, ...]
    checklist: Checklist | None
    report: Report | None
    decision: DecisionRecord | None
    codeframes: list[CodeframeFigures]
    timing: Timing

    @property
    def claims(self) -> list[Claim]:
        return [claim for section in self.sections for claim in section.claims]


def build_activity_compliance(
    activity: Activity, *, now: datetime | None = None
) -> ActivityCompliance:
    now = now or utc_now()
    consultation = activity.consultation
    decision = db.session.scalars(
        select(DecisionRecord).where(DecisionRecord.activity_id == activity.id)
    ).first()
    checklist = fairness_checklist(consultation, now=now) if consultation is not None else None
    has_people = consultation is not None or activity.format.is_event
    report = build_report(activity) if has_people else None
    codeframes = activity_codeframes(activity)
    timing = outcome_timing(
        activity=activity, consultation=consultation, decision=decision, now=now
    )
    sections = (
        what_section(activity),
        plan_section(activity),
        who_section(activity, report),
        *fairness_sections(activity, checklist),
        analysis_section(activity, codeframes),
        decision_section(activity, decision, codeframes, timing),
        outcome_section(activity, decision, timing),
    )
    return ActivityCompliance(
        activity=activity,
        checked_at=now,
        sections=sections,
        checklist=checklist,
        report=report,
        decision=decision,
        codeframes=codeframes,
        timing=timing,
    )


# -- what the activity was ---------------------------------------------------------------------
def _area(activity: Activity) -> str:
    source = activity.consultation or activity
    if source.whole_area or not source.ward_codes:
        return "The whole council area"
    names = dict(
        db.session.execute(select(Ward.code, Ward.name).where(Ward.code.in_(source.ward_codes)))
        .tuples()
        .all()
    )
    return "Wards: " + joined(sorted(names.get(code, code) for code in source.ward_codes))


def _dates(activity: Activity) -> str:
    consultation = activity.consultation
    if consultation is not None:
        opened = real_opening(consultation)  # published late, it opened when published
        if opened is None or consultation.closes_at is None:
            return "The open and close dates are not set."
        text = f"Open from {format_datetime(opened)} to {format_datetime(consultation.closes_at)}"
        if consultation.closed_early_at and consultation.closed_early_at < consultation.closes_at:
            text += f"; closed early at {format_datetime(consultation.closed_early_at)}"
        if consultation.decision_due_on:
            text += f". The decision is due on {day_text(consultation.decision_due_on)}"
        return text + "."
    if activity.starts_at is None:
        return "No date is set."
    if activity.ends_at is None:
        return f"From {format_datetime(activity.starts_at)}."
    return f"From {format_datetime(activity.starts_at)} to {format_datetime(activity.ends_at)}."


def what_section(activity: Activity) -> Section:
    overview = page_link("The activity", "officer.activity_overview", activity_id=activity.id)
    details = overview
    if activity.consultation_id is not None:
        details += page_link(
            "Consultation details",
            "officer.consultation_overview",
            consultation_id=activity.consultation_id,
        )
    strategy = page_link(
        "Strategy lists", "officer.list_strategy_items", permission=Permission.READ_REPORTS
    )
    public = ()
    if activity.published_at is not None:
        public = page_link("The public page", "public.activity", activity_slug=activity.slug)
    items = activity.strategy_items

    def titles(kind: StrategyKind) -> str:
        found = [
            f"{item.reference_code} {item.title}".strip() for item in items if item.kind == kind
        ]
        return joined(found, "; ") or "None linked"

    claims = [
        Claim("way", "Way", activity.way.label, overview),
        Claim(
            "opportunities",
            "Opportunity types",
            joined(map(opportunity_label, activity.opportunity_types), "; ") or "None recorded",
            overview,
        ),
        Claim("format", "Format", activity.format.label, overview),
        Claim(
            "service",
            "Service",
            activity.service.name if activity.service else "No service recorded",
            overview,
        ),
        Claim(
            "audiences",
            "Aimed at",
            joined(map(audience_label, activity.audiences)) or "Not recorded",
            overview,
        ),
        Claim(
            "age-groups",
            "Age groups",
            joined(map(age_label, activity.age_groups)) or "All ages",
            overview,
        ),
        Claim("area", "Area", _area(activity), details),
        Claim("dates", "Dates", _dates(activity), details),
        Claim(
            "partners",
            "Partner organisations",
            joined(partner.name for partner in activity.partners) or "None",
            overview,
        ),
        *(
            Claim(
                f"strategy-{kind.value}", STRATEGY_LABELS[kind], titles(kind), overview + strategy
            )
            for kind in StrategyKind
        ),
        Claim(
            "commissioning-stage",
            "Commissioning stage",
            activity.commissioning_stage.label if activity.commissioning_stage else "Not recorded",
            overview,
        ),
        Claim(
            "published",
            "Published",
            f"At {format_datetime(activity.published_at)}"
            if activity.published_at
            else "No: it is a draft",
            overview + public,
        ),
    ]
    return Section("what", "What the activity was", "", tuple(claims))


# -- the plan ----------------------------------------------------------------------------------
def _excerpt(value: object) -> str:
    if isinstance(value, list):
        groups = [str(row.get("group", "")) for row in value if isinstance(row, dict)]
        return joined(groups, "; ")
    text = " ".join(str(value or "").split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 3].rstrip() + "..."


def plan_section(activity: Activity) -> Section:
    plan = activity.plan
    links: tuple[Link, ...] = page_link(
        "The activity's plan", "officer.activity_plan", activity_id=activity.id
    )
    if plan is None:
        status_claim = Claim("plan", "The plan", "There is no plan.", links, Status.WARNING)
    elif plan.completed_at is not None:
        status_claim = Claim(
            "plan",
            "The plan",
            f"Completed on {format_datetime(plan.completed_at)}.",
            links,
            Status.PASS,
        )
    else:
        override = (
            f" It was published without a complete plan: \u201c{plan.override_reason}\u201d."
            if plan.override_reason
            else ""
        )
        status_claim = Claim("plan", "The plan", f"Not complete.{override}", links, Status.WARNING)
    claims = [status_claim]
    for section, names in CONSIDERATIONS.items():
        parts = [_excerpt(getattr(plan, name)) if plan is not None else "" for name in names]
        answered = all(parts)
        claims.append(
            Claim(
                f"plan-{section.value}",
                section.label,
                " / ".join(parts) if answered else "Not answered.",
                links,
                Status.PASS if answered else Status.WARNING,
            )
        )
    mix = plan.target_mix if plan is not None else {}
    claims.append(
        Claim(
            f"plan-{PlanSection.TARGET_MIX.value}",
            "Target mix",
            joined(
                f"{audience_label(key)} {float(share) * 100:.0f}%"
                for key, share in mix.items()
                if isinstance(share, int | float)
            )
            or "Not set.",
            links,
            Status.PASS if mix else Status.WARNING,
        )
    )
    return Section(
        "plan",
        "The plan and the duty's five considerations",
        "What the statutory guidance says must be weighed before involving people, as the "
        "officer answered it.",
        tuple(claims),
    )
