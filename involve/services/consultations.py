"""Creating, changing and copying consultations, and the lists officers read them from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from involve.extensions import db
from involve.models import (
    AuthoritySettings,
    Consultation,
    ConsultationLink,
    Officer,
    Question,
    QuestionPage,
    Response,
    ResponseStatus,
    Ward,
)
from involve.services import activities, consultation_dates, lifecycle
from involve.services.audit import record_event
from involve.services.documents import copy_document
from involve.services.errors import NotFound
from involve.services.fairness_records import stamp_records

SLUG_MAX = 100
TITLE_MAX = 200


@dataclass
class ConsultationDetails:
    """Everything an officer sets on the details form."""

    title: str
    summary: str = ""
    proposal: str = ""
    reasons: str = ""
    service_id: int | None = None
    whole_area: bool = True
    ward_codes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    decision_due_on: date | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    other_ways_to_respond: str = ""
    about_you_enabled: bool = True
    equality_questions_enabled: bool = True
    # Fairness (issue 8): Gunning 1 and 3, and the sign-off of Consultation Principle H.
    options_still_open: str = ""
    short_period_reason: str = ""
    agreed_by: str = ""
    agreed_on: date | None = None

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationDetails:
        return cls(**{item.name: getattr(consultation, item.name) for item in fields(cls)})


_FIELD_NAMES = [item.name for item in fields(ConsultationDetails)]


@dataclass(frozen=True)
class ConsultationRow:
    consultation: Consultation
    response_count: int


def get_consultation(consultation_id: int) -> Consultation:
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None:
        raise NotFound("Consultation not found")
    return consultation


def list_consultations() -> list[ConsultationRow]:
    """Every consultation, newest first, with its count of submitted responses (one query)."""
    counts = (
        select(Response.consultation_id, func.count(Response.id).label("responses"))
        .where(Response.status == ResponseStatus.SUBMITTED)
        .group_by(Response.consultation_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Consultation, func.coalesce(counts.c.responses, 0))
        .outerjoin(counts, counts.c.consultation_id == Consultation.id)
        .options(joinedload(Consultation.service))
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    ).all()
    return [ConsultationRow(consultation, int(count)) for consultation, count in rows]


def count_responses(consultation: Consultation) -> int:
    """Submitted responses."""
    return (
        db.session.scalar(
            select(func.count(Response.id)).where(
                Response.consultation_id == consultation.id,
                Response.status == ResponseStatus.SUBMITTED,
            )
        )
        or 0
    )


def list_wards_for_authority() -> Sequence[Ward]:
    """The wards of the authority's district, or nothing when none have been imported."""
    district = db.session.scalar(
        select(AuthoritySettings.ons_code).order_by(AuthoritySettings.id).limit(1)
    )
    if not district:
        return []
    return db.session.scalars(
        select(Ward).where(Ward.district_code == district).order_by(Ward.name)
    ).all()


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:SLUG_MAX].strip("-") or "consultation"


