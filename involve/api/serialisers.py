"""Consultations as the open-data API publishes them: what was asked and why, when, where, the
questions, documents and outcome. Nothing personal: no contact details, no officer names, no
responses (results are aggregates, see results.py). Shapes match the OpenAPI schemas."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from involve.models import AGREE_SCALE, Consultation, DecisionRecord, Question, QuestionKind
from involve.public_urls import external_url
from involve.services.lifecycle import phase_of
from involve.services.open_data import Outcome


def when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def areas(whole_area: bool, ward_codes: list[str], names: dict[str, str]) -> dict[str, Any]:
    return {
        "whole_area": whole_area,
        "wards": [{"code": code, "name": names.get(code)} for code in ward_codes or []],
    }


def closed_at(consultation: Consultation) -> datetime | None:
    """When it actually closed (or will close): early closure wins over the planned date."""
    return consultation.closed_early_at or consultation.closes_at


def consultation_summary(consultation: Consultation) -> dict[str, Any]:
    slug = consultation.slug
    return {
        "slug": slug,
        "title": consultation.title,
        "summary": consultation.summary,
        "status": phase_of(consultation).value,
        "opens_at": when(consultation.opens_at),
        "closes_at": when(closed_at(consultation)),
        "topics": list(consultation.topics or []),
        "ward_codes": list(consultation.ward_codes or []),
        "whole_area": consultation.whole_area,
        "links": {
            "self": external_url("api.consultation", slug=slug),
            "results": external_url("api.consultation_results", slug=slug),
            "web_page": external_url("public.consultation", slug=slug),
        },
    }


def question_item(consultation: Consultation, question: Question, page: int) -> dict[str, Any]:
    options = list(question.options or [])
    if question.kind == QuestionKind.AGREE_SCALE:
        options = list(AGREE_SCALE)
    elif question.kind == QuestionKind.GRID:
        options = options or list(AGREE_SCALE)  # a grid's scale points
    return {
        "id": question.id,
        "consultation": consultation.slug,
        "page": page,
        "position": question.position,
        "kind": question.kind.value,
        "text": question.text,
        "hint": question.hint,
        "required": question.required,
        "options": options,
        "statements": list(question.statements or []),
        "allow_other": question.allow_other,
        "min_value": question.min_value,
        "max_value": question.max_value,
    }


def questions_of(consultation: Consultation) -> list[dict[str, Any]]:
    return [
        question_item(consultation, question, number)
        for number, page in enumerate(consultation.pages, start=1)
        for question in page.questions
    ]


def decision_item(decision: DecisionRecord | None) -> dict[str, Any] | None:
    if decision is None or decision.published_at is None:
        return None
    return {
        "decision": decision.decision,
        "decided_on": when(decision.decided_on),
        "decision_maker": decision.decision_maker,
        "report_title": decision.report_title,
        "report_url": decision.report_url or None,
        "how_responses_were_considered": decision.how_responses_considered,
        "published_at": when(decision.published_at),
    }


def outcome_item(consultation: Consultation, outcome: Outcome) -> dict[str, Any] | None:
    """The outcome is the published decision record ("You said, we did"): none until then,
    and none again once it is taken down."""
    decision = decision_item(outcome.decision)
    if consultation.outcome_published_at is None or decision is None:
        return None
    summary = outcome.activity.outcome_summary if outcome.activity is not None else ""
    return {"published_at": decision["published_at"], "summary": summary, "decision": decision}


def consultation_detail(
    consultation: Consultation, *, ward_names: dict[str, str], outcome: Outcome
) -> dict[str, Any]:
    slug = consultation.slug
    summary = consultation_summary(consultation)
    return {
        **{key: summary[key] for key in ("slug", "title", "summary", "status")},
        "proposal": consultation.proposal,
        "reasons": consultation.reasons,
        "service": consultation.service.name if consultation.service else None,
        "audiences": list(consultation.audiences or []),
        "topics": list(consultation.topics or []),
        "dates": {
            "opens_at": when(consultation.opens_at),
            "closes_at": when(consultation.closes_at),
            "closed_early_at": when(consultation.closed_early_at),
            "decision_due_on": when(consultation.decision_due_on),
            "outcome_published_at": when(consultation.outcome_published_at),
        },
        "areas": areas(consultation.whole_area, consultation.ward_codes, ward_names),
        "documents": [
            {
                "title": document.title,
                "url": external_url("public.download_document", slug=slug, document_id=document.id),
                "content_type": document.content_type,
                "size_bytes": document.size_bytes,
            }
            for document in sorted(consultation.documents, key=lambda d: d.id)
        ],
        "related_links": [
            {"title": link.title, "url": link.url}
            for link in sorted(consultation.links, key=lambda link: link.id)
        ],
        "questions": questions_of(consultation),
        "outcome": outcome_item(consultation, outcome),
        "links": summary["links"],
    }
