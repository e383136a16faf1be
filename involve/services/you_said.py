"""The public "We asked, you said, we did" page of an activity whose decision record is published:
what was asked (the proposal, the dates, how many took part and how, the questions and the
documents), what people said (the cited themes with their counts, moderated quotes only, and
the closed questions' answers), who took part, and what was decided, why, and what was done
about each theme.

Everything here is already fit for the public: counts are suppressed, quotes are only texts an
officer approved or edited in the moderation queue (in their published wording), and the mix
comes from the representativeness report, which leaves councillors out and counts
organisations apart. The question and theme tables count the answers of the parts of the
responses that the channel table counts (involve.services.counted_parts), and say whose they
leave out. A fixed number of queries, however many themes, questions or responses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Activity,
    Consultation,
    ConsultationDocument,
    DecisionRecord,
    Question,
    QuestionPage,
)
from involve.services.counted_parts import counted_parts, left_out_sentence
from involve.services.decisions import (
    citable_codeframes,
    closing_moment,
    get_published_record,
)
from involve.services.documents import size_text
from involve.services.moderation_public import (
    PublishedGroup,
    published_points,
    published_quotes,
)
from involve.services.response_parts import PARTS
from involve.services.small_numbers import is_small, small_number_threshold
from involve.services.you_said_mix import WhoTookPart, who_took_part
from involve.services.you_said_results import ResultTable, result_tables
from involve.services.you_said_themes import CodeframeCounts, ThemeCount, codeframe_counts


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    kind: str  # "PDF"
    size: str


@dataclass
class YouSaidPage:
    activity: Activity
    consultation: Consultation | None
    record: DecisionRecord
    threshold: int
    opened_at: datetime | None
    closed_at: datetime | None
    questions: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    themes: list[CodeframeCounts] = field(default_factory=list)
    quotes: list[PublishedGroup] = field(default_factory=list)
    results: list[ResultTable] = field(default_factory=list)
    who: WhoTookPart | None = None
    # Whose answers the question and theme tables leave out, in words ("" when nobody's).
    answers_note: str = ""

    @property
    def title(self) -> str:
        return self.consultation.title if self.consultation else self.activity.title

    @property
    def summary(self) -> str:
        return self.consultation.summary if self.consultation else self.activity.summary

    @property
    def proposal(self) -> list[str]:
        text = self.consultation.proposal if self.consultation else ""
        return [part.strip() for part in text.split("\n\n") if part.strip()]

    @property
    def theme_responses(self) -> list[tuple[str, list[ThemeCount]]]:
        """Per cited codeframe with any, the themes the council said it acted on."""
        found = []
        for codeframe in self.themes:
            answered = [theme for theme in codeframe.themes if theme.what_we_did]
            if answered:
                found.append((codeframe.heading, answered))
        return found


def _questions(consultation: Consultation) -> list[str]:
    return list(
        db.session.scalars(
            select(Question.text)
            .join(QuestionPage, QuestionPage.id == Question.page_id)
            .where(QuestionPage.consultation_id == consultation.id)
            .order_by(QuestionPage.position, Question.position, Question.id)
        )
    )


def _documents(consultation: Consultation) -> list[Document]:
    documents = db.session.scalars(
        select(ConsultationDocument)
        .where(ConsultationDocument.consultation_id == consultation.id)
        .order_by(ConsultationDocument.id)
    )
    return [
        Document(
            id=document.id,
            title=document.title,
            kind=document.content_type.split("/")[-1].split(".")[-1].upper(),
            size=size_text(document.size_bytes),
        )
        for document in documents
    ]


def main_themes_first(themes: Sequence[ThemeCount], threshold: int) -> list[ThemeCount]:
    """The most raised first; themes with small counts after them in the codeframe's order,
    since ordering them by their hidden counts would give those away."""
    ranked = sorted(
        (theme for theme in themes if not is_small(theme.count, threshold)),
        key=lambda theme: -theme.count,
    )
    return ranked + [theme for theme in themes if is_small(theme.count, threshold)]


def build_page(activity: Activity, record: DecisionRecord) -> YouSaidPage:
    """Everything the public page shows, for a published record."""
    threshold = small_number_threshold()
    consultation = activity.consultation
    parts = list(PARTS)  # points raised at an event belong to no part: all are counted
    if consultation is not None:
        parts = counted_parts([consultation.id], threshold=threshold)[consultation.id]
    cited = set(record.codeframe_ids or [])
    codeframes = [item for item in citable_codeframes(activity) if item.id in cited]
    counted = codeframe_counts(
        codeframes,
        theme_responses=dict(record.theme_responses or {}),
        threshold=threshold,
        parts=parts,
    )
    page = YouSaidPage(
        activity=activity,
        consultation=consultation,
        record=record,
        threshold=threshold,
        opened_at=consultation.opens_at if consultation else activity.starts_at,
        closed_at=closing_moment(activity),
        themes=[
            replace(item, themes=main_themes_first(item.themes, threshold)) for item in counted
        ],
        who=who_took_part(activity),
        answers_note=left_out_sentence(parts, threshold),
    )
    if consultation is not None:
        page.questions = _questions(consultation)
        page.documents = _documents(consultation)
        page.quotes = published_quotes(consultation)
        page.results = result_tables(consultation.id, threshold=threshold, parts=parts)
    else:
        page.quotes = published_points(activity)
    return page


def published_consultation_page(consultation: Consultation) -> YouSaidPage | None:
    """The page of a public consultation, or None while its record is not published."""
    activity = db.session.scalar(
        select(Activity).where(Activity.consultation_id == consultation.id)
    )
    record = get_published_record(activity) if activity is not None else None
    return build_page(activity, record) if activity is not None and record is not None else None


def published_activity_page(activity: Activity) -> YouSaidPage | None:
    record = get_published_record(activity)
    return build_page(activity, record) if record is not None else None


def activity_has_published_page(activity: Activity) -> bool:
    return get_published_record(activity) is not None
