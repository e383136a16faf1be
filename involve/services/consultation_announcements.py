"""Telling subscribers about a consultation once residents can see it. One published when it is
already open is announced at once (involve.services.lifecycle.publish); one published to open
later is announced when it opens, by `flask involve send-emails`, which runs every few minutes
from cron. Each consultation is announced once: the audit log records it (ANNOUNCED)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, Phase
from involve.models.base import utc_now
from involve.services.subscription_notices import ANNOUNCED, queue_new_consultation_emails
from involve.services.visibility import phase_conditions

# How long after becoming public a consultation is still announced: a cron stopped for a few
# days still catches up, and each run reads only the consultations that became public lately.
LOOK_BACK = timedelta(days=7)


def list_unannounced(now: datetime) -> list[Consultation]:
    """Open consultations that became public lately and have not been announced."""
    since = now - LOOK_BACK
    candidates = db.session.scalars(
        select(Consultation)
        .where(
            phase_conditions(now)[Phase.OPEN],
            or_(Consultation.published_at > since, Consultation.opens_at > since),
        )
        .order_by(Consultation.opens_at, Consultation.id)
    ).all()
    if not candidates:
        return []
    announced = set(
        db.session.scalars(
            select(AuditEvent.object_id).where(
                AuditEvent.action == ANNOUNCED,
                AuditEvent.object_type == "consultation",
                AuditEvent.object_id.in_([str(consultation.id) for consultation in candidates]),
            )
        )
    )
    return [consultation for consultation in candidates if str(consultation.id) not in announced]


def announce_opened_consultations(*, now: datetime | None = None, base_url: str = "") -> int:
    """Queue the "new consultation" e-mails of each open consultation not announced yet (those
    published before they opened); returns how many. The caller sends the queue and commits."""
    unannounced = list_unannounced(now or utc_now())
    for consultation in unannounced:
        queue_new_consultation_emails(consultation=consultation, actor=None, base_url=base_url)
    return len(unannounced)
