"""Demo consultation: the redesign of youth services (open; children and young people invited)."""

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
from involve.demo_text import Theme, compose_comment, roughen
from involve.models import AudienceCategory, QuestionKind

USED = ("Yes, regularly", "Yes, a few times", "No")
ACTIVITIES = (
    "Sport and fitness",
    "Music, art and drama",
    "Somewhere to hang out with friends",
    "Help with mental health and wellbeing",
    "Careers, training and job advice",
    "Trips and residentials",
    "Cooking and life skills",
)
OTHER_ACTIVITIES = (
    "Skate park sessions",
    "Gaming nights",
    "LGBTQ+ youth group",
    "Duke of Edinburgh award",
    "Bike repair",
    "Young carers group",
    "Film making",
)
WELCOMING = (
    "Friendly staff who listen",
    "Somewhere warm with wifi",
    "Free food",
    "Not feeling judged",
    "Open in the evenings and weekends",
    "Being able to bring friends",
    "Comfy sofas and music",
    "A space just for young people, not adults",
    "Youth workers we already know",
    "Easy to get to by bus",
    "Things to do that are actually fun",
    "Quiet room for when it gets too much",
)

THEMES = (
    Theme(
        "youth clubs",
        -1,
        (
            "The youth club in our village is the only thing for teenagers to do.",
            "Closing local clubs to open three hubs will leave the villages with nothing.",
            "My son goes to the Tuesday club every week and it has really helped him.",
            "Youth clubs keep kids off the streets in the evenings.",
            "Local clubs work because they are close to home.",
            "Young people won't go to a hub in another town.",
            "The club in Cam has been running for 30 years, please keep it.",
            "Hubs sound good on paper but the village clubs are what young people use.",
            "We need more youth clubs, not fewer.",
            "Friday night youth club is where I see my friends.",
            "Clubs in church halls cost very little to run.",
            "Without the club there is nowhere to go after school.",
            "Volunteer-run clubs need support from the council to survive.",
            "Once a club closes the young people drift away.",
            "The youth club is where I learned to cook.",
        ),
    ),
    Theme(
        "mental health",
        0,
        (
            "So many young people are struggling with anxiety since covid.",
            "The waiting list for CAMHS is over a year, youth workers fill the gap.",
            "A drop-in for mental health support at the hubs would be really valuable.",
            "Young people need someone to talk to who isn't a teacher or a parent.",
            "Social media is making things worse and kids need help with it.",
            "My daughter has been self harming and the youth worker was the first to notice.",
            "Wellbeing support should be in every hub.",
            "Counselling in schools is not enough.",
            "Young people feel lonely, especially in rural areas.",
            "Mental health first aid training for youth workers is essential.",
            "Exam stress is a huge issue and nobody talks about it.",
            "Support for young carers' mental health is missing.",
            "Online support is fine but face to face matters more.",
            "Having a quiet space to go when things are bad would help.",
            "Early help stops problems getting worse and costing more later.",
        ),
    ),
    Theme(
        "safety",
        0,
        (
            "There is a lot of antisocial behaviour in the park because there is nothing to do.",
            "Parents need to know the hubs are safe and supervised.",
            "Young people need a safe space away from drugs and gangs.",
            "Walking home from a hub in the dark is not safe for girls.",
            "County lines gangs target bored teenagers.",
            "Outreach workers in the parks and skate park would make them safer.",
            "Vaping and drinking in the bus shelter is a problem.",
            "Girls don't feel safe in mixed spaces with older boys.",
            "Police should work with youth workers not just move kids on.",
            "The underpass is scary at night.",
            "Safe spaces are needed for LGBTQ+ young people.",
            "Knife crime is rising and prevention work has to continue.",
            "Detached youth work has reduced trouble in our area.",
            "Better lighting on the routes to the hubs is needed.",
            "I feel safer knowing there are youth workers around.",
        ),
    ),
    Theme(
        "transport",
        -1,
        (
            "How are young people from the villages supposed to get to a hub?",
            "There are no buses after 6pm from most villages.",
            "Bus fares are too expensive for young people.",
            "Parents can't always drive their kids to another town.",
            "The hubs should provide a minibus.",
            "Free bus passes for under 18s would solve a lot of this.",
            "The bus from Wotton takes over an hour.",
            "Young people in rural areas are already isolated.",
            "If the hub is in Stroud, kids in Berkeley will never use it.",
            "Cycling on the main roads isn't safe.",
            "Transport is the biggest barrier for young people here.",
            "Outreach has to go to the villages because kids can't get out.",
            "Travel time after school means there is hardly any time at the hub.",
            "Lift sharing between parents could be organised by the hubs.",
            "Evening buses would make the hubs work.",
        ),
    ),
    Theme(
        "youth workers",
        -1,
        (
            "Young people trust the youth workers they already know.",
            "Cutting youth worker posts would be a disaster.",
            "Good youth workers are hard to find and should be kept.",
            "The youth workers go above and beyond.",
            "Relationships take years to build and can be lost overnight.",
            "More outreach workers is the best part of this plan.",
            "Youth workers need proper pay and training.",
            "Agency staff change too often for kids to trust them.",
            "Our youth worker helped me get onto a college course.",
            "Volunteers can't replace qualified youth workers.",
            "Youth workers should work with schools more.",
            "Fewer staff across a bigger area will spread them too thin.",
            "Youth workers are often the only adult a teenager talks to.",
            "Please protect the detached youth work team.",
            "Youth workers who grew up here understand the area.",
        ),
    ),
    Theme(
        "activities and hubs",
        1,
        (
            "Three well equipped hubs could offer much more than small clubs.",
            "A hub with a music studio would be amazing.",
            "More sport and free gym sessions please.",
            "Careers advice and help finding apprenticeships would be great.",
            "Cooking and money skills should be taught at the hubs.",
            "The plan to open on Saturdays is a big improvement.",
            "Trips and residentials give young people experiences they would never get.",
            "I like the idea of young people helping to design the hubs.",
            "Digital skills and gaming clubs would attract more young people.",
            "Hubs could share space with the library or leisure centre.",
            "Arts and drama activities build confidence.",
            "A youth council for each hub would give us a say.",
            "Duke of Edinburgh and volunteering opportunities at the hubs.",
            "Hubs open in the school holidays would help working parents.",
            "Modern buildings would make young people want to go.",
        ),
    ),
    Theme(
        "cost",
        1,
        (
            "I understand the money has to be spent where it reaches most young people.",
            "Running lots of small clubs is expensive and some are nearly empty.",
            "Investing in fewer, better places is sensible.",
            "Activities must stay free or low cost so nobody is left out.",
            "The council should bid for lottery funding to keep more open.",
            "Spending on young people now saves money on police and health later.",
            "The budget for youth services has been cut too many times already.",
            "Partners like the college and the police should contribute funding.",
            "Good value for money if the hubs are actually used.",
            "Families can't afford paid activities in the cost of living crisis.",
            "Selling off the old youth centre buildings would fund the hubs.",
            "Fair enough if the savings are reinvested in outreach.",
            "Town and parish councils could help fund local sessions.",
            "Charges for trips should be means tested.",
            "Free food at sessions matters with the cost of living.",
        ),
    ),
)


