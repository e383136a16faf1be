"""The words of the e-mails residents get: the confirmation link, a new consultation, and a
published outcome. Plain text (GOV.UK Notify sends plain text too), short, and each ends with
how to stop them."""

from __future__ import annotations

from dataclasses import dataclass

from involve.models import Consultation
from involve.models.outcomes import Subscription, SubscriptionKind
from involve.templating import format_datetime

SUMMARY_MAX = 1_000  # characters of the decision quoted in an e-mail; the page has the rest


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str


@dataclass(frozen=True)
class Sender:
    service_name: str
    authority_name: str


def describe(subscription: Subscription, *, ward_names: dict[str, str]) -> str:
    """What someone asked to hear about, as the end of "emails about ..."."""
    if subscription.kind == SubscriptionKind.CONSULTATION:
        title = subscription.consultation.title if subscription.consultation else "a consultation"
        return f"the outcome of “{title}”"
    if subscription.kind == SubscriptionKind.TOPIC:
        return f"consultations about {subscription.topic}"
    ward = ward_names.get(subscription.ward_code, subscription.ward_code)
    return f"consultations in {ward}"


def shorten(text: str, limit: int = SUMMARY_MAX) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + " …"


def _and(items: list[str]) -> str:
    """Joins like "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _footer(sender: Sender, unsubscribe_url: str) -> str:
    return (
        f"\n---\n{sender.service_name}, {sender.authority_name}\n"
        f"To stop these emails, open this link: {unsubscribe_url}\n"
    )


def confirmation_email(
    *, sender: Sender, what: str, confirm_url: str, unsubscribe_url: str
) -> EmailText:
    body = (
        f"You asked {sender.authority_name} to email you about {what}.\n\n"
        f"To confirm, open this link:\n{confirm_url}\n\n"
        "If you did not ask for this, you do not need to do anything. We will not email you "
        "about it unless the link is used.\n" + _footer(sender, unsubscribe_url)
    )
    return EmailText(subject=f"Confirm your email subscription: {sender.service_name}", body=body)


def outcome_email(
    *,
    sender: Sender,
    consultation: Consultation,
    decision: str,
    page_url: str,
    reasons: list[str],
    unsubscribe_url: str,
) -> EmailText:
    """To a subscriber when the outcome is published (unsubscribe_url empty: a respondent who
    asked for this one e-mail when they responded, who gets nothing more)."""
    decided = shorten(decision) or "Read what we decided on our website."
    body = (
        f"{sender.authority_name} has published the outcome of the consultation "
        f"“{consultation.title}”.\n\n"
        f"What we decided:\n{decided}\n\n"
        f"Read what people told us and what we did as a result:\n{page_url}\n\n"
    )
    if unsubscribe_url:
        body += f"You get this email because you asked for emails about {_and(reasons)}.\n"
        body += _footer(sender, unsubscribe_url)
    else:
        body += (
            "You get this email because you asked for it when you responded. We will not "
            f"email you again about this consultation.\n\n---\n{sender.service_name}, "
            f"{sender.authority_name}\n"
        )
    return EmailText(subject=f"Outcome published: {consultation.title}", body=body)


def new_consultation_email(
    *,
    sender: Sender,
    consultation: Consultation,
    page_url: str,
    reasons: list[str],
    unsubscribe_url: str,
) -> EmailText:
    """Sent once it is open: residents cannot see a consultation before."""
    when = "It is open now"
    if consultation.closes_at is not None:
        when += f" and closes at {format_datetime(consultation.closes_at)}"
    body = (
        f"{sender.authority_name} has published a new consultation you may be interested in: "
        f"“{consultation.title}”.\n\n"
        f"{shorten(consultation.summary)}\n\n{when}.\n\n"
        f"Find out more and have your say:\n{page_url}\n\n"
        f"You get this email because you asked for emails about {_and(reasons)}.\n"
        + _footer(sender, unsubscribe_url)
    )
    return EmailText(subject=f"New consultation: {consultation.title}", body=body)
