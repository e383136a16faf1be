"""Council staff who sign in: their role decides what they may do (see involve.auth.permissions)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from enum import StrEnum

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from involve.models.authority import Service
from involve.models.base import Base, TimestampMixin, UTCDateTime, enum_column

# Which services an officer works for (issue 9): an engagement officer given services may change
# only those services' activities and consultations; one given none works across the council.
officer_service = Table(
    "officer_service",
    Base.metadata,
    Column("officer_id", ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class Role(StrEnum):
    ADMIN = "admin"
    ENGAGEMENT_OFFICER = "engagement_officer"
    ANALYST = "analyst"
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self][0]

    @property
    def description(self) -> str:
        return ROLE_LABELS[self][1]


ROLE_LABELS = {
    Role.ADMIN: (
        "Administrator",
        "Manages officers and the council's settings, and can do everything.",
    ),
    Role.ENGAGEMENT_OFFICER: ("Engagement officer", "Plans and runs involvement activities."),
    Role.ANALYST: ("Analyst", "Codes and themes responses and reads reports."),
    Role.AUDITOR: ("Auditor", "Reads reports and compliance evidence; changes nothing."),
}


class Officer(UserMixin, TimestampMixin, Base):
    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased so sign-in is case-insensitive and the unique index means what it says.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_in_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Optional TOTP second factor (required for administrators): the secret, sealed with the
    # app's key; when it was confirmed; the last 30-second step accepted, so a code is used once.
    totp_secret: Mapped[str | None] = mapped_column(String(255), default=None)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, default=None)
    # Bumped on sign-out, password change and second-factor reset (turned off or reset): every
    # session cookie carries an HMAC of it (see session_token), so a copied cookie dies with the
    # session it came from.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    services: Mapped[list[Service]] = relationship(secondary=officer_service, order_by=Service.name)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sessions of deactivated officers
        return self.active

    def session_token(self, purpose: str = "session") -> str:
        """A keyed hash (HMAC with the app's secret key) of the password hash and session_version:
        the session cookie, which anyone holding it can read, carries this and never a piece of
        the password hash. A new password or a new session_version changes it. `purpose` keeps
        the token of a half-finished sign-in (involve/auth/pending.py) apart from a session's."""
        key = current_app.config["SECRET_KEY"]
        key_bytes = key if isinstance(key, bytes) else str(key).encode()
        message = f"officer-{purpose}:{self.id}:{self.session_version or 0}:{self.password_hash}"
        return hmac.new(key_bytes, message.encode(), hashlib.sha256).hexdigest()

    def get_id(self) -> str:
        # Checked against session_token() on every request (involve/auth/session.py): signing
        # out, a password change or a second-factor reset ends every session of this officer.
        return f"{self.id}:{self.session_token()}"
