"""The coding screen's work: what an analyst sees for one text, saving their codes so several
analysts can code at once without overwriting each other, and handing out the next text to code
(claimed for a while, so two analysts never get the same one)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from involve.extensions import db
from involve.models import (
    DuplicateStatus,
    Officer,
    Stance,
    Theme,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.base import utc_now
from involve.models.theming import Codeframe, CodingSource
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.events import RAISED_BY_LABELS
from involve.services.response_labels import RESPONDING_AS_LABELS

# A model score from which a theme is shown as "Suggested" beside its checkbox.
SUGGESTED_FROM = 0.5


# -- excerpts ------------------------------------------------------------------------------------
def normalise_excerpt(excerpt: str) -> str:
    return " ".join(excerpt.split())


def excerpt_in_text(excerpt: str, text: str) -> bool:
    """Whether the excerpt's words appear in the text, ignoring case and spacing."""
    wanted = normalise_excerpt(excerpt).lower()
    return bool(wanted) and wanted in normalise_excerpt(text).lower()


def _excerpt_pattern(excerpt: str) -> re.Pattern[str] | None:
    words = excerpt.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def mark_excerpts(text: str, excerpts: Sequence[str]) -> Markup:
    """The text, escaped, with every occurrence of each excerpt wrapped in <mark>. Built from
    escaped pieces, so nothing the respondent or analyst typed can add markup."""
    spans: list[tuple[int, int]] = []
    for excerpt in excerpts:
        pattern = _excerpt_pattern(excerpt)
        if pattern is not None:
            spans.extend(
                match.span() for match in pattern.finditer(text) if match.end() > match.start()
            )
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[Markup] = []
    position = 0
    for start, end in merged:
        pieces.append(escape(text[position:start]))
        pieces.append(Markup("<mark>%s</mark>") % text[start:end])
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


# -- what the page shows -------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemSource:
    """Who wrote the text, as far as an analyst needs to know: never contact details or
    equality answers."""

    title: str  # "Response K7M-Q9P-2XD" or "Point raised 12"
    reference: str  # the response reference, "" for points raised
    group: str  # "Individual", "Organisation", a "raised by" group, or ""


def item_source(item: ThemeItem) -> ItemSource:
    if item.answer is not None:
        response = item.answer.response
        profile = response.profile
        group = ""
        if profile is not None and profile.responding_as is not None:
            group = RESPONDING_AS_LABELS[profile.responding_as]
        return ItemSource(f"Response {response.reference}", response.reference, group)
    assert item.feedback_item is not None
    group = RAISED_BY_LABELS.get(item.feedback_item.raised_by_group, "")
    return ItemSource(f"Point raised {item.feedback_item.id}", "", group)


def first_words(text: str, count: int = 5) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def item_name(item: ThemeItem) -> str:
    """How a page names a text in running words ("Accept Parks for …"): the response's
    reference, or for a point raised the event and its first words (points have no reference,
    and the event alone would name every point on the page the same)."""
    if item.answer is not None:
        return f"response {item.answer.response.reference}"
    assert item.feedback_item is not None
    return (
        f"point raised at {item.feedback_item.activity.title}: "
        f"“{first_words(item.feedback_item.text)}”"
    )


@dataclass(frozen=True)
class Progress:
    total: int
    coded: int

    @property
    def left(self) -> int:
        return self.total - self.coded


def coding_progress(codeframe: Codeframe) -> Progress:
    total, coded = db.session.execute(
        select(func.count(ThemeItem.id), func.count(ThemeItem.reviewed_at)).where(
            ThemeItem.codeframe_id == codeframe.id
        )
    ).one()
    return Progress(total or 0, coded or 0)


def campaign_size(item: ThemeItem) -> int:
    """How many texts are in the confirmed campaign this item belongs to; 0 if none."""
    group = item.duplicate_group
    if group is None or group.status != DuplicateStatus.CAMPAIGN:
        return 0
    return (
        db.session.scalar(
            select(func.count(ThemeItem.id)).where(ThemeItem.duplicate_group_id == group.id)
        )
        or 0
    )


