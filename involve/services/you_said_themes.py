"""The themes a published decision cites, with how many comments raised each, for "We asked, you
said, we did" and the officer's decision form.

Counted by involve.services.theme_counts, the same rule the open-data API follows: a comment
counts for a theme once an analyst or an accepted suggestion gave it that theme, texts confirmed
as an organised campaign are counted apart, and since a comment may raise several themes, each
theme's count is shown on its own: one from 1 to threshold - 1 reads "fewer than 10". The public
page counts only the comments of the parts of the responses its tables count
(involve.services.counted_parts); the officer's decision form counts everyone's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from involve.services.decisions import CitableCodeframe
from involve.services.response_parts import PARTS
from involve.services.small_numbers import count_text
from involve.services.theme_counts import item_counts, theme_counts


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int
    name: str
    count: int
    text: str  # the count as published: "fewer than 10" when small
    what_we_did: str


@dataclass(frozen=True)
class CodeframeCounts:
    codeframe_id: int
    heading: str
    texts: int  # comments to theme, campaigns left out
    coded: int  # of those, themed by an analyst
    campaign: int  # in confirmed organised campaigns
    texts_text: str
    coded_text: str
    campaign_text: str
    themes: list[ThemeCount]

    @property
    def is_complete(self) -> bool:
        return self.coded >= self.texts

    @property
    def reading_text(self) -> str:
        """How much of it was themed, honestly: an analysis still under way says so."""
        if not self.texts:
            return "There were no comments to read."
        if self.is_complete:
            if self.texts_text.startswith("fewer"):
                return f"We read every comment ({self.texts_text}) and grouped them by theme."
            return f"We read all {self.texts_text} comments and grouped them by theme."
        return f"We read and grouped {self.coded_text} of the {self.texts_text} comments by theme."


def codeframe_counts(
    codeframes: Sequence[CitableCodeframe],
    *,
    theme_responses: dict[str, str],
    threshold: int,
    parts: Collection[str] = PARTS,
) -> list[CodeframeCounts]:
    """Per codeframe, in the order given: its comments and its themes with their counts,
    counting the comments of these parts of the responses only (and every point raised)."""
    ids = [codeframe.id for codeframe in codeframes]
    if not ids:
        return []
    counted = dict.fromkeys(ids, parts)
    counts = theme_counts(ids, parts=counted)
    items: dict[int, tuple[int, int, int]] = defaultdict(lambda: (0, 0, 0))
    items.update(item_counts(ids, parts=counted))
    found = []
    for codeframe in codeframes:
        texts, coded, campaign = items[codeframe.id]
        found.append(
            CodeframeCounts(
                codeframe_id=codeframe.id,
                heading=codeframe.heading,
                texts=texts,
                coded=coded,
                campaign=campaign,
                texts_text=count_text(texts, threshold),
                coded_text=count_text(coded, threshold),
                campaign_text=count_text(campaign, threshold),
                themes=[
                    ThemeCount(
                        theme_id=theme_id,
                        name=name,
                        count=counts.get(theme_id, 0),
                        text=count_text(counts.get(theme_id, 0), threshold),
                        what_we_did=theme_responses.get(str(theme_id), ""),
                    )
                    for theme_id, name in codeframe.themes
                ],
            )
        )
    return found
