"""Campaign and duplicate responses: near-identical texts (a pasted campaign letter, lightly
edited) are grouped by the suggestions job; an officer confirms each group as a campaign or not,
and reports count confirmed campaigns separately. Regrouping keeps officers' decisions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update

from analysis.duplicates import find_duplicate_groups
from involve.extensions import db
from involve.models import (
    Answer,
    Codeframe,
    DuplicateGroup,
    DuplicateStatus,
    FeedbackItem,
    Officer,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import NotFound
from involve.services.theming_items import ItemText

# Three or more: two people writing the same sentence is common coincidence, three is a pattern
# worth a look. Texts under five words ("No", "Not sure", "Keep it open") are left out: short
# answers coincide all the time and would bury real campaigns at the top of the list.
MIN_GROUP_SIZE = 3
MIN_WORDS = 5

SHOWN_GROUPS = 100  # the page lists the largest groups; smaller ones matter less

DECISION_DONE = {
    DuplicateStatus.CAMPAIGN: "Confirmed as a campaign",
    DuplicateStatus.NOT_CAMPAIGN: "Marked as not a campaign",
    DuplicateStatus.SUSPECTED: "Decision undone",
}
DECISION_WORDS = {
    DuplicateStatus.SUSPECTED: "Not checked yet",
    DuplicateStatus.CAMPAIGN: "Campaign",
    DuplicateStatus.NOT_CAMPAIGN: "Not a campaign",
}


@dataclass(frozen=True)
class RegroupResult:
    groups: int
    new: int
    kept_decisions: int
    reopened: int
    grouped_items: int


@dataclass(frozen=True)
class FoundGroup:
    item_ids: list[int]
    example: str


def find_near_duplicates(texts: Sequence[ItemText]) -> list[FoundGroup]:
    """Groups of near-identical texts, largest first (reads nothing, writes nothing)."""
    candidates = [entry for entry in texts if len(entry.text.split()) >= MIN_WORDS]
    found = find_duplicate_groups([entry.text for entry in candidates], min_size=MIN_GROUP_SIZE)
    return [
        FoundGroup([candidates[index].item_id for index in group.members], group.example)
        for group in found
    ]


def regroup_duplicates(codeframe: Codeframe, texts: Sequence[ItemText]) -> RegroupResult:
    return save_groups(codeframe, find_near_duplicates(texts))


def save_groups(codeframe: Codeframe, found: Sequence[FoundGroup]) -> RegroupResult:
    """Record the groups found. A group already decided keeps its decision when it is found
    again with the same members or more; if it lost members it goes back to "not checked yet",
    since the officer decided on something else. Groups no longer found are removed."""
    old_groups = {
        group.id: group
        for group in db.session.scalars(
            select(DuplicateGroup).where(DuplicateGroup.codeframe_id == codeframe.id)
        )
    }
    current = dict(
        db.session.execute(
            select(ThemeItem.id, ThemeItem.duplicate_group_id).where(
                ThemeItem.codeframe_id == codeframe.id, ThemeItem.duplicate_group_id.is_not(None)
            )
        ).all()
    )
    old_members: dict[int, set[int]] = {}
    for item_id, group_id in current.items():
        old_members.setdefault(group_id, set()).add(item_id)

    wanted: dict[int, int] = {}
    reused: set[int] = set()
    new = kept = reopened = 0
    for found_group in found:
        members = found_group.item_ids
        overlap = Counter(current[i] for i in members if i in current and current[i] not in reused)
        match = min(overlap, key=lambda gid: (-overlap[gid], gid)) if overlap else None
        if match is not None:
            group = old_groups[match]
            reused.add(match)
            if group.status != DuplicateStatus.SUSPECTED:
                if old_members[match] <= set(members):
                    kept += 1
                else:
                    group.status, group.decided_by_id, group.decided_at = (
                        DuplicateStatus.SUSPECTED,
                        None,
                        None,
                    )
                    reopened += 1
            group.size, group.example_text = len(members), found_group.example
        else:
            group = DuplicateGroup(
                codeframe_id=codeframe.id,
                example_text=found_group.example,
                size=len(members),
                status=DuplicateStatus.SUSPECTED,
            )
            db.session.add(group)
            new += 1
        db.session.flush()
        wanted.update(dict.fromkeys(members, group.id))

    changes = [
        {"id": item_id, "duplicate_group_id": wanted.get(item_id)}
        for item_id in set(current) | set(wanted)
        if current.get(item_id) != wanted.get(item_id)
    ]
    if changes:
        db.session.execute(update(ThemeItem), changes)
    for group_id, group in old_groups.items():
        if group_id not in reused:
            db.session.delete(group)
    db.session.flush()
    return RegroupResult(len(found), new, kept, reopened, len(wanted))


def list_groups(codeframe: Codeframe) -> list[DuplicateGroup]:
    return list(
        db.session.scalars(
            select(DuplicateGroup)
            .where(DuplicateGroup.codeframe_id == codeframe.id)
            .order_by(DuplicateGroup.size.desc(), DuplicateGroup.id)
        )
    )


def other_versions_of(
    groups: Sequence[DuplicateGroup], *, limit: int = 3, looked_at: int = 50
) -> dict[int, list[str]]:
    """For each group (by id), a few member texts that differ from the example, so an officer
    can see the edits. One query for all the groups, reading each one's first `looked_at`."""
    if not groups:
        return {}
    position = (
        func.row_number()
        .over(partition_by=ThemeItem.duplicate_group_id, order_by=ThemeItem.id)
        .label("position")
    )
    members = (
        select(
            ThemeItem.duplicate_group_id.label("group_id"),
            ThemeItem.id.label("item_id"),
            func.coalesce(Answer.text, FeedbackItem.text).label("text"),
            position,
        )
        .select_from(ThemeItem)
        .outerjoin(Answer, Answer.id == ThemeItem.answer_id)
        .outerjoin(FeedbackItem, FeedbackItem.id == ThemeItem.feedback_item_id)
        .where(ThemeItem.duplicate_group_id.in_([group.id for group in groups]))
        .subquery()
    )
    rows = db.session.execute(
        select(members.c.group_id, members.c.text)
        .where(members.c.position <= looked_at)
        .order_by(members.c.group_id, members.c.item_id)
    ).all()
    seen = {group.id: {group.example_text.strip()} for group in groups}
    versions: dict[int, list[str]] = {group.id: [] for group in groups}
    for group_id, text in rows:
        if text and text.strip() not in seen[group_id] and len(versions[group_id]) < limit:
            seen[group_id].add(text.strip())
            versions[group_id].append(text)
    return versions


