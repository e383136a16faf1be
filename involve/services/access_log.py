"""Recording officers' access to personal data, and reading the record back.

Callers record in the same transaction as the view or export, so a rolled-back request leaves
no false record; a GET that shows personal data records it too (the one kind of row a GET may
write: see tests/test_route_walker.py). Never pass personal data itself in `detail`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from involve.extensions import db
from involve.models import AccessAction, Consultation, Officer, PersonalDataAccess


def record_access(
    *,
    officer: Officer | None,
    action: AccessAction,
    object_type: str = "",
    object_id: object = "",
    consultation_id: int | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> PersonalDataAccess:
    if consultation_id is not None and db.session.get(Consultation, consultation_id) is None:
        # A filter naming a consultation that does not exist: the view is still recorded.
        detail = {**(detail or {}), "unknown_consultation_id": consultation_id}
        consultation_id = None
    entry = PersonalDataAccess(
        officer_id=officer.id if officer is not None else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        consultation_id=consultation_id,
        reason=reason,
        detail=detail or {},
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def count_access(*, action: AccessAction | None = None) -> int:
    conditions = [PersonalDataAccess.action == action] if action else []
    return db.session.scalar(select(func.count(PersonalDataAccess.id)).where(*conditions)) or 0


def list_access(
    *, page: int = 1, per_page: int = 50, action: AccessAction | None = None
) -> tuple[Sequence[PersonalDataAccess], int]:
    """One page of the access log, newest first, and the total count (optionally one action)."""
    conditions = [PersonalDataAccess.action == action] if action else []
    total = count_access(action=action)
    entries = db.session.scalars(
        select(PersonalDataAccess)
        .options(joinedload(PersonalDataAccess.officer))
        .where(*conditions)
        .order_by(PersonalDataAccess.occurred_at.desc(), PersonalDataAccess.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return entries, total
