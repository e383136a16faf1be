"""Which reference each dimension of an activity is compared with, and officers' own references.

An activity's own reference for a dimension (say, the users of a service by age, entered by an
officer from the service's records) wins over the census. Otherwise the authority's census
tables are used, each comparison from one table (ONS perturbs counts, so tables differ slightly):
age and sex from the age x sex table, ethnic group from TS021 when imported (else the census
quiz's broad groups), disability from TS038 when imported, wards from a ward-level import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, Officer, ReferenceDistribution, Ward
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.reference_groups import (
    AGE_GROUPS,
    DIMENSION_LABELS,
    DISABILITY_GROUPS,
    ETHNIC_GROUPS,
    SEX_GROUPS,
    CensusFigures,
    Dimension,
    age_from_age_sex,
    disability_from_bulk,
    ethnic_from_bulk,
    ethnic_from_quiz,
    sex_from_age_sex,
    sex_from_bulk,
)

OFFICER_TABLE = "officer"
REFERENCE_CSV_MAX_BYTES = 1024 * 1024
# Dimensions an officer can give a reference for (local-person categories: the plan's target mix).
OFFICER_DIMENSIONS = (
    Dimension.AGE,
    Dimension.SEX,
    Dimension.ETHNIC_GROUP,
    Dimension.DISABILITY,
    Dimension.WARD,
)
# dimension -> the census tables that can serve it, best first, with how to map each.
CENSUS_SOURCES: dict[str, list[tuple[str, str, Callable[[Mapping[str, float]], CensusFigures]]]] = {
    Dimension.AGE: [("age_sex", "TS009", age_from_age_sex)],
    Dimension.SEX: [("age_sex", "TS009", sex_from_age_sex), ("sex", "TS008", sex_from_bulk)],
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


def resolve_reference(
    activity: Activity, dimension: str, area_code: str
) -> ResolvedReference | None:
    """The activity's own reference for the dimension, else the census one, else None."""
    own = _find(activity_scope(activity), dimension, OFFICER_TABLE)
    if own is not None:
        counts = {key: float(value) for key, value in own.counts.items()}
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
        counts = {key: float(value) for key, value in row.counts.items()}
        return ResolvedReference(counts, row.title, row.source, True, row.notes, row)
    for stored_dimension, table_code, mapper in CENSUS_SOURCES.get(dimension, []):
        row = _find(area_code, stored_dimension, table_code)
        if row is not None:
            figures = mapper(row.counts)
            note = " ".join(part for part in (figures.note, row.notes) if part)
            return ResolvedReference(figures.counts, row.title, row.source, True, note, row)
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


def parse_reference_csv(data: bytes, groups: Mapping[str, str]) -> dict[str, float]:
    """A two-column CSV (group, count): each group by its key or label, any case."""
    if len(data) > REFERENCE_CSV_MAX_BYTES:
        raise ReferenceRejected("The file must be smaller than 1 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReferenceRejected("The file must be a CSV file saved as UTF-8") from error
    lookup = {key.casefold(): key for key in groups}
    lookup.update({label.casefold(): key for key, label in groups.items()})
    counts: dict[str, float] = {}
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise ReferenceRejected(f"Line {line} must have a group and a count")
        number = cells[1].replace(",", "")
        if not re.fullmatch(r"\d+(\.\d+)?", number):
            if line == 1:
                continue  # a header row
            raise ReferenceRejected(f"Line {line}: the count must be a number, like 120")
        key = lookup.get(cells[0].casefold())
        if key is None:
            raise ReferenceRejected(f"Line {line}: {cells[0][:60]!r} is not one of the groups")
        counts[key] = counts.get(key, 0.0) + float(number)
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
