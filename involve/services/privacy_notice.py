"""A consultation's privacy notice (issue 7): short sections generated from the council's
settings and the consultation itself (its questions, whether "about you" and equality questions
are asked, its contact and retention period), any of which an officer may rewrite.

Rewritten sections live in Consultation.privacy_notice_overrides ({section key: text}); the rest
are generated afresh each time, so a change to the settings or the questions shows at once.
Text is plain: a blank line between paragraphs, "- " at the start of a line for a bullet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    Activity,
    AuthoritySettings,
    Consultation,
    Officer,
    QuestionKind,
    Response,
)
from involve.services.audit import record_event
from involve.services.authority import get_settings_or_placeholder
from involve.services.data_minimisation import list_requested_data
from involve.services.errors import DomainError
from involve.templating import UK

RETENTION_MONTHS_MIN = 1
RETENTION_MONTHS_MAX = 120
SECTION_TEXT_MAX = 5000
ICO_COMPLAINTS = "https://ico.org.uk/make-a-complaint/"
FREE_TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class NoticeSection(StrEnum):
    CONTROLLER = "controller"
    LAWFUL_BASIS = "lawful-basis"
    COLLECTED = "what-we-collect"
    WHO_SEES = "who-sees-it"
    RETENTION = "how-long-we-keep-it"
    RIGHTS = "your-rights"
    CONTACT = "contact"

    @property
    def heading(self) -> str:
        return {
            NoticeSection.CONTROLLER: "Who is responsible for your information",
            NoticeSection.LAWFUL_BASIS: "Why we are allowed to use it",
            NoticeSection.COLLECTED: "What we collect and why",
            NoticeSection.WHO_SEES: "Who sees it",
            NoticeSection.RETENTION: "How long we keep it",
            NoticeSection.RIGHTS: "Your rights",
            NoticeSection.CONTACT: "Contact",
        }[self]


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (one item) or a bulleted list, as the template draws it."""

    is_list: bool
    items: list[str]


@dataclass(frozen=True)
class NoticePart:
    section: NoticeSection
    text: str  # what respondents see: the officer's text, else the generated text
    generated: str
    is_rewritten: bool

    @property
    def blocks(self) -> list[TextBlock]:
        return text_blocks(self.text)


class RetentionOutOfRange(DomainError):
    pass


def text_blocks(text: str) -> list[TextBlock]:
    """Paragraphs split on blank lines; lines starting "- " become a bulleted list."""
    blocks: list[TextBlock] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        bullets: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    blocks.append(TextBlock(False, [" ".join(paragraph)]))
                    paragraph = []
                bullets.append(line[2:].strip())
            else:
                if bullets:
                    blocks.append(TextBlock(True, bullets))
                    bullets = []
                paragraph.append(line)
        if paragraph:
            blocks.append(TextBlock(False, [" ".join(paragraph)]))
        if bullets:
            blocks.append(TextBlock(True, bullets))
    return blocks


def _add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=1)


def _closed_at(consultation: Consultation) -> datetime | None:
    return consultation.closed_early_at or consultation.closes_at


def removal_month(consultation: Consultation) -> str:
    """ "March 2029": the month personal data is removed, or "" before a closing date is set."""
    closed = _closed_at(consultation)
    if closed is None:
        return ""
    return f"{_add_months(closed.astimezone(UK), consultation.retention_months):%B %Y}"


def _controller(consultation: Consultation, settings: AuthoritySettings) -> str:
    text = (
        f"{settings.name} is the data controller for the information you give in this "
        "consultation. This means we decide how it is used and we are responsible for keeping "
        "it safe."
    )
    if consultation.service is not None:
        text += f"\n\nThe consultation is run by our {consultation.service.name} service."
    return text


def _lawful_basis(consultation: Consultation) -> str:
    text = (
        "Councils have a duty to involve local people in decisions about their services "
        "(Local Government and Public Involvement in Health Act 2007). We use your answers "
        "because this is a task carried out in the public interest (UK GDPR Article 6(1)(e))."
    )
    if consultation.equality_questions_enabled or _asks_special_category(consultation):
        text += (
            "\n\nInformation about your ethnic group, health, disability, religion or sexual "
            "orientation is more sensitive. You do not have to give it. If you do, we use it "
            "only to check that we have heard from a fair mix of people and to meet our "
            "equality duties (UK GDPR Article 9(2)(g) and the Data Protection Act 2018, "
            "Schedule 1, paragraph 8)."
        )
    return text


