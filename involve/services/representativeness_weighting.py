"""Weighted results for closed questions (single choice and agree/disagree): each respondent in the
resident mix is weighted by raking (iterative proportional fitting) to the reference's age and sex
margins, so the estimates say what the answers might have been had the respondents matched the
area on those two things. They are estimates, not counts, and only as good as that assumption.

The database groups respondents into (age band, sex, answer) cells; the weights are worked out
per (age band, sex) cell, so no query returns one row per response.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import String, cast, func, select

from analysis.representativeness import effective_sample_size, rake
from involve.extensions import db
from involve.models import (
    AGREE_SCALE,
    Activity,
    Answer,
    EqualityAnswers,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.services.reference_distributions import resolve_reference
from involve.services.reference_groups import AGE_BAND_GROUP, AGE_GROUPS, SEX_GROUPS, Dimension
from involve.services.representativeness_counts import in_resident_mix
from involve.services.small_numbers import PRIMARY, cell_text, suppression

CLOSED_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREE_SCALE)
UNKNOWN = ""
MIN_GROUP = 5
GROUP_LABELS = {Dimension.AGE: AGE_GROUPS, Dimension.SEX: SEX_GROUPS}
Cell = tuple[str, str]  # (age group or "", sex or "")


@dataclass(frozen=True)
class OptionEstimate:
    option: str
    count: int
    share: float | None  # unweighted, 0..100; None when the count is hidden
    weighted_share: float | None  # raked estimate, 0..100; None when the count is hidden
    count_text: str = ""  # the count as shown: "fewer than 10", "hidden" or the number
    weighted_text: str = ""  # the estimate as shown: a whole percentage, or why it is not


@dataclass
class QuestionEstimate:
    text: str
    n: int
    effective_n: float
    options: list[OptionEstimate] = field(default_factory=list)


@dataclass
class WeightedResults:
    margins: list[str]  # the dimensions raked on, in words
    questions: list[QuestionEstimate]
    effective_n: float
    n: int
    dropped: list[str]  # reference groups with too few people to weight, left out of the margins
    message: str = ""


def _margins(activity: Activity, area_code: str) -> dict[str, dict[str, float]]:
    margins = {}
    for dimension in (Dimension.AGE, Dimension.SEX):
        resolved = resolve_reference(activity, dimension, area_code)
        if resolved is not None and all(map(math.isfinite, resolved.counts.values())):
            margins[dimension] = resolved.counts
    return margins


def _cells(consultation_id: int) -> dict[Cell, int]:
    query = (
        select(RespondentProfile.age_band, EqualityAnswers.sex, func.count())
        .select_from(Response)
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
        .outerjoin(EqualityAnswers, EqualityAnswers.response_id == Response.id)
        .where(
            Response.consultation_id == consultation_id,
            Response.status == ResponseStatus.SUBMITTED,
            in_resident_mix(),
        )
        .group_by(RespondentProfile.age_band, EqualityAnswers.sex)
    )
    cells: dict[Cell, int] = defaultdict(int)
    for band, sex, count in db.session.execute(query):
        age = AGE_BAND_GROUP.get(getattr(band, "value", band) or "", UNKNOWN)
        cells[(age, sex if sex in SEX_GROUPS else UNKNOWN)] += count
    return dict(cells)


def cell_weights(
    cells: dict[Cell, int], margins: dict[str, dict[str, float]], min_group: int = MIN_GROUP
) -> tuple[dict[Cell, float], list[str]]:
    """One raking weight per cell, and the margin groups left out because fewer than min_group
    people are in them: weighting one or two people up to a sixth of the area would make every
    estimate hang on them (the effective sample size collapses). The page passes the
    small-number threshold, so naming a left-out group says no more than "fewer than 10"."""
    index = {Dimension.AGE: 0, Dimension.SEX: 1}
    sizes: dict[str, dict[str, int]] = {dim: defaultdict(int) for dim in margins}
    for cell, n in cells.items():
        for dim in margins:
            sizes[dim][cell[index[dim]]] += n
    present = {dim: {g for g, n in sizes[dim].items() if n >= min_group} for dim in margins}
    dropped = [
        f"{GROUP_LABELS[dim].get(group, group)}"
        for dim, shares in margins.items()
        for group in shares
        if shares[group] > 0 and group not in present[dim]
    ]
    usable = {
        dim: {group: share for group, share in shares.items() if group in present[dim]}
        for dim, shares in margins.items()
    }
    order = [cell for cell, n in cells.items() if n]
    # rake() wants one row per person; the same dict repeated n times costs a pointer each.
    rows = [
        row
        for cell in order
        for row in [{Dimension.AGE: cell[0], Dimension.SEX: cell[1]}] * cells[cell]
    ]
    weights = rake(rows, usable) if rows else []
    found, position = {}, 0
    for cell in order:
        found[cell] = weights[position]
        position += cells[cell]
    return found, dropped


def weighted_results(activity: Activity, area_code: str, threshold: int) -> WeightedResults:
    """Raked and unweighted shares for every closed question of the activity's consultation."""
    margins = _margins(activity, area_code)
    labels = [("age" if dim == Dimension.AGE else "sex") for dim in margins]
    if activity.consultation_id is None or not margins:
        message = "No closed questions to weight, or no census age and sex figures for the area."
        return WeightedResults(labels, [], 0.0, 0, [], message)
    cells = _cells(activity.consultation_id)
    try:
        weights, dropped = cell_weights(cells, margins, max(MIN_GROUP, threshold))
    except ValueError as error:  # a margin no weighting can meet: say so rather than fail
        return WeightedResults(labels, [], 0.0, 0, [], f"Weights could not be worked out: {error}")
    n = sum(cells.values())
    overall = effective_sample_size([w for cell, w in weights.items() for w in [w] * cells[cell]])
    questions = _questions(activity.consultation_id, weights, threshold)
    return WeightedResults(labels, questions, overall, n, dropped)


