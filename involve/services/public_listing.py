"""What the public home page lists: open consultations (closing soonest first), then closed ones
whose outcome is published; searched by word and filtered by topic, ward or postcode. Drafts and
scheduled consultations never appear, nor do their topics and wards among the filters.

The phase buckets are SQL conditions; topics and ward codes are JSON lists, so those filters run
in Python over the (bounded) rows the SQL query returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, cast, or_, select

from involve.extensions import db
from involve.models import Activity, Consultation, Ward
from involve.models.base import utc_now
from involve.services.about_you import lookup_postcode
from involve.services.activities import list_upcoming_events
from involve.services.lifecycle import days_left, days_left_text

# More than any council runs at once; keeps the page and the Python filtering bounded.
LIMIT_PER_SECTION = 200
HOME_EVENTS = 3


@dataclass(frozen=True)
class ListingFilters:
    words: str = ""
    topic: str = ""
    ward_code: str = ""
    # From a postcode: None means no postcode filter; "" means the postcode's ward is unknown,
    # so only whole-area consultations are shown.
    postcode_ward_code: str | None = None


@dataclass(frozen=True)
class ListedConsultation:
    consultation: Consultation
    days_left: int | None = None  # open ones: whole days until the closing date

    @property
    def days_left_text(self) -> str:
        return days_left_text(self.days_left)


@dataclass
class Listing:
    open: list[ListedConsultation] = field(default_factory=list)
    outcomes: list[ListedConsultation] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    areas: list[Ward] = field(default_factory=list)
    # The next few events and other ways to get involved (not online consultations).
    events: list[Activity] = field(default_factory=list)


@dataclass(frozen=True)
class PostcodeArea:
    postcode: str
    ward_code: str  # "" when the postcode is not in the lookup
    ward_name: str


def find_postcode_area(postcode: str) -> PostcodeArea:
    """The ward of a (normalised) postcode, with its name when the ward has been imported."""
    found = lookup_postcode(postcode)
    if found is None:
        return PostcodeArea(postcode=postcode, ward_code="", ward_name="")
    ward = db.session.get(Ward, found.ward_code)
    return PostcodeArea(
        postcode=postcode, ward_code=found.ward_code, ward_name=ward.name if ward else ""
    )


def _escape_like(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _word_condition(words: str) -> Any:
    pattern = f"%{_escape_like(words)}%"
    return or_(
        Consultation.title.ilike(pattern, escape="\\"),
        Consultation.summary.ilike(pattern, escape="\\"),
        cast(Consultation.topics, String).ilike(pattern, escape="\\"),
    )


def _phase_conditions(now: datetime) -> dict[str, Any]:
    """SQL for each phase, mirroring involve.services.lifecycle.phase_of."""
    published = and_(
        Consultation.published_at.is_not(None), Consultation.outcome_published_at.is_(None)
    )
    not_closed_early = or_(
        Consultation.closed_early_at.is_(None), Consultation.closed_early_at > now
    )
    return {
        "open": and_(
            published,
            not_closed_early,
            or_(Consultation.opens_at.is_(None), Consultation.opens_at <= now),
            or_(Consultation.closes_at.is_(None), Consultation.closes_at > now),
        ),
        "outcomes": and_(
            Consultation.published_at.is_not(None),
            Consultation.outcome_published_at.is_not(None),
        ),
    }


def _order(section: str) -> list[Any]:
    if section == "open":
        # Closing soonest first; open-ended ones last (NULLs sort differently per database).
        return [Consultation.closes_at.is_(None), Consultation.closes_at, Consultation.title]
    return [Consultation.outcome_published_at.desc(), Consultation.title]


def _matches_words(consultation: Consultation, words: str) -> bool:
    needle = words.casefold()
    haystacks = [consultation.title, consultation.summary, *(consultation.topics or [])]
    return any(needle in text.casefold() for text in haystacks)


def _covers_ward(consultation: Consultation, ward_code: str) -> bool:
    return consultation.whole_area or ward_code in (consultation.ward_codes or [])


def _matches(consultation: Consultation, filters: ListingFilters) -> bool:
    if filters.words and not _matches_words(consultation, filters.words):
        return False
    if filters.topic and filters.topic not in (consultation.topics or []):
        return False
    if filters.ward_code and not _covers_ward(consultation, filters.ward_code):
        return False
    if filters.postcode_ward_code is not None:
        if not filters.postcode_ward_code:
            return consultation.whole_area
        return _covers_ward(consultation, filters.postcode_ward_code)
    return True


def list_public_consultations(*, filters: ListingFilters, now: datetime | None = None) -> Listing:
    """The home page's two sections, plus the topics and wards people can filter by."""
    now = now or utc_now()
    listing = Listing()
    topics: set[str] = set()
    ward_codes: set[str] = set()
    for section, condition in _phase_conditions(now).items():
        rows = db.session.scalars(
            select(Consultation)
            .where(condition)
            .order_by(*_order(section))
            .limit(LIMIT_PER_SECTION)
        ).all()
        for consultation in rows:
            topics.update(consultation.topics or [])
            ward_codes.update(consultation.ward_codes or [])
        if filters.words:
            rows = db.session.scalars(
                select(Consultation)
                .where(condition, _word_condition(filters.words))
                .order_by(*_order(section))
                .limit(LIMIT_PER_SECTION)
            ).all()
        chosen = [
            ListedConsultation(
                consultation=consultation,
                days_left=days_left(consultation, now) if section == "open" else None,
            )
            for consultation in rows
            if _matches(consultation, filters)
        ]
        getattr(listing, section).extend(chosen)
    listing.topics = sorted(topics, key=str.casefold)
    listing.events = list_upcoming_events(limit=HOME_EVENTS, now=now)
    if ward_codes:
        listing.areas = list(
            db.session.scalars(select(Ward).where(Ward.code.in_(ward_codes)).order_by(Ward.name))
        )
    return listing