def _asks_special_category(consultation: Consultation) -> bool:
    return any(
        kind.special for requested in list_requested_data(consultation) for kind in requested.kinds
    )


def _collected(consultation: Consultation) -> str:
    lines = ["- your answers to the questions, to understand what people think before we decide"]
    questions = [question for page in consultation.pages for question in page.questions]
    if any(question.kind in FREE_TEXT_KINDS for question in questions):
        lines.append(
            "- anything you write in your own words: please do not include names or other "
            "details about yourself or anyone else"
        )
    requested_data = list_requested_data(consultation)
    for requested in requested_data:
        kinds = requested.kinds_text
        why = ", to see which areas responses come from" if kinds == "a postcode" else ""
        lines.append(f"- {kinds}, if you answer \u201c{requested.question.text}\u201d{why}")
    reason = _plan_reason(consultation) if requested_data else ""
    if reason:
        lines.append(f"- why we ask for these details: {reason}")
    if consultation.about_you_enabled:
        lines.append(
            "- about you, if you choose to answer: whether you respond for yourself or an "
            "organisation, your connection to the area, your age group and your postcode, "
            "to check who we have heard from and which wards responses come from"
        )
        lines.append(
            "- your name and e-mail address, only if you choose to give them, so we can tell "
            "you what happens next"
        )
    if consultation.equality_questions_enabled:
        lines.append(
            "- equality information, if you choose to answer, such as your sex, ethnic group "
            "and whether you are disabled: we keep it apart from your answers and only ever "
            "report it as totals"
        )
    closing = (
        "We do not store your IP address. If you save your answers to come back later, we keep "
        "a code so you can carry on."
    )
    return "We collect:\n" + "\n".join(lines) + "\n\n" + closing


def _plan_reason(consultation: Consultation) -> str:
    """The plan's reason for collecting personal data, as the officer wrote it."""
    activity = db.session.scalar(
        select(Activity).where(Activity.consultation_id == consultation.id)
    )
    if activity is None or activity.plan is None:
        return ""
    return " ".join(activity.plan.personal_data_reason.split())


def _who_sees(consultation: Consultation) -> str:
    return (
        "Council officers who run and analyse this consultation read your answers. Only "
        "officers who need to can see your name and contact details, and we record each time "
        "they do.\n\n"
        "We publish a summary of what people said. Before anything is published we remove "
        "names, contact details and anything else that could identify someone, and an officer "
        "checks it. We publish your answers in full only if you say we can; otherwise we may quote "
        "a short extract (a sentence or two). We do not sell your "
        "information or use it for marketing."
    )


def _retention(consultation: Consultation) -> str:
    months = consultation.retention_months
    period = f"{months} month{'s' if months != 1 else ''} after the consultation closes"
    month = removal_month(consultation)
    until = f" (until {month})" if month else ""
    return (
        f"We keep your personal information for {period}{until}. Then we remove names, e-mail "
        "addresses and codes for coming back to saved answers, and we reduce full postcodes "
        "to the ward they are in.\n\n"
        "We keep your answers, your age group and your ward without your name, so the results "
        "of the consultation can still be checked."
        + (
            " Equality answers are kept too, apart from your other answers and only ever "
            "reported as totals, unless you withdraw them."
            if consultation.equality_questions_enabled
            else ""
        )
    )


def _rights(consultation: Consultation, withdraw_url: str) -> str:
    lines = [
        "- ask for a copy of the information we hold about you",
        "- ask us to correct it, or to delete it",
        "- object to how we use it",
    ]
    if consultation.equality_questions_enabled:
        lines.append(f"- withdraw your equality answers at any time: {withdraw_url}")
    return (
        "You have the right to:\n"
        + "\n".join(lines)
        + "\n\nTo ask, contact us and quote the reference you were given when you sent your "
        "response.\n\n"
        "If you are unhappy with how we have used your information, you can complain to the "
        f"Information Commissioner's Office (ICO): {ICO_COMPLAINTS}"
    )


