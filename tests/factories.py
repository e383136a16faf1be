"""factory_boy factories: tests describe only the fields they care about."""

from __future__ import annotations

import factory

from involve.extensions import db
from involve.models import (
    AuthoritySettings,
    Officer,
    PartnerKind,
    PartnerOrganisation,
    Role,
    Service,
)
from involve.services.passwords import hash_password

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
