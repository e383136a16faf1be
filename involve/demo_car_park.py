"""A demo consultation that was open for only 10 days with no reason recorded, so the fairness
checks fail it on Gunning 3 (time to respond) and cite R (Silus) v Hounslow."""

from __future__ import annotations

import random
from typing import Any

from involve.demo_specs import ConsultationSpec, PageSpec, QuestionSpec, Respondent, maybe
from involve.models import AudienceCategory, QuestionKind

OPTIONS = (
    "Close the whole car park for three weeks",
    "Close half of it at a time for six weeks",
    "No preference",
)
COMMENTS = {
    -2: (
        "Ten days is not long enough to ask people about this.",
        "I only found out about this from a neighbour, after most of the time to respond had gone.",
        "The shops on Church Street will lose trade whichever option you choose.",
        "Please do not close it on market days.",
    ),
    0: (
        "Either is fine as long as the signs to other car parks are clear.",
        "Keep the disabled bays open if you possibly can.",
        "Tell the bus company so they can put on extra buses.",
    ),
    2: (
        "Get it done quickly: three weeks is better than six.",
        "The surface is full of potholes, so it needs doing.",
        "Doing half at a time means I can still park near the market.",
    ),
}


def write_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    if who.stance > 0:
        option = OPTIONS[0] if rng.random() < 0.7 else OPTIONS[1]
    elif who.stance < 0:
        option = OPTIONS[1] if rng.random() < 0.7 else OPTIONS[2]
    else:
        option = rng.choice(OPTIONS)
    answers: dict[str, Any] = {"option": option}
    if maybe(rng, 0.7):
        key = -2 if who.stance < 0 else 2 if who.stance > 0 else 0
        answers["comments"] = rng.choice(COMMENTS[key])
    return answers


CAR_PARK_RESURFACING = ConsultationSpec(
    slug="church-street-car-park-resurfacing",
    title="Church Street car park resurfacing",
    service="Parking and transport",
    summary=(
        "We need to resurface Church Street car park. Tell us whether we should close it all "
        "for three weeks or half at a time for six weeks."
    ),
    proposal=(
        "The car park will be resurfaced this winter. We can close the whole car park for three "
        "weeks, or close half of it at a time for six weeks.\n\n"
        "Blue badge bays would move to Cornhill car park while the work goes on."
    ),
    reasons=(
        "The surface has broken up and is no longer safe. Closing it all at once is quicker and "
        "cheaper; closing half at a time keeps some spaces open for the market."
    ),
    topics=("Parking", "Town centre"),
    audiences=(AudienceCategory.RESIDENTS, AudienceCategory.BUSINESSES),
    published_day=-32,
    opens_day=-30,
    closes_day=-21,  # open from 9am on day -30 to 11:59pm on day -21: 10 days
    decision_day=-5,
    contact_name="Parking services",
    contact_email="parking.consultation@example.gov.uk",
    other_ways_to_respond="Call 01453 000 000 to answer by phone.",
    pages=(
        PageSpec(
            "Resurfacing",
            (
                QuestionSpec(
                    "option",
                    QuestionKind.SINGLE_CHOICE,
                    "Which would suit you better?",
                    options=OPTIONS,
                    required=True,
                ),
                QuestionSpec(
                    "comments", QuestionKind.LONG_TEXT, "Is there anything else we should know?"
                ),
            ),
        ),
    ),
    responses=36,
    stance_weights=(3, 2, 2, 2, 1),
    age_weights={
        "25_34": 6,
        "35_49": 20,
        "50_64": 32,
        "65_74": 26,
        "75_84": 12,
        "prefer_not_to_say": 4,
    },
    organisation_share=0.05,
    answers=write_answers,
)
