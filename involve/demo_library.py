"""Demo consultation: library opening hours (open). Uses every question kind and one routed page."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from involve.demo_library_text import CHANGES, MOBILE_STOPS, OTHER_USES, THEMES
from involve.demo_specs import (
    ConsultationSpec,
    PageSpec,
    QuestionSpec,
    Respondent,
    agree_from_stance,
    maybe,
    scale_from_stance,
)
from involve.demo_text import compose_comment, roughen
from involve.models import AudienceCategory, QuestionKind

LIBRARIES = ("Stroud", "Stonehouse", "Dursley", "Nailsworth", "Wotton-under-Edge", "Cam")
USES = (
    "Borrowing books",
    "Computers and Wi-Fi",
    "Children's activities",
    "Studying or working",
    "Meeting people and groups",
    "Printing and photocopying",
    "Local and family history",
)
MOBILE = ("Yes", "No", "I did not know there was one")
IMPACT_SCALE = ("Very positive", "Positive", "No effect", "Negative", "Very negative")
IMPACT_STATEMENTS = (
    "Closing all day on Mondays",
    "Opening until 7pm on Thursdays",
    "Closing at 1pm on Saturdays",
)
SAVINGS = (
    "Reduce opening hours",
    "Use more volunteers",
    "Share buildings with other services",
    "Charge for more services",
)


def write_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    """One respondent's answers, consistent with their stance."""
    answers = _usage_answers(rng, who)
    answers["support"] = agree_from_stance(rng, who.stance)
    if answers["mobile"] == "Yes":
        answers["mobile_stop"] = rng.choice(MOBILE_STOPS)
        answers["mobile_change"] = agree_from_stance(rng, who.stance)
    if maybe(rng, 0.85):
        answers["why"], _ = compose_comment(rng, THEMES, who.stance)
    if maybe(rng, 0.8):
        answers["impact"] = {
            statement: scale_from_stance(rng, who.stance, IMPACT_SCALE)
            for statement in IMPACT_STATEMENTS
            if maybe(rng, 0.93)
        } or {IMPACT_STATEMENTS[0]: scale_from_stance(rng, who.stance, IMPACT_SCALE)}
    if maybe(rng, 0.7):
        ranked = list(SAVINGS)
        rng.shuffle(ranked)
        if who.stance < 0:  # people against shorter hours put them last
            ranked.remove("Reduce opening hours")
            ranked.append("Reduce opening hours")
        answers["savings"] = ranked
    if maybe(rng, 0.9):
        answers["postcode"] = who.postcode
    if maybe(rng, 0.5):
        answers["one_change"] = roughen(rng, rng.choice(CHANGES))
    return answers


def _usage_answers(rng: random.Random, who: Respondent) -> dict[str, Any]:
    """Which library, how often, what for: people against the change tend to be heavy users."""
    heavy_user = who.stance < 0 and maybe(rng, 0.6)
    answers: dict[str, Any] = {
        "library": rng.choices(LIBRARIES, weights=(40, 12, 15, 12, 10, 11))[0]
    }
    if maybe(rng, 0.9):
        answers["visits"] = rng.randint(20, 150) if heavy_user else rng.randint(0, 30)
    if maybe(rng, 0.8):
        days = rng.randint(1, 14) if heavy_user else rng.randint(1, 200)
        answers["last_visit"] = (who.submitted_at - timedelta(days=days)).date().isoformat()
    uses = sorted(rng.sample(range(len(USES)), rng.randint(1, 4)))
    use_answer: dict[str, Any] = {"choices": [USES[i] for i in uses]}
    if maybe(rng, 0.1):
        use_answer["other"] = rng.choice(OTHER_USES)
    answers["uses"] = use_answer
    answers["mobile"] = rng.choices(MOBILE, weights=(15, 75, 10))[0]
    return answers


