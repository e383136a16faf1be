"""Who responded, in three parts, and which parts a published total may include: individuals
(the resident mix), organisations, and councillors and co-opted or nominated members.

One rule for every public surface (the representativeness report, and so "We asked, you said,
we did", and the open-data API): a part with from 1 to threshold - 1 responses is published
only as "fewer than 10", so it is kept out of every total that is shown. The responses total
is hidden, and the table of responses by channel leaves that part out, or a subtraction would
give its number away. Both surfaces build the channel table here, in the same order, so the
same cells are hidden on each and neither shows what the other hides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import case, func, select

from involve.extensions import db
from involve.models import Channel, RespondentProfile, RespondingAs, Response, ResponseStatus
from involve.services.representativeness_counts import (
    EXCLUDED_STATUSES,
    PART_EXCLUDED,
    PART_INDIVIDUALS,
    PART_ORGANISATIONS,
)
from involve.services.small_numbers import is_small, suppression

PARTS = (PART_INDIVIDUALS, PART_ORGANISATIONS, PART_EXCLUDED)
CHANNELS = tuple(channel.value for channel in Channel)  # every table lists them in this order

PartCounts = Mapping[str, Mapping[str, int]]  # part -> channel value -> responses


def shown_parts(totals: Mapping[str, int], threshold: int) -> list[str]:
    """The parts whose number is published as a number (none of them small), in PARTS order."""
    return [part for part in PARTS if not is_small(totals.get(part, 0), threshold)]


def is_total_hidden(totals: Mapping[str, int], threshold: int) -> bool:
    """Whether the responses total must be hidden: some part is small, and the total less the
    parts shown would be its number."""
    return len(shown_parts(totals, threshold)) < len(PARTS)


def channel_table(
    by_part: PartCounts, parts: Sequence[str], threshold: int
) -> list[tuple[str, int, str]]:
    """(channel, count, suppression state) for every channel, over the shown parts only, with
    the secondary suppression of a table whose total can be worked out."""
    counts = [sum(by_part.get(part, {}).get(channel, 0) for part in parts) for channel in CHANNELS]
    states = suppression(counts, threshold)
    return list(zip(CHANNELS, counts, states, strict=True))


def part_of_response() -> Any:
    """SQL: the part a submitted response belongs to (as representativeness_counts counts it:
    an elected or co-opted member first, then an organisation, else an individual)."""
    return case(
        (RespondentProfile.elected_status.in_(EXCLUDED_STATUSES), PART_EXCLUDED),
        (RespondentProfile.responding_as == RespondingAs.ORGANISATION, PART_ORGANISATIONS),
        else_=PART_INDIVIDUALS,
    )


def channels_by_part(consultation_ids: Sequence[int]) -> dict[int, dict[str, dict[str, int]]]:
    """Consultation id -> part -> channel -> submitted responses, in one GROUP BY."""
    found: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    if not consultation_ids:
        return found
    part = part_of_response()
    rows = db.session.execute(
        select(Response.consultation_id, part, Response.channel, func.count(Response.id))
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
        .where(
            Response.consultation_id.in_(consultation_ids),
            Response.status == ResponseStatus.SUBMITTED,
        )
        .group_by(Response.consultation_id, part, Response.channel)
    )
    for consultation_id, part_name, channel, count in rows:
        found[consultation_id][part_name][Channel(channel).value] = count
    return found
