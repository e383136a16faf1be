"""Made-up respondents for the demo consultations: deterministic (random.Random(seed)), written
with bulk inserts so seeding stays fast, and deliberately not representative of Stroud: young
people and organisations are under-represented, older people over-represented."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from involve.demo_representativeness import demo_economic_activity
from involve.demo_specs import ConsultationSpec, Respondent
from involve.extensions import db
from involve.models import (
    AgeBand,
    Answer,
    Channel,
    Connection,
    Consultation,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    PostcodeLookup,
    Question,
    QuestionKind,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from involve.questionnaire.routing import visible_pages
from involve.services.references import ALPHABET, GROUP_LENGTH, GROUPS

# The same wording as the public "about you" equality questions (involve.services.about_you).
PREFER_NOT_TO_SAY = "Prefer not to say"
SEXES = (("Female", 54), ("Male", 41), (PREFER_NOT_TO_SAY, 5))
ETHNIC_GROUPS = (
    ("White", 92),
    ("Mixed or multiple ethnic groups", 2),
    ("Asian or Asian British", 1.5),
    ("Black, Black British, Caribbean or African", 0.8),
    ("Other ethnic group", 0.7),
    (PREFER_NOT_TO_SAY, 3),
)
DISABILITIES = (
    ("Yes, limited a lot", 7),
    ("Yes, limited a little", 12),
    ("No", 74),
    (PREFER_NOT_TO_SAY, 7),
)
ORGANISATIONS = (
    (OrganisationType.BUSINESS, "Stroud Town Centre Traders"),
    (OrganisationType.BUSINESS, "The Five Valleys Cafe"),
    (OrganisationType.BUSINESS, "Slad Road Garage"),
    (OrganisationType.VOLUNTARY_OR_COMMUNITY, "Friends of Stroud Library"),
    (OrganisationType.VOLUNTARY_OR_COMMUNITY, "Cam and Dursley Youth Trust"),
    (OrganisationType.VOLUNTARY_OR_COMMUNITY, "Stroud Valleys Residents' Association"),
    (OrganisationType.PUBLIC_BODY, "Nailsworth Town Council"),
    (OrganisationType.PUBLIC_BODY, "Painswick Parish Council"),
    (OrganisationType.OTHER, "Stroud Cycling Campaign"),
)
FIRST_NAMES = ("Sue", "Peter", "Margaret", "David", "Helen", "Ian", "Ruth", "Tom", "Anna", "Raj")
LAST_NAMES = ("Smith", "Jones", "Harris", "Cole", "Patel", "Brown", "Evans", "Walker", "Khan")
# Residents of the town-centre wards answer more than those of the rural edges of the district.
WARD_WEIGHTS = {"E05010969": 0.4, "E05010977": 0.5, "E05010984": 0.5, "E05010986": 1.8}
OFFLINE = ((Channel.PAPER, 0.04), (Channel.PHONE, 0.02), (Channel.EMAIL, 0.01))


@dataclass(frozen=True)
class _Made:
    response: dict[str, Any]
    answers: dict[int, Any]
    profile: dict[str, Any] | None
    equality: dict[str, Any] | None


def seed_responses(
    *,
    spec: ConsultationSpec,
    consultation: Consultation,
    questions: dict[str, Question],
    now: datetime,
    seed: int,
    entered_by_id: int | None,
) -> int:
    """Add spec.responses submitted and spec.in_progress unfinished responses; returns how many."""
    if spec.answers is None or not (spec.responses or spec.in_progress):
        return 0
    rng = random.Random(seed)
    postcodes = _demo_postcodes()
    taken = set(db.session.scalars(select(Response.reference)))
    made = []
    for index in range(spec.responses + spec.in_progress):
        submitted = index < spec.responses
        made.append(
            _make_response(
                rng, spec, consultation, questions, now, postcodes, taken, submitted, entered_by_id
            )
        )
    _insert(consultation, made)
    return len(made)


def _demo_postcodes() -> list[tuple[str, str, str, float]]:
    """(postcode, ward, district, weight) for the demo district's known postcodes."""
    rows = db.session.execute(
        select(PostcodeLookup.postcode, PostcodeLookup.ward_code, PostcodeLookup.district_code)
        .where(PostcodeLookup.district_code == "E07000082")
        .order_by(PostcodeLookup.postcode)
        .limit(2000)
    )
    return [
        (f"{code[:-3]} {code[-3:]}", ward, district, WARD_WEIGHTS.get(ward, 1.0))
        for code, ward, district in rows
    ]


