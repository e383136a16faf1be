"""Spam checks on the public forms: what they record for officers. Each stopped form is one
audit event saying which check stopped which form; never what was typed or who sent it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuditEvent
from involve.services.audit import record_event

HONEYPOT = "honeypot"  # the hidden "leave this box empty" field was filled in
TOO_FAST = "too_fast"  # a whole response was sent faster than a person could read it
CHECKS = (HONEYPOT, TOO_FAST)
ACTION_PREFIX = "spam_check."
_SUMMARIES = {
    HONEYPOT: "A form on the public site was not accepted: its hidden spam-trap box was filled "
    "in. Nothing was saved; the person was asked to empty the box and send it again.",
    TOO_FAST: "A response was sent faster than a person could have read it. It was not "
    "submitted; the person was asked to check their answers and submit again.",
}


def record_spam_check(*, check: str, form: str, path: str) -> AuditEvent:
    """Record that `check` stopped the form at `path` (`form` names its page)."""
    if check not in CHECKS:
        raise ValueError(f"unknown spam check {check!r}")
    return record_event(
        actor=None,
        action=ACTION_PREFIX + check,
        object_type="public_form",
        object_id=path[:80],
        summary=_SUMMARIES[check],
        # "respondent": the audit log shows it as done on the public site, not by an officer.
        detail={"by": "respondent", "check": check, "form": form},
    )


def count_spam_checks(*, since: datetime | None = None) -> dict[str, int]:
    """How many forms each check has stopped (since a moment, or ever)."""
    query = select(AuditEvent.action, func.count(AuditEvent.id)).where(
        AuditEvent.action.in_([ACTION_PREFIX + check for check in CHECKS])
    )
    if since is not None:
        query = query.where(AuditEvent.occurred_at >= since)
    counts = dict(db.session.execute(query.group_by(AuditEvent.action)).tuples().all())
    return {check: counts.get(ACTION_PREFIX + check, 0) for check in CHECKS}
