"""Factories and a builder for theming tests: a free-text question with submitted answers, a
codeframe over it, themes and codes."""

from __future__ import annotations

from collections.abc import Sequence

import factory

from involve.extensions import db
from involve.models import (
    Codeframe,
    CodingSource,
    Question,
    QuestionKind,
    RespondentProfile,
    RespondingAs,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.services.theming_items import start_codeframe
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
    _Base,
)


class ThemeFactory(_Base):
    class Meta:
        model = Theme

    codeframe = None  # give one: ThemeFactory(codeframe=codeframe)
    name = factory.Sequence(lambda n: f"Theme {n}")
    description = ""
    position = factory.Sequence(lambda n: n)
    origin = "officer"


class ThemeCodingFactory(_Base):
    class Meta:
        model = ThemeCoding

    item = None  # give one
    theme = None  # give one
    source = CodingSource.OFFICER


def free_text_question(texts: Sequence[str], *, organisation_every: int = 0) -> Question:
    """A long-text question in a new consultation, with one submitted response per text (every
    `organisation_every`-th responding as an organisation, if set)."""
    consultation = ConsultationFactory()
    page = QuestionPageFactory(consultation=consultation)
    question = QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT, text="Tell us why")
    for index, text in enumerate(texts):
        response = ResponseFactory(consultation=consultation)
        AnswerFactory(response=response, question=question, value=text, text=text)
        is_organisation = organisation_every and index % organisation_every == 0
        db.session.add(
            RespondentProfile(
                response_id=response.id,
                responding_as=RespondingAs.ORGANISATION
                if is_organisation
                else RespondingAs.INDIVIDUAL,
            )
        )
    db.session.flush()
    return question


def codeframe_with_items(
    texts: Sequence[str], themes: Sequence[str] = (), **options: int
) -> tuple[Codeframe, list[ThemeItem], list[Theme]]:
    """A codeframe over a new free-text question's answers, with the named themes."""
    codeframe = start_codeframe(actor=None, question=free_text_question(texts, **options))
    made = [ThemeFactory(codeframe=codeframe, name=name) for name in themes]
    items = list(
        db.session.scalars(
            db.select(ThemeItem)
            .where(ThemeItem.codeframe_id == codeframe.id)
            .order_by(ThemeItem.id)
        )
    )
    db.session.expire(codeframe, ["themes"])
    return codeframe, items, made


def code(item: ThemeItem, *themes: Theme, officer=None) -> None:  # type: ignore[no-untyped-def]
    """Code an item with themes as an officer would (marks it reviewed)."""
    from involve.models.base import utc_now

    for theme in themes:
        ThemeCodingFactory(item=item, theme=theme, coded_by_id=officer.id if officer else None)
    item.reviewed_at = utc_now()
    item.reviewed_by_id = officer.id if officer else None
    db.session.flush()
