"""All models, imported here so Alembic and the app see one complete metadata."""

from involve.models.audit import AuditEvent
from involve.models.authority import AuthoritySettings, PartnerKind, PartnerOrganisation, Service
from involve.models.base import Base
from involve.models.officers import Officer, Role

__all__ = [
    "AuditEvent",
    "AuthoritySettings",
    "Base",
    "Officer",
    "PartnerKind",
    "PartnerOrganisation",
    "Role",
    "Service",
]
