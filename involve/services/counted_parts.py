"""Whose answers the published question and theme tables count: one rule for "We asked, you
said, we did" and the open-data API, the channel table's rule (involve.services.response_parts).

A part of the responses with from 1 to threshold - 1 of them (a few organisations, or a few
councillors and co-opted or nominated members) is published only as "fewer than 10": the
responses total is hidden and the channel table leaves that part out. If a question's table
still counted its answers, a question everyone answered would show the hidden total, and that
total less the individuals shown would give the small part's number away; so would "We read and
grouped 25 of the 30 comments". So the question and theme tables leave its answers out as well,
and say so. Points raised at an event are not responses, belong to no part, and always count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import case

from involve.models import ThemeItem
from involve.services.representativeness_counts import (
    PART_EXCLUDED,
    PART_INDIVIDUALS,
    PART_ORGANISATIONS,
)
from involve.services.response_parts import (
    PARTS,
    PartCounts,
    channels_by_part,
    part_of_response,
    shown_parts,
)

# How the API (and the page's note) names a part that is left out.
LEFT_OUT = {
    PART_INDIVIDUALS: "individuals",
    PART_ORGANISATIONS: "organisations",
    PART_EXCLUDED: "councillors",
}
POINTS = "points"  # the "part" of a point raised at an event: counted whatever is left out


def parts_counted(by_part: PartCounts, threshold: int) -> list[str]:
    """The parts one consultation's published tables count, from its responses by part and
    channel (response_parts.channels_by_part): those not published as a small number."""
    sizes = {part: sum(by_part.get(part, {}).values()) for part in PARTS}
    return shown_parts(sizes, threshold)


def counted_parts(consultation_ids: Sequence[int], *, threshold: int) -> dict[int, list[str]]:
    """Consultation id -> the parts whose answers its question and theme tables count, in
    PARTS order (one query)."""
    by_part = channels_by_part(consultation_ids)
    return {
        consultation_id: parts_counted(by_part.get(consultation_id, {}), threshold)
        for consultation_id in consultation_ids
    }


def left_out(parts: Collection[str]) -> list[str]:
    """The names of the parts not counted, in PARTS order (the API's answers_leave_out)."""
    return [LEFT_OUT[part] for part in PARTS if part not in parts]


def left_out_sentence(parts: Collection[str], threshold: int) -> str:
    """The page's plain words for left_out, or "" when every part is counted."""
    names = left_out(parts)
    if not names:
        return ""
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return (
        f"Answers from {who} are not counted in these tables because there were fewer than "
        f"{threshold} of them."
    )


def item_part() -> Any:
    """SQL: the part a theme item belongs to (its answer's response's, or POINTS); needs
    Answer and RespondentProfile outer-joined to the item."""
    return case((ThemeItem.answer_id.is_(None), POINTS), else_=part_of_response())


def is_counted(part: str, parts: Collection[str]) -> bool:
    return part == POINTS or part in parts
