"""factory_boy factories: tests describe only the fields they care about."""

from __future__ import annotations

from datetime import timedelta

import factory

from involve.extensions import db
from involve.models import (
    Answer,
    AuthoritySettings,
    Channel,
    Consultation,
    Officer,
    PartnerKind,
    PartnerOrganisation,
    Question,
    QuestionKind,
    QuestionPage,
    Response,
    ResponseStatus,
    Role,
    Service,
)
from involve.models.base import utc_now
from involve.services.passwords import hash_password
from involve.services.references import new_reference

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class _Base(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class OfficerFactory(_Base):
    class Meta:
        model = Officer

    email = factory.Sequence(lambda n: f"officer{n}@example.gov.uk")
    full_name = factory.Sequence(lambda n: f"Officer {n}")
    role = Role.ENGAGEMENT_OFFICER
    password_hash = factory.LazyFunction(lambda: hash_password(DEFAULT_PASSWORD))
    active = True
    failed_sign_in_count = 0


class AuthoritySettingsFactory(_Base):
    class Meta:
        model = AuthoritySettings

    name = "Stroud District Council"
    ons_code = "E07000082"
    contact_email = "haveyoursay@example.gov.uk"
    contact_phone = "01453 000 000"
    postal_address = "Ebley Mill, Stroud"
    website_url = ""


class ServiceFactory(_Base):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    is_active = True


class PartnerFactory(_Base):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = PartnerKind.VOLUNTARY
    is_active = True


class ConsultationFactory(_Base):
    """A published, open consultation by default; pass published_at=None for a draft."""

    class Meta:
        model = Consultation

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "We want to know what you think about this proposal."
    proposal = "We propose to change how the service works."
    reasons = "The current arrangement costs more than it should."
    opens_at = factory.LazyFunction(lambda: utc_now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: utc_now() + timedelta(days=35))
    published_at = factory.LazyFunction(lambda: utc_now() - timedelta(days=8))
    whole_area = True
    ward_codes = factory.LazyFunction(list)
    topics = factory.LazyFunction(list)
    audiences = factory.LazyFunction(list)
    contact_email = "consult@example.gov.uk"
    about_you_enabled = True
    equality_questions_enabled = True


class QuestionPageFactory(_Base):
    class Meta:
        model = QuestionPage

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n)
    title = ""
    show_if_value = ""


class QuestionFactory(_Base):
    class Meta:
        model = Question

    page = factory.SubFactory(QuestionPageFactory)
    position = factory.Sequence(lambda n: n)
    kind = QuestionKind.SHORT_TEXT
    text = factory.Sequence(lambda n: f"Question {n}")
    hint = ""
    required = False
    options = factory.LazyFunction(list)
    statements = factory.LazyFunction(list)
    allow_other = False
    wording_history = factory.LazyFunction(list)


class ResponseFactory(_Base):
    """A submitted online response."""

    class Meta:
        model = Response

    consultation = factory.SubFactory(ConsultationFactory)
    reference = factory.LazyFunction(new_reference)
    status = ResponseStatus.SUBMITTED
    channel = Channel.ONLINE
    submitted_at = factory.LazyFunction(utc_now)


class AnswerFactory(_Base):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "An answer"
    text = factory.LazyAttribute(
        lambda answer: answer.value if isinstance(answer.value, str) else ""
    )
