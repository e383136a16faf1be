"""Officer accounts: creation, sign-in with lockout (password, then a code when the officer uses
an authenticator app), confirming who they are again, password changes, roles and deactivation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Officer, Role
from involve.models.base import utc_now
from involve.services import passwords, totp
from involve.services.audit import record_event
from involve.services.errors import DuplicateEmail, NotFound, NotPermitted, WrongPassword
from involve.services.password_policy import refuse_weak_password


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_officer_by_email(email: str) -> Officer | None:
    return db.session.scalar(select(Officer).where(Officer.email == normalise_email(email)))


def get_officer(officer_id: int) -> Officer:
    officer = db.session.get(Officer, officer_id)
    if officer is None:
        raise NotFound("No officer has that id")
    return officer


def list_officers() -> Sequence[Officer]:
    return db.session.scalars(
        select(Officer).order_by(Officer.active.desc(), Officer.full_name)
    ).all()


def create_officer(
    *, actor: Officer | None, email: str, full_name: str, role: Role, password: str
) -> Officer:
    """Add an officer; the e-mail must not belong to anyone else."""
    if get_officer_by_email(email) is not None:
        raise DuplicateEmail("An officer with this email address already exists")
    refuse_weak_password(password, email=email, full_name=full_name, whose="the officer's")
    officer = Officer(
        email=normalise_email(email),
        full_name=full_name.strip(),
        role=role,
        password_hash=passwords.hash_password(password),
        password_changed_at=utc_now(),
        active=True,
        failed_sign_in_count=0,
    )
    db.session.add(officer)
    db.session.flush()
    record_event(
        actor=actor,
        action="officer.created",
        object_type="officer",
        object_id=officer.id,
        summary=f"Added {officer.full_name} ({officer.email}) as {role.label}",
        detail={"role": role.value},
    )
    return officer


def authenticate(*, email: str, password: str) -> Officer | None:
    """The officer if the e-mail and password match an active, unlocked account; else None.

    Every failure looks the same to the caller (no account enumeration). Each wrong password
    counts towards a lock; the configured number of failures locks the account for a while.
    For an officer with an authenticator app this is only the first step: the count of failures
    is kept until the code is right too (see verify_second_factor), so a known password cannot
    reset the count between guesses at codes.
    """
    officer = get_officer_by_email(email)
    if officer is None:
        passwords.spend_verification_time(password)
        return None
    if is_locked(officer):
        passwords.spend_verification_time(password)
        return None
    if not passwords.verify_password(officer.password_hash, password):
        _count_failure(officer)
        return None
    if not officer.active:
        return None
    if passwords.needs_rehash(officer.password_hash):
        officer.password_hash = passwords.hash_password(password)
    if not totp.has_second_factor(officer):
        _signed_in(officer)
    db.session.flush()
    return officer


def is_locked(officer: Officer) -> bool:
    return officer.locked_until is not None and officer.locked_until > utc_now()


def _signed_in(officer: Officer) -> None:
    officer.failed_sign_in_count = 0
    officer.locked_until = None
    officer.last_signed_in_at = utc_now()
    db.session.flush()


def verify_second_factor(*, officer: Officer, code: str) -> bool:
    """The second step of signing in: True when the code is right (and the officer is still
    active and unlocked). A wrong code counts towards the same lock as a wrong password."""
    if not officer.active or is_locked(officer):
        return False
    try:
        totp.use_code(officer=officer, code=code)
    except totp.WrongCode:
        _count_failure(officer)
        return False
    _signed_in(officer)
    return True


class AccountLocked(NotPermitted):
    """Too many wrong passwords or codes: the officer must wait, signed out."""


LOCKED_MESSAGE = "Your account is locked after too many wrong passwords or codes"


def confirm_identity(*, officer: Officer, password: str, code: str = "") -> None:
    """A signed-in officer shows again that they are who they say (before a sensitive action):
    their password, and their code when they use an authenticator app. Raises WrongPassword or
    totp.WrongCode, each counted towards the lock, or AccountLocked once it is locked."""
    if is_locked(officer):
        raise AccountLocked(LOCKED_MESSAGE)
    try:
        if not passwords.verify_password(officer.password_hash, password):
            raise WrongPassword("Your password is incorrect")
        if totp.has_second_factor(officer):
            totp.use_code(officer=officer, code=code)
    except (WrongPassword, totp.WrongCode):
        _count_failure(officer)
        if is_locked(officer):
            raise AccountLocked(LOCKED_MESSAGE) from None
        raise
    officer.failed_sign_in_count = 0
    db.session.flush()


def _count_failure(officer: Officer) -> None:
    config = current_app.config
    officer.failed_sign_in_count = (officer.failed_sign_in_count or 0) + 1
    limit = config["SIGN_IN_MAX_FAILURES"]
    if officer.failed_sign_in_count >= limit:
        officer.locked_until = utc_now() + timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"])
        officer.failed_sign_in_count = 0
        record_event(
            actor=None,
            action="officer.locked",
            object_type="officer",
            object_id=officer.id,
            summary=f"Locked {officer.email} after {limit} failed sign-ins",
        )
    db.session.flush()


def end_sessions(*, officer: Officer) -> None:
    """End every session of this officer on every device: the session cookies carry an HMAC of
    session_version (Officer.session_token), so a cookie copied before now stops working."""
    officer.session_version = (officer.session_version or 0) + 1
    db.session.flush()


def change_password(*, officer: Officer, current_password: str, new_password: str) -> None:
    """Raises WrongPassword, or WeakPassword when the new one is easy to guess. Every session
    of the officer ends (the caller signs the current one in again)."""
    if not passwords.verify_password(officer.password_hash, current_password):
        raise WrongPassword("Your current password is incorrect")
    refuse_weak_password(new_password, email=officer.email, full_name=officer.full_name)
    officer.password_hash = passwords.hash_password(new_password)
    officer.password_changed_at = utc_now()
    end_sessions(officer=officer)
    record_event(
        actor=officer,
        action="officer.password_changed",
        object_type="officer",
        object_id=officer.id,
        summary=f"{officer.email} changed their password",
    )


def set_password(*, actor: Officer | None, officer: Officer, new_password: str) -> None:
    """Set a password without the old one (command line and demo seeding)."""
    refuse_weak_password(
        new_password, email=officer.email, full_name=officer.full_name, whose="the officer's"
    )
    officer.password_hash = passwords.hash_password(new_password)
    officer.password_changed_at = utc_now()
    officer.failed_sign_in_count = 0
    officer.locked_until = None
    end_sessions(officer=officer)
    record_event(
        actor=actor,
        action="officer.password_set",
        object_type="officer",
        object_id=officer.id,
        summary=f"Password set for {officer.email}",
    )


def update_officer(*, actor: Officer, officer: Officer, role: Role, active: bool) -> list[str]:
    """Change an officer's role or active state; returns what changed, in words."""
    if officer.id == actor.id and (role != officer.role or not active):
        raise NotPermitted("You cannot change your own role or deactivate yourself")
    if officer.role == Role.ADMIN and (role != Role.ADMIN or not active):
        _refuse_if_last_admin(officer)
    changes = []
    if role != officer.role:
        changes.append(f"role from {officer.role.label} to {role.label}")
        officer.role = role
    if active != officer.active:
        changes.append("reactivated" if active else "deactivated")
        officer.active = active
    if changes:
        db.session.flush()
        record_event(
            actor=actor,
            action="officer.updated",
            object_type="officer",
            object_id=officer.id,
            summary=f"{officer.email}: " + ", ".join(changes),
            detail={"role": role.value, "active": active},
        )
    return changes


def _refuse_if_last_admin(officer: Officer) -> None:
    active_admins = db.session.scalar(
        select(func.count(Officer.id)).where(Officer.role == Role.ADMIN, Officer.active.is_(True))
    )
    if officer.active and active_admins is not None and active_admins <= 1:
        raise NotPermitted("There must always be at least one active administrator")
