"""The answer to a subject access request as a JSON document, to send to the person.

The structure (version 1); every date and time is ISO 8601 in UTC, every label in plain words:

    {
      "format": "involve-subject-access", "version": 1,
      "generated_at": "2026-05-01T09:30:00+00:00",
      "controller": {"name": "...", "contact_email": "...", "data_protection_officer": "..."},
      "request_reference": "SAR 2026/014",        # the officer's reference or reason
      "searched_by": "email" | "reference",
      "responses": [{
        "reference": "K7M-Q9P-2XD",
        "found_by": "E-mail address given in the response",
        "consultation": {"title": "...", "address": "/consultations/<slug>"},
        "status": "Submitted" | "Started, not submitted",
        "channel": "Online",
        "started_at": "...", "submitted_at": "..." | null, "received_on": "..." | null,
        "agreed_to_publication": false,
        "personal_data_removed": null | {"on": "...", "why": "erasure" | "retention"},
        "about_you": null | {"responding_as", "organisation_type", "organisation_name",
                             "connections": [...], "connection_other", "councillor_or_member",
                             "age", "economic_activity", "postcode", "ward", "name",
                             "email", "wants_updates"},
        "answers": [{"question": "...", "answer": ["line", ...]}],
        "equality_answers": null | {"sex", "ethnic_group", "disability"},
        "moderation": [{"question", "why_queued", "status", "published_text", "reason",
                        "decided_at"}],
        "officer_notes": [{"question", "note", "highlighted", "themes": [...]}]
      }],
      "subscriptions": [{                        # e-mails they asked for, by that address
        "email": "...",
        "kind": "A topic" | "An area" | "The outcome of a consultation",
        "about": "consultations about Parking",
        "created_at": "...", "confirmed_at": "..." | null, "unsubscribed_at": "..." | null
      }],
      "emails": [{                               # e-mails written to that address
        "to": "...", "subject": "...", "kind": "Confirming a subscription" | ...,
        "status": "Sent" | "Waiting to be sent" | "Not sent",
        "created_at": "...", "sent_at": "..." | null,
        "text": "Dear ..."                       # the whole text: it is their data too
      }]
    }
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from involve.models import AuthoritySettings, ResponseStatus
from involve.services.economic_activity import ANSWER_LABELS as ECONOMIC_ACTIVITY_ANSWERS
from involve.services.email_data import EmailData, email_kind_label, email_status_label
from involve.services.response_labels import connection_labels, label_of
from involve.services.subject_access import HeldResponse, SubjectAccessResult
from involve.templating import format_datetime

FORMAT = "involve-subject-access"
VERSION = 1
STATUS_LABELS = {
    ResponseStatus.SUBMITTED: "Submitted",
    ResponseStatus.IN_PROGRESS: "Started, not submitted",
}
MODERATION_SOURCE_LABELS = {
    "quote": "Chosen as a quote for a summary",
    "consented_response": "Published with your agreement",
    "point_raised": "A point raised at an event",
}
MODERATION_STATUS_LABELS = {
    "pending": "Waiting for a decision",
    "approved": "Published with personal details removed",
    "edited": "Published after an officer's edit",
    "withheld": "Not published",
}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _about_you(held: HeldResponse) -> dict[str, Any] | None:
    profile = held.profile
    if profile is None:
        return None
    ward = f"{held.ward_name} ({profile.ward_code})" if held.ward_name else profile.ward_code
    return {
        "responding_as": label_of(profile.responding_as),
        "organisation_type": label_of(profile.organisation_type),
        "organisation_name": profile.organisation_name,
        "connections": connection_labels(list(profile.connections or [])),
        "connection_other": profile.connection_other,
        "councillor_or_member": label_of(profile.elected_status),
        "age": label_of(profile.age_band),
        "economic_activity": ECONOMIC_ACTIVITY_ANSWERS.get(
            profile.economic_activity, profile.economic_activity
        ),
        "postcode": profile.postcode,
        "ward": ward,
        "name": profile.name,
        "email": profile.email,
        "wants_updates": profile.wants_updates,
    }


def response_document(held: HeldResponse) -> dict[str, Any]:
    response = held.response
    equality = held.equality
    return {
        "reference": response.reference,
        "found_by": held.matched_by,
        "consultation": {
            "title": response.consultation.title,
            "address": f"/consultations/{response.consultation.slug}",
        },
        "status": STATUS_LABELS.get(response.status, str(response.status)),
        "channel": label_of(response.channel),
        "started_at": _iso(response.created_at),
        "submitted_at": _iso(response.submitted_at),
        "received_on": _iso(response.received_on),
        "agreed_to_publication": response.publish_consent,
        "personal_data_removed": (
            {"on": _iso(response.anonymised_at), "why": response.anonymised_by}
            if response.anonymised_at
            else None
        ),
        "about_you": _about_you(held),
        "answers": [{"question": a.question.text, "answer": a.lines} for a in held.answers],
        "equality_answers": (
            {
                "sex": equality.sex,
                "ethnic_group": equality.ethnic_group,
                "disability": equality.disability,
            }
            if equality is not None
            else None
        ),
        "moderation": [
            {
                "question": question.text,
                "why_queued": MODERATION_SOURCE_LABELS.get(item.source, str(item.source)),
                "status": MODERATION_STATUS_LABELS.get(item.status, str(item.status)),
                "published_text": item.published_text,
                "reason": item.reason,
                "decided_at": _iso(item.decided_at),
            }
            for question, item in held.moderation
        ],
        "officer_notes": [
            {
                "question": note.question.text,
                "note": note.note,
                "highlighted": note.highlights,
                "themes": note.themes,
            }
            for note in held.notes
        ],
    }


# -- the same facts as rows of (label, lines), for the results page and the readable page -----
Rows = list[tuple[str, list[str]]]


def fact_rows(held: HeldResponse) -> Rows:
    response = held.response
    rows: Rows = [
        ("Reference", [response.reference]),
        ("Consultation", [response.consultation.title]),
        ("Found by", [held.matched_by]),
        ("Status", [STATUS_LABELS.get(response.status, str(response.status))]),
        ("How it was sent", [label_of(response.channel)]),
        ("Started", [format_datetime(response.created_at)]),
    ]
    if response.submitted_at:
        rows.append(("Submitted", [format_datetime(response.submitted_at)]))
    if response.received_on:
        rows.append(("Received", [format_datetime(response.received_on, with_time=False)]))
    rows.append(("Agreed to publication", ["Yes" if response.publish_consent else "No"]))
    if response.anonymised_at:
        why = "on request" if held.is_erased else "at the end of the retention period"
        rows.append(
            ("Personal data removed", [f"{format_datetime(response.anonymised_at)}, {why}"])
        )
    return rows


def about_you_rows(held: HeldResponse) -> Rows:
    about = _about_you(held)
    if about is None:
        return []
    organisation = ": ".join(
        part for part in (about["organisation_type"], about["organisation_name"]) if part
    )
    connections = list(about["connections"])
    if about["connection_other"]:
        connections.append(f"Other: {about['connection_other']}")
    return [
        ("Name", [about["name"] or "Not given"]),
        ("E-mail address", [about["email"] or "Not given"]),
        ("Postcode", [about["postcode"] or "Not given"]),
        ("Ward", [about["ward"] or "Not known"]),
        ("Responding as", [about["responding_as"] or "Not answered"]),
        ("Organisation", [organisation or "Not answered"]),
        ("Connection to the area", connections or ["Not answered"]),
        ("Councillor or co-opted member", [about["councillor_or_member"] or "Not answered"]),
        ("Age", [about["age"] or "Not answered"]),
        ("Work or study", [about["economic_activity"] or "Not answered"]),
        ("Asked for updates", ["Yes" if about["wants_updates"] else "No"]),
    ]


def equality_rows(held: HeldResponse) -> Rows:
    equality = held.equality
    if equality is None:
        return []
    return [
        ("Sex", [equality.sex or "Not answered"]),
        ("Ethnic group", [equality.ethnic_group or "Not answered"]),
        ("Disability", [equality.disability or "Not answered"]),
    ]


def subject_access_document(
    result: SubjectAccessResult,
    *,
    settings: AuthoritySettings | None,
    request_reference: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": _iso(now),
        "controller": {
            "name": settings.name if settings else "",
            "contact_email": settings.contact_email if settings else "",
            "data_protection_officer": settings.dpo_contact if settings else "",
        },
        "request_reference": request_reference,
        "searched_by": result.search.kind,
        "responses": [response_document(held) for held in result.responses],
        **email_data_document(result.email_data),
    }


def email_data_document(held: EmailData) -> dict[str, list[dict[str, Any]]]:
    return {
        "subscriptions": [
            {
                "email": s.subscription.email,
                "kind": s.kind_label,
                "about": s.about,
                "created_at": _iso(s.subscription.created_at),
                "confirmed_at": _iso(s.subscription.confirmed_at),
                "unsubscribed_at": _iso(s.subscription.unsubscribed_at),
            }
            for s in held.subscriptions
        ],
        "emails": [
            {
                "to": message.to_address,
                "subject": message.subject,
                "kind": email_kind_label(message.kind),
                "status": email_status_label(message.status),
                "created_at": _iso(message.created_at),
                "sent_at": _iso(message.sent_at),
                "text": message.body_text,
            }
            for message in held.messages
        ],
    }


def subject_access_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def export_filename(response_reference: str, extension: str, *, now: datetime) -> str:
    """subject-access-K7M-Q9P-2XD-2026-05-01.json: the first response's reference and the date.
    Never the officer's request reference: it is free text and may hold a name."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", response_reference).strip("-")[:20]
    return f"subject-access-{slug + '-' if slug else ''}{now:%Y-%m-%d}.{extension}"
