"""The later sections of an activity's compliance report (see compliance_activity.py): who took
part, the fairness checks, the analysis, the decision, and whether the outcome ("You said, we
did") was published within 12 weeks."""

from __future__ import annotations

from involve.models import Activity, DecisionRecord, Way
from involve.services.compliance_analysis import CodeframeFigures
from involve.services.compliance_claims import (
    Claim,
    Link,
    Section,
    Timeliness,
    Timing,
    evidence_link,
    page_link,
)
from involve.services.compliance_labels import joined
from involve.services.fairness import Checklist, Status
from involve.services.fairness_checks import Group, day_text, plural
from involve.services.fairness_evidence import DECISION_RECORD
from involve.services.fairness_principles import RESPONSE_WEEKS
from involve.services.representativeness_dimension import DimensionReport
from involve.services.representativeness_report import Report


# -- who took part -----------------------------------------------------------------------------
def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def dimension_claim(dimension: DimensionReport, links: tuple[Link, ...]) -> Claim:
    claim_id, label = f"mix-{dimension.key}", dimension.label
    if dimension.status == "compared":
        flagged = dimension.flagged
        if flagged:
            named = "; ".join(
                f"{row.label} ({_percent(row.observed_percent) or row.observed_text} against "
                f"{_percent(row.reference_percent)})"
                for row in flagged
            )
            return Claim(claim_id, label, f"Under-represented: {named}.", links, Status.WARNING)
        return Claim(
            claim_id,
            label,
            f"No group is under-represented ({dimension.n_text or 'the'} people compared with "
            f"{dimension.reference_label or 'the reference'}).",
            links,
            Status.PASS,
        )
    if dimension.status == "observed_only":
        return Claim(
            claim_id,
            label,
            "Counted, but there is no reference to compare with.",
            links,
            Status.NOT_APPLICABLE,
        )
    return Claim(
        claim_id,
        label,
        dimension.message or "Not compared.",
        links,
        Status.WARNING if dimension.status == "unusable" else Status.NOT_APPLICABLE,
    )


def who_section(activity: Activity, report: Report | None) -> Section:
    title = "Who took part"
    if report is None:
        return Section(
            "who",
            title,
            "",
            (
                Claim(
                    "who-not-counted",
                    "People who took part",
                    f"Not counted: a {activity.format.label.lower()} has no responses or "
                    "attendance to record.",
                    status=Status.NOT_APPLICABLE,
                ),
            ),
        )
    page = "officer.representativeness"
    links = page_link("Who took part (representativeness)", page, activity_id=activity.id)
    counts = report.counts
    claims = []
    if activity.consultation_id is not None:
        claims.append(Claim("responses", "Responses", report.responses_text, links))
    if activity.format.is_event:
        claims.append(Claim("attendance", "Attendance", f"{counts.attendance:,}", links))
    claims += [
        Claim("individuals", "Individuals in the resident mix", report.individuals_text, links),
        Claim(
            "organisations", "Organisations (counted separately)", report.organisations_text, links
        ),
        Claim(
            "excluded",
            "Councillors and co-opted members (left out of the mix)",
            report.excluded_text,
            links,
        ),
        Claim(
            "channels",
            "How people took part",
            joined((f"{row.label}: {row.text}" for row in report.channels if row.count), "; ")
            or "Nobody yet.",
            links,
            details=(report.channels_note,) if report.channels_note else (),
        ),
    ]
    for dimension in report.dimensions:
        claims.append(
            dimension_claim(
                dimension,
                page_link(
                    f"{dimension.label} (representativeness)",
                    page,
                    anchor=f"dimension-{dimension.key}",
                    activity_id=activity.id,
                ),
            )
        )
    return Section(
        "who",
        title,
        f"Small numbers are shown as \u201cfewer than {report.threshold}\u201d. Groups are "
        "flagged when clearly fewer took part than the reference would lead you to expect.",
        tuple(claims),
    )


# -- fairness ----------------------------------------------------------------------------------
def fairness_sections(activity: Activity, checklist: Checklist | None) -> list[Section]:
    if checklist is None:
        return [
            Section(
                "fairness",
                "Fairness checks",
                "",
                (
                    Claim(
                        "fairness-not-applicable",
                        "Fairness checks",
                        "The Gunning principles and the Consultation Principles are checked for "
                        "online consultations; this activity's plan and who took part are "
                        "shown above.",
                        status=Status.NOT_APPLICABLE,
                    ),
                ),
            )
        ]
    page = page_link(
        "Fairness checks",
        "officer.consultation_fairness",
        consultation_id=checklist.consultation.id,
    )
    counts = checklist.counts
    summary = joined(f"{status.label}: {counts[status]}" for status in Status)
    sections = []
    for group, checks in checklist.groups:
        claims = tuple(
            Claim(
                check.id,
                check.title,
                check.reason,
                tuple(evidence_link(item) for item in check.evidence) + page,
                check.status,
                check.details,
            )
            for check in checks
        )
        intro = (
            f"Worked out from what is recorded, at the time of this report. {summary}."
            if group == Group.GUNNING
            else ""
        )
        sections.append(
            Section(f"fairness-{group.value}", f"Fairness: {group.label}", intro, claims)
        )
    return sections