def _contact(consultation: Consultation, settings: AuthoritySettings) -> str:
    lines = []
    consultation_ways = [
        consultation.contact_name,
        consultation.contact_email,
        consultation.contact_phone,
    ]
    if any(consultation_ways):
        joined = ", ".join(way for way in consultation_ways if way)
        lines.append(f"- about this consultation: {joined}")
    council_ways = [settings.contact_email, settings.contact_phone, settings.postal_address]
    if any(council_ways):
        joined = ", ".join(" ".join(way.split()) for way in council_ways if way)
        lines.append(f"- {settings.name}: {joined}")
    if settings.dpo_contact:
        lines.append(f"- our data protection officer: {settings.dpo_contact}")
    else:
        lines.append("- our data protection officer, through the council's contact details")
    return "You can contact:\n" + "\n".join(lines)


def generated_text(consultation: Consultation, section: NoticeSection, *, withdraw_url: str) -> str:
    settings = get_settings_or_placeholder()
    match section:
        case NoticeSection.CONTROLLER:
            return _controller(consultation, settings)
        case NoticeSection.LAWFUL_BASIS:
            return _lawful_basis(consultation)
        case NoticeSection.COLLECTED:
            return _collected(consultation)
        case NoticeSection.WHO_SEES:
            return _who_sees(consultation)
        case NoticeSection.RETENTION:
            return _retention(consultation)
        case NoticeSection.RIGHTS:
            return _rights(consultation, withdraw_url)
        case NoticeSection.CONTACT:
            return _contact(consultation, settings)


def build_notice(consultation: Consultation, *, withdraw_url: str) -> list[NoticePart]:
    """Every section, in order, as respondents see it. `withdraw_url` is where equality answers
    are withdrawn (services do not build URLs)."""
    overrides = consultation.privacy_notice_overrides or {}
    parts = []
    for section in NoticeSection:
        generated = generated_text(consultation, section, withdraw_url=withdraw_url)
        rewritten = overrides.get(section.value, "")
        text = rewritten if isinstance(rewritten, str) and rewritten.strip() else ""
        parts.append(NoticePart(section, text or generated, generated, bool(text)))
    return parts


def save_section(
    *, actor: Officer, consultation: Consultation, section: NoticeSection, text: str
) -> None:
    """Use the officer's text for one section instead of the generated text."""
    text = text.strip()
    if not text:
        raise DomainError("Enter the text of this section, or use the generated text")
    overrides = dict(consultation.privacy_notice_overrides or {})
    if overrides.get(section.value) == text:
        return
    overrides[section.value] = text
    consultation.privacy_notice_overrides = overrides  # a new dict, so the JSON change is saved
    record_event(
        actor=actor,
        action="privacy_notice.section_rewritten",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Rewrote \u201c{section.heading}\u201d in the privacy notice of "
        f"{consultation.title}",
        detail={"section": section.value, "characters": len(text)},
    )


def reset_section(*, actor: Officer, consultation: Consultation, section: NoticeSection) -> bool:
    """Go back to the generated text for one section; False when it was not rewritten."""
    overrides = dict(consultation.privacy_notice_overrides or {})
    if section.value not in overrides:
        return False
    del overrides[section.value]
    consultation.privacy_notice_overrides = overrides
    record_event(
        actor=actor,
        action="privacy_notice.section_reset",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Went back to the generated text for \u201c{section.heading}\u201d in the "
        f"privacy notice of {consultation.title}",
        detail={"section": section.value},
    )
    return True


def _has_responses(consultation: Consultation) -> bool:
    count = db.session.scalar(
        select(func.count(Response.id)).where(Response.consultation_id == consultation.id)
    )
    return bool(count)


def set_retention_months(*, actor: Officer, consultation: Consultation, months: int) -> bool:
    """Months after the close until personal data is removed; False when unchanged."""
    if not RETENTION_MONTHS_MIN <= months <= RETENTION_MONTHS_MAX:
        raise RetentionOutOfRange(
            f"Enter a number of months between {RETENTION_MONTHS_MIN} and {RETENTION_MONTHS_MAX}"
        )
    previous = consultation.retention_months
    if previous == months:
        return False
    if months > previous and _has_responses(consultation):
        # People responded on the promise of the shorter period: it may be shortened, not
        # lengthened.
        raise RetentionOutOfRange(
            f"People have already responded on the promise that their personal information is "
            f"kept for {previous} months, so the period cannot be made longer: enter "
            f"{previous} months or fewer"
        )
    consultation.retention_months = months
    record_event(
        actor=actor,
        action="consultation.retention_changed",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Personal data in {consultation.title} is now kept for {months} months "
        f"after the close (was {previous})",
        detail={"from": previous, "to": months},
    )
    return True
