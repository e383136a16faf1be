"""Demo of service-scoped officers (issue 9): Lee works for Libraries and culture only, so the
Housing draft (housing-allocations-policy) answers "You cannot change this consultation"."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import Officer, Role, Service

SCOPED_OFFICER = ("libraries@example.gov.uk", "Lee Libraries", Role.ENGAGEMENT_OFFICER)
SCOPED_SERVICE = "Libraries and culture"


def seed_demo_scope() -> list[str]:
    """Give the demo libraries officer their service whenever they have none."""
    officer = db.session.scalar(select(Officer).where(Officer.email == SCOPED_OFFICER[0]))
    service = db.session.scalar(select(Service).where(Service.name == SCOPED_SERVICE))
    if officer is None or service is None or officer.services:
        return []
    officer.services = [service]
    db.session.flush()
    return [
        f"{officer.full_name} ({officer.email}) works for {service.name} only: the Housing "
        "draft shows them who to ask instead of letting them change it"
    ]
