"""Demo consultation for retention: "Dogs in parks and play areas" closed about 30 months ago and
keeps personal data for 24 months, so it is overdue for removal the day the demo is seeded.

Its responses hold what retention removes: names and e-mail addresses, full postcodes, unfinished
responses with resume codes, and one comment that gives a phone number and signs off with the
respondent's name. An officer can run retention from Data requests > Retention and see it go.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from sqlalchemy import select

from involve.demo_consultations import create_from_spec
from involve.demo_responses import seed_responses
from involve.demo_specs import (
    ConsultationSpec,
    PageSpec,
    QuestionSpec,
    Respondent,
    agree_from_stance,
    maybe,
)
from involve.demo_text import Theme, compose_comment
from involve.extensions import db
from involve.models import (
    Answer,
    AudienceCategory,
    Consultation,
    Officer,
    QuestionKind,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.services import authority
from involve.services.responses import create_resume_code

CLOSED_DAYS_AGO = 913  # about 30 months
RETENTION_MONTHS = 24

THEMES = (
    Theme(
        "dog fouling",
        1,
        (
            "The playing field at Stratford Park is covered in dog mess every morning.",
            "My children cannot play on the grass because of dog fouling.",
            "Owners who do not pick up should be fined.",
            "More bins for dog waste would help more than any ban.",
        ),
    ),
    Theme(
        "dogs off leads",
        1,
        (
            "Dogs off leads run up to toddlers in the play area.",
            "I have been knocked over by a dog running loose on the cycle path.",
            "Most owners are fine but a few let big dogs run everywhere.",
        ),
    ),
    Theme(
        "exercise for dogs",
        -1,
        (
            "Dogs need somewhere to run and the parks are the only place nearby.",
            "Responsible owners are being punished for what a few people do.",
            "Please keep at least one field where dogs can be off the lead.",
            "Walking the dog is how many older people get out and meet others.",
        ),
    ),
)

PLAY_AREAS = ("Yes", "No", "Not sure")


def write_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "support": agree_from_stance(rng, who.stance),
        "play_areas": PLAY_AREAS[0 if who.stance >= 0 else rng.choice((1, 2))],
    }
    if maybe(rng, 0.75):
        answers["comments"], _themes = compose_comment(rng, THEMES, who.stance)
    return answers


DOGS_IN_PARKS = ConsultationSpec(
    slug="dogs-in-parks-and-play-areas",
    title="Dogs in parks and play areas",
    service="Waste and recycling",  # dog fouling and its bins sit with street cleansing
    summary=(
        "A Public Spaces Protection Order that would keep dogs on leads in the district's parks "
        "and out of children's play areas."
    ),
    proposal=(
        "Dogs would have to be kept on a lead in the district's parks and recreation grounds, "
        "and would not be allowed in fenced children's play areas.\n\n"
        "Each park would keep an area where dogs can run off the lead."
    ),
    reasons=(
        "Complaints about dog fouling and dogs off leads near play areas doubled in two years, "
        "and an order lets wardens act where education has not worked."
    ),
    topics=("Parks", "Dogs", "Community safety"),
    audiences=(AudienceCategory.RESIDENTS, AudienceCategory.VISITORS),
    published_day=-CLOSED_DAYS_AGO - 63,
    opens_day=-CLOSED_DAYS_AGO - 56,
    closes_day=-CLOSED_DAYS_AGO,
    decision_day=-CLOSED_DAYS_AGO + 60,
    contact_name="Community safety team",
    other_ways_to_respond="Call 01453 000 000 to answer by phone or ask for a paper copy.",
    pages=(
        PageSpec(
            "Dogs in parks",
            (
                QuestionSpec(
                    "support",
                    QuestionKind.AGREE_SCALE,
                    "To what extent do you agree that dogs should be kept on leads in parks?",
                    required=True,
                ),
                QuestionSpec(
                    "play_areas",
                    QuestionKind.SINGLE_CHOICE,
                    "Should dogs be kept out of children's play areas?",
                    options=PLAY_AREAS,
                ),
                QuestionSpec(
                    "comments",
                    QuestionKind.LONG_TEXT,
                    "Is there anything else you would like to tell us?",
                    max_length=5000,
                ),
            ),
        ),
    ),
    responses=40,
    in_progress=3,
    stance_weights=(10, 8, 4, 12, 16),
    age_weights={"25_34": 10, "35_49": 25, "50_64": 30, "65_74": 25, "75_84": 10},
    organisation_share=0.02,
    answers=write_answers,
)


def seed_demo_retention(*, now: datetime | None = None) -> list[str]:
    """Create the expired consultation once, with its responses (safe to run again)."""
    if db.session.scalar(select(Consultation.id).where(Consultation.slug == DOGS_IN_PARKS.slug)):
        return []
    now = (now or utc_now()).replace(minute=0, second=0, microsecond=0)
    services = {service.name: service for service in authority.list_services()}
    author = db.session.scalar(select(Officer).where(Officer.email == "officer@example.gov.uk"))
    consultation, questions = create_from_spec(DOGS_IN_PARKS, now, services, author)
    consultation.retention_months = RETENTION_MONTHS
    count = seed_responses(
        spec=DOGS_IN_PARKS,
        consultation=consultation,
        questions=questions,
        now=now,
        seed=6_000,
        entered_by_id=author.id if author else None,
    )
    _add_personal_details(consultation, questions["comments"].id)
    return [
        f"Created the demo consultation {DOGS_IN_PARKS.title!r} with {count} responses "
        f"(closed {CLOSED_DAYS_AGO // 30} months ago: its personal data is due for removal)"
    ]


def _add_personal_details(consultation: Consultation, comments_id: int) -> None:
    """What people really do: leave a resume code unused, and put a phone number in a comment."""
    responses = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id).order_by(Response.id)
    ).all()
    for response in responses:
        if response.status == ResponseStatus.IN_PROGRESS:
            create_resume_code(response=response)
    named = db.session.scalars(
        select(Answer)
        .join(RespondentProfile, RespondentProfile.response_id == Answer.response_id)
        .join(Response, Response.id == Answer.response_id)
        .where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Answer.question_id == comments_id,
            RespondentProfile.name != "",
        )
        .order_by(Answer.id)
        .limit(1)
    ).first()
    if named is None:
        return
    first_name = named.response.profile.name.split()[0]  # type: ignore[union-attr]
    named.value = (
        f"{named.value} If you want to talk about it, ring me on 07700 900461 any evening. "
        f"{first_name}"
    )
    named.text = named.value
    db.session.flush()
