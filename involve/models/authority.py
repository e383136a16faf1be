"""The one authority a deployment serves, its services and its Local Strategic Partnership."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from involve.models.base import Base, TimestampMixin, enum_column


class AuthoritySettings(TimestampMixin, Base):
    """A single row: the council's name, ONS area code and public contact details."""

    __tablename__ = "authority_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # ONS GSS code of the local authority district (e.g. E07000082); picks the census profile.
    ons_code: Mapped[str] = mapped_column(String(9))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    postal_address: Mapped[str] = mapped_column(String(500), default="")
    website_url: Mapped[str] = mapped_column(String(500), default="")
    # Privacy: the data protection officer's contact for notices, and names (staff, councillors)
    # to redact from free text wherever it appears, one per line.
    dpo_contact: Mapped[str] = mapped_column(String(254), default="")
    redaction_names: Mapped[str] = mapped_column(Text, default="")


class Service(TimestampMixin, Base):
    """A council service (department) that runs involvement activities."""

    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class PartnerKind(StrEnum):
    POLICE = "police"
    HEALTH = "health"
    FIRE = "fire"
    EDUCATION = "education"
    VOLUNTARY = "voluntary"
    BUSINESS = "business"
    PUBLIC_BODY = "public_body"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PARTNER_KIND_LABELS[self]


PARTNER_KIND_LABELS = {
    PartnerKind.POLICE: "Police",
    PartnerKind.HEALTH: "NHS and health",
    PartnerKind.FIRE: "Fire and rescue",
    PartnerKind.EDUCATION: "Schools, colleges and universities",
    PartnerKind.VOLUNTARY: "Voluntary and community sector",
    PartnerKind.BUSINESS: "Business",
    PartnerKind.PUBLIC_BODY: "Other public body",
    PartnerKind.OTHER: "Other",
}


class PartnerOrganisation(TimestampMixin, Base):
    """An organisation in the Local Strategic Partnership that can run or join activities."""

    __tablename__ = "partner_organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[PartnerKind] = mapped_column(enum_column(PartnerKind))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
