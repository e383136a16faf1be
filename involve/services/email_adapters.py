"""Where e-mail goes: one interface, `send(message)`, and three adapters chosen by the
EMAIL_ADAPTER setting (INVOLVE_EMAIL_ADAPTER):

- "outbox": each e-mail is written as a .eml file under instance/outbox/ and nothing is sent
  (development and tests; production only when set on purpose);
- "smtp": the council's mail server, through smtplib;
- "notify": GOV.UK Notify, through one template whose subject and body are ((subject)) and
  ((body)), so the wording stays here rather than in Notify.

An adapter raises EmailNotSent: `permanent` when trying again cannot help (a refused address,
a missing setting), so the sender stops at once instead of retrying.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, Protocol

from involve.models.base import utc_now

# For each blocking step (connecting, then each command), not for the whole message: a send of
# about ten steps can take minutes. A slow send is never sent twice because the sender holds a
# lease on the message (email_sending.SENDING_LEASE) longer than that, not because of this.
SMTP_TIMEOUT_SECONDS = 15


class EmailNotSent(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class OutgoingEmail:
    """What an adapter needs: plain text only (GOV.UK Notify sends plain text too)."""

    message_id: int
    to_address: str
    subject: str
    body_text: str
    unsubscribe_url: str = ""  # for the List-Unsubscribe header (RFC 2369 and RFC 8058)


class EmailAdapter(Protocol):
    name: str

    def send(self, message: OutgoingEmail) -> None: ...


# Headers are not folded below SMTP's own limit, so a long unsubscribe link stays on one line
# (some mail programs misread a folded List-Unsubscribe).
_POLICY = policy.default.clone(max_line_length=998)


def mime_message(message: OutgoingEmail, *, sender: str) -> MimeMessage:
    """The message as sent over SMTP and written to the outbox, with one-click unsubscribe
    headers so mail programs can show their own "Unsubscribe" button."""
    mime = MimeMessage(policy=_POLICY)
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(utc_now())
    mime["Message-ID"] = make_msgid(idstring=f"involve-{message.message_id}")
    if message.unsubscribe_url:
        mime["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        mime["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mime.set_content(message.body_text)
    return mime


class OutboxAdapter:
    """Writes e-mails as files instead of sending them; open one in any mail program."""

    name = "outbox"

    def __init__(self, *, folder: str, sender: str) -> None:
        self.folder = Path(folder)
        self.sender = sender or "noreply@localhost"

    def path_for(self, message_id: int) -> Path:
        return self.folder / f"message-{message_id:06d}.eml"

    def send(self, message: OutgoingEmail) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.path_for(message.message_id).write_bytes(
                bytes(mime_message(message, sender=self.sender))
            )
        except OSError as error:
            raise EmailNotSent(f"Could not write to the outbox folder: {error}") from error


class SmtpAdapter:
    name = "smtp"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str = "",
        password: str = "",
        starttls: bool = False,
    ) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password, self.starttls = username, password, starttls

    def send(self, message: OutgoingEmail) -> None:
        if not self.sender:
            raise EmailNotSent("Set INVOLVE_EMAIL_FROM to send by SMTP", permanent=True)
        mime = mime_message(message, sender=self.sender)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS) as server:
                if self.starttls:
                    server.starttls()
                if self.username:
                    server.login(self.username, self.password)
                server.send_message(mime)
        except smtplib.SMTPRecipientsRefused as error:
            raise EmailNotSent(
                f"The mail server refused the address: {error}", permanent=True
            ) from error
        except smtplib.SMTPAuthenticationError as error:
            raise EmailNotSent(
                f"The mail server refused the sign-in: {error}", permanent=True
            ) from error
        except (smtplib.SMTPException, OSError) as error:  # OSError covers timeouts too
            raise EmailNotSent(
                f"Could not send through {self.host}:{self.port}: {error}"
            ) from error


# Notify's answers that no retry can change: a bad request (such as an invalid address or a
# template without ((subject)) and ((body))) and a refused key.
_NOTIFY_PERMANENT = {400, 403}


class NotifyAdapter:
    name = "notify"

    def __init__(self, *, api_key: str, template_id: str, client: Any = None) -> None:
        self.template_id = template_id
        if client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            client = NotificationsAPIClient(api_key)
        self.client = client

    def send(self, message: OutgoingEmail) -> None:
        from notifications_python_client.errors import HTTPError

        try:
            self.client.send_email_notification(
                email_address=message.to_address,
                template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body_text},
                reference=f"involve-{message.message_id}",
                one_click_unsubscribe_url=message.unsubscribe_url or None,
            )
        except HTTPError as error:
            raise EmailNotSent(
                f"GOV.UK Notify answered {error.status_code}: {error.message}",
                permanent=error.status_code in _NOTIFY_PERMANENT,
            ) from error
        except Exception as error:  # the client's network errors (requests) and timeouts
            raise EmailNotSent(f"Could not reach GOV.UK Notify: {error}") from error


def adapter_from_config(config: Any) -> EmailAdapter:
    """The adapter the settings name (checked at start-up by involve.config)."""
    name = config["EMAIL_ADAPTER"]
    if name == "smtp":
        return SmtpAdapter(
            host=config["SMTP_HOST"],
            port=config["SMTP_PORT"],
            sender=config["EMAIL_FROM"],
            username=config["SMTP_USERNAME"],
            password=config["SMTP_PASSWORD"],
            starttls=config["SMTP_STARTTLS"],
        )
    if name == "notify":
        return NotifyAdapter(
            api_key=config["NOTIFY_API_KEY"], template_id=config["NOTIFY_TEMPLATE_ID"]
        )
    return OutboxAdapter(folder=config["EMAIL_OUTBOX_DIR"], sender=config["EMAIL_FROM"])
