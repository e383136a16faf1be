"""Demo data for a fresh install: a real English district and one officer per role.

Stroud District Council (ONS code E07000082) is the demo authority because its census
profile and ward lookup ship with the project. involve.demo_consultations adds its wards, demo
postcodes, and consultations in every phase with several hundred made-up responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from involve.demo_activities import seed_demo_activities
from involve.demo_compliance import seed_demo_compliance
from involve.demo_consultations import seed_demo_consultations, seed_demo_geography
from involve.demo_decisions import seed_demo_decisions
from involve.demo_fairness import seed_demo_fairness
from involve.demo_moderation import seed_demo_moderation
from involve.demo_representativeness import seed_demo_representativeness
from involve.demo_retention import seed_demo_retention
from involve.demo_scope import SCOPED_OFFICER, seed_demo_scope
from involve.demo_subscriptions import seed_demo_subscriptions
from involve.demo_theming import seed_demo_theming
from involve.models import PartnerKind, Role
from involve.services import activities, authority, officers, passwords
from involve.services.password_policy import generate_password

DEMO_AUTHORITY = {
    "name": "Stroud District Council",
    "ons_code": "E07000082",
    "contact_email": "haveyoursay@example.gov.uk",
    "contact_phone": "01453 000 000",
    "postal_address": "Consultation team, Stroud District Council, Ebley Mill, Stroud GL5 4UB",
    "website_url": "https://www.example.gov.uk",
}

DEMO_OFFICERS = [
    ("admin@example.gov.uk", "Alex Admin", Role.ADMIN),
    ("officer@example.gov.uk", "Priya Engagement", Role.ENGAGEMENT_OFFICER),
    ("analyst@example.gov.uk", "Sam Analyst", Role.ANALYST),
    ("auditor@example.gov.uk", "Jo Auditor", Role.AUDITOR),
    SCOPED_OFFICER,  # an engagement officer limited to one service (issue 9)
]

DEMO_SERVICES = [
    "Libraries and culture",
    "Parking and transport",
    "Youth services",
    "Planning",
    "Waste and recycling",
    "Housing",
]

DEMO_PARTNERS = [
    ("Gloucestershire Constabulary", PartnerKind.POLICE),
    ("NHS Gloucestershire Integrated Care Board", PartnerKind.HEALTH),
    ("Gloucestershire Fire and Rescue Service", PartnerKind.FIRE),
    ("Stroud District Voluntary and Community Sector Alliance", PartnerKind.VOLUNTARY),
    ("South Gloucestershire and Stroud College", PartnerKind.EDUCATION),
]


@dataclass
class SeedReport:
    lines: list[str] = field(default_factory=list)


def seed_demo(*, password: str | None) -> SeedReport:
    """Create what is missing; never duplicate. A given password is (re)applied to every demo
    officer; without one, new officers get a generated password that is reported once."""
    report = SeedReport()
    if authority.get_settings() is None:
        authority.save_settings(actor=None, **DEMO_AUTHORITY)
        report.lines.append(f"Created the demo authority: {DEMO_AUTHORITY['name']}")
    existing_services = {service.name for service in authority.list_services()}
    for name in DEMO_SERVICES:
        if name not in existing_services:
            authority.add_service(actor=None, name=name)
    existing_partners = {partner.name for partner in authority.list_partners()}
    for name, kind in DEMO_PARTNERS:
        if name not in existing_partners:
            authority.add_partner(actor=None, name=name, kind=kind)
    _seed_officers(password, report)
    report.lines.extend(seed_demo_scope())
    report.lines.extend(seed_demo_geography())
    report.lines.extend(seed_demo_consultations())
    report.lines.extend(seed_demo_retention())
    activities.ensure_consultation_activities()
    report.lines.extend(seed_demo_activities())
    report.lines.extend(seed_demo_representativeness())
    report.lines.extend(seed_demo_fairness())  # after representativeness: it fills in plans
    report.lines.extend(seed_demo_theming())
    report.lines.extend(seed_demo_subscriptions())
    report.lines.extend(seed_demo_moderation())  # after theming: it highlights coded comments
    report.lines.extend(seed_demo_decisions())  # after theming: it cites the theme summary
    report.lines.extend(seed_demo_compliance())  # last: it checks everything above
    return report


def _seed_officers(password: str | None, report: SeedReport) -> None:
    generated = password or generate_password(people=[(e, n) for e, n, _ in DEMO_OFFICERS])
    created_any = False
    for email, full_name, role in DEMO_OFFICERS:
        officer = officers.get_officer_by_email(email)
        if officer is None:
            officers.create_officer(
                actor=None, email=email, full_name=full_name, role=role, password=generated
            )
            created_any = True
        elif password is not None and not passwords.verify_password(
            officer.password_hash, password
        ):
            officers.set_password(actor=None, officer=officer, new_password=password)
    emails = ", ".join(email for email, _, _ in DEMO_OFFICERS)
    if password is not None:
        report.lines.append(f"Demo officers ({emails}) use the password in INVOLVE_DEMO_PASSWORD.")
    elif created_any:
        report.lines.append(f"Demo officers created: {emails}")
        report.lines.append(f"Their password (shown once, keep it): {generated}")
    else:
        report.lines.append(
            "Demo officers already exist; their password is the one shown when they were first "
            "created. To set a new one: .venv/bin/flask --app wsgi involve set-password "
            "--email admin@example.gov.uk"
        )
    report.lines.append(
        "admin@example.gov.uk is an administrator: at first sign-in it is asked to set up an "
        "authenticator app (two-factor authentication), as every administrator is."
    )
