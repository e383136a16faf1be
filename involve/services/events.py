"""What happened at an event: aggregate attendance, notes and outcome, uploaded materials (slides,
handouts, flipchart photos) and the points people raised, kept as free-text feedback items so
they can be themed with every other comment."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.models import (
    Activity,
    ActivityMaterial,
    AgeBand,
    AttendanceCount,
    AttendanceDimension,
    AudienceCategory,
    FeedbackItem,
    Officer,
)
from involve.models.base import utc_now
from involve.services import documents
from involve.services.audit import record_event
from involve.services.errors import NotFound
from involve.services.response_labels import AGE_BAND_LABELS

NOT_KNOWN = "not_known"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
MAX_COUNT = 100_000
JPEG = "image/jpeg"
PNG = "image/png"
MATERIAL_EXTENSIONS = {**documents.EXTENSIONS, JPEG: ".jpg", PNG: ".png"}
# Names a browser may give each kind of file; the bytes decide the kind, the name must agree.
ACCEPTED_SUFFIXES = {
    **{kind: (suffix,) for kind, suffix in documents.EXTENSIONS.items()},
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
}
WRONG_MATERIAL_TYPE = "The selected file must be a PDF, DOCX, ODT, JPEG or PNG"


class MaterialRejected(documents.DocumentRejected):
    pass


@dataclass(frozen=True)
class AttendanceGroup:
    dimension: AttendanceDimension
    value: str
    label: str


ATTENDANCE_GROUPS: tuple[AttendanceGroup, ...] = (
    *(
        AttendanceGroup(AttendanceDimension.CATEGORY, item.value, item.label)
        for item in AudienceCategory
    ),
    AttendanceGroup(AttendanceDimension.CATEGORY, NOT_KNOWN, "Not known"),
    *(
        AttendanceGroup(AttendanceDimension.AGE_BAND, band.value, AGE_BAND_LABELS[band])
        for band in AgeBand
        if band != AgeBand.PREFER_NOT_TO_SAY
    ),
    AttendanceGroup(AttendanceDimension.AGE_BAND, NOT_KNOWN, "Not known"),
)

# The groups a point can be "raised by": the local-person categories.
RAISED_BY_LABELS = {item.value: item.label for item in AudienceCategory}


def get_activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("Activity not found")
    return activity


def is_event(activity: Activity) -> bool:
    return activity.format.is_event


# -- attendance ----------------------------------------------------------------------------------
def attendance_by_group(activity: Activity) -> dict[tuple[AttendanceDimension, str], int]:
    return {(row.dimension, row.group_value): row.count for row in activity.attendance}


@dataclass(frozen=True)
class AttendanceTotals:
    by_category: int
    by_age_band: int

    @property
    def total(self) -> int:
        """Each list counts the same people once, so the fuller list is the best total."""
        return max(self.by_category, self.by_age_band)

    @property
    def lists_disagree(self) -> bool:
        return bool(self.by_category and self.by_age_band) and self.by_category != self.by_age_band


def attendance_totals(activity: Activity) -> AttendanceTotals:
    sums = dict.fromkeys(AttendanceDimension, 0)
    for row in activity.attendance:
        sums[row.dimension] += row.count
    return AttendanceTotals(
        by_category=sums[AttendanceDimension.CATEGORY],
        by_age_band=sums[AttendanceDimension.AGE_BAND],
    )


def save_attendance(
    *,
    actor: Officer | None,
    activity: Activity,
    counts: Mapping[tuple[AttendanceDimension, str], int],
) -> AttendanceTotals:
    """Replace the activity's attendance with these counts; zeros are not stored."""
    known = {(group.dimension, group.value) for group in ATTENDANCE_GROUPS}
    unknown = set(counts) - known
    if unknown:
        raise ValueError(f"Unknown attendance groups: {sorted(unknown)}")
    if any(not 0 <= count <= MAX_COUNT for count in counts.values()):
        raise ValueError("Attendance counts must be between 0 and 100,000")
    # Deletes go first, in their own flush, so a replaced group never meets its unique key.
    activity.attendance.clear()
    db.session.flush()
    activity.attendance.extend(
        AttendanceCount(dimension=dimension, group_value=value, count=count)
        for (dimension, value), count in counts.items()
        if count
    )
    db.session.flush()
    totals = attendance_totals(activity)
    record_event(
        actor=actor,
        action="activity.attendance_recorded",
        object_type="activity",
        object_id=activity.id,
        summary=f"Recorded attendance of {totals.total} at {activity.title}",
        detail={f"{dimension.value}:{value}": n for (dimension, value), n in counts.items() if n},
    )
    return totals


