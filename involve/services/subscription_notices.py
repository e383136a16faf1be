"""Telling subscribers: when a consultation is open to the public (people following its topics
or areas; on publishing, or once it opens: see consultation_announcements) and when its outcome
is published (those, plus people following that consultation, plus respondents who asked for it
when they responded). One e-mail per person however many ways they match; only confirmed,
current subscriptions count. Called by involve.services.lifecycle (the outcome when its decision
record is published) in the officer's transaction; the e-mails go once it commits. An address
that has already been sent one kind of e-mail about a consultation is not sent it again (an
outcome taken down and published again is not news)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select

from involve.extensions import db
from involve.models import (
    Activity,
    Consultation,
    Officer,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.models.outcomes import DecisionRecord, EmailMessage, Subscription, SubscriptionKind
from involve.services.audit import record_event
from involve.services.email_links import absolute_url
from involve.services.email_queue import EmailDraft, queue_emails, start_sending
from involve.services.geography import ward_names
from involve.services.subscription_wording import (
    EmailText,
    describe,
    new_consultation_email,
    outcome_email,
)
from involve.services.subscriptions import sender as subscription_sender

OUTCOME_KIND = "outcome_published"
NEW_CONSULTATION_KIND = "consultation_published"
# The audit event that says a consultation's subscribers have been told it is open.
ANNOUNCED = "consultation.announced"
# The one whose unsubscribe link a person's e-mail carries, when they match several ways.
_PRIORITY = {SubscriptionKind.CONSULTATION: 0, SubscriptionKind.TOPIC: 1, SubscriptionKind.AREA: 2}
# "You said, we did": linked once the decision record is published, else the consultation page.
OUTCOME_PAGE_ENDPOINT = "public.you_said_we_did"


@dataclass
class Recipient:
    email: str
    subscriptions: list[Subscription] = field(default_factory=list)

    @property
    def primary(self) -> Subscription:
        return min(self.subscriptions, key=lambda item: (_PRIORITY[item.kind], item.id))


def matching_recipients(consultation: Consultation, *, include_outcome: bool) -> list[Recipient]:
    """Confirmed, current subscribers this consultation concerns, one per address."""
    topics = list(consultation.topics or [])
    conditions = []
    if include_outcome:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.CONSULTATION,
                Subscription.consultation_id == consultation.id,
            )
        )
    if topics:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.TOPIC,
                or_(
                    Subscription.topic.in_(topics),
                    func.lower(Subscription.topic).in_([topic.lower() for topic in topics]),
                ),
            )
        )
    if consultation.whole_area:
        conditions.append(Subscription.kind == SubscriptionKind.AREA)
    elif consultation.ward_codes:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.AREA,
                Subscription.ward_code.in_(list(consultation.ward_codes)),
            )
        )
    if not conditions:
        return []
    found: dict[str, Recipient] = {}
    for subscription in db.session.scalars(
        select(Subscription)
        .where(
            Subscription.confirmed_at.is_not(None),
            Subscription.unsubscribed_at.is_(None),
            or_(*conditions),
        )
        .order_by(Subscription.id)
    ):
        address = subscription.email.lower()
        found.setdefault(address, Recipient(email=address)).subscriptions.append(subscription)
    return list(found.values())


def respondents_wanting_updates(consultation: Consultation) -> list[str]:
    """Addresses of people who ticked "Email me when the council publishes what it decided"
    when they responded (anonymised responses have lost theirs)."""
    rows = db.session.scalars(
        select(RespondentProfile.email)
        .join(Response, RespondentProfile.response_id == Response.id)
        .where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Response.anonymised_at.is_(None),
            RespondentProfile.wants_updates.is_(True),
            RespondentProfile.email != "",
        )
        .order_by(Response.id)
    )
    return list(dict.fromkeys(address.strip().lower() for address in rows if address.strip()))


@dataclass(frozen=True)
class Decision:
    text: str
    is_published: bool  # the decision record is public, so "You said, we did" exists


def decision_of(consultation: Consultation) -> Decision:
    """What was decided: the published decision record's words, else the activity's outcome
    summary (an unpublished record's words are not public yet, so they are not e-mailed)."""
    activity = db.session.scalars(
        select(Activity).where(Activity.consultation_id == consultation.id)
    ).first()
    if activity is None:
        return Decision(text="", is_published=False)
    record = db.session.scalars(
        select(DecisionRecord).where(
            DecisionRecord.activity_id == activity.id, DecisionRecord.published_at.is_not(None)
        )
    ).first()
    if record is not None and record.decision.strip():
        return Decision(text=record.decision, is_published=True)
    return Decision(text=activity.outcome_summary or "", is_published=record is not None)


def outcome_page_url(consultation: Consultation, decision: Decision, *, base_url: str) -> str:
    """The "You said, we did" page once its decision record is published, else the
    consultation's own page."""
    endpoint = OUTCOME_PAGE_ENDPOINT if decision.is_published else "public.consultation"
    return absolute_url(endpoint, base=base_url, slug=consultation.slug)


def already_emailed(consultation: Consultation, kind: str) -> set[str]:
    """Addresses already sent (or about to be sent) this kind of e-mail about it."""
    return set(
        db.session.scalars(
            select(func.lower(EmailMessage.to_address)).where(
                EmailMessage.consultation_id == consultation.id, EmailMessage.kind == kind
            )
        )
    )


def outcome_recipients(consultation: Consultation) -> tuple[list[Recipient], list[str]]:
    """Who publishing the outcome now would e-mail: matching subscribers, then respondents who
    asked, leaving out every address already sent this consultation's outcome (so taking the
    outcome down and publishing it again e-mails only people who are new since)."""
    done = already_emailed(consultation, OUTCOME_KIND)
    recipients = [
        recipient
        for recipient in matching_recipients(consultation, include_outcome=True)
        if recipient.email not in done
    ]
    done |= {recipient.email for recipient in recipients}
    respondents = [
        address for address in respondents_wanting_updates(consultation) if address not in done
    ]
    return recipients, respondents


def count_outcome_recipients(consultation: Consultation) -> int:
    """How many people publishing the outcome now would e-mail (the officer is told first)."""
    recipients, respondents = outcome_recipients(consultation)
    return len(recipients) + len(respondents)


def notify_outcome_published(
    *, consultation: Consultation, actor: Officer | None, base_url: str = ""
) -> int:
    """Queue the outcome e-mails; returns how many. `base_url` starts the links when
    INVOLVE_PUBLIC_URL is not set (the route passes the address it was reached at)."""
    recipients, respondents = outcome_recipients(consultation)
    if not recipients and not respondents:
        return 0
    sender, names = subscription_sender(), _ward_names(recipients)
    decision = decision_of(consultation)
    page_url = outcome_page_url(consultation, decision, base_url=base_url)
    drafts = []
    for recipient in recipients:
        text = outcome_email(
            sender=sender,
            consultation=consultation,
            decision=decision.text,
            page_url=page_url,
            reasons=[describe(item, ward_names=names) for item in recipient.subscriptions],
            unsubscribe_url=_unsubscribe_url(recipient, base_url),
        )
        drafts.append(_draft(recipient.email, text, OUTCOME_KIND, consultation, recipient))
    for address in respondents:
        text = outcome_email(
            sender=sender,
            consultation=consultation,
            decision=decision.text,
            page_url=page_url,
            reasons=[],
            unsubscribe_url="",
        )
        drafts.append(_draft(address, text, OUTCOME_KIND, consultation, None))
    queue_emails(drafts)
    return _finish(consultation, actor, len(drafts), "outcome", base_url)


def notify_consultation_published(
    *, consultation: Consultation, actor: Officer | None, base_url: str = ""
) -> int:
    """Queue the "new consultation" e-mails and start sending them; returns how many."""
    count = queue_new_consultation_emails(consultation=consultation, actor=actor, base_url=base_url)
    if count:
        start_sending(requested_by=actor, base_url=base_url)
    return count


def queue_new_consultation_emails(
    *, consultation: Consultation, actor: Officer | None, base_url: str = ""
) -> int:
    """Queue "a new consultation you may be interested in" e-mails, once it is open (residents
    cannot see it before); returns how many. Recorded as ANNOUNCED even when nobody matches, so
    it is announced once. Nobody is told twice about one consultation."""
    done = already_emailed(consultation, NEW_CONSULTATION_KIND)
    recipients = [
        recipient
        for recipient in matching_recipients(consultation, include_outcome=False)
        if recipient.email not in done
    ]
    drafts = _new_consultation_drafts(consultation, recipients, base_url) if recipients else []
    queue_emails(drafts)
    record_event(
        actor=actor,
        action=ANNOUNCED,
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Announced {consultation.title} to subscribers: queued {len(drafts)} "
        f"new consultation email{'s' if len(drafts) != 1 else ''}",
        detail={"count": len(drafts)},
    )
    return len(drafts)


def _new_consultation_drafts(
    consultation: Consultation, recipients: list[Recipient], base_url: str
) -> list[EmailDraft]:
    sender, names = subscription_sender(), _ward_names(recipients)
    page_url = absolute_url("public.consultation", base=base_url, slug=consultation.slug)
    drafts = []
    for recipient in recipients:
        text = new_consultation_email(
            sender=sender,
            consultation=consultation,
            page_url=page_url,
            reasons=[describe(item, ward_names=names) for item in recipient.subscriptions],
            unsubscribe_url=_unsubscribe_url(recipient, base_url),
        )
        drafts.append(_draft(recipient.email, text, NEW_CONSULTATION_KIND, consultation, recipient))
    return drafts


def _ward_names(recipients: list[Recipient]) -> dict[str, str]:
    return ward_names(
        {item.ward_code for recipient in recipients for item in recipient.subscriptions} - {""}
    )


def _unsubscribe_url(recipient: Recipient, base_url: str) -> str:
    return absolute_url("public.unsubscribe", base=base_url, token=recipient.primary.token)


def _draft(
    address: str,
    text: EmailText,
    kind: str,
    consultation: Consultation,
    recipient: Recipient | None,
) -> EmailDraft:
    return EmailDraft(
        to_address=address,
        subject=text.subject,
        body_text=text.body,
        kind=kind,
        subscription_id=recipient.primary.id if recipient is not None else None,
        consultation_id=consultation.id,
    )


def _finish(
    consultation: Consultation, actor: Officer | None, count: int, what: str, base_url: str
) -> int:
    record_event(
        actor=actor,
        action="email.subscribers_notified",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Queued {count} {what} email{'s' if count != 1 else ''} for {consultation.title}",
        detail={"count": count, "kind": what},
    )
    start_sending(requested_by=actor, base_url=base_url)
    return count
