"""The officer pages a fairness check points to as its evidence. Every page here can be read
with READ_REPORTS, as the checklist can, unless its Evidence names another permission."""

from __future__ import annotations

from involve.auth.permissions import Permission
from involve.models import Activity, Consultation
from involve.services.fairness_checks import Evidence

DECISION_RECORD = "officer.decision_record"


def details(consultation: Consultation) -> Evidence:
    return Evidence(
        "Consultation details",
        "officer.consultation_overview",
        {"consultation_id": consultation.id},
    )


def documents(consultation: Consultation) -> Evidence:
    return Evidence(
        "Documents and links",
        "officer.consultation_documents",
        {"consultation_id": consultation.id},
    )


def public_page(consultation: Consultation) -> Evidence:
    return Evidence(
        "The public consultation page", "public.consultation", {"slug": consultation.slug}
    )


def responses(consultation: Consultation, channel: str = "") -> Evidence:
    values: dict[str, object] = {"consultation_id": consultation.id}
    if channel:
        values["channel"] = channel
    return Evidence(
        "Responses received on paper" if channel == "paper" else "Responses",
        "officer.list_responses",
        values,
    )


def election_periods() -> Evidence:
    return Evidence("Pre-election periods", "officer.election_periods")


def new_election_period() -> Evidence:
    return Evidence(
        "Enter a pre-election period",
        "officer.new_election_period",
        permission=Permission.MANAGE_SETTINGS,
    )


def audit_log() -> Evidence:
    return Evidence("Audit log", "officer.audit_log", permission=Permission.READ_AUDIT_LOG)


def activity_page(activity: Activity | None) -> tuple[Evidence, ...]:
    if activity is None:
        return ()
    return (Evidence("The activity", "officer.activity_overview", {"activity_id": activity.id}),)


def plan(activity: Activity | None, text: str = "The activity's plan") -> tuple[Evidence, ...]:
    if activity is None:
        return ()
    return (Evidence(text, "officer.activity_plan", {"activity_id": activity.id}),)


def who_took_part(activity: Activity | None) -> tuple[Evidence, ...]:
    if activity is None:
        return ()
    return (
        Evidence(
            "Who took part (representativeness)",
            "officer.representativeness",
            {"activity_id": activity.id},
        ),
    )


def decision_record(activity: Activity | None) -> tuple[Evidence, ...]:
    """The activity's decision record page (there is none without an activity)."""
    if activity is None:
        return ()
    return (Evidence("Decision record", DECISION_RECORD, {"activity_id": activity.id}),)


def theming(codeframe_id: int, question: str) -> tuple[Evidence, ...]:
    short = question if len(question) <= 60 else question[:57].rstrip() + "..."
    return (
        Evidence(
            f"Theming of \u201c{short}\u201d", "officer.theming_hub", {"codeframe_id": codeframe_id}
        ),
        Evidence(
            f"Theme summary of \u201c{short}\u201d",
            "officer.theme_summary",
            {"codeframe_id": codeframe_id},
        ),
    )
