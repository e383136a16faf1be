"""Browsing a codeframe's texts: filtered by status, by theme or by suggested theme, searched by
words or reference, a page at a time. A page costs a fixed number of queries however many texts
it shows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, func, null, or_, select

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.ids import id_from
from involve.models import (
    Answer,
    FeedbackItem,
    Response,
    Theme,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.theming import Codeframe
from involve.services.references import normalise_reference
from involve.services.theming_coding import SUGGESTED_FROM

PER_PAGE = 50
SNIPPET_LENGTH = 160
SEARCH_MAX = 200


class Show(StrEnum):
    ALL = "all"
    TO_CODE = "to-code"
    CODED = "coded"


SHOW_LABELS = {Show.ALL: "All", Show.TO_CODE: "To code", Show.CODED: "Coded"}


@dataclass(frozen=True)
class ItemFilters:
    show: Show = Show.ALL
    theme_id: int | None = None
    suggested_theme_id: int | None = None
    search: str = ""

    @property
    def is_empty(self) -> bool:
        return self == ItemFilters()

    def as_args(self) -> dict[str, Any]:
        """The GET parameters that reproduce these filters (for pagination links)."""
        args: dict[str, Any] = {}
        if self.show != Show.ALL:
            args["show"] = self.show.value
        if self.theme_id is not None:
            args["theme"] = self.theme_id
        if self.suggested_theme_id is not None:
            args["suggested"] = self.suggested_theme_id
        if self.search:
            args["search"] = self.search
        return args


def parse_filters(args: Any, codeframe: Codeframe) -> ItemFilters:
    """Filters from the query string; anything unknown (a stale link, a deleted theme) is
    ignored rather than refused."""
    theme_ids = {theme.id for theme in codeframe.themes}

    def theme(name: str) -> int | None:
        value = id_from(args.get(name, ""))
        return value if value in theme_ids else None

    show = args.get("show", "")
    return ItemFilters(
        show=Show(show) if show in Show._value2member_map_ else Show.ALL,
        theme_id=theme("theme"),
        suggested_theme_id=theme("suggested"),
        search=" ".join(remove_unprintable(args.get("search", "")).split())[:SEARCH_MAX],
    )


@dataclass(frozen=True)
class ItemRow:
    item_id: int
    title: str
    snippet: str
    is_coded: bool
    no_theme_fits: bool
    themes: list[str]

    @property
    def status(self) -> str:
        if not self.is_coded:
            return "To code"
        return "No theme fits" if self.no_theme_fits else "Coded"


@dataclass(frozen=True)
class ItemPage:
    rows: list[ItemRow]
    total: int
    page: int
    last_page: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > SNIPPET_LENGTH:
        return text[: SNIPPET_LENGTH - 1].rstrip() + "…"
    return text


def _base_query(codeframe: Codeframe):  # type: ignore[no-untyped-def]
    """Each item with its text, and the reference of the response (or the number of the point
    raised) it came from; plus the columns a search looks in."""
    columns = (ThemeItem.id, ThemeItem.reviewed_at, ThemeItem.no_theme_fits)
    if codeframe.question_id is not None:
        query = (
            select(
                *columns,
                Answer.text.label("text"),
                Response.reference.label("reference"),
                null().label("point_id"),
            )
            .join(Answer, Answer.id == ThemeItem.answer_id)
            .join(Response, Response.id == Answer.response_id)
        )
        return query, Answer.text, Response.reference
    query = select(
        *columns,
        FeedbackItem.text.label("text"),
        null().label("reference"),
        FeedbackItem.id.label("point_id"),
    ).join(FeedbackItem, FeedbackItem.id == ThemeItem.feedback_item_id)
    return query, FeedbackItem.text, None


def list_items(*, codeframe: Codeframe, filters: ItemFilters, page: int = 1) -> ItemPage:
    """One page of the codeframe's texts matching the filters, in item order."""
    query, text_column, reference_column = _base_query(codeframe)
    query = query.where(ThemeItem.codeframe_id == codeframe.id)
    if filters.show == Show.TO_CODE:
        query = query.where(ThemeItem.reviewed_at.is_(None))
    elif filters.show == Show.CODED:
        query = query.where(ThemeItem.reviewed_at.is_not(None))
    if filters.theme_id is not None:
        query = query.where(
            exists().where(
                ThemeCoding.item_id == ThemeItem.id, ThemeCoding.theme_id == filters.theme_id
            )
        )
    if filters.suggested_theme_id is not None:
        query = query.where(
            exists().where(
                ThemeSuggestion.item_id == ThemeItem.id,
                ThemeSuggestion.theme_id == filters.suggested_theme_id,
                ThemeSuggestion.score >= SUGGESTED_FROM,
            )
        )
    if filters.search:
        in_text = text_column.ilike(f"%{_escape_like(filters.search)}%", escape="\\")
        if reference_column is not None:
            reference = f"%{_escape_like(normalise_reference(filters.search))}%"
            in_text = or_(in_text, reference_column.like(reference, escape="\\"))
        query = query.where(in_text)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    last_page = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(page, 1), last_page)
    rows = db.session.execute(
        query.order_by(ThemeItem.id).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).all()
    themes = _themes_of([row.id for row in rows])
    return ItemPage(
        rows=[
            ItemRow(
                item_id=row.id,
                title=row.reference or f"Point raised {row.point_id}",
                snippet=_shorten(row.text),
                is_coded=row.reviewed_at is not None,
                no_theme_fits=row.no_theme_fits,
                themes=themes.get(row.id, []),
            )
            for row in rows
        ],
        total=total,
        page=page,
        last_page=last_page,
    )


def _themes_of(item_ids: list[int]) -> dict[int, list[str]]:
    """The theme names of each item on the page, in codeframe order, in one query."""
    if not item_ids:
        return {}
    rows = db.session.execute(
        select(ThemeCoding.item_id, Theme.name)
        .join(Theme, Theme.id == ThemeCoding.theme_id)
        .where(ThemeCoding.item_id.in_(item_ids))
        .order_by(Theme.position, Theme.id)
    ).all()
    names: dict[int, list[str]] = defaultdict(list)
    for item_id, name in rows:
        names[item_id].append(name)
    return names


def page_numbers(page: int, last_page: int) -> list[int | None]:
    """The page links to show: the first, the last and two either side of the current page,
    with None where GOV.UK pagination shows an ellipsis."""
    wanted = sorted({1, last_page, *range(max(page - 2, 1), min(page + 2, last_page) + 1)})
    shown: list[int | None] = []
    previous = 0
    for number in wanted:
        if number - previous == 2:
            shown.append(previous + 1)  # a single page is shown, not hidden behind "…"
        elif previous and number - previous > 2:
            shown.append(None)
        shown.append(number)
        previous = number
    return shown
