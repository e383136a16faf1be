"""Demo consultation: the town centre parking plan (closed a week ago, outcome not yet published)."""

from __future__ import annotations

import random
from typing import Any

from involve.demo_specs import (
    ConsultationSpec,
    PageSpec,
    QuestionSpec,
    Respondent,
    agree_from_stance,
    maybe,
)
from involve.demo_text import Theme, compose_comment
from involve.models import AudienceCategory, QuestionKind

HOW_OFTEN = ("Every day", "Most weeks", "About once a month", "Less often", "Never")
TRAVEL = ("Car or van", "Bus", "Train", "Bicycle", "On foot", "Taxi")
PROPOSALS = (
    "Charging until 8pm at Cornhill and Church Street car parks",
    "A residents' permit zone on the streets around Slad Road",
    "Free parking for the first 30 minutes in Merrywalks car park",
    "Turning 40 spaces at London Road car park into a bus and coach drop-off area",
)
PRIORITIES = (
    "Cheaper short stays",
    "More blue badge spaces",
    "Better bus links",
    "Safer walking and cycling routes",
    "Electric vehicle charging",
)

THEMES = (
    Theme(
        "parking charges",
        -1,
        (
            "The charges are already too high for a quick trip into town.",
            "Charging until 8pm will kill the evening economy.",
            "People will just drive to Gloucester or Cheltenham where parking is cheaper.",
            "Evening charges hit hospitality staff who finish late.",
            "Pay and display machines that only take cards are a problem for older people.",
            "The price rises are a tax on people who have no choice but to drive.",
            "Nobody will pay £2 to pop into the post office.",
            "Charging in the evening will put people off going to the theatre and the cinema.",
            "Free 30 minutes is welcome but two hours would be better.",
            "The parking app charges an extra fee on top, which is unfair.",
            "Keep Sunday parking free.",
            "Season tickets for workers in town should be cheaper.",
            "Raising charges when shops are struggling makes no sense.",
            "The car parks make a profit so why increase the charges again.",
            "Charges should be lower after 3pm to bring people in for the evening.",
        ),
    ),
    Theme(
        "parking spaces",
        -1,
        (
            "There are never enough spaces on a Saturday morning.",
            "Losing 40 spaces at London Road will make the queues even worse.",
            "I drive round for ages looking for a space.",
            "The farmers' market day is impossible for parking already.",
            "More spaces are needed, not fewer.",
            "Spaces are too narrow for modern cars.",
            "Long stay spaces are full by 8.30am with commuters.",
            "We need a multi-storey, the town has outgrown its car parks.",
            "Cars park on the pavements on Slad Road because there is nowhere else.",
            "Parents doing the school run block the spaces near the station.",
            "Some spaces should be kept for short visits only.",
            "Park and ride from the edge of town would free up spaces.",
            "People working in town take all the on-street spaces.",
            "The drop-off area will be empty most of the day and the spaces wasted.",
            "Motorbike parking is always full.",
        ),
    ),
    Theme(
        "public transport",
        0,
        (
            "The buses are too infrequent to be a real alternative to the car.",
            "There is no bus back to the villages after 6pm.",
            "Better bus links would mean fewer cars in town.",
            "The train station needs more parking or better buses to it.",
            "A bus every two hours is not a service.",
            "If buses were cheaper and reliable I would leave the car at home.",
            "Coach drop-off would help visitors and tourism.",
            "Stagecoach keep cutting routes so people have no choice.",
            "Bus fares cost more than parking for a family.",
            "Sunday buses would make a big difference.",
            "The bus station is not a welcoming place to wait.",
            "Community transport for rural villages should be funded from the parking income.",
            "A shuttle bus from Stonehouse and Nailsworth would help.",
            "Buses need to connect with the trains.",
            "Real time bus information would make buses easier to rely on.",
        ),
    ),
    Theme(
        "town centre businesses",
        -1,
        (
            "Independent shops rely on people being able to park nearby.",
            "Footfall is already down and this will make it worse.",
            "My customers tell me they go to out of town supermarkets because parking is free.",
            "Every empty shop on the high street is partly down to parking.",
            "Traders were not properly consulted before this plan was drawn up.",
            "The market needs easy parking for stallholders and shoppers.",
            "Evening charges will hurt pubs and restaurants.",
            "Free short stay parking would bring trade back into town.",
            "Delivery drivers can't find anywhere to stop.",
            "Businesses pay high rates and get nothing back.",
            "Staff parking for town centre workers is a big problem.",
            "Other market towns offer free parking at Christmas.",
            "The town needs visitors, and visitors come by car.",
            "Cafe owners will lose the after-work trade.",
            "Loading bays are always taken by parked cars.",
        ),
    ),
    Theme(
        "accessibility",
        -1,
        (
            "There are not enough blue badge spaces near the shops.",
            "Disabled people can't walk from the edge of town car parks.",
            "Blue badge holders should park free in all car parks.",
            "The drop kerbs near the car parks are badly placed.",
            "Older people need to park near the doctors and the pharmacy.",
            "Mobility scooter users need safer crossings from the car parks.",
            "The pay machines are too high for wheelchair users.",
            "Parents with pushchairs need wider parent and child spaces.",
            "Steep hills mean walking from a distant car park is not possible for many.",
            "The lift in the car park is often broken.",
            "Taxi ranks should be close to the disabled spaces.",
            "Carers visiting people in town need somewhere to park.",
            "Please don't forget people with hidden disabilities.",
            "Accessible parking near the library and health centre is essential.",
            "More seating between the car parks and the high street would help.",
        ),
    ),
    Theme(
        "walking, cycling and air quality",
        1,
        (
            "Fewer cars in the centre would make it a nicer place to be.",
            "Air quality on London Road is poor and traffic needs reducing.",
            "Safe cycle parking would encourage more people to cycle.",
            "The plan is a good step towards a greener town centre.",
            "Pedestrians should come first in the town centre.",
            "Residents' permits will stop commuters clogging up our street.",
            "Wider pavements would make walking safer for children.",
            "Electric car charging points are badly needed.",
            "Charging a little more is fair if the money goes to buses and cycle paths.",
            "The canal towpath could be a great cycle route into town.",
            "I walk into town and the traffic fumes are awful.",
            "Less traffic would help the climate emergency the council declared.",
            "A 20mph limit in the centre would go well with this plan.",
            "E-bike hire would help with the hills.",
            "The residents' zone is long overdue on Slad Road.",
        ),
    ),
)


