"""Who may do what: the one place where roles become permissions."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from involve.models import Role


class Permission(StrEnum):
    MANAGE_OFFICERS = "manage_officers"
    MANAGE_SETTINGS = "manage_settings"
    RUN_ACTIVITIES = "run_activities"
    CODE_RESPONSES = "code_responses"
    READ_REPORTS = "read_reports"
    READ_AUDIT_LOG = "read_audit_log"
    # Privacy (issue 7): approve, edit or withhold free text before the public sees it;
    # export responses with personal data (a reason is always asked); answer subject access and
    # erasure requests and run retention; read who looked at personal data.
    MODERATE_CONTENT = "moderate_content"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    HANDLE_DATA_REQUESTS = "handle_data_requests"
    READ_ACCESS_LOG = "read_access_log"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ENGAGEMENT_OFFICER: frozenset(
        {
            Permission.RUN_ACTIVITIES,
            Permission.CODE_RESPONSES,
            Permission.READ_REPORTS,
            Permission.MODERATE_CONTENT,
            Permission.EXPORT_PERSONAL_DATA,
        }
    ),
    Role.ANALYST: frozenset({Permission.CODE_RESPONSES, Permission.READ_REPORTS}),
    Role.AUDITOR: frozenset(
        {Permission.READ_REPORTS, Permission.READ_AUDIT_LOG, Permission.READ_ACCESS_LOG}
    ),
}


def has_permission(officer: Any, permission: Permission) -> bool:
    if officer is None or not getattr(officer, "is_authenticated", False):
        return False
    return permission in ROLE_PERMISSIONS.get(officer.role, frozenset())


F = TypeVar("F", bound=Callable[..., Any])


def require_permission(permission: Permission) -> Callable[[F], F]:
    """View decorator: 403 for a signed-in officer without the permission.

    Sign-in itself is enforced for the whole officer blueprint (see involve.officer).
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
