"""One world for the access tests (issue 9), built once per test module: two services, each
with a draft consultation ready to build, an open one with responses and a codeframe, a draft
event with its plan, materials and points, and a moderation item; a consultation published to
open later (scheduled); officers of every role, and an engagement officer and an analyst who
work for service A only.

Each request runs inside a savepoint that is rolled back, so a POST that publishes, deletes or
erases something leaves the world as it was for the next request."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection, select

from involve.extensions import db
from involve.models import (
    Activity,
    BackgroundJob,
    Consultation,
    ConsultationDocument,
    ConsultationLink,
    ElectionPeriod,
    EmailMessage,
    JobStatus,
    ModerationItem,
    ModerationSource,
    QuestionKind,
    ReferenceDistribution,
    RespondentProfile,
    RespondingAs,
    Role,
    Service,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.activities import ensure_consultation_activities
from involve.services.theming_items import start_codeframe
from tests.factories import (
    AnswerFactory,
    AuthoritySettingsFactory,
    ConsultationFactory,
    OfficerFactory,
    PartnerFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
    ServiceFactory,
)
from tests.factories_activities import (
    ActivityFactory,
    ActivityMaterialFactory,
    ActivityPlanFactory,
    FeedbackItemFactory,
    StrategyItemFactory,
)
from tests.factories_theming import ThemeFactory
from tests.rolled_back import rolled_back_session
from tests.second_factor import enrol_authenticator

# Routes the access tests do not request, and why.
EXEMPT = {
    "static": "files under static/, no data",
    "assets.static": "GOV.UK Frontend's built assets, no data",
}
PERSONAS = {  # persona -> (role, works for service A only)
    "admin": (Role.ADMIN, False),
    "engagement_officer": (Role.ENGAGEMENT_OFFICER, False),
    "analyst": (Role.ANALYST, False),
    "auditor": (Role.AUDITOR, False),
    "scoped_officer": (Role.ENGAGEMENT_OFFICER, True),
    "scoped_analyst": (Role.ANALYST, True),
}
MISSING_ID = 987_654


@dataclass
class Bundle:
    """One service's objects: `values` names a real object for every URL argument."""

    service_name: str
    values: dict[str, Any]
    open_consultation_id: int
    open_document_id: int


@dataclass
class World:
    connection: Connection
    a: Bundle
    b: Bundle
    emails: dict[str, str]  # persona -> e-mail address
    authenticators: dict[str, str]  # persona -> authenticator app secret (administrators)
    # Draft consultations, and one published to open later (scheduled): the public must never
    # see them, on any page or in the API, until they open (involve.services.lifecycle.is_public).
    hidden_slugs: list[str]
    # Draft events, and the scheduled consultation's own activity.
    hidden_activity_slugs: list[str]
    # Text that must never appear on a public page: unpublished titles, officers' and
    # respondents' e-mail addresses, a respondent's name.
    secrets: list[str] = field(default_factory=list)


def _document(consultation: Any, title: str) -> ConsultationDocument:
    document = ConsultationDocument(
        consultation=consultation,
        title=title,
        original_filename="proposal.pdf",
        stored_name=f"access-matrix-{consultation.slug}",  # no file: downloads answer 404
        content_type="application/pdf",
        size_bytes=10,
        uploaded_at=utc_now(),
    )
    db.session.add(document)
    return document


def _finished_discovery(codeframe_id: int, item_id: int) -> BackgroundJob:
    proposed = {"label": "a", "terms": ["a"], "size": 1, "item_ids": [item_id], "quotes": []}
    job = BackgroundJob(
        kind="discover_themes",
        subject_id=codeframe_id,
        status=JobStatus.SUCCEEDED,
        result={"texts": 1, "left_out": 0, "themes": [proposed]},
    )
    db.session.add(job)
    return job


def _bundle(tag: str, secrets: list[str]) -> Bundle:
    service = ServiceFactory(name=f"Service {tag}")
    # A draft ready to build: two pages, a free-text question, a document and a link.
    draft = ConsultationFactory(
        service=service,
        published_at=None,
        title=f"Unpublished draft {tag} qzx",
        slug=f"unpublished-draft-{tag.lower()}-qzx",
    )
    page = QuestionPageFactory(consultation=draft, position=0)
    QuestionPageFactory(consultation=draft, position=1)
    question = QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT)
    document = _document(draft, f"Draft document {tag} qzx")
    link = ConsultationLink(consultation=draft, title="Background", url="https://example.org/")
    db.session.add(link)
    secrets += [draft.title, draft.slug, document.title]
    # An open consultation with a named respondent, a codeframe and a moderation item.
    opened = ConsultationFactory(service=service, title=f"Open consultation {tag}")
    open_question = QuestionFactory(
        page=QuestionPageFactory(consultation=opened, position=0), kind=QuestionKind.LONG_TEXT
    )
    response = ResponseFactory(consultation=opened)
    answer = AnswerFactory(response=response, question=open_question, value="More buses")
    db.session.add(
        RespondentProfile(
            response_id=response.id,
            responding_as=RespondingAs.INDIVIDUAL,
            name=f"Respondent Qzx{tag}",
            email=f"respondent-{tag.lower()}@example.org",
        )
    )
    secrets += [f"Respondent Qzx{tag}", f"respondent-{tag.lower()}@example.org"]
    open_document = _document(opened, f"Proposal {tag}")
    codeframe = start_codeframe(actor=None, question=open_question)
    theme = ThemeFactory(codeframe=codeframe, name=f"Theme {tag}")
    db.session.flush()
    item_id = codeframe_item_id(codeframe.id)
    moderation = ModerationItem(
        consultation_id=opened.id,
        answer_id=answer.id,
        source=ModerationSource.CONSENTED_RESPONSE,
        redacted_text="More buses",
    )
    db.session.add(moderation)
    # A draft event with its plan, a material, a point raised and its own reference figures.
    event = ActivityFactory(
        service=service,
        published_at=None,
        title=f"Draft event {tag} qzx",
        slug=f"draft-event-{tag.lower()}-qzx",
    )
    secrets += [event.title, event.slug]
    ActivityPlanFactory(activity=event)
    material = ActivityMaterialFactory(activity=event)
    point = FeedbackItemFactory(activity=event)
    reference = ReferenceDistribution(
        scope=f"activity:{event.id}",
        activity_id=event.id,
        dimension="age",
        table_code="officer",
        title="Who uses the service",
        counts={"16 to 24": 10, "25 to 64": 20},
        total=30.0,
    )
    db.session.add(reference)
    job = _finished_discovery(codeframe.id, item_id)
    db.session.flush()
    values = {
        "consultation_id": draft.id,
        "page_id": page.id,
        "question_id": question.id,
        "document_id": document.id,
        "link_id": link.id,
        "reference": response.reference,
        "activity_id": event.id,
        "material_id": material.id,
        "point_id": point.id,
        "reference_id": reference.id,
        "row": 0,
        "codeframe_id": codeframe.id,
        "theme_id": theme.id,
        "item_id": item_id,
        "moderation_item_id": moderation.id,
        "job_id": job.id,
        "suggestion_id": MISSING_ID,  # none made: the views must still refuse or answer 404
        "group_id": MISSING_ID,
    }
    return Bundle(service.name, values, opened.id, open_document.id)


