"""The theme summary of a codeframe: how many texts each theme covers and what share of the coded
texts that is, how the codes were given, sentiment, who raised each theme (small counts
suppressed) and a few representative quotes. Built from a fixed number of queries however many
themes or texts there are; confirmed campaign texts are counted separately, never in the shares.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape
from sqlalchemy import select

from analysis.quotes import select_quotes
from involve.extensions import db
from involve.models import (
    Answer,
    Codeframe,
    CodingSource,
    DuplicateGroup,
    DuplicateStatus,
    FeedbackItem,
    ModelVersion,
    RespondentProfile,
    Stance,
    ThemeCoding,
    ThemeItem,
)
from involve.models.base import utc_now
from involve.services.events import RAISED_BY_LABELS
from involve.services.theme_summary_groups import (
    AGE_COLUMNS,
    AGE_GROUPS,
    NOT_KNOWN,
    RESPONDING_AS_COLUMNS,
    GroupTable,
    group_cells,
)
from involve.services.theming_campaigns import campaign_item_ids
from involve.services.theming_coding import mark_excerpts
from involve.services.theming_items import codeframe_title

QUOTES_PER_THEME = 3
# Quotes come from a seeded sample of each theme's texts: typical texts are as typical in a
# sample, and a page with many large themes stays quick (under 0.2 s a theme at this size).
QUOTE_CANDIDATES = 200
STANCE_LABELS = {
    Stance.POSITIVE: "Positive",
    Stance.NEUTRAL: "Neutral",
    Stance.NEGATIVE: "Negative",
    NOT_KNOWN: "Not known",
}
# A quote with nothing highlighted is cut to this many characters on the page (the CSV has it
# all); a highlighted one is shown whole, so the highlight is seen in context.
QUOTE_SHOWN_CHARS = 600


@dataclass(frozen=True)
class Quote:
    text: str  # the whole text, never just the highlighted part
    stance: str
    is_officer_stance: bool
    is_highlight: bool
    highlights: tuple[str, ...] = ()
    item_id: int = 0  # the theme item quoted, so it can be sent to moderation

    @property
    def marked(self) -> Markup:
        """The text for the page, escaped, with what officers highlighted in <mark>."""
        if self.highlights:
            return mark_excerpts(self.text, self.highlights)
        if len(self.text) > QUOTE_SHOWN_CHARS:
            return escape(self.text[:QUOTE_SHOWN_CHARS].rsplit(" ", 1)[0] + " …")
        return escape(self.text)


@dataclass(frozen=True)
class ThemeFigures:
    theme_id: int
    name: str
    count: int  # coded texts with this theme, not counting confirmed campaigns
    share: float  # of all coded texts (not in campaigns), 0..1
    campaign_count: int
    officer_count: int
    suggestion_count: int
    sentiment: dict[str, float]  # STANCE_LABELS key -> share of the theme's texts
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeSummary:
    codeframe: Codeframe
    title: str
    made_at: datetime
    total: int
    coded: int
    uncoded: int
    no_theme_fits: int
    campaign_texts: int
    suspected_texts: int
    themes: list[ThemeFigures]
    group_tables: list[GroupTable]
    model_versions: list[ModelVersion]

    @property
    def has_codes(self) -> bool:
        return self.coded > 0


@dataclass(frozen=True)
class _Item:
    id: int
    text: str
    is_reviewed: bool
    no_theme_fits: bool
    stance: str
    is_officer_stance: bool
    highlights: list[str]
    group_status: DuplicateStatus | None
    groups: dict[str, str]  # table title -> column key


# -- queries -----------------------------------------------------------------------------------
def _load_items(codeframe: Codeframe) -> list[_Item]:
    """Every item with its text, stance, group status and respondent group, in one query."""
    columns = (
        ThemeItem.id,
        ThemeItem.reviewed_at,
        ThemeItem.no_theme_fits,
        ThemeItem.stance,
        ThemeItem.predicted_stance,
        ThemeItem.highlights,
        DuplicateGroup.status,
    )
    if codeframe.question_id is not None:
        query = (
            select(
                *columns, Answer.text, RespondentProfile.responding_as, RespondentProfile.age_band
            )
            .join(Answer, Answer.id == ThemeItem.answer_id)
            .outerjoin(RespondentProfile, RespondentProfile.response_id == Answer.response_id)
        )
    else:
        query = select(*columns, FeedbackItem.text, FeedbackItem.raised_by_group).join(
            FeedbackItem, FeedbackItem.id == ThemeItem.feedback_item_id
        )
    query = query.outerjoin(
        DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id
    ).where(ThemeItem.codeframe_id == codeframe.id)
    items = []
    for row in db.session.execute(query.order_by(ThemeItem.id)):
        item_id, reviewed_at, no_fit, stance, predicted, highlights, status, text, *group = row
        items.append(
            _Item(
                id=item_id,
                text=text,
                is_reviewed=reviewed_at is not None,
                no_theme_fits=no_fit,
                stance=str(stance or predicted or NOT_KNOWN),
                is_officer_stance=stance is not None,
                highlights=[part for part in highlights or [] if part.strip()],
                group_status=status,
                groups=_respondent_groups(group),
            )
        )
    return items


def _respondent_groups(values: Sequence[object]) -> dict[str, str]:
    if len(values) == 2:  # an answer: responding as, age band
        responding_as, age_band = values
        return {
            "Responding as": str(responding_as or NOT_KNOWN),
            "Age group": AGE_GROUPS.get(age_band, NOT_KNOWN),  # type: ignore[call-overload]
        }
    (raised_by,) = values
    return {"Raised by": str(raised_by or NOT_KNOWN)}


def _group_columns(codeframe: Codeframe, items: Sequence[_Item]) -> dict[str, dict[str, str]]:
    """Table title -> {column key: label}, in the order the tables are shown."""
    if codeframe.question_id is not None:
        return {"Responding as": RESPONDING_AS_COLUMNS, "Age group": AGE_COLUMNS}
    present = {item.groups["Raised by"] for item in items}
    columns = {key: label for key, label in RAISED_BY_LABELS.items() if key in present}
    return {"Raised by": {**columns, NOT_KNOWN: "Not recorded"}}


def _load_codings(codeframe: Codeframe) -> list[tuple[int, int, CodingSource, int | None]]:
    return [
        (item_id, theme_id, source, model_version_id)
        for item_id, theme_id, source, model_version_id in db.session.execute(
            select(
                ThemeCoding.item_id,
                ThemeCoding.theme_id,
                ThemeCoding.source,
                ThemeCoding.model_version_id,
            )
            .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
            .where(ThemeItem.codeframe_id == codeframe.id)
            .order_by(ThemeCoding.item_id, ThemeCoding.theme_id)
        )
    ]


def _suggestion_model_versions(codeframe: Codeframe) -> list[ModelVersion]:
    """The model versions whose suggestions officers accepted, oldest first."""
    used = (
        select(ThemeCoding.model_version_id)
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .where(
            ThemeItem.codeframe_id == codeframe.id,
            ThemeCoding.source == CodingSource.SUGGESTION,
        )
    )
    return list(
        db.session.scalars(
            select(ModelVersion).where(ModelVersion.id.in_(used)).order_by(ModelVersion.number)
        )
    )


# -- quotes ------------------------------------------------------------------------------------
def _quote_text(item: _Item) -> str:
    """What quotes are chosen by: the highlighted part when there is one (what the officer
    thought mattered), though the quote shows the whole text."""
    return " … ".join(item.highlights) if item.highlights else item.text


def _are_distinct(texts: Sequence[str]) -> bool:
    """No two of these are near-duplicates, by the quote selector's own measure."""
    return len(select_quotes(texts, len(texts), min_words=0)) == len(texts)