def decided_by_names(groups: Sequence[DuplicateGroup]) -> dict[int, str]:
    """Who decided each decided group, by group id."""
    officer_ids = {group.decided_by_id for group in groups if group.decided_by_id}
    if not officer_ids:
        return {}
    names = dict(
        db.session.execute(
            select(Officer.id, Officer.full_name).where(Officer.id.in_(officer_ids))
        ).all()
    )
    return {
        group.id: names.get(group.decided_by_id, "")
        for group in groups
        if group.decided_by_id is not None
    }


def get_group(codeframe: Codeframe, group_id: int) -> DuplicateGroup:
    group = db.session.get(DuplicateGroup, group_id)
    if group is None or group.codeframe_id != codeframe.id:
        raise NotFound("duplicate group")
    return group


def decide_campaign(
    *, actor: Officer, group: DuplicateGroup, status: DuplicateStatus
) -> DuplicateGroup:
    """Record an officer's decision on a group (or undo it, with SUSPECTED)."""
    if group.status == status:
        return group
    group.status = status
    decided = status != DuplicateStatus.SUSPECTED
    group.decided_by_id = actor.id if decided else None
    group.decided_at = utc_now() if decided else None
    db.session.flush()
    wording = DECISION_DONE[status]
    record_event(
        actor=actor,
        action="theming.campaign_decided",
        object_type="duplicate_group",
        object_id=group.id,
        summary=f"{wording}: a group of {group.size:,} near-identical responses",
        detail={"codeframe_id": group.codeframe_id, "status": status.value, "size": group.size},
    )
    return group


def campaign_item_ids(codeframe: Codeframe) -> set[int]:
    """Items in groups an officer has confirmed as campaigns (reports count them separately)."""
    return set(
        db.session.scalars(
            select(ThemeItem.id)
            .join(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
            .where(
                ThemeItem.codeframe_id == codeframe.id,
                DuplicateGroup.status == DuplicateStatus.CAMPAIGN,
            )
        )
    )


@dataclass(frozen=True)
class DuplicateSummary:
    groups: int  # groups of near-identical responses found, whatever their status
    grouped_items: int  # responses in any group
    suspected: int  # groups nobody has checked yet
    campaigns: int  # groups confirmed as campaigns
    campaign_items: int  # responses in confirmed campaigns
    not_campaigns: int  # groups an officer found to be coincidence


def duplicate_summary(codeframe: Codeframe) -> DuplicateSummary:
    """Counted from the items themselves, so a response erased since the last grouping is not
    counted."""
    rows = db.session.execute(
        select(
            DuplicateGroup.status,
            func.count(func.distinct(DuplicateGroup.id)),
            func.count(ThemeItem.id),
        )
        .join(ThemeItem, ThemeItem.duplicate_group_id == DuplicateGroup.id)
        .where(DuplicateGroup.codeframe_id == codeframe.id)
        .group_by(DuplicateGroup.status)
    ).all()
    counts = {status: (groups, items) for status, groups, items in rows}
    return DuplicateSummary(
        groups=sum(groups for groups, _ in counts.values()),
        grouped_items=sum(items for _, items in counts.values()),
        suspected=counts.get(DuplicateStatus.SUSPECTED, (0, 0))[0],
        campaigns=counts.get(DuplicateStatus.CAMPAIGN, (0, 0))[0],
        campaign_items=counts.get(DuplicateStatus.CAMPAIGN, (0, 0))[1],
        not_campaigns=counts.get(DuplicateStatus.NOT_CAMPAIGN, (0, 0))[0],
    )