def codeframe_item_id(codeframe_id: int) -> int:
    return db.session.scalars(
        select(ThemeItem.id).where(ThemeItem.codeframe_id == codeframe_id)
    ).one()


def build_world(connection: Connection) -> World:
    AuthoritySettingsFactory()
    secrets: list[str] = []
    a, b = _bundle("A", secrets), _bundle("B", secrets)
    service_a = db.session.scalar(select(Service).where(Service.name == "Service A"))
    emails, authenticators = {}, {}
    for persona, (role, scoped) in PERSONAS.items():
        officer = OfficerFactory(
            role=role, full_name=f"Officer {persona}", email=f"{persona}-qzx@example.gov.uk"
        )
        if scoped:
            officer.services = [service_a]
        if role == Role.ADMIN:  # administrators must sign in with an authenticator app
            authenticators[persona] = enrol_authenticator(officer)
        emails[persona] = officer.email
        secrets.append(officer.email)
    scheduled = ConsultationFactory(
        title="Scheduled consultation qzx",
        slug="scheduled-consultation-qzx",
        published_at=utc_now() - timedelta(days=1),
        opens_at=utc_now() + timedelta(days=10),
        closes_at=utc_now() + timedelta(days=60),
    )
    QuestionFactory(page=QuestionPageFactory(consultation=scheduled, position=0))
    secrets.append(scheduled.title)
    published_event = ActivityFactory(title="Published event")
    common = {
        "officer_id": OfficerFactory().id,
        "service_id": service_a.id,
        "partner_id": PartnerFactory().id,
        "strategy_item_id": StrategyItemFactory().id,
        "period_id": _election_period().id,
        "message_id": _email().id,
        "kind": QuestionKind.SHORT_TEXT.value,
        "dimension": "age",
        "section": "controller",
        "slug": _slug_of(a.open_consultation_id),
        "activity_slug": published_event.slug,
        "page_number": 1,
        "token": "not-a-real-token",
    }
    ensure_consultation_activities()
    db.session.flush()
    for bundle in (a, b):
        bundle.values = {**common, **bundle.values}
    b.values["slug"] = _slug_of(b.open_consultation_id)
    db.session.commit()  # a savepoint release: requests see the world
    return World(
        connection=connection,
        a=a,
        b=b,
        emails=emails,
        authenticators=authenticators,
        hidden_slugs=[_slug_of(bundle.values["consultation_id"]) for bundle in (a, b)]
        + [scheduled.slug],
        hidden_activity_slugs=[_activity_slug_of(bundle.values["activity_id"]) for bundle in (a, b)]
        + [_consultation_activity_slug(scheduled.id)],
        secrets=secrets,
    )


def _slug_of(consultation_id: int) -> str:
    return db.session.get_one(Consultation, consultation_id).slug


def _activity_slug_of(activity_id: int) -> str:
    return db.session.get_one(Activity, activity_id).slug


def _consultation_activity_slug(consultation_id: int) -> str:
    return db.session.scalars(
        select(Activity.slug).where(Activity.consultation_id == consultation_id)
    ).one()


def _election_period() -> ElectionPeriod:
    period = ElectionPeriod(
        name="County elections", starts_on=date(2027, 3, 20), ends_on=date(2027, 5, 6)
    )
    db.session.add(period)
    db.session.flush()
    return period


def _email() -> EmailMessage:
    message = EmailMessage(to_address="someone@example.org", subject="Hello", body_text="Hello")
    db.session.add(message)
    db.session.flush()
    return message


@contextlib.contextmanager
def world_transaction(app: Flask) -> Iterator[World]:
    """The world inside one outer transaction, rolled back when the module is done."""
    with rolled_back_session(app) as connection:
        yield build_world(connection)


# The fixtures of a test module that shares one world: import both into it.
@pytest.fixture(scope="module", name="world")
def world_fixture(app: Flask) -> Iterator[World]:
    with world_transaction(app) as built:
        yield built


@pytest.fixture(name="db_session")
def shared_db_session(world: World) -> Iterator[object]:
    """Replaces conftest's per-test transaction: the module shares one world."""
    yield db.session