def representative_quotes(members: Sequence[_Item], count: int = QUOTES_PER_THEME) -> list[Quote]:
    """Diverse, typical quotes: officers' highlights first, then whole texts, never two that
    nearly repeat each other."""
    highlighted = [item for item in members if item.highlights]
    others = [item for item in members if not item.highlights]
    chosen = [
        highlighted[index]
        for index in select_quotes(
            [_quote_text(item) for item in highlighted], count, max_candidates=QUOTE_CANDIDATES
        )
    ]
    if len(chosen) < count and others:
        ranked = [
            others[i]
            for i in select_quotes(
                [item.text for item in others], count + 3, max_candidates=QUOTE_CANDIDATES
            )
        ]
        if not chosen:
            chosen = ranked[:count]  # already mutually distinct
        for candidate in ranked:
            if len(chosen) == count:
                break
            if candidate not in chosen and _are_distinct(
                [*map(_quote_text, chosen), candidate.text]
            ):
                chosen.append(candidate)
    return [
        Quote(
            text=item.text,
            stance=STANCE_LABELS[item.stance],  # type: ignore[index]
            is_officer_stance=item.is_officer_stance,
            is_highlight=bool(item.highlights),
            highlights=tuple(item.highlights),
            item_id=item.id,
        )
        for item in chosen
    ]