# -- notes and outcome -----------------------------------------------------------------------------
def save_notes(
    *, actor: Officer | None, activity: Activity, notes: str, outcome_summary: str
) -> None:
    changed = []
    if activity.notes != notes:
        changed.append("notes")
    if activity.outcome_summary != outcome_summary:
        changed.append("outcome_summary")
    activity.notes = notes
    activity.outcome_summary = outcome_summary
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.notes_saved",
        object_type="activity",
        object_id=activity.id,
        summary=f"Saved notes and outcome for {activity.title}",
        detail={"changed": changed},
    )


# -- points raised ---------------------------------------------------------------------------------
def split_points(text: str) -> list[str]:
    """One point per paragraph when blank lines separate them, otherwise one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _BLANK_LINE.search(text):
        return [" ".join(part.split()) for part in _BLANK_LINE.split(text) if part.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def add_points(
    *, actor: Officer | None, activity: Activity, points: Sequence[str], raised_by_group: str = ""
) -> list[FeedbackItem]:
    if raised_by_group and raised_by_group not in RAISED_BY_LABELS:
        raise ValueError(f"Unknown group {raised_by_group!r}")
    points = [point.strip() for point in points if point.strip()]
    if not points:
        raise ValueError("No points to add")
    now = utc_now()
    items = [
        FeedbackItem(
            activity=activity,
            text=point,
            raised_by_group=raised_by_group,
            entered_by_id=actor.id if actor is not None else None,
            entered_at=now,
        )
        for point in points
    ]
    db.session.add_all(items)
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.points_added",
        object_type="activity",
        object_id=activity.id,
        summary=f"Added {len(items)} point{'s' if len(items) != 1 else ''} raised at "
        f"{activity.title}",
        detail={"feedback_item_ids": [item.id for item in items]},
    )
    return items


def get_point(activity: Activity, item_id: int) -> FeedbackItem:
    item = db.session.get(FeedbackItem, item_id)
    if item is None or item.activity_id != activity.id:
        raise NotFound("Point not found")
    return item


def remove_point(*, actor: Officer | None, item: FeedbackItem) -> None:
    activity = item.activity
    db.session.delete(item)
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.point_removed",
        object_type="activity",
        object_id=activity.id,
        summary=f"Removed a point raised at {activity.title}",
        detail={"feedback_item_id": item.id, "text": item.text[:200]},
    )


# -- materials -------------------------------------------------------------------------------------
def detect_material_type(data: bytes) -> str | None:
    """A document type (as for consultation documents) or a JPEG or PNG photo, by its bytes."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return documents.detect_content_type(data)


def store_material(
    *, actor: Officer | None, activity: Activity, title: str, filename: str, stream: BinaryIO
) -> ActivityMaterial:
    """Check and keep an uploaded file; raises MaterialRejected with a GOV.UK message."""
    limit = documents.max_bytes()
    data = stream.read(limit + 1)
    if not data:
        raise MaterialRejected("The selected file is empty")
    if len(data) > limit:
        raise MaterialRejected(
            f"The selected file must be smaller than {documents.size_text(limit)}"
        )
    content_type = detect_material_type(data)
    if content_type is None or not filename.lower().endswith(ACCEPTED_SUFFIXES[content_type]):
        raise MaterialRejected(WRONG_MATERIAL_TYPE)
    stored_name = secrets.token_hex(16) + MATERIAL_EXTENSIONS[content_type]
    (documents.upload_folder() / stored_name).write_bytes(data)
    material = ActivityMaterial(
        activity=activity,
        title=title.strip(),
        original_filename=Path(remove_unprintable(filename).replace("\\", "/")).name[:255],
        stored_name=stored_name,
        content_type=content_type,
        size_bytes=len(data),
        uploaded_at=utc_now(),
    )
    db.session.add(material)
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.material_added",
        object_type="activity",
        object_id=activity.id,
        summary=f"Added material {material.title} to {activity.title}",
        detail={"material_id": material.id, "size_bytes": len(data)},
    )
    return material


def get_material(activity: Activity, material_id: int) -> ActivityMaterial:
    material = db.session.get(ActivityMaterial, material_id)
    if material is None or material.activity_id != activity.id:
        raise NotFound("Material not found")
    return material


def open_material(material: ActivityMaterial) -> tuple[Path, str, str]:
    """(path on disk, content type, download name) for serving a stored material."""
    path = documents.upload_folder() / Path(material.stored_name).name
    if not path.is_file():
        raise NotFound("Material file is missing")
    extension = MATERIAL_EXTENSIONS.get(material.content_type, "")
    name = Path(material.original_filename).stem or "material"
    return path, material.content_type, f"{name}{extension}"


def remove_material(*, actor: Officer | None, material: ActivityMaterial) -> None:
    activity = material.activity
    path = documents.upload_folder() / Path(material.stored_name).name
    db.session.delete(material)
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.material_removed",
        object_type="activity",
        object_id=activity.id,
        summary=f"Removed material {material.title} from {activity.title}",
        detail={"material_id": material.id},
    )
    documents.delete_file_after_commit(path)