def coded_theme_ids(item: ThemeItem) -> set[int]:
    return set(
        db.session.scalars(select(ThemeCoding.theme_id).where(ThemeCoding.item_id == item.id))
    )


def coded_by(item: ThemeItem, theme_ids: Collection[int]) -> list[int]:
    """Who gave the item these codes (officer ids, first coder first)."""
    return list(
        dict.fromkeys(
            db.session.scalars(
                select(ThemeCoding.coded_by_id)
                .where(
                    ThemeCoding.item_id == item.id,
                    ThemeCoding.theme_id.in_(list(theme_ids)),
                    ThemeCoding.coded_by_id.is_not(None),
                )
                .order_by(ThemeCoding.coded_at, ThemeCoding.id)
            )
        )
    )


def suggestion_scores(item: ThemeItem) -> dict[int, float]:
    """The latest model's score per theme for this item, for those it suggests."""
    rows = db.session.execute(
        select(ThemeSuggestion.theme_id, ThemeSuggestion.score).where(
            ThemeSuggestion.item_id == item.id, ThemeSuggestion.score >= SUGGESTED_FROM
        )
    ).all()
    return {theme_id: score for theme_id, score in rows}


# -- saving --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Coding:
    """What the analyst chose, or what the page showed when it was loaded."""

    theme_ids: frozenset[int] = frozenset()
    no_theme_fits: bool = False
    stance: Stance | None = None
    note: str = ""
    highlights: tuple[str, ...] = ()

    def value_of(self, name: str) -> object:
        return getattr(self, name)


@dataclass(frozen=True)
class Loaded(Coding):
    version: int = 0


def loaded_state(item: ThemeItem) -> Loaded:
    return Loaded(
        theme_ids=frozenset(coded_theme_ids(item)),
        no_theme_fits=item.no_theme_fits,
        stance=item.stance,
        note=item.note,
        highlights=tuple(item.highlights or ()),
        version=item.version,
    )


# The fields one analyst's save may overwrite only if no one else changed them meanwhile.
MERGED_BY_HAND = ("note", "stance", "highlights")


class CodingConflict(DomainError):
    """Someone else changed the note, stance or excerpts since the page was loaded, or coded
    themes the analyst did not see while the analyst chose "No theme fits" ("themes": the
    theme ids now coded)."""

    def __init__(
        self, theirs: dict[str, object], current: Loaded, current_reviewed_by: int | None
    ) -> None:
        super().__init__(", ".join(theirs))
        self.theirs = theirs  # field name -> the value now stored
        self.current = current  # the item as it is now, to carry in the form next time
        self.current_reviewed_by = current_reviewed_by  # who saved it last


@dataclass
class SavedCoding:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _stored(item: ThemeItem) -> dict[str, object]:
    return {
        "note": item.note,
        "stance": item.stance,
        "highlights": tuple(item.highlights or ()),
    }


def _field_updates(
    item: ThemeItem, loaded: Loaded, chosen: Coding, coded_now: set[int]
) -> dict[str, object]:
    """The note, stance and excerpts to write. Raises CodingConflict when both this analyst
    and someone else changed one of them since the page was loaded, or when the analyst has just
    chosen "No theme fits" but someone else has coded themes meanwhile: saving would silently
    drop one of the two decisions, so the analyst sees their themes and decides."""
    theirs: dict[str, object] = {}
    if chosen.no_theme_fits and not loaded.no_theme_fits and coded_now - loaded.theme_ids:
        theirs["themes"] = frozenset(coded_now)
    stored = _stored(item)
    if item.version == loaded.version:
        if theirs:
            raise CodingConflict(theirs, loaded_state(item), item.reviewed_by_id)
        return {name: chosen.value_of(name) for name in MERGED_BY_HAND}
    updates: dict[str, object] = {}
    for name in MERGED_BY_HAND:
        mine, before, now = chosen.value_of(name), loaded.value_of(name), stored[name]
        if mine in (before, now):
            continue  # untouched here (keep theirs), or both made the same change
        if now == before:
            updates[name] = mine
        else:
            theirs[name] = now
    if theirs:
        raise CodingConflict(theirs, loaded_state(item), item.reviewed_by_id)
    return updates