def write_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    """One respondent's answers, consistent with their stance."""
    answers: dict[str, Any] = {
        "how_often": rng.choices(HOW_OFTEN, weights=(15, 35, 25, 18, 7))[0],
        "support": agree_from_stance(rng, who.stance),
    }
    chosen = [
        mode
        for mode, share in zip(TRAVEL, (0.8, 0.25, 0.1, 0.12, 0.4, 0.05), strict=True)
        if maybe(rng, share)
    ]
    travel: dict[str, Any] = {"choices": chosen or ["Car or van"]}
    if maybe(rng, 0.06):
        travel["other"] = rng.choice(
            ("Mobility scooter", "Community transport", "Lift from a neighbour", "Motorbike")
        )
    answers["travel"] = travel
    if maybe(rng, 0.85):
        grid = {}
        for index, statement in enumerate(PROPOSALS):
            lean = who.stance if index != 1 else (1 if maybe(rng, 0.6) else who.stance)
            if maybe(rng, 0.95):
                grid[statement] = agree_from_stance(rng, max(min(lean, 2), -2))
        answers["proposals"] = grid or {PROPOSALS[0]: agree_from_stance(rng, who.stance)}
    if maybe(rng, 0.88):
        answers["why"], _ = compose_comment(rng, THEMES, who.stance)
    if maybe(rng, 0.65):
        ranked = list(PRIORITIES)
        rng.shuffle(ranked)
        if who.stance < 0:
            ranked.remove("Cheaper short stays")
            ranked.insert(0, "Cheaper short stays")
        answers["priorities"] = ranked
    return answers