def write_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    """One respondent's answers, consistent with their stance."""
    young = who.age_band in {"under_16", "16_17", "18_24"}
    answers: dict[str, Any] = {
        "used": rng.choices(USED, weights=(45, 30, 25) if young else (15, 25, 60))[0],
        "support": agree_from_stance(rng, who.stance),
    }
    chosen = [activity for activity in ACTIVITIES if maybe(rng, 0.35)]
    activities: dict[str, Any] = {"choices": chosen or [rng.choice(ACTIVITIES)]}
    if maybe(rng, 0.12):
        activities["other"] = rng.choice(OTHER_ACTIVITIES)
    answers["activities"] = activities
    if maybe(rng, 0.8):
        answers["why"], _ = compose_comment(rng, THEMES, who.stance)
    if maybe(rng, 0.75):
        answers["travel_minutes"] = rng.choice((5, 10, 15, 20, 20, 30, 30, 45, 60))
    if maybe(rng, 0.55):
        answers["welcoming"] = roughen(rng, rng.choice(WELCOMING))
    return answers


_PAGES = (
    PageSpec(
        "You and youth services",
        (
            QuestionSpec(
                "used",
                QuestionKind.SINGLE_CHOICE,
                "Have you, or a young person you care for, used a youth club or youth worker in "
                "the last year?",
                options=USED,
                required=True,
            ),
            QuestionSpec(
                "activities",
                QuestionKind.MULTIPLE_CHOICE,
                "What would you like youth services to offer?",
                hint="Select all that apply",
                options=ACTIVITIES,
                allow_other=True,
            ),
        ),
    ),
    PageSpec(
        "Youth hubs and outreach",
        (
            QuestionSpec(
                "support",
                QuestionKind.AGREE_SCALE,
                "To what extent do you agree with running youth services from three hubs, with "
                "outreach workers visiting the villages?",
                required=True,
            ),
            QuestionSpec(
                "why",
                QuestionKind.LONG_TEXT,
                "What matters most to you about youth services, and why?",
                max_length=5000,
            ),
            QuestionSpec(
                "travel_minutes",
                QuestionKind.NUMBER,
                "What is the longest you would travel to get to a youth hub, in minutes?",
                min_value=0,
                max_value=180,
            ),
            QuestionSpec(
                "welcoming",
                QuestionKind.SHORT_TEXT,
                "What one thing would make a youth hub feel welcoming?",
            ),
        ),
    ),
)

