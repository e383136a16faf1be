"""The shapes the demo consultations are written in: plain data, turned into rows by
involve.demo_consultations. Dates are offsets in days from the moment of seeding."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from involve.models import AGREE_SCALE, AudienceCategory, QuestionKind


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: QuestionKind
    text: str
    hint: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    allow_other: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class PageSpec:
    title: str
    questions: tuple[QuestionSpec, ...]
    # (key of an earlier question, value): the page shows only when that answer has the value.
    show_if: tuple[str, str] | None = None


@dataclass(frozen=True)
class Respondent:
    """What the answer writers need to know about one made-up respondent."""

    stance: int  # -2 strongly against the proposal .. +2 strongly for
    age_band: str
    postcode: str
    submitted_at: datetime
    is_organisation: bool = False


AnswerWriter = Callable[[random.Random, Respondent], dict[str, Any]]


@dataclass(frozen=True)
class ConsultationSpec:
    slug: str
    title: str
    service: str
    summary: str
    proposal: str
    reasons: str
    topics: tuple[str, ...]
    audiences: tuple[AudienceCategory, ...]
    published_day: int | None  # None: a draft
    opens_day: int
    closes_day: int
    decision_day: int
    other_ways_to_respond: str
    pages: tuple[PageSpec, ...]
    contact_name: str = "Consultation team"
    contact_email: str = "haveyoursay@example.gov.uk"
    contact_phone: str = "01453 000 000"
    whole_area: bool = True
    ward_codes: tuple[str, ...] = ()
    responses: int = 0
    in_progress: int = 0
    # Weights of stances -2, -1, 0, +1, +2 among respondents.
    stance_weights: tuple[float, ...] = (1, 1, 1, 1, 1)
    # Weights of AgeBand values (by value) among individual respondents.
    age_weights: dict[str, float] = field(default_factory=dict)
    organisation_share: float = 0.03
    answers: AnswerWriter | None = None


def agree_from_stance(rng: random.Random, stance: int) -> str:
    """An agree-scale answer that follows the stance, now and then one step off."""
    index = 2 - stance
    if rng.random() < 0.15:
        index += rng.choice((-1, 1))
    return AGREE_SCALE[min(max(index, 0), len(AGREE_SCALE) - 1)]


def scale_from_stance(rng: random.Random, stance: int, scale: tuple[str, ...]) -> str:
    """A point on a best-to-worst scale of five that follows the stance, with some noise."""
    index = 2 - stance + rng.choice((-1, 0, 0, 0, 1))
    return scale[min(max(index, 0), len(scale) - 1)]


def maybe(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability
