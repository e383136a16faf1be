"""Provenance of codes when a codeframe is reshaped: a code from an accepted suggestion that
moves to another theme (on a merge or a split) was never scored by the model for that theme,
so it becomes the acting officer's code, and what it was goes into the audit event."""

from __future__ import annotations

from sqlalchemy import Select, update

from involve.extensions import db
from involve.models import CodingSource, ModelVersion, Officer, Theme, ThemeCoding
from involve.models.base import utc_now


def adopt_moved_suggestions(
    actor: Officer | None, codes: Select[tuple[ThemeCoding]], to_theme_id: int
) -> list[dict[str, object]]:
    """Codes from accepted suggestions, about to move to another theme: the model never scored
    them for that theme, so they become the acting officer's codes. Returns what they were
    (model version, score and original theme) for the audit event, which keeps the history."""
    rows = db.session.execute(
        codes.where(ThemeCoding.source == CodingSource.SUGGESTION)
        .with_only_columns(
            ThemeCoding.id,
            ThemeCoding.item_id,
            ThemeCoding.theme_id,
            Theme.name,
            ThemeCoding.coded_by_id,
            ThemeCoding.model_version_id,
            ModelVersion.number,
            ThemeCoding.suggestion_score,
        )
        .join(Theme, Theme.id == ThemeCoding.theme_id)
        .outerjoin(ModelVersion, ModelVersion.id == ThemeCoding.model_version_id)
        .order_by(ThemeCoding.item_id, ThemeCoding.id)
    ).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    now = utc_now()
    for start in range(0, len(ids), 500):  # bounded IN lists for every database
        db.session.execute(
            update(ThemeCoding)
            .where(ThemeCoding.id.in_(ids[start : start + 500]))
            .values(
                source=CodingSource.OFFICER,
                coded_by_id=actor.id if actor else None,
                coded_at=now,
                model_version_id=None,
                suggestion_score=None,
            ),
            execution_options={"synchronize_session": False},
        )
    return [
        {
            "item_id": row.item_id,
            "theme_id": row.theme_id,
            "theme": row.name,
            "to_theme_id": to_theme_id,
            "accepted_by_id": row.coded_by_id,
            "model_version_id": row.model_version_id,
            "model_version": row.number,
            "score": row.suggestion_score,
        }
        for row in rows
    ]