YOUTH_SERVICES = ConsultationSpec(
    slug="redesign-of-youth-services",
    title="Redesign of youth services",
    service="Youth services",
    summary=(
        "We want to redesign youth services around three youth hubs in Stroud, Dursley and "
        "Stonehouse, with more youth workers visiting villages. Tell us what young people need."
    ),
    proposal=(
        "We propose to run youth services from three youth hubs, in Stroud, Dursley and "
        "Stonehouse, open four evenings a week and on Saturdays, with music, sport, cooking, "
        "careers advice and a mental health drop-in.\n\n"
        "The seven part-time youth clubs we run in village halls would close. Instead a team of "
        "six outreach youth workers would visit villages, parks and skate parks every week, and "
        "we would offer grants to town and parish councils and community groups that want to "
        "keep a local club going.\n\n"
        "Young people would help design the hubs and sit on a youth panel for each one."
    ),
    reasons=(
        "Attendance at the village clubs has fallen to an average of eight young people a "
        "session, while the number of young people asking for help with their mental health has "
        "doubled since 2020.\n\n"
        "The hubs would be open more hours for the same money, with specialist staff that small "
        "clubs cannot have. Outreach workers would reach young people who never came to a club.\n\n"
        "We know travel from rural villages is a concern, and we have not decided how the "
        "outreach team or the grants would work: we need young people and families to tell us."
    ),
    topics=("Young people", "Youth clubs", "Mental health", "Rural services"),
    audiences=(
        AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE,
        AudienceCategory.RESIDENTS,
        AudienceCategory.SERVICE_USERS,
        AudienceCategory.VOLUNTARY_AND_COMMUNITY_GROUPS,
    ),
    published_day=-14,
    opens_day=-10,
    closes_day=35,
    decision_day=100,
    contact_name="Youth services team",
    contact_email="youth.consultation@example.gov.uk",
    other_ways_to_respond=(
        "A young people's version of this questionnaire is available at every youth club and "
        "from youth workers. Youth workers will also run sessions in secondary schools.\n\n"
        "Parents and carers can ask for a paper copy by calling 01453 000 000."
    ),
    pages=_PAGES,
    responses=90,
    in_progress=3,
    stance_weights=(30, 25, 20, 15, 10),
    age_weights={
        "under_16": 7,
        "16_17": 6,
        "18_24": 6,
        "25_34": 8,
        "35_49": 28,
        "50_64": 20,
        "65_74": 12,
        "75_84": 5,
        "85_plus": 1,
        "prefer_not_to_say": 4,
    },
    organisation_share=0.05,
    answers=write_answers,
)