# -- the summary -------------------------------------------------------------------------------
def build_summary(codeframe: Codeframe, *, with_quotes: bool = True) -> ThemeSummary:
    """Every figure on the theme summary page (and in its CSV) for this codeframe."""
    themes = list(codeframe.themes)
    items = _load_items(codeframe)
    codings = _load_codings(codeframe)
    campaign_ids = campaign_item_ids(codeframe)

    coded_ids = {item.id for item in items if item.is_reviewed} | {row[0] for row in codings}
    main = [item for item in items if item.id not in campaign_ids]
    main_coded = [item for item in main if item.id in coded_ids]
    by_id = {item.id: item for item in items}

    members: dict[int, list[_Item]] = defaultdict(list)
    campaign_counts: Counter[int] = Counter()
    sources: Counter[tuple[int, CodingSource]] = Counter()
    for item_id, theme_id, source, _version in codings:
        if item_id in campaign_ids:
            campaign_counts[theme_id] += 1
        else:
            members[theme_id].append(by_id[item_id])
            sources[theme_id, source] += 1

    figures = []
    for theme in themes:
        theme_items = members.get(theme.id, [])
        figures.append(
            ThemeFigures(
                theme_id=theme.id,
                name=theme.name,
                count=len(theme_items),
                share=len(theme_items) / len(main_coded) if main_coded else 0.0,
                campaign_count=campaign_counts[theme.id],
                officer_count=sources[theme.id, CodingSource.OFFICER],
                suggestion_count=sources[theme.id, CodingSource.SUGGESTION],
                sentiment=_sentiment(theme_items),
                quotes=representative_quotes(theme_items) if with_quotes else [],
            )
        )
    return ThemeSummary(
        codeframe=codeframe,
        title=codeframe_title(codeframe),
        made_at=utc_now(),
        total=len(items),
        coded=len(main_coded),
        uncoded=len(main) - len(main_coded),
        no_theme_fits=sum(1 for item in main_coded if item.no_theme_fits),
        campaign_texts=len(campaign_ids),
        suspected_texts=sum(1 for i in items if i.group_status == DuplicateStatus.SUSPECTED),
        themes=figures,
        group_tables=_group_tables(codeframe, items, figures, members),
        model_versions=_suggestion_model_versions(codeframe),
    )


def _sentiment(items: Sequence[_Item]) -> dict[str, float]:
    counts = Counter(item.stance for item in items)
    return {key: counts[key] / len(items) if items else 0.0 for key in STANCE_LABELS}


def _group_tables(
    codeframe: Codeframe,
    items: Sequence[_Item],
    figures: Sequence[ThemeFigures],
    members: dict[int, list[_Item]],
) -> list[GroupTable]:
    tables = []
    for title, columns in _group_columns(codeframe, items).items():
        rows = []
        for theme in figures:
            counts = Counter(item.groups[title] for item in members.get(theme.theme_id, []))
            cells = group_cells([counts[key] for key in columns], theme.count)
            rows.append((theme.name, theme.count, cells))
        tables.append(GroupTable(title, list(columns.values()), rows))
    return tables