_PAGES = (
    PageSpec(
        "Your library",
        (
            QuestionSpec(
                "library",
                QuestionKind.SINGLE_CHOICE,
                "Which library do you use most?",
                options=LIBRARIES,
                required=True,
            ),
            QuestionSpec(
                "visits",
                QuestionKind.NUMBER,
                "About how many times have you visited a library in the last 12 months?",
                hint="Enter 0 if you have not visited",
                min_value=0,
                max_value=365,
            ),
            QuestionSpec(
                "last_visit",
                QuestionKind.DATE,
                "When did you last visit a library?",
                hint="For example, 27 3 2025. An approximate date is fine.",
            ),
        ),
    ),
    PageSpec(
        "How you use the library",
        (
            QuestionSpec(
                "uses",
                QuestionKind.MULTIPLE_CHOICE,
                "What do you use the library for?",
                hint="Select all that apply",
                options=USES,
                allow_other=True,
            ),
            QuestionSpec(
                "mobile",
                QuestionKind.SINGLE_CHOICE,
                "Do you use the mobile library?",
                options=MOBILE,
                required=True,
            ),
        ),
    ),
    PageSpec(
        "The mobile library",
        (
            QuestionSpec(
                "mobile_stop",
                QuestionKind.SHORT_TEXT,
                "Which mobile library stop do you use?",
            ),
            QuestionSpec(
                "mobile_change",
                QuestionKind.AGREE_SCALE,
                "The mobile library should visit every three weeks instead of every two. "
                "To what extent do you agree?",
            ),
        ),
        show_if=("mobile", "Yes"),
    ),
    PageSpec(
        "The proposed opening hours",
        (
            QuestionSpec(
                "support",
                QuestionKind.AGREE_SCALE,
                "To what extent do you agree with the proposed opening hours?",
                required=True,
            ),
            QuestionSpec(
                "why",
                QuestionKind.LONG_TEXT,
                "Please tell us why",
                hint="Tell us how the changes would affect you, your family or your group",
                max_length=5000,
            ),
            QuestionSpec(
                "impact",
                QuestionKind.GRID,
                "How would each change affect you?",
                options=IMPACT_SCALE,
                statements=IMPACT_STATEMENTS,
            ),
            QuestionSpec(
                "savings",
                QuestionKind.RANKING,
                "If savings have to be made, rank these ways of making them",
                hint="1 is the way you prefer most",
                options=SAVINGS,
            ),
        ),
    ),
    PageSpec(
        "Anything else",
        (
            QuestionSpec(
                "one_change",
                QuestionKind.SHORT_TEXT,
                "If you could change one thing about your library, what would it be?",
            ),
            QuestionSpec(
                "postcode",
                QuestionKind.POSTCODE,
                "What is the postcode of the place you travel to the library from?",
                hint="We use this to see which areas the library's users come from",
            ),
        ),
    ),
)

LIBRARY_HOURS = ConsultationSpec(
    slug="library-opening-hours",
    title="Library opening hours",
    service="Libraries and culture",
    summary=(
        "We are proposing new opening hours for Stroud District's six libraries so they open "
        "when most people use them and we can keep every library open within a smaller budget."
    ),
    proposal=(
        "We propose that from April every library in the district opens on the same five days, "
        "Tuesday to Saturday. Libraries would close all day on Mondays, stay open until 7pm on "
        "Thursdays, and close at 1pm on Saturdays.\n\n"
        "The mobile library would visit each village stop every three weeks instead of every "
        "two, and would add four new stops in villages with no bus service.\n\n"
        "The online library (e-books, e-audiobooks, newspapers and the reservation service) "
        "would be unchanged and available at all times. Reserved books could be collected from "
        "self-service lockers at Stroud and Dursley libraries outside opening hours."
    ),
    reasons=(
        "The library service must save £180,000 a year from 2026. Without changes to opening "
        "hours we would have to consider closing one or more libraries.\n\n"
        "Visitor counts over the last two years show that Mondays and Saturday afternoons are the "
        "quietest times at five of our six libraries, while Thursday evenings are requested most "
        "often by students and people who work.\n\n"
        "The same opening days at every library would also make the hours easier to remember. We "
        "have not yet decided: we want to hear how these changes would affect you, and about "
        "other ways we could make the savings, before councillors decide in the summer."
    ),
    topics=("Libraries", "Opening hours", "Budget savings", "Rural services"),
    audiences=(
        AudienceCategory.RESIDENTS,
        AudienceCategory.SERVICE_USERS,
        AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE,
        AudienceCategory.STUDENTS,
        AudienceCategory.VOLUNTARY_AND_COMMUNITY_GROUPS,
    ),
    published_day=-28,
    opens_day=-21,
    closes_day=21,
    decision_day=60,
    contact_name="Libraries consultation team",
    contact_email="libraries.consultation@example.gov.uk",
    other_ways_to_respond=(
        "Paper copies of this questionnaire and a large-print version are available at every "
        "library and on the mobile library. Hand completed copies to library staff or post them "
        "to Freepost STROUD LIBRARIES.\n\n"
        "To answer by phone, or to ask for this consultation in another format or language, call "
        "01453 000 000 (Monday to Friday, 9am to 5pm).\n\n"
        "Drop-in sessions: Stroud Library, Tuesday 14 and Saturday 18 (10am to 12 noon)."
    ),
    pages=_PAGES,
    responses=260,
    in_progress=6,
    stance_weights=(30, 25, 15, 20, 10),
    age_weights={
        "under_16": 0.5,
        "16_17": 0.7,
        "18_24": 2.5,
        "25_34": 8,
        "35_49": 18,
        "50_64": 25,
        "65_74": 24,
        "75_84": 14,
        "85_plus": 3,
        "prefer_not_to_say": 3,
    },
    organisation_share=0.03,
    answers=write_answers,
)