def _lock(item: ThemeItem) -> ThemeItem:
    """The item re-read and locked until the request commits (PostgreSQL), so two saves of the
    same item run one after the other and the second sees the first's changes."""
    return db.session.execute(
        select(ThemeItem)
        .where(ThemeItem.id == item.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def save_coding(
    *, actor: Officer, item: ThemeItem, loaded: Loaded, chosen: Coding, now: datetime | None = None
) -> SavedCoding:
    """Apply this analyst's changes since `loaded`: themes they ticked are added, themes they
    un-ticked are removed, so codes another analyst made meanwhile survive. One audit event."""
    now = now or utc_now()
    item = _lock(item)
    current = {coding.theme_id: coding for coding in _codings(item)}
    updates = _field_updates(item, loaded, chosen, set(current))
    themes = {theme.id: theme for theme in item.codeframe.themes}
    unknown = set(chosen.theme_ids) - set(themes)
    if unknown:
        raise ValueError(f"themes not in this codeframe: {sorted(unknown)}")
    to_add = sorted(chosen.theme_ids - loaded.theme_ids - current.keys(), key=_order(themes))
    to_remove = sorted((loaded.theme_ids - chosen.theme_ids) & current.keys(), key=_order(themes))
    for theme_id in to_remove:
        db.session.delete(current[theme_id])
    db.session.flush()
    to_add = [theme_id for theme_id in to_add if _add_code(item, theme_id, actor, now)]
    for name, value in updates.items():
        setattr(item, name, list(value) if name == "highlights" else value)  # type: ignore[call-overload]
    still_coded = bool((current.keys() - set(to_remove)) | set(to_add))
    if chosen.no_theme_fits != loaded.no_theme_fits:
        item.no_theme_fits = chosen.no_theme_fits
    if still_coded:
        item.no_theme_fits = False
    item.version = item.version + 1
    item.reviewed_at = now
    item.reviewed_by_id = actor.id
    if item.claimed_by_id == actor.id:
        item.claimed_by_id = None
        item.claimed_until = None
    db.session.flush()
    saved = SavedCoding(
        added=[themes[theme_id].name for theme_id in to_add],
        removed=[themes[theme_id].name for theme_id in to_remove],
    )
    _record_save(actor, item, saved, sorted(updates))
    return saved


def _add_code(item: ThemeItem, theme_id: int, actor: Officer, now: datetime) -> bool:
    """Add one officer code; False if it is already there. Accepting suggestions in bulk does
    not lock the item, so the same code can arrive from there at the same moment: the savepoint
    lets the unique key settle it without failing the whole save."""
    try:
        with db.session.begin_nested():
            db.session.add(
                ThemeCoding(
                    item_id=item.id,
                    theme_id=theme_id,
                    source=CodingSource.OFFICER,
                    coded_by_id=actor.id,
                    coded_at=now,
                )
            )
    except IntegrityError:
        return False
    return True


def _codings(item: ThemeItem) -> list[ThemeCoding]:
    return list(db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == item.id)))


def _order(themes: dict[int, Theme]):  # type: ignore[no-untyped-def]
    return lambda theme_id: (themes[theme_id].position, theme_id)


def _record_save(actor: Officer, item: ThemeItem, saved: SavedCoding, changed: list[str]) -> None:
    source = item_source(item)
    parts = []
    if saved.added:
        parts.append("added " + ", ".join(saved.added))
    if saved.removed:
        parts.append("removed " + ", ".join(saved.removed))
    if item.no_theme_fits:
        parts.append("no theme fits")
    record_event(
        actor=actor,
        action="theming.item_coded",
        object_type="theme_item",
        object_id=item.id,
        summary=f"Coded {source.title}" + (f": {'; '.join(parts)}" if parts else ""),
        detail={
            "codeframe_id": item.codeframe_id,
            "added": saved.added,
            "removed": saved.removed,
            "no_theme_fits": item.no_theme_fits,
            "changed": changed,
            "version": item.version,
        },
    )