def _questions(
    consultation_id: int, weights: dict[Cell, float], threshold: int
) -> list[QuestionEstimate]:
    closed = db.session.scalars(
        select(Question)
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(QuestionPage.consultation_id == consultation_id, Question.kind.in_(CLOSED_KINDS))
        .order_by(QuestionPage.position, Question.position)
    ).all()
    if not closed:
        return []
    value = cast(Answer.value, String)
    query = (
        select(
            Answer.question_id, value, RespondentProfile.age_band, EqualityAnswers.sex, func.count()
        )
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
        .outerjoin(EqualityAnswers, EqualityAnswers.response_id == Response.id)
        .where(
            Response.consultation_id == consultation_id,
            Response.status == ResponseStatus.SUBMITTED,
            in_resident_mix(),
            Answer.question_id.in_([question.id for question in closed]),
        )
        .group_by(Answer.question_id, value, RespondentProfile.age_band, EqualityAnswers.sex)
    )
    tallies: dict[int, dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0.0, 0.0])
    )
    for question_id, raw, band, sex, count in db.session.execute(query):
        option = _option(raw)
        age = AGE_BAND_GROUP.get(getattr(band, "value", band) or "", UNKNOWN)
        weight = weights.get((age, sex if sex in SEX_GROUPS else UNKNOWN), 1.0)
        tally = tallies[question_id][option]
        tally[0] += count
        tally[1] += count * weight
        tally[2] += count * weight * weight
    results = []
    for question in closed:
        options = tallies.get(question.id, {})
        n = int(sum(tally[0] for tally in options.values()))
        if n < threshold:
            continue
        weighted = sum(tally[1] for tally in options.values())
        squares = sum(tally[2] for tally in options.values())
        estimate = QuestionEstimate(question.text, n, weighted**2 / squares if squares else 0.0)
        names = question.options or (
            AGREE_SCALE if question.kind == QuestionKind.AGREE_SCALE else []
        )
        listed = [*names, *(o for o in options if o not in names)]
        counts = [int(options.get(name, [0, 0.0, 0.0])[0]) for name in listed]
        states = suppression(counts, threshold)
        for name, count, state in zip(listed, counts, states, strict=True):
            total = options.get(name, [0, 0.0, 0.0])[1]
            weighted_share = total / weighted * 100 if weighted and not state else None
            estimate.options.append(
                OptionEstimate(
                    option=name,
                    count=count,
                    share=None if state else count / n * 100,
                    weighted_share=weighted_share,
                    count_text=cell_text(count, state, threshold),
                    weighted_text=_estimate_text(weighted_share, state, threshold),
                )
            )
        results.append(estimate)
    return results


def _estimate_text(share: float | None, state: str, threshold: int) -> str:
    """A raked estimate as a whole percentage, only for an answer given by at least threshold
    people: to a decimal place, with the weights, it could give a hidden count away."""
    if state == PRIMARY:
        return f"fewer than {threshold}"
    if state:
        return "hidden"
    return "-" if share is None else f"{share:.0f}%"


def _option(raw: str | None) -> str:
    try:
        value = json.loads(raw) if raw is not None else ""
    except ValueError:
        value = raw or ""
    return value if isinstance(value, str) else str(value)
