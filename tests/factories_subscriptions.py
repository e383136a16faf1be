"""Subscriptions and the outbox in tests: a factory for confirmed subscribers, and readers for
the .eml files the outbox adapter writes (the only place a test can "receive" an e-mail)."""

from __future__ import annotations

import re
import secrets
from email import message_from_bytes, policy
from email.message import EmailMessage as MimeMessage
from pathlib import Path
from urllib.parse import urlsplit

import factory
from sqlalchemy import select

from involve.extensions import db
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, Subscription, SubscriptionKind
from tests.factories import _Base

LINK = re.compile(r"https?://\S+")


class SubscriptionFactory(_Base):
    """A confirmed topic subscription; pass confirmed_at=None for one still to be confirmed."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"resident{n}@example.com")
    kind = SubscriptionKind.TOPIC
    topic = "Parking"
    ward_code = ""
    consultation_id = None
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    confirmed_at = factory.LazyFunction(utc_now)
    unsubscribed_at = None


def fresh_outbox(app, tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """Point the outbox adapter at a folder of this test's own (use in an `outbox` fixture)."""
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "EMAIL_OUTBOX_DIR", str(folder))
    monkeypatch.setitem(app.config, "EMAIL_ADAPTER", "outbox")
    return folder


def outbox_files(folder: Path) -> list[MimeMessage]:
    if not folder.exists():
        return []
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for path in sorted(folder.glob("*.eml"))
    ]


def received_by(folder: Path, address: str) -> list[MimeMessage]:
    return [mail for mail in outbox_files(folder) if mail["To"] == address]


def body_of(mail: MimeMessage) -> str:
    return mail.get_content()  # type: ignore[attr-defined, no-any-return]


def link_after(text: str, words: str) -> str:
    """The path of the first link after `words` in an e-mail's text, to follow with the client."""
    found = LINK.search(text, text.index(words))
    assert found, f"no link after {words!r} in:\n{text}"
    return urlsplit(found.group(0)).path


def messages(kind: str | None = None) -> list[EmailMessage]:
    query = select(EmailMessage).order_by(EmailMessage.id)
    if kind is not None:
        query = query.where(EmailMessage.kind == kind)
    return list(db.session.scalars(query))


def subscriptions_of(email: str) -> list[Subscription]:
    return list(
        db.session.scalars(
            select(Subscription).where(Subscription.email == email).order_by(Subscription.id)
        )
    )
