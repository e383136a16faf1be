"""Which reference each dimension of an activity is compared with, and officers' own references.

An activity's own reference for a dimension (say, the users of a service by age, entered by an
officer from the service's records) wins over the census. Otherwise the authority's census
tables are used, each comparison from one table (ONS perturbs counts, so tables differ slightly):
age and sex from the age x sex table, economic activity from TS066 (residents aged 16 and over),
ethnic group from TS021 when imported (else the census quiz's broad groups), disability from
TS038 when imported, wards from a ward-level import.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, AudienceCategory, Officer, ReferenceDistribution, Ward
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.reference_groups import (
    ADULT_AGE,
    AGE_GROUPS,
    CHILD_AGE,
    DIMENSION_LABELS,
    DISABILITY_GROUPS,
    ECONOMIC_ACTIVITY_GROUPS,
    ETHNIC_GROUPS,
    SEX_GROUPS,
    UNDER_16,
    CensusFigures,
    Dimension,
    age_from_age_sex,
    disability_from_bulk,
    economic_activity_from_bulk,
    ethnic_from_bulk,
    ethnic_from_quiz,
    sex_from_age_sex,
    sex_from_bulk,
)

OFFICER_TABLE = "officer"
REFERENCE_CSV_MAX_BYTES = 1024 * 1024
# The largest count a reference group can have (9 digits, as the typed form allows): far above
# any area's population, and small enough that every statistic stays a finite float.
MAX_REFERENCE_COUNT = 100_000_000
# Census tables that count residents by age, so a comparison can keep to who could take part.
AGE_AWARE_MAPPERS = (age_from_age_sex, sex_from_age_sex)
# Dimensions an officer can give a reference for (local-person categories: the plan's target mix).
OFFICER_DIMENSIONS = (
    Dimension.AGE,
    Dimension.SEX,
    Dimension.ECONOMIC_ACTIVITY,
    Dimension.ETHNIC_GROUP,
    Dimension.DISABILITY,
    Dimension.WARD,
)
# dimension -> the census tables that can serve it, best first, with how to map each.
CENSUS_SOURCES: dict[str, list[tuple[str, str, Callable[[Mapping[str, float]], CensusFigures]]]] = {
    Dimension.AGE: [("age_sex", "TS009", age_from_age_sex)],
    Dimension.SEX: [("age_sex", "TS009", sex_from_age_sex), ("sex", "TS008", sex_from_bulk)],
    Dimension.ECONOMIC_ACTIVITY: [("economic_activity", "TS066", economic_activity_from_bulk)],
    Dimension.ETHNIC_GROUP: [
        ("ethnic_group", "TS021", ethnic_from_bulk),
        ("ethnic_group", "census-quiz", ethnic_from_quiz),
    ],
    Dimension.DISABILITY: [("disability", "TS038", disability_from_bulk)],
    Dimension.WARD: [],
}


class ReferenceRejected(DomainError):
    """The officer's figures cannot be used; the message says why."""


@dataclass(frozen=True)
class ResolvedReference:
    counts: dict[str, float]  # group key -> count or share
    title: str
    source: str
    is_census: bool
    note: str
    row: ReferenceDistribution
    base: str = ""  # who the figures count, e.g. "residents aged 16 and over"


def activity_scope(activity: Activity) -> str:
    return f"activity:{activity.id}"


def ward_groups(area_code: str) -> dict[str, str]:
    rows = db.session.execute(
        select(Ward.code, Ward.name).where(Ward.district_code == area_code).order_by(Ward.name)
    )
    return dict(rows.tuples().all())


def officer_groups(dimension: str, area_code: str) -> dict[str, str]:
    """The groups an officer gives figures for in one dimension (key -> label)."""
    if dimension == Dimension.WARD:
        return ward_groups(area_code)
    return {
        Dimension.AGE: AGE_GROUPS,
        Dimension.SEX: SEX_GROUPS,
        Dimension.ECONOMIC_ACTIVITY: ECONOMIC_ACTIVITY_GROUPS,
        Dimension.ETHNIC_GROUP: ETHNIC_GROUPS,
        Dimension.DISABILITY: DISABILITY_GROUPS,
    }[dimension]


def _find(scope: str, dimension: str, table_code: str) -> ReferenceDistribution | None:
    return db.session.scalars(
        select(ReferenceDistribution).where(
            ReferenceDistribution.scope == scope,
            ReferenceDistribution.dimension == dimension,
            ReferenceDistribution.table_code == table_code,
        )
    ).one_or_none()


def _as_float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return math.inf  # compare() refuses it, and the page says the figures are unusable


def _floats(counts: Mapping[str, object]) -> dict[str, float]:
    """Stored figures as floats; one too large for a float (stored before counts were capped)
    becomes inf, which every comparison refuses, rather than an exception here."""
    return {key: _as_float(value) for key, value in counts.items()}


def comparison_min_age(activity: Activity) -> int:
    """The youngest age compared: 16, or 10 when children and young people are among the
    consultation's audiences (the census under-16 bands include 0 to 9 year olds, who do not
    answer consultations)."""
    consultation = activity.consultation
    audiences = (consultation.audiences or []) if consultation is not None else []
    return CHILD_AGE if AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE.value in audiences else ADULT_AGE