def _reference(rng: random.Random, taken: set[str]) -> str:
    while True:
        characters = "".join(rng.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
        reference = "-".join(
            characters[i : i + GROUP_LENGTH] for i in range(0, len(characters), GROUP_LENGTH)
        )
        if reference not in taken:
            taken.add(reference)
            return reference


def _when(
    rng: random.Random, spec: ConsultationSpec, consultation: Consultation, now: datetime
) -> datetime:
    """Responses bunch up after the launch and before the deadline, as they do."""
    assert consultation.opens_at is not None and consultation.closes_at is not None
    start = consultation.opens_at
    end = min(consultation.closes_at, now) - timedelta(minutes=30)
    fraction = (
        rng.betavariate(0.7, 0.8) if consultation.closes_at <= now else rng.betavariate(0.7, 1.1)
    )
    moment = start + (end - start) * fraction
    return moment.replace(microsecond=0)


def _make_response(
    rng: random.Random,
    spec: ConsultationSpec,
    consultation: Consultation,
    questions: dict[str, Question],
    now: datetime,
    postcodes: list[tuple[str, str, str, float]],
    taken: set[str],
    submitted: bool,
    entered_by_id: int | None,
) -> _Made:
    moment = _when(rng, spec, consultation, now)
    stance = rng.choices((-2, -1, 0, 1, 2), weights=spec.stance_weights)[0]
    is_organisation = rng.random() < spec.organisation_share
    bands = list(spec.age_weights)
    age = rng.choices(bands, weights=[spec.age_weights[b] for b in bands])[0]
    place = rng.choices(postcodes, weights=[p[3] for p in postcodes])[0] if postcodes else None
    who = Respondent(stance, age, place[0] if place else "", moment, is_organisation)
    values = spec.answers(rng, who) if spec.answers else {}
    answers = _visible_answers(consultation, questions, values)
    channel = Channel.ONLINE
    roll = rng.random()
    for offline, share in OFFLINE:
        if roll < share:
            channel = offline
            break
        roll -= share
    response = {
        "consultation_id": consultation.id,
        "reference": _reference(rng, taken),
        "status": ResponseStatus.SUBMITTED if submitted else ResponseStatus.IN_PROGRESS,
        "channel": channel,
        "received_on": max(moment - timedelta(days=rng.randint(1, 4)), consultation.opens_at)
        if channel != Channel.ONLINE
        else None,
        "submitted_at": moment if submitted else None,
        "entered_by_id": entered_by_id if channel != Channel.ONLINE else None,
        "created_at": moment - timedelta(minutes=rng.randint(4, 40)),
        "updated_at": moment,
    }
    if not submitted:
        first_page = {q.id for q in consultation.pages[0].questions}
        answers = {qid: value for qid, value in answers.items() if qid in first_page}
        return _Made(response, answers, None, None)
    profile = _profile(rng, who, place) if consultation.about_you_enabled else None
    if profile is not None:
        profile["economic_activity"] = demo_economic_activity(
            response["reference"], who.age_band, is_organisation
        )
    equality = None
    if consultation.equality_questions_enabled and not is_organisation and rng.random() < 0.7:
        equality = {
            "sex": _weighted(rng, SEXES),
            "ethnic_group": _weighted(rng, ETHNIC_GROUPS),
            "disability": _weighted(rng, DISABILITIES),
        }
    return _Made(response, answers, profile, equality)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _visible_answers(
    consultation: Consultation, questions: dict[str, Question], values: dict[str, Any]
) -> dict[int, Any]:
    """Keep only answers to questions on pages the respondent would have seen."""
    by_id = {questions[key].id: value for key, value in values.items()}
    shown = {q.id for page in visible_pages(consultation.pages, by_id) for q in page.questions}
    return {qid: value for qid, value in by_id.items() if qid in shown}


def _profile(
    rng: random.Random, who: Respondent, place: tuple[str, str, str, float] | None
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "responding_as": RespondingAs.INDIVIDUAL,
        "organisation_type": None,
        "organisation_name": "",
        "connections": [Connection.LIVE.value],
        "connection_other": "",
        "elected_status": ElectedStatus.NEITHER,
        "age_band": AgeBand(who.age_band),
        "postcode": "",
        "ward_code": "",
        "district_code": "",
        "name": "",
        "email": "",
        "wants_updates": False,
    }
    if who.is_organisation:
        kind, name = rng.choice(ORGANISATIONS)
        profile.update(
            responding_as=RespondingAs.ORGANISATION,
            organisation_type=kind,
            organisation_name=name,
            connections=[
                Connection.RUN_A_BUSINESS.value
                if kind == OrganisationType.BUSINESS
                else Connection.OTHER.value
            ],
            connection_other="" if kind == OrganisationType.BUSINESS else "We serve people here",
            age_band=None,
        )
    else:
        extra = [
            connection.value
            for connection, share in (
                (Connection.WORK, 0.25),
                (Connection.USE_A_SERVICE, 0.3),
                (Connection.VISIT, 0.05),
            )
            if rng.random() < share
        ]
        if who.age_band in {"16_17", "18_24"} and rng.random() < 0.6:
            extra.append(Connection.STUDY.value)
        if rng.random() < 0.08:  # lives elsewhere, comes in to work or visit
            profile["connections"] = extra or [Connection.VISIT.value]
        else:
            profile["connections"] = [Connection.LIVE.value, *extra]
        if rng.random() < 0.012:
            profile["elected_status"] = ElectedStatus.COUNCILLOR
    if place is not None and rng.random() < 0.93:
        profile.update(postcode=place[0], ward_code=place[1], district_code=place[2])
    if who.age_band != "under_16" and not who.is_organisation and rng.random() < 0.18:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        profile.update(
            name=f"{first} {last}",
            email=f"{first}.{last}{rng.randint(1, 99)}@example.com".lower(),
            wants_updates=rng.random() < 0.8,
        )
    return profile


def _answer_text(question: Question, value: Any) -> str:
    if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return str(value)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return str(value.get("other", ""))
    return ""


def _insert(consultation: Consultation, made: list[_Made]) -> None:
    db.session.flush()
    db.session.execute(insert(Response), [item.response for item in made])
    ids = dict(
        db.session.execute(
            select(Response.reference, Response.id).where(
                Response.consultation_id == consultation.id
            )
        ).all()
    )
    questions = {q.id: q for page in consultation.pages for q in page.questions}
    answers, profiles, equalities = [], [], []
    for item in made:
        response_id = ids[item.response["reference"]]
        for question_id, value in item.answers.items():
            answers.append(
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "value": value,
                    "text": _answer_text(questions[question_id], value),
                }
            )
        if item.profile is not None:
            profiles.append({"response_id": response_id, **item.profile})
        if item.equality is not None:
            equalities.append({"response_id": response_id, **item.equality})
    for model, rows in (
        (Answer, answers),
        (RespondentProfile, profiles),
        (EqualityAnswers, equalities),
    ):
        if rows:
            db.session.execute(insert(model), rows)