# -- the analysis ------------------------------------------------------------------------------
def analysis_section(activity: Activity, codeframes: list[CodeframeFigures]) -> Section:
    claims = []
    for frame in codeframes:
        links = page_link(
            "Theme summary", "officer.theme_summary", codeframe_id=frame.codeframe_id
        ) + page_link("Theming", "officer.theming_hub", codeframe_id=frame.codeframe_id)
        campaigns = (
            f", {plural(frame.in_campaigns, 'text')} in confirmed campaigns"
            if frame.in_campaigns
            else ""
        )
        status = (
            Status.NOT_APPLICABLE
            if frame.texts == 0
            else Status.PASS
            if frame.to_code == 0
            else Status.WARNING
        )
        claims.append(
            Claim(
                f"analysis-{frame.codeframe_id}",
                f"\u201c{frame.title}\u201d",
                f"{frame.coded:,} of {plural(frame.texts, 'text')} coded{campaigns}; "
                f"{plural(len(frame.themes), 'theme')}.",
                links,
                status,
                tuple(f"{theme.name}: {plural(theme.count, 'text')}" for theme in frame.themes),
            )
        )
    if not claims:
        claims.append(
            Claim(
                "analysis-none",
                "Themes",
                "No free text has been themed for this activity.",
                status=Status.NOT_APPLICABLE,
            )
        )
    return Section(
        "analysis",
        "The analysis",
        "Each theme's count is the texts coded with it, as the theme summary counts them "
        "(texts in confirmed campaigns are counted apart).",
        tuple(claims),
    )


# -- the decision ------------------------------------------------------------------------------
def _decision_links(activity: Activity) -> tuple[Link, ...]:
    return page_link("Decision record", DECISION_RECORD, activity_id=activity.id)


def decision_section(
    activity: Activity,
    decision: DecisionRecord | None,
    codeframes: list[CodeframeFigures],
    timing: Timing,
) -> Section:
    links = _decision_links(activity)
    title = "The decision"
    if decision is None:
        needed = activity.way != Way.INFORM and timing.timeliness in (
            Timeliness.NOT_DUE,
            Timeliness.OVERDUE,
        )
        return Section(
            "decision",
            title,
            "",
            (
                Claim(
                    "decision",
                    "Decision",
                    "No decision is recorded yet.",
                    links,
                    Status.WARNING if needed else Status.NOT_APPLICABLE,
                ),
            ),
        )
    frames = {frame.codeframe_id: frame for frame in codeframes}
    cited = [frames[i].title for i in decision.codeframe_ids or [] if i in frames]
    cited_links = tuple(
        link
        for i in decision.codeframe_ids or []
        if i in frames
        for link in page_link(
            f"Theme summary of \u201c{frames[i].title}\u201d",
            "officer.theme_summary",
            codeframe_id=i,
        )
    )
    report: tuple[Link, ...] = ()
    if decision.report_url:
        report = (
            Link(decision.report_title or "The report", decision.report_url, is_external=True),
        )
    answered = sum(1 for text in (decision.theme_responses or {}).values() if str(text).strip())
    claims = (
        Claim("decision", "Decision", decision.decision or "Not recorded.", links),
        Claim(
            "decided",
            "Decided",
            joined(
                (
                    f"On {day_text(decision.decided_on)}"
                    if decision.decided_on
                    else "Date not recorded",
                    f"by {decision.decision_maker}" if decision.decision_maker else "",
                ),
                " ",
            )
            + ".",
            links,
        ),
        Claim(
            "decision-report",
            "The report the decision-maker read",
            decision.report_title or "Not recorded.",
            links + report,
        ),
        Claim(
            "responses-considered",
            "How the responses were taken into account",
            decision.how_responses_considered or "Not recorded.",
            links,
            Status.PASS if decision.how_responses_considered.strip() else Status.WARNING,
        ),
        Claim(
            "analysis-cited",
            "The analysis it cites",
            joined(cited, "; ") or "It cites no theme summary.",
            links + cited_links,
            Status.PASS if cited else Status.WARNING,
        ),
        Claim(
            "theme-responses",
            "What was done about each theme",
            f"Recorded for {plural(answered, 'theme')}." if answered else "Not recorded per theme.",
            links,
        ),
    )
    return Section("decision", title, "", claims)


# -- on time -----------------------------------------------------------------------------------
def _public_outcome(activity: Activity, decision: DecisionRecord | None) -> tuple[Link, ...]:
    if decision is None or decision.published_at is None:
        return ()
    if activity.consultation is not None:
        return page_link(
            "\u201cYou said, we did\u201d (public page)",
            "public.you_said_we_did",
            slug=activity.consultation.slug,
        )
    return page_link(
        "\u201cYou said, we did\u201d (public page)",
        "public.activity_you_said_we_did",
        activity_slug=activity.slug,
    )


def outcome_section(activity: Activity, decision: DecisionRecord | None, timing: Timing) -> Section:
    links = _public_outcome(activity, decision) + _decision_links(activity)
    if activity.consultation_id is not None:
        links += page_link(
            "Consultation details",
            "officer.consultation_overview",
            consultation_id=activity.consultation_id,
        )
    overview = page_link("The activity", "officer.activity_overview", activity_id=activity.id)
    claims = (
        Claim(
            "outcome-timing",
            f"\u201cYou said, we did\u201d published within {RESPONSE_WEEKS} weeks",
            f"{timing.timeliness.label}. {timing.reason}",
            links,
            timing.timeliness.status,
        ),
        Claim(
            "outcome-summary",
            "What happened as a result",
            activity.outcome_summary or "Not recorded.",
            overview,
        ),
    )
    return Section("outcome", "Telling people the outcome", "", claims)
