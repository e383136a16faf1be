"""How well the latest model matches the officers' codes, theme by theme: its tested precision,
recall and F1, and how many examples each theme has (for the suggestions page and the
bulk-accept confirmation)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Codeframe, CodingSource, ModelVersion, Theme, ThemeCoding
from involve.services.theming_model_store import CAUTION_EXAMPLES


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    examples: int  # coded by officers
    accepted: int  # coded only by accepting a suggestion (not counted as examples)
    precision: float | None  # None: not learnt (too few coded examples at training)
    recall: float | None
    f1: float | None

    @property
    def needs_care(self) -> bool:
        return self.examples < CAUTION_EXAMPLES

    def is_often_wrong(self, threshold: float) -> bool:
        """Tested precision under the confidence threshold (or never tested): its suggestions
        are right less often than the threshold suggests."""
        return self.precision is None or self.precision < threshold


def officer_code_counts(codeframe: Codeframe) -> dict[int, int]:
    """Theme id -> texts officers coded with it by hand (accepted suggestions not counted)."""
    return dict(
        db.session.execute(  # type: ignore[arg-type]
            select(ThemeCoding.theme_id, func.count(ThemeCoding.id))
            .join(Theme, Theme.id == ThemeCoding.theme_id)
            .where(Theme.codeframe_id == codeframe.id, ThemeCoding.source == CodingSource.OFFICER)
            .group_by(ThemeCoding.theme_id)
        ).all()
    )


def theme_scores(codeframe: Codeframe, version: ModelVersion) -> list[ThemeScore]:
    """Each current theme's cross-validated figures from this model version."""
    scores = []
    by_hand: dict[int, int] | None = None
    for theme in codeframe.themes:
        measured = version.metrics.get(str(theme.id))
        if measured is None:  # not learnt: say how many it has now, not a misleading 0
            if by_hand is None:
                by_hand = officer_code_counts(codeframe)
            scores.append(ThemeScore(theme, by_hand.get(theme.id, 0), 0, None, None, None))
        else:
            scores.append(
                ThemeScore(
                    theme,
                    int(measured["examples"]),
                    int(measured.get("accepted", 0)),  # absent from older versions
                    measured["precision"],
                    measured["recall"],
                    measured["f1"],
                )
            )
    return scores
