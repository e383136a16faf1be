"""The authority's settings, its services and its partner organisations."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuthoritySettings, Officer, PartnerKind, PartnerOrganisation, Service
from involve.services.audit import record_event
from involve.services.errors import DomainError

PLACEHOLDER_SETTINGS = AuthoritySettings(
    name="Your council", ons_code="", contact_email="", contact_phone="", postal_address=""
)


class DuplicateName(DomainError):
    pass


def get_settings() -> AuthoritySettings | None:
    return db.session.scalar(select(AuthoritySettings).order_by(AuthoritySettings.id).limit(1))


def get_settings_or_placeholder() -> AuthoritySettings:
    """The settings row, or an unsaved placeholder before set-up so pages still render."""
    return get_settings() or PLACEHOLDER_SETTINGS


def save_settings(
    *,
    actor: Officer | None,
    name: str,
    ons_code: str,
    contact_email: str,
    contact_phone: str = "",
    postal_address: str = "",
    website_url: str = "",
    dpo_contact: str | None = None,
    redaction_names: str | None = None,
) -> AuthoritySettings:
    """Create or update the single settings record. The privacy fields stay as they are when
    not given (None)."""
    settings = get_settings()
    created = settings is None
    if settings is None:
        settings = AuthoritySettings()
        db.session.add(settings)
    changed = []
    if dpo_contact is not None and dpo_contact.strip() != (settings.dpo_contact or ""):
        settings.dpo_contact = dpo_contact.strip()
        changed.append("data protection officer contact")
    if redaction_names is not None:
        names = "\n".join(line.strip() for line in redaction_names.splitlines() if line.strip())
        if names != (settings.redaction_names or ""):
            settings.redaction_names = names
            changed.append("names to remove from anything published")
    settings.name = name.strip()
    settings.ons_code = ons_code.strip().upper()
    settings.contact_email = contact_email.strip()
    settings.contact_phone = contact_phone.strip()
    settings.postal_address = postal_address.strip()
    settings.website_url = website_url.strip()
    db.session.flush()
    record_event(
        actor=actor,
        action="settings.created" if created else "settings.updated",
        object_type="authority_settings",
        object_id=settings.id,
        summary=f"Settings saved for {settings.name} ({settings.ons_code})",
        # Which privacy settings changed, never the names themselves.
        detail={"changed": changed} if changed else None,
    )
    return settings


def list_services(*, include_inactive: bool = True) -> Sequence[Service]:
    query = select(Service).order_by(Service.name)
    if not include_inactive:
        query = query.where(Service.is_active.is_(True))
    return db.session.scalars(query).all()


def add_service(*, actor: Officer | None, name: str) -> Service:
    name = name.strip()
    if _name_taken(Service, name):
        raise DuplicateName("A service with this name already exists")
    service = Service(name=name, is_active=True)
    db.session.add(service)
    db.session.flush()
    record_event(
        actor=actor,
        action="service.created",
        object_type="service",
        object_id=service.id,
        summary=f"Added service {name}",
    )
    return service


def list_partners() -> Sequence[PartnerOrganisation]:
    return db.session.scalars(select(PartnerOrganisation).order_by(PartnerOrganisation.name)).all()


def add_partner(*, actor: Officer | None, name: str, kind: PartnerKind) -> PartnerOrganisation:
    name = name.strip()
    if _name_taken(PartnerOrganisation, name):
        raise DuplicateName("A partner organisation with this name already exists")
    partner = PartnerOrganisation(name=name, kind=kind, is_active=True)
    db.session.add(partner)
    db.session.flush()
    record_event(
        actor=actor,
        action="partner.created",
        object_type="partner_organisation",
        object_id=partner.id,
        summary=f"Added partner {name} ({kind.label})",
    )
    return partner


def _name_taken(model: type[Service] | type[PartnerOrganisation], name: str) -> bool:
    count = db.session.scalar(
        select(func.count()).select_from(model).where(func.lower(model.name) == name.lower())
    )
    return bool(count)
