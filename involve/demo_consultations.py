"""Demo consultations for Stroud District Council, with wards, demo postcodes and responses.

Open, closed, scheduled and draft consultations, dated relative to the moment of seeding so
the demo always shows each phase. Idempotent: a consultation whose slug exists is skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from involve.demo_car_park import CAR_PARK_RESURFACING
from involve.demo_library import LIBRARY_HOURS
from involve.demo_parking import PARKING_PLAN
from involve.demo_responses import seed_responses
from involve.demo_specs import ConsultationSpec, PageSpec, QuestionSpec
from involve.demo_youth import YOUTH_SERVICES
from involve.extensions import db
from involve.models import (
    AudienceCategory,
    Consultation,
    Officer,
    Question,
    QuestionKind,
    QuestionPage,
)
from involve.models.base import utc_now
from involve.services import authority, geography
from involve.templating import UK

DEMO_DISTRICT = "E07000082"

GARDEN_WASTE = ConsultationSpec(
    slug="garden-waste-collections",
    title="Garden waste collections",
    service="Waste and recycling",
    summary=(
        "We propose to collect garden waste every two weeks all year round instead of pausing "
        "collections in December and January, with a small rise in the annual charge."
    ),
    proposal=(
        "Garden waste would be collected every two weeks throughout the year. The annual "
        "subscription would rise from £52 to £58, with a £10 discount for people who receive "
        "council tax support.\n\nCustomers could choose a second bin for half price."
    ),
    reasons=(
        "Subscribers have asked for winter collections for several years, and Christmas trees "
        "and winter prunings now go into general waste. The rise covers the extra collections."
    ),
    topics=("Waste", "Recycling", "Charges"),
    audiences=(AudienceCategory.RESIDENTS, AudienceCategory.SERVICE_USERS),
    published_day=-3,
    opens_day=14,
    closes_day=14 + 56,
    decision_day=120,
    contact_name="Waste and recycling team",
    other_ways_to_respond="Call 01453 000 000 to answer by phone or ask for a paper copy.",
    pages=(
        PageSpec(
            "Garden waste",
            (
                QuestionSpec(
                    "subscriber",
                    QuestionKind.SINGLE_CHOICE,
                    "Do you subscribe to the garden waste service?",
                    options=("Yes", "No"),
                    required=True,
                ),
                QuestionSpec(
                    "support",
                    QuestionKind.AGREE_SCALE,
                    "To what extent do you agree with collecting garden waste all year round?",
                ),
                QuestionSpec("why", QuestionKind.LONG_TEXT, "Please tell us why"),
            ),
        ),
    ),
)

HOUSING_ALLOCATIONS = ConsultationSpec(
    slug="housing-allocations-policy",
    title="Housing allocations policy review",
    service="Housing",
    summary="How we decide who is offered council and housing association homes.",
    proposal="We are reviewing the bands and local connection rules of the allocations policy.",
    reasons="The policy was last reviewed in 2019 and the housing register has doubled since.",
    topics=("Housing",),
    audiences=(AudienceCategory.RESIDENTS, AudienceCategory.VOLUNTARY_AND_COMMUNITY_GROUPS),
    published_day=None,
    opens_day=45,
    closes_day=45 + 84,
    decision_day=200,
    contact_name="Housing strategy team",
    other_ways_to_respond="",
    pages=(
        PageSpec(
            "Local connection",
            (
                QuestionSpec(
                    "connection",
                    QuestionKind.AGREE_SCALE,
                    "People should have lived in the district for two years to join the register. "
                    "To what extent do you agree?",
                ),
            ),
        ),
    ),
)

DEMO_CONSULTATIONS = (
    LIBRARY_HOURS,
    PARKING_PLAN,
    YOUTH_SERVICES,
    GARDEN_WASTE,
    HOUSING_ALLOCATIONS,
    CAR_PARK_RESURFACING,  # open for only 10 days: fails the fairness checks on time
)


def seed_demo_geography() -> list[str]:
    """The demo district's wards (ONS lookup) and the illustrative demo postcodes."""
    wards = geography.import_ward_file(path=geography.WARD_LOOKUP_FILE, district_code=DEMO_DISTRICT)
    postcodes = geography.import_postcode_file(
        path=geography.DEMO_POSTCODES_FILE, district_code=DEMO_DISTRICT
    )
    lines = []
    if wards.added or postcodes.added:
        lines.append(
            f"Imported {wards.added} wards and {postcodes.added} demo postcodes for Stroud"
        )
    return lines


