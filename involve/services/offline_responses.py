"""Responses that did not come in online: keyed in by an officer from paper, phone, e-mail, an
event or assisted digital help, or imported from a spreadsheet. They are stored as submitted
responses with answers shaped exactly as the online journey stores them, so they count
everywhere online responses count.

received_on holds the date the response reached the council, stored as midday UK time so the
date is the same in UTC and in UK time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AgeBand,
    Answer,
    Channel,
    Consultation,
    ElectedStatus,
    Officer,
    Phase,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseImport,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.questionnaire.answers import ParsedAnswer
from involve.services.about_you import lookup_postcode
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.lifecycle import phase_of
from involve.services.response_import import DateWindow, ParsedRow, Profile
from involve.services.response_labels import CHANNEL_LABELS
from involve.services.responses import unused_reference
from involve.templating import UK, format_datetime

LATE_POST_DAYS = 14
OFFLINE_PHASES = (Phase.OPEN, Phase.CLOSED)


class NotTakingOfflineResponses(DomainError):
    pass


class AlreadyImported(DomainError):
    pass


@dataclass(frozen=True)
class AboutYouBasics:
    responding_as: RespondingAs | None = None
    organisation_name: str = ""
    age_band: AgeBand | None = None
    postcode: str = ""
    elected_status: ElectedStatus | None = None
    economic_activity: str = ""  # an EconomicActivity value, "" when not given


def is_taking_offline_responses(consultation: Consultation, now: datetime | None = None) -> bool:
    """Officers enter offline responses while a consultation is open and after it closes (late
    post), never before it opens."""
    return phase_of(consultation, now) in OFFLINE_PHASES


def _local_date(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def _day_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def received_window(consultation: Consultation, *, today: date | None = None) -> DateWindow:
    """From the day it was published to today, and no later than 14 days after it closed."""
    today = today or _local_date(utc_now())
    published = consultation.published_at or utc_now()
    earliest = _local_date(published)
    closed_at = consultation.closed_early_at or consultation.closes_at
    latest = today
    message = f"Date received must be between {_day_text(earliest)} and today"
    if closed_at is not None:
        last_post = _local_date(closed_at) + timedelta(days=LATE_POST_DAYS)
        if last_post < today:
            latest = last_post
            message = (
                f"Date received must be between {_day_text(earliest)} and "
                f"{_day_text(last_post)} ({LATE_POST_DAYS} days after the consultation closed)"
            )
    return DateWindow(earliest, latest, message)


def received_date_problem(
    consultation: Consultation, day: date, *, today: date | None = None
) -> str | None:
    today = today or _local_date(utc_now())
    if day > today:
        return "Date received must be today or in the past"
    window = received_window(consultation, today=today)
    if not window.earliest <= day <= window.latest:
        return window.message
    return None


def _received_at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UK)


def _new_response(
    *,
    consultation: Consultation,
    channel: Channel,
    received_on: date,
    answers: Mapping[int, ParsedAnswer],
    profile: AboutYouBasics,
    entered_by: Officer,
    taken: set[str],
) -> Response:
    """A submitted response with its answers (as the online journey stores them) and profile."""
    found = lookup_postcode(profile.postcode) if profile.postcode else None
    is_organisation = profile.responding_as == RespondingAs.ORGANISATION
    response = Response(
        consultation=consultation,
        reference=unused_reference(taken),
        status=ResponseStatus.SUBMITTED,
        channel=channel,
        received_on=_received_at(received_on),
        submitted_at=utc_now(),
        entered_by_id=entered_by.id,
        answers=[
            Answer(question_id=question_id, value=answer.value, text=answer.text)
            for question_id, answer in answers.items()
            if answer.value is not None and not answer.error
        ],
        profile=RespondentProfile(
            responding_as=profile.responding_as,
            organisation_name=profile.organisation_name if is_organisation else "",
            connections=[],
            elected_status=profile.elected_status,
            age_band=profile.age_band,
            economic_activity=""
            if is_organisation or profile.age_band == AgeBand.UNDER_16
            else profile.economic_activity,
            postcode=profile.postcode,
            ward_code=found.ward_code if found else "",
            district_code=found.district_code if found else "",
        ),
    )
    db.session.add(response)
    return response


def enter_response(
    *,
    actor: Officer,
    consultation: Consultation,
    channel: Channel,
    received_on: date,
    answers: Mapping[int, ParsedAnswer],
    about_you: AboutYouBasics,
) -> Response:
    """Store one keyed-in response. answers: question id -> parsed answer, for the questions
    routing shows (see response_import.parse_visible_answers)."""
    if channel == Channel.ONLINE:
        raise ValueError("Keyed-in responses come from an offline channel")
    if not is_taking_offline_responses(consultation):
        raise NotTakingOfflineResponses("This consultation is not taking responses")
    response = _new_response(
        consultation=consultation,
        channel=channel,
        received_on=received_on,
        answers=answers,
        profile=about_you,
        entered_by=actor,
        taken=set(),
    )
    db.session.flush()
    record_event(
        actor=actor,
        action="response.entered",
        object_type="response",
        object_id=response.id,
        summary=(
            f"Entered a {CHANNEL_LABELS[channel].lower()} response {response.reference} "
            f"to {consultation.title}"
        ),
        detail={"consultation_id": consultation.id, "channel": channel.value},
    )
    return response


def find_import(*, consultation: Consultation, file_sha256: str) -> ResponseImport | None:
    return db.session.scalar(
        select(ResponseImport).where(
            ResponseImport.consultation_id == consultation.id,
            ResponseImport.file_sha256 == file_sha256,
        )
    )


def already_imported_message(previous: ResponseImport) -> str:
    officer = db.session.get(Officer, previous.imported_by_id) if previous.imported_by_id else None
    who = officer.full_name if officer is not None else "a command-line import"
    return (
        f"This file was already imported on {format_datetime(previous.imported_at)} by {who} "
        f"({previous.row_count} responses). Nothing was imported again."
    )


def _basics(profile: Profile) -> AboutYouBasics:
    return AboutYouBasics(
        responding_as=profile.responding_as,
        organisation_name=profile.organisation_name,
        age_band=profile.age_band,
        postcode=profile.postcode,
        economic_activity=profile.economic_activity,
    )


def import_responses(
    *,
    actor: Officer,
    consultation: Consultation,
    filename: str,
    file_sha256: str,
    rows: list[ParsedRow],
) -> ResponseImport:
    """Store every checked row of a file, all or nothing (the request's one transaction)."""
    if not is_taking_offline_responses(consultation):
        raise NotTakingOfflineResponses("This consultation is not taking responses")
    previous = find_import(consultation=consultation, file_sha256=file_sha256)
    if previous is not None:
        raise AlreadyImported(already_imported_message(previous))
    batch = ResponseImport(
        consultation_id=consultation.id,
        file_sha256=file_sha256,
        filename=filename[:255],
        row_count=len(rows),
        imported_by_id=actor.id,
        imported_at=utc_now(),
    )
    db.session.add(batch)
    db.session.flush()
    taken: set[str] = set()
    for row in rows:
        response = _new_response(
            consultation=consultation,
            channel=row.channel,
            received_on=row.received_on,
            answers=row.answers,
            profile=_basics(row.profile),
            entered_by=actor,
            taken=taken,
        )
        response.import_id = batch.id
        response.import_row = row.row
    db.session.flush()
    record_event(
        actor=actor,
        action="responses.imported",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Imported {len(rows)} responses to {consultation.title} from {filename}",
        detail={"import_id": batch.id, "filename": filename, "count": len(rows)},
    )
    return batch