def unique_slug(title: str) -> str:
    """A slug from the title, with -2, -3 ... appended when it is taken."""
    base = slugify(title)[: SLUG_MAX - 6].strip("-")
    taken = set(
        db.session.scalars(
            select(Consultation.slug).where(
                (Consultation.slug == base) | Consultation.slug.like(f"{base}-%")
            )
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def create_consultation(*, actor: Officer, details: ConsultationDetails) -> Consultation:
    """A new draft consultation with one empty page of questions."""
    consultation = Consultation(slug=unique_slug(details.title), created_by_id=actor.id)
    _apply(consultation, details)
    consultation.pages = [QuestionPage(position=0, title="")]
    db.session.add(consultation)
    db.session.flush()
    event = record_event(
        actor=actor,
        action="consultation.created",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Created consultation {consultation.title}",
    )
    stamp_records(consultation, changed=_FIELD_NAMES, at=event.occurred_at)
    activities.create_consultation_activity(actor=actor, consultation=consultation)
    return consultation


def update_consultation(
    *, actor: Officer, consultation: Consultation, details: ConsultationDetails
) -> list[str]:
    """Save the details; returns the names of the fields that changed. Raises DateIsFact
    rather than rewrite when it opened or closed (see consultation_dates)."""
    before = ConsultationDetails.of(consultation)
    consultation_dates.check_dates(
        consultation, opens_at=details.opens_at, closes_at=details.closes_at
    )
    # A time shown to the minute and saved unchanged keeps its stored seconds.
    if consultation_dates.same_minute(details.opens_at, before.opens_at):
        details.opens_at = before.opens_at
    if consultation_dates.same_minute(details.closes_at, before.closes_at):
        details.closes_at = before.closes_at
    _apply(consultation, details)
    changed = [
        item.name
        for item in fields(ConsultationDetails)
        if getattr(before, item.name) != getattr(details, item.name)
    ]
    db.session.flush()
    activities.sync_activity_from_consultation(consultation)
    if changed:
        event = record_event(
            actor=actor,
            action="consultation.updated",
            object_type="consultation",
            object_id=consultation.id,
            summary=f"Changed {', '.join(changed)} of {consultation.title}",
            detail={"fields": changed},
        )
        stamp_records(consultation, changed=changed, at=event.occurred_at)
    return changed


def _apply(consultation: Consultation, details: ConsultationDetails) -> None:
    for item in fields(ConsultationDetails):
        value = getattr(details, item.name)
        setattr(consultation, item.name, list(value) if isinstance(value, list) else value)
    if consultation.whole_area:
        consultation.ward_codes = []


def copy_consultation(*, actor: Officer, consultation: Consultation) -> Consultation:
    """A draft copy: every detail but the dates, all pages, questions (routing remapped) and
    supporting material."""
    details = ConsultationDetails.of(consultation)
    details.title = f"Copy of {consultation.title}"[:TITLE_MAX]
    details.opens_at = details.closes_at = None
    details.decision_due_on = None
    details.agreed_by, details.agreed_on = "", None  # a copy needs its own sign-off
    copy = Consultation(
        slug=unique_slug(details.title), created_by_id=actor.id, copied_from_id=consultation.id
    )
    _apply(copy, details)
    db.session.add(copy)
    question_ids = _copy_pages(consultation, copy)
    copy.links = [ConsultationLink(title=link.title, url=link.url) for link in consultation.links]
    copy.documents = [copy_document(document) for document in consultation.documents]
    db.session.flush()
    for old_page, new_page in zip(consultation.pages, copy.pages, strict=True):
        if old_page.show_if_question_id is not None:
            new_page.show_if_question_id = question_ids[old_page.show_if_question_id].id
            new_page.show_if_value = old_page.show_if_value
    db.session.flush()
    event = record_event(
        actor=actor,
        action="consultation.copied",
        object_type="consultation",
        object_id=copy.id,
        summary=f"Copied {consultation.title} as {copy.title}",
        detail={"copied_from_id": consultation.id},
    )
    stamp_records(copy, changed=_FIELD_NAMES, at=event.occurred_at)  # recorded for the copy now
    activities.create_consultation_activity(actor=actor, consultation=copy)
    return copy


_QUESTION_FIELDS = [
    "position",
    "kind",
    "text",
    "hint",
    "required",
    "options",
    "statements",
    "allow_other",
    "max_length",
    "min_value",
    "max_value",
]


def _copy_pages(source: Consultation, copy: Consultation) -> dict[int, Question]:
    question_ids: dict[int, Question] = {}
    for page in source.pages:
        new_page = QuestionPage(position=page.position, title=page.title, show_if_value="")
        for question in page.questions:
            new_question = Question(
                **{name: _copied(getattr(question, name)) for name in _QUESTION_FIELDS},
                wording_history=[],
            )
            new_page.questions.append(new_question)
            question_ids[question.id] = new_question
        copy.pages.append(new_page)
    return question_ids


def _copied(value: object) -> object:
    return list(value) if isinstance(value, list) else value


# Lifecycle: thin wrappers so views talk to one module.
NotReadyToPublish = lifecycle.NotReadyToPublish
WrongPhase = lifecycle.WrongPhase
phase_of = lifecycle.phase_of
publish_problems = lifecycle.publish_problems


def publish(*, actor: Officer, consultation: Consultation, base_url: str = "") -> None:
    lifecycle.publish(actor=actor, consultation=consultation, base_url=base_url)
    activities.sync_activity_from_consultation(consultation)


def unpublish(*, actor: Officer, consultation: Consultation) -> None:
    lifecycle.unpublish(actor=actor, consultation=consultation)
    activities.sync_activity_from_consultation(consultation)


def close_early(*, actor: Officer, consultation: Consultation, reason: str) -> None:
    lifecycle.close_early(actor=actor, consultation=consultation, reason=reason.strip())
    activities.sync_activity_from_consultation(consultation)