def seed_demo_consultations(*, now: datetime | None = None) -> list[str]:
    """Create the demo consultations that do not exist yet, with their responses."""
    now = (now or utc_now()).replace(minute=0, second=0, microsecond=0)
    existing = set(db.session.scalars(select(Consultation.slug)))
    services = {service.name: service for service in authority.list_services()}
    author = db.session.scalar(select(Officer).where(Officer.email == "officer@example.gov.uk"))
    lines = []
    for seed, spec in enumerate(DEMO_CONSULTATIONS, start=1):
        if spec.slug in existing:
            continue
        consultation, questions = create_from_spec(spec, now, services, author)
        count = seed_responses(
            spec=spec,
            consultation=consultation,
            questions=questions,
            now=now,
            seed=seed * 1_000,
            entered_by_id=author.id if author else None,
        )
        lines.append(f"Created the demo consultation {spec.title!r} with {count} responses")
    db.session.flush()
    return lines


def _uk_time(moment: datetime, *, hour: int, minute: int) -> datetime:
    """That day's hour:minute in the UK, as a UTC datetime."""
    day = moment.astimezone(UK)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0).astimezone(UTC)


def create_from_spec(
    spec: ConsultationSpec,
    now: datetime,
    services: dict,  # type: ignore[type-arg]
    author: Officer | None,
) -> tuple[Consultation, dict[str, Question]]:
    """The consultation a spec describes, its days counted from `now`, with its pages and
    questions (no responses); returns it and its questions by the spec's keys."""
    opens_at = now + timedelta(days=spec.opens_day)
    consultation = Consultation(
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        proposal=spec.proposal,
        reasons=spec.reasons,
        service=services.get(spec.service),
        whole_area=spec.whole_area,
        ward_codes=list(spec.ward_codes),
        topics=list(spec.topics),
        audiences=[audience.value for audience in spec.audiences],
        # Opening hours are the council's (UK time), stored as UTC: 9am and 11:59pm in summer
        # too, not an hour out.
        opens_at=_uk_time(opens_at, hour=9, minute=0),
        closes_at=_uk_time(now + timedelta(days=spec.closes_day), hour=23, minute=59),
        decision_due_on=(now + timedelta(days=spec.decision_day)).date(),
        contact_name=spec.contact_name,
        contact_email=spec.contact_email,
        contact_phone=spec.contact_phone,
        other_ways_to_respond=spec.other_ways_to_respond,
        published_at=(
            None if spec.published_day is None else now + timedelta(days=spec.published_day)
        ),
        created_by_id=author.id if author else None,
        created_at=now + timedelta(days=min(spec.published_day or 0, 0) - 14),
    )
    db.session.add(consultation)
    questions: dict[str, Question] = {}
    pages = []
    for page_position, page_spec in enumerate(spec.pages):
        page = QuestionPage(position=page_position, title=page_spec.title, show_if_value="")
        consultation.pages.append(page)
        pages.append((page, page_spec))
        for position, item in enumerate(page_spec.questions):
            question = _question(item, position)
            page.questions.append(question)
            questions[item.key] = question
    db.session.flush()
    for page, page_spec in pages:
        if page_spec.show_if is not None:
            key, value = page_spec.show_if
            page.show_if_question_id = questions[key].id
            page.show_if_value = value
    db.session.flush()
    return consultation, questions


def _question(item: QuestionSpec, position: int) -> Question:
    return Question(
        position=position,
        kind=item.kind,
        text=item.text,
        hint=item.hint,
        required=item.required,
        options=list(item.options),
        statements=list(item.statements),
        allow_other=item.allow_other,
        max_length=item.max_length,
        min_value=item.min_value,
        max_value=item.max_value,
        wording_history=[],
    )