_PAGES = (
    PageSpec(
        "Coming into Stroud town centre",
        (
            QuestionSpec(
                "how_often",
                QuestionKind.SINGLE_CHOICE,
                "How often do you park in Stroud town centre?",
                options=HOW_OFTEN,
                required=True,
            ),
            QuestionSpec(
                "travel",
                QuestionKind.MULTIPLE_CHOICE,
                "How do you usually travel into the town centre?",
                hint="Select all that apply",
                options=TRAVEL,
                allow_other=True,
            ),
        ),
    ),
    PageSpec(
        "The parking plan",
        (
            QuestionSpec(
                "support",
                QuestionKind.AGREE_SCALE,
                "To what extent do you agree with the town centre parking plan as a whole?",
                required=True,
            ),
            QuestionSpec(
                "proposals",
                QuestionKind.GRID,
                "To what extent do you agree with each proposal?",
                statements=PROPOSALS,
            ),
            QuestionSpec(
                "why",
                QuestionKind.LONG_TEXT,
                "Please tell us the reasons for your answers",
                max_length=5000,
            ),
            QuestionSpec(
                "priorities",
                QuestionKind.RANKING,
                "Rank what matters most to you about getting into town",
                hint="1 is what matters most",
                options=PRIORITIES,
            ),
        ),
    ),
)

PARKING_PLAN = ConsultationSpec(
    slug="town-centre-parking-plan",
    title="Town centre parking plan",
    service="Parking and transport",
    summary=(
        "A plan for parking in Stroud town centre over the next five years: evening charges, a "
        "residents' permit zone, free short stays and a coach drop-off area."
    ),
    proposal=(
        "We propose four changes to parking in Stroud town centre.\n\n"
        "1. Charges at Cornhill and Church Street car parks would apply until 8pm instead of 6pm, "
        "at £1 for the evening.\n\n"
        "2. A residents' permit zone would be introduced on the streets around Slad Road, where "
        "residents tell us commuters fill the street every weekday.\n\n"
        "3. The first 30 minutes in Merrywalks car park would be free, for quick trips to shops "
        "and services.\n\n"
        "4. 40 spaces at London Road car park would become a bus and coach drop-off area, so "
        "coaches no longer stop on the A46."
    ),
    reasons=(
        "Town centre car parks are more than 90% full on weekday mornings and Saturdays, while "
        "residents near the centre cannot park near their homes. Evening charges elsewhere in "
        "Gloucestershire already run until 8pm.\n\n"
        "Income from parking pays for the car parks' upkeep and supports rural bus services; it "
        "has fallen by 12% since 2019 while costs have risen.\n\n"
        "Traders asked for free short stays to compete with out-of-town shops, and the coach "
        "drop-off would bring visitors into the centre safely."
    ),
    topics=("Parking", "Transport", "Town centre", "Air quality"),
    audiences=(
        AudienceCategory.RESIDENTS,
        AudienceCategory.BUSINESSES,
        AudienceCategory.WORKERS,
        AudienceCategory.VISITORS,
    ),
    published_day=-56,
    opens_day=-49,
    closes_day=-7,
    decision_day=30,
    whole_area=False,
    # Stroud Central, Farmhill and Paganhill, Slade, Trinity and Uplands (ONS Dec 2019 codes).
    ward_codes=("E05010986", "E05010987", "E05010988", "E05010989", "E05010990"),
    contact_name="Parking services",
    contact_email="parking.consultation@example.gov.uk",
    other_ways_to_respond=(
        "Paper questionnaires are available at the Ebley Mill reception and Stroud Library. "
        "Businesses can ask for a visit from the town centre team by calling 01453 000 000.\n\n"
        "You can also write to Parking Services, Ebley Mill, Stroud GL5 4UB."
    ),
    pages=_PAGES,
    responses=180,
    in_progress=4,
    stance_weights=(35, 25, 10, 18, 12),
    age_weights={
        "18_24": 2,
        "25_34": 8,
        "35_49": 22,
        "50_64": 30,
        "65_74": 22,
        "75_84": 10,
        "85_plus": 2,
        "prefer_not_to_say": 4,
    },
    organisation_share=0.06,
    answers=write_answers,
)