def resolve_reference(
    activity: Activity, dimension: str, area_code: str
) -> ResolvedReference | None:
    """The activity's own reference for the dimension, else the census one, else None. Age and
    sex from the census count residents from comparison_min_age up; an own age reference drops
    its under-16 group unless under-16s could take part."""
    min_age = comparison_min_age(activity)
    own = _find(activity_scope(activity), dimension, OFFICER_TABLE)
    if own is not None:
        counts = _floats(own.counts)
        if dimension == Dimension.AGE and min_age >= ADULT_AGE:
            counts.pop(UNDER_16, None)
        return ResolvedReference(counts, own.title, own.source, False, own.notes, own)
    if dimension == Dimension.WARD:
        row = db.session.scalars(
            select(ReferenceDistribution)
            .where(
                ReferenceDistribution.scope == area_code,
                ReferenceDistribution.dimension == Dimension.WARD,
            )
            .order_by(ReferenceDistribution.updated_at.desc())
        ).first()
        if row is None:
            return None
        counts = _floats(row.counts)
        return ResolvedReference(counts, row.title, row.source, True, row.notes, row)
    for stored_dimension, table_code, mapper in CENSUS_SOURCES.get(dimension, []):
        row = _find(area_code, stored_dimension, table_code)
        if row is not None:
            if mapper in AGE_AWARE_MAPPERS:
                mapper = partial(mapper, min_age=min_age)
            figures = mapper(_floats(row.counts))
            note = " ".join(part for part in (figures.note, row.notes) if part)
            return ResolvedReference(
                figures.counts, row.title, row.source, True, note, row, figures.base
            )
    return None


def list_activity_references(activity: Activity) -> list[ReferenceDistribution]:
    return list(
        db.session.scalars(
            select(ReferenceDistribution)
            .where(ReferenceDistribution.scope == activity_scope(activity))
            .order_by(ReferenceDistribution.dimension)
        )
    )


def get_activity_reference(activity: Activity, reference_id: int) -> ReferenceDistribution | None:
    row = db.session.get(ReferenceDistribution, reference_id)
    return row if row is not None and row.scope == activity_scope(activity) else None


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as error:  # a field over the csv module's limit, a NUL byte …
        raise ReferenceRejected(
            "The file could not be read as a CSV file: each line must be a group and a count"
        ) from error


def _count(cell: str, line: int) -> float | None:
    """The count in a cell; None when it is not a number (a header row, on line 1)."""
    number = cell.replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", number):
        if line == 1:
            return None
        raise ReferenceRejected(f"Line {line}: the count must be a number, like 120")
    if len(number) > 30 or float(number) > MAX_REFERENCE_COUNT:
        raise ReferenceRejected(f"Line {line}: the count must be {MAX_REFERENCE_COUNT:,} or less")
    return float(number)


def parse_reference_csv(data: bytes, groups: Mapping[str, str]) -> dict[str, float]:
    """A two-column CSV (group, count): each group by its key or label, any case, and once:
    a group named on two lines is refused rather than added up, as it is more likely a mistake
    (a row pasted twice, or two sources mixed) than two parts of one count."""
    if len(data) > REFERENCE_CSV_MAX_BYTES:
        raise ReferenceRejected("The file must be smaller than 1 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReferenceRejected("The file must be a CSV file saved as UTF-8") from error
    lookup = {key.casefold(): key for key in groups}
    lookup.update({label.casefold(): key for key, label in groups.items()})
    counts: dict[str, float] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(_csv_rows(text), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise ReferenceRejected(f"Line {line} must have a group and a count")
        number = _count(cells[1], line)
        if number is None:
            continue  # a header row
        key = lookup.get(cells[0].casefold())
        if key is None:
            raise ReferenceRejected(f"Line {line}: {cells[0][:60]!r} is not one of the groups")
        if key in first_line:
            raise ReferenceRejected(
                f"Lines {first_line[key]} and {line} both give a count for {groups[key]}: "
                "give each group once"
            )
        first_line[key] = line
        counts[key] = number
    if not counts:
        raise ReferenceRejected("The file has no groups and counts in it")
    return counts


def save_activity_reference(
    *,
    actor: Officer,
    activity: Activity,
    dimension: str,
    title: str,
    source: str,
    counts: Mapping[str, float],
) -> ReferenceDistribution:
    """Add or replace the activity's own reference for one dimension (audited)."""
    if dimension not in OFFICER_DIMENSIONS:
        raise ReferenceRejected("Choose a dimension")
    kept = {key: float(value) for key, value in counts.items() if value}
    if not kept or any(value < 0 for value in kept.values()):
        raise ReferenceRejected("Enter a count for at least one group")
    if any(not value <= MAX_REFERENCE_COUNT for value in kept.values()):
        raise ReferenceRejected(f"Each count must be {MAX_REFERENCE_COUNT:,} or less")
    row = _find(activity_scope(activity), dimension, OFFICER_TABLE)
    created = row is None
    if row is None:
        row = ReferenceDistribution(
            scope=activity_scope(activity), dimension=dimension, table_code=OFFICER_TABLE
        )
        db.session.add(row)
    row.activity_id = activity.id
    row.title = title[:200]
    row.source = source[:300]
    row.unit = "count"
    row.counts = kept
    row.total = sum(kept.values())
    row.imported_at = utc_now()
    row.imported_by_id = actor.id
    db.session.flush()
    record_event(
        actor=actor,
        action="reference.added" if created else "reference.replaced",
        object_type="activity",
        object_id=activity.id,
        summary=f"{'Added' if created else 'Replaced'} the {DIMENSION_LABELS[dimension].lower()} "
        f"reference '{row.title}' for {activity.title}",
        detail={"dimension": dimension, "reference_id": row.id, "groups": len(kept)},
    )
    return row


def remove_activity_reference(
    *, actor: Officer, activity: Activity, reference: ReferenceDistribution
) -> None:
    record_event(
        actor=actor,
        action="reference.removed",
        object_type="activity",
        object_id=activity.id,
        summary=f"Removed the reference '{reference.title}' from {activity.title}",
        detail={"dimension": reference.dimension, "reference_id": reference.id},
    )
    db.session.delete(reference)
    db.session.flush()
