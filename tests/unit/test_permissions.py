"""Roles to permissions: the one table that decides who may do what."""

from types import SimpleNamespace

import pytest

from involve.auth.permissions import Permission, has_permission
from involve.models import Role

EXPECTED = {
    Role.ADMIN: set(Permission),
    Role.ENGAGEMENT_OFFICER: {
        Permission.RUN_ACTIVITIES,
        Permission.CODE_RESPONSES,
        Permission.READ_REPORTS,
        Permission.MODERATE_CONTENT,
        Permission.EXPORT_PERSONAL_DATA,
    },
    Role.ANALYST: {Permission.CODE_RESPONSES, Permission.READ_REPORTS},
    Role.AUDITOR: {Permission.READ_REPORTS, Permission.READ_AUDIT_LOG, Permission.READ_ACCESS_LOG},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_permissions(role):
    officer = SimpleNamespace(is_authenticated=True, role=role)
    granted = {permission for permission in Permission if has_permission(officer, permission)}
    assert granted == EXPECTED[role]


def test_anonymous_visitors_have_no_permissions():
    anonymous = SimpleNamespace(is_authenticated=False, role=Role.ADMIN)
    assert not any(has_permission(anonymous, permission) for permission in Permission)
    assert not has_permission(None, Permission.READ_REPORTS)


def test_auditors_can_change_nothing():
    changing = {
        Permission.MANAGE_OFFICERS,
        Permission.MANAGE_SETTINGS,
        Permission.RUN_ACTIVITIES,
        Permission.CODE_RESPONSES,
    }
    auditor = SimpleNamespace(is_authenticated=True, role=Role.AUDITOR)
    assert not any(has_permission(auditor, permission) for permission in changing)
