"""Shaping a codeframe: adding, renaming, merging, splitting, deleting and reordering its themes,
and the figures its hub shows. Every change is audited with the names before and after, so an
auditor can see how the codeframe grew."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import aliased

from involve.extensions import db
from involve.models import (
    Answer,
    Codeframe,
    FeedbackItem,
    Officer,
    Theme,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound
from involve.services.theming_items import (
    codeframe_title,
)
from involve.services.theming_provenance import adopt_moved_suggestions

NAME_MAX = 120
DESCRIPTION_MAX = 2_000


class ThemeNameTaken(DomainError):
    """Another theme in the codeframe already has this name (ignoring capitals)."""


# -- reading ---------------------------------------------------------------------------------------
def get_theme(codeframe: Codeframe, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.codeframe_id != codeframe.id:
        raise NotFound("theme")
    return theme


def coded_texts(theme: Theme, *, limit: int) -> list[tuple[int, str]]:
    """(item id, text) of up to `limit` texts coded with this theme, oldest first."""
    if theme.codeframe.question_id is not None:
        text, source = Answer.text, Answer.id == ThemeItem.answer_id
        query = select(ThemeItem.id, text).join(Answer, source)
    else:
        text, source = FeedbackItem.text, FeedbackItem.id == ThemeItem.feedback_item_id
        query = select(ThemeItem.id, text).join(FeedbackItem, source)
    rows = db.session.execute(
        query.join(ThemeCoding, ThemeCoding.item_id == ThemeItem.id)
        .where(ThemeCoding.theme_id == theme.id)
        .order_by(ThemeItem.id)
        .limit(limit)
    ).all()
    return [(item_id, item_text) for item_id, item_text in rows]


def codes_count(theme: Theme) -> int:
    return (
        db.session.scalar(
            select(func.count(ThemeCoding.id)).where(ThemeCoding.theme_id == theme.id)
        )
        or 0
    )


def texts_left_without_a_theme(theme: Theme) -> int:
    """Coded texts whose only code is this theme: deleting it sends them back to be coded."""
    return db.session.scalar(select(func.count()).select_from(_only_theme_items(theme))) or 0


def _only_theme_items(theme: Theme):  # type: ignore[no-untyped-def]
    another = aliased(ThemeCoding)
    other = (
        select(another.id)
        .where(another.item_id == ThemeItem.id, another.theme_id != theme.id)
        .exists()
    )
    return (
        select(ThemeItem.id)
        .join(ThemeCoding, ThemeCoding.item_id == ThemeItem.id)
        .where(ThemeCoding.theme_id == theme.id, ~ThemeItem.no_theme_fits, ~other)
        .subquery()
    )


# -- names -----------------------------------------------------------------------------------------
def name_taken(codeframe: Codeframe, name: str, *, ignoring: Collection[int] = ()) -> bool:
    wanted = name.strip().casefold()
    return any(
        theme.name.casefold() == wanted for theme in codeframe.themes if theme.id not in ignoring
    )


def _check_name(codeframe: Codeframe, name: str, *, ignoring: Collection[int] = ()) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise ValueError("a theme name must have 1 to 120 characters")
    if name_taken(codeframe, name, ignoring=ignoring):
        raise ThemeNameTaken(f"There is already a theme called {name}")
    return name


def _next_position(codeframe: Codeframe) -> int:
    return max((theme.position for theme in codeframe.themes), default=-1) + 1


# -- changes ---------------------------------------------------------------------------------------
def add_themes(
    *,
    actor: Officer | None,
    codeframe: Codeframe,
    names: Sequence[str],
    descriptions: Sequence[str] = (),
    origin: str = "officer",
) -> list[Theme]:
    """Add themes at the end of the codeframe (without an audit event: callers record one)."""
    position = _next_position(codeframe)
    added: list[Theme] = []
    for index, raw_name in enumerate(names):
        name = _check_name(codeframe, raw_name)
        if any(theme.name.casefold() == name.casefold() for theme in added):
            raise ThemeNameTaken(f"There is already a theme called {name}")
        theme = Theme(
            codeframe=codeframe,
            name=name,
            description=(descriptions[index] if index < len(descriptions) else "").strip(),
            position=position + index,
            origin=origin,
            created_by_id=actor.id if actor else None,
        )
        db.session.add(theme)
        added.append(theme)
    db.session.flush()
    return added


def add_theme(
    *, actor: Officer | None, codeframe: Codeframe, name: str, description: str = ""
) -> Theme:
    (theme,) = add_themes(
        actor=actor, codeframe=codeframe, names=[name], descriptions=[description]
    )
    _record(actor, codeframe, "theme_added", f"Added the theme {theme.name}", after=[theme.name])
    return theme


def edit_theme(*, actor: Officer | None, theme: Theme, name: str, description: str) -> None:
    codeframe = theme.codeframe
    before = theme.name
    theme.name = _check_name(codeframe, name, ignoring={theme.id})
    theme.description = description.strip()
    db.session.flush()
    summary = (
        f"Renamed the theme {before} to {theme.name}"
        if before != theme.name
        else f"Changed the description of the theme {theme.name}"
    )
    _record(actor, codeframe, "theme_changed", summary, before=[before], after=[theme.name])


def merge_themes(
    *, actor: Officer | None, codeframe: Codeframe, themes: Sequence[Theme], name: str
) -> Theme:
    """Merge themes into the earliest one (it keeps its id). An item coded with several gets one
    code, the surviving theme's own if it had one (so its provenance is kept), else its earliest;
    an accepted suggestion moved to the survivor becomes the acting officer's code (the audit
    event keeps where it came from). Suggestions for the merged-away themes go; the next update
    suggests the merged theme."""
    if len({theme.id for theme in themes}) < 2:
        raise ValueError("merge needs two or more themes")
    ids = {theme.id for theme in themes}
    name = _check_name(codeframe, name, ignoring=ids)
    survivor = min(themes, key=lambda theme: theme.id)
    others = sorted(ids - {survivor.id})
    before = [theme.name for theme in sorted(themes, key=lambda t: (t.position, t.id))]
    survivor_items = select(ThemeCoding.item_id).where(ThemeCoding.theme_id == survivor.id)
    db.session.execute(
        delete(ThemeCoding).where(
            ThemeCoding.theme_id.in_(others), ThemeCoding.item_id.in_(survivor_items)
        ),
        execution_options={"synchronize_session": False},
    )
    earliest_per_item = (
        select(func.min(ThemeCoding.id))
        .where(ThemeCoding.theme_id.in_(others))
        .group_by(ThemeCoding.item_id)
    )
    db.session.execute(
        delete(ThemeCoding).where(
            ThemeCoding.theme_id.in_(others), ThemeCoding.id.not_in(earliest_per_item)
        ),
        execution_options={"synchronize_session": False},
    )
    adopted = adopt_moved_suggestions(
        actor, select(ThemeCoding).where(ThemeCoding.theme_id.in_(others)), survivor.id
    )
    db.session.execute(
        update(ThemeCoding).where(ThemeCoding.theme_id.in_(others)).values(theme_id=survivor.id),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        delete(ThemeSuggestion).where(ThemeSuggestion.theme_id.in_(others)),
        execution_options={"synchronize_session": False},
    )
    for theme in themes:
        if theme.id != survivor.id:
            db.session.delete(theme)
    db.session.flush()  # the old names go before the survivor may take one of them
    survivor.name = name
    survivor.origin = "merged"
    if not survivor.description:
        survivor.description = next((t.description for t in themes if t.description), "")
    db.session.flush()
    db.session.expire_all()
    _record(
        actor,
        codeframe,
        "themes_merged",
        f"Merged {', '.join(before)} into {name}",
        before=before,
        after=[name],
        theme_id=survivor.id,
        suggestions_made_officer_codes=adopted,
    )
    return survivor


def split_theme(
    *,
    actor: Officer | None,
    theme: Theme,
    name: str,
    description: str,
    item_ids: Collection[int],
) -> Theme:
    """Create a theme and move the chosen texts' codes from `theme` to it. Moved codes that came
    from accepted suggestions become the acting officer's codes (the model never scored the new
    theme); the audit event keeps where they came from."""
    codeframe = theme.codeframe
    coded = set(
        db.session.scalars(select(ThemeCoding.item_id).where(ThemeCoding.theme_id == theme.id))
    )
    moving = sorted(set(item_ids) & coded)
    if not moving:
        raise ValueError("choose texts coded with the theme")
    (new_theme,) = add_themes(
        actor=actor, codeframe=codeframe, names=[name], descriptions=[description], origin="split"
    )
    moved = select(ThemeCoding).where(
        ThemeCoding.theme_id == theme.id, ThemeCoding.item_id.in_(moving)
    )
    adopted = adopt_moved_suggestions(actor, moved, new_theme.id)
    db.session.execute(
        update(ThemeCoding)
        .where(ThemeCoding.theme_id == theme.id, ThemeCoding.item_id.in_(moving))
        .values(theme_id=new_theme.id),
        execution_options={"synchronize_session": False},
    )
    db.session.flush()
    db.session.expire_all()
    _record(
        actor,
        codeframe,
        "theme_split",
        f"Split {len(moving)} text{'s' if len(moving) != 1 else ''} from {theme.name} "
        f"into {new_theme.name}",
        before=[theme.name],
        after=[theme.name, new_theme.name],
        item_ids=moving,
        suggestions_made_officer_codes=adopted,
    )
    return new_theme


def delete_theme(*, actor: Officer | None, theme: Theme) -> int:
    """Delete a theme and its codes and suggestions; texts it was the only code of go back to
    the texts still to code. Returns how many codes went."""
    codeframe = theme.codeframe
    codes = codes_count(theme)
    reopened = texts_left_without_a_theme(theme)
    if reopened:
        db.session.execute(
            update(ThemeItem)
            .where(ThemeItem.id.in_(select(_only_theme_items(theme).c.id)))
            .values(reviewed_at=None, reviewed_by_id=None, version=ThemeItem.version + 1),
            execution_options={"synchronize_session": False},
        )
    for model in (ThemeCoding, ThemeSuggestion):
        db.session.execute(
            delete(model).where(model.theme_id == theme.id),
            execution_options={"synchronize_session": False},
        )
    name = theme.name
    db.session.delete(theme)
    db.session.flush()
    db.session.expire_all()
    _record(
        actor,
        codeframe,
        "theme_deleted",
        f"Deleted the theme {name} and its {codes} code{'s' if codes != 1 else ''}",
        before=[name],
        after=[],
        codes=codes,
        texts_to_code_again=reopened,
    )
    return codes


def move_theme(*, actor: Officer | None, theme: Theme, offset: int) -> None:
    """Move a theme up (-1) or down (+1) the list; numbering is made tidy on the way."""
    codeframe = theme.codeframe
    ordered = list(codeframe.themes)
    index = ordered.index(theme)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    before = [t.name for t in ordered]
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, each in enumerate(ordered):
        each.position = position
    db.session.flush()
    db.session.expire(codeframe, ["themes"])
    _record(
        actor,
        codeframe,
        "theme_moved",
        f"Moved the theme {theme.name} {'up' if offset < 0 else 'down'}",
        before=before,
        after=[t.name for t in ordered],
    )


def _record(
    actor: Officer | None,
    codeframe: Codeframe,
    action: str,
    summary: str,
    *,
    before: Sequence[str] = (),
    after: Sequence[str] = (),
    **detail: object,
) -> None:
    record_event(
        actor=actor,
        action=f"theming.{action}",
        object_type="codeframe",
        object_id=codeframe.id,
        summary=f"{summary} ({codeframe_title(codeframe)})",
        detail={"before": list(before), "after": list(after), **detail},
    )
