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


# -- suggestions and campaigns (issue 5) ---------------------------------------------------------
# Three themes with distinct words, so a model trained on a few dozen codes separates them.
THEME_PHRASES = {
    "Transport": [
        "the bus was late",
        "buses are never on time",
        "the train timetable",
        "bus fares keep going up",
        "the bus stop has no shelter",
        "the route 14 bus was cancelled",
    ],
    "Parks": [
        "the park needs more trees",
        "grass in the park is never cut",
        "the playground swings are broken",
        "more benches in the park",
        "flower beds in the park",
        "dog walking in the park",
    ],
    "Housing": [
        "rents are too high",
        "not enough council homes",
        "my landlord ignores the damp",
        "housing repairs take months",
        "young people cannot afford a home",
        "social housing waiting list",
    ],
}
_OPENERS = ["I think", "Honestly,", "In my view", "Every week", "My neighbours say", "Sadly"]
_CLOSERS = ["and it matters.", "which needs fixing.", "again.", "for families.", "this year."]


def themed_texts(per_theme: dict[str, int], *, seed: int = 1) -> list[tuple[str, str]]:
    """(text, theme name) pairs: per_theme[name] texts for each theme, varied and seeded."""
    import random

    rng = random.Random(seed)
    made = []
    for name, count in per_theme.items():
        for number in range(count):
            phrase = THEME_PHRASES[name][number % len(THEME_PHRASES[name])]
            made.append((f"{rng.choice(_OPENERS)} {phrase} {rng.choice(_CLOSERS)}", name))
    return made


def coded_codeframe(
    per_theme: dict[str, int], uncoded: Sequence[str] = (), *, officer=None, seed: int = 1
):  # type: ignore[no-untyped-def]
    """A codeframe with the themes named in per_theme, that many coded texts for each (coded as
    an officer would), and the uncoded texts after them. Returns (codeframe, items, themes by
    name); items are in the order given: coded first, then uncoded."""
    coded = themed_texts(per_theme, seed=seed)
    codeframe, items, themes = codeframe_with_items(
        [text for text, _ in coded] + list(uncoded), list(per_theme)
    )
    by_name = {theme.name: theme for theme in themes}
    for item, (_, name) in zip(items, coded, strict=False):
        code(item, by_name[name], officer=officer)
    return codeframe, items, by_name


# Uncoded texts for the suggestion tests; the first should get the transport theme.
BUS_LATE = "the bus was late again"
UNCODED_TEXTS = [
    BUS_LATE,
    "Why is the train timetable so poor",
    "The park swings are broken and the grass is long",
    "Rents are far too high for young families",
    "More benches in the park please",
    "The landlord has not fixed the damp for a year",
]
ENOUGH_CODED = {"Transport": 27, "Parks": 27, "Housing": 26}


def press_update_suggestions(pages, codeframe):  # type: ignore[no-untyped-def]
    """POST "Update suggestions" as the signed-in officer; the job (run inline in tests)."""
    from involve.models import BackgroundJob

    pages.post(f"/officer/theming/{codeframe.id}/suggestions/update", expected_status=302)
    location = pages.last_response.headers["Location"]
    assert location.startswith("/officer/jobs/"), location
    return db.session.get(BackgroundJob, int(location.rsplit("/", 1)[1]))


def trained_codeframe(pages, officer):  # type: ignore[no-untyped-def]
    """80 texts coded by `officer` over three themes and six uncoded, after one successful
    Update suggestions by them: (codeframe, items, themes by name)."""
    from involve.models import JobStatus

    codeframe, items, themes = coded_codeframe(ENOUGH_CODED, UNCODED_TEXTS, officer=officer)
    db.session.commit()
    job = press_update_suggestions(pages, codeframe)
    assert job.status == JobStatus.SUCCEEDED, job.error
    return codeframe, items, themes
