"""Demo e-mail subscriptions (issue 8): a few made-up residents who have already confirmed, so
publishing the parking plan's outcome in the demo puts their e-mails in the outbox. No
confirmation e-mails are written for them: they are seeded as already confirmed."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Consultation, Ward
from involve.models.base import utc_now
from involve.models.outcomes import Subscription, SubscriptionKind

# (address at a reserved example domain, kind, topic, consultation slug or ward name)
DEMO_SUBSCRIPTIONS = [
    ("sam.resident@example.com", SubscriptionKind.CONSULTATION, "", "town-centre-parking-plan"),
    ("sam.resident@example.com", SubscriptionKind.TOPIC, "Parking", ""),
    ("kim.parent@example.org", SubscriptionKind.TOPIC, "Young people", ""),
    ("kim.parent@example.org", SubscriptionKind.AREA, "", "Stroud Central"),
]


def seed_demo_subscriptions() -> list[str]:
    if db.session.scalar(select(func.count(Subscription.id))):
        return []
    now = utc_now()
    added = 0
    for email, kind, topic, target in DEMO_SUBSCRIPTIONS:
        consultation_id, ward_code = None, ""
        if kind == SubscriptionKind.CONSULTATION:
            consultation = db.session.scalars(
                select(Consultation).where(Consultation.slug == target)
            ).first()
            if consultation is None:
                continue
            consultation_id = consultation.id
        elif kind == SubscriptionKind.AREA:
            ward = db.session.scalars(select(Ward).where(Ward.name == target)).first()
            if ward is None:
                continue
            ward_code = ward.code
        db.session.add(
            Subscription(
                email=email,
                kind=kind,
                topic=topic,
                ward_code=ward_code,
                consultation_id=consultation_id,
                token=secrets.token_urlsafe(32),
                confirmed_at=now,
            )
        )
        added += 1
    db.session.flush()
    return [f"Added {added} confirmed demo email subscriptions"] if added else []
