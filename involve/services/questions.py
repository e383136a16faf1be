"""Pages and questions of a consultation: adding, changing, ordering, routing, and the freeze
that protects the questions once anyone has responded (after which only wording fixes, each with
a reason and a history, are allowed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, select

from involve.extensions import db
from involve.models import (
    AGREE_SCALE,
    Consultation,
    Officer,
    Question,
    QuestionKind,
    QuestionPage,
    Response,
)
from involve.models.base import utc_now
from involve.questionnaire.answers import DEFAULT_LONG_TEXT_MAX
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound

FROZEN_MESSAGE = (
    "The questions cannot be changed because people have already responded. "
    "You can still fix the wording of a question."
)
CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING}
ROUTABLE_KINDS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.AGREE_SCALE,
}


class QuestionsFrozen(DomainError):
    def __init__(self) -> None:
        super().__init__(FROZEN_MESSAGE)


class RoutingProblem(DomainError):
    pass


@dataclass
class QuestionSpec:
    """What an officer sets on the question form; fields that do not apply to the kind are
    ignored."""

    kind: QuestionKind
    text: str
    hint: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    allow_other: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None


# -- reading ----------------------------------------------------------------------------------
def is_frozen(consultation: Consultation) -> bool:
    """True once any response exists, submitted or in progress."""
    return bool(
        db.session.scalar(select(exists().where(Response.consultation_id == consultation.id)))
    )


def get_page(consultation: Consultation, page_id: int) -> QuestionPage:
    page = db.session.get(QuestionPage, page_id)
    if page is None or page.consultation_id != consultation.id:
        raise NotFound("Page not found")
    return page


def get_question(consultation: Consultation, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.page.consultation_id != consultation.id:
        raise NotFound("Question not found")
    return question


def routing_values(question: Question) -> list[str]:
    return list(AGREE_SCALE) if question.kind == QuestionKind.AGREE_SCALE else question.options


def routing_candidates(page: QuestionPage) -> list[Question]:
    """Questions a page may depend on: routable kinds on earlier pages."""
    return [
        question
        for earlier in page.consultation.pages
        if earlier.position < page.position
        for question in earlier.questions
        if question.kind in ROUTABLE_KINDS
    ]


# -- pages ------------------------------------------------------------------------------------
def add_page(*, actor: Officer, consultation: Consultation, title: str) -> QuestionPage:
    _refuse_if_frozen(consultation)
    page = QuestionPage(title=title.strip(), position=len(consultation.pages), show_if_value="")
    consultation.pages.append(page)
    db.session.flush()
    _record(actor, consultation, "page_added", f"Added page {_page_name(page)}")
    return page


def rename_page(*, actor: Officer, page: QuestionPage, title: str) -> None:
    old = page.title
    page.title = title.strip()
    db.session.flush()
    _record(actor, page.consultation, "page_renamed", f"Renamed page {old!r} to {page.title!r}")


def delete_page(*, actor: Officer, page: QuestionPage) -> None:
    consultation = page.consultation
    _refuse_if_frozen(consultation)
    _clear_routing_on({question.id for question in page.questions}, consultation)
    consultation.pages.remove(page)
    _renumber(consultation.pages)
    db.session.flush()
    _record(actor, consultation, "page_deleted", f"Deleted page {_page_name(page)}")


def move_page(*, actor: Officer, page: QuestionPage, direction: str) -> None:
    consultation = page.consultation
    _refuse_if_frozen(consultation)
    order = list(consultation.pages)
    index = order.index(page)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    problem = _routing_problem(order, _page_of_questions(order))
    if problem:
        raise RoutingProblem(problem)
    _renumber(order)
    consultation.pages.sort(key=lambda item: item.position)
    db.session.flush()
    _record(actor, consultation, "page_moved", f"Moved page {_page_name(page)} {direction}")


def set_page_routing(
    *, actor: Officer, page: QuestionPage, question: Question | None, value: str = ""
) -> None:
    """Show the page only when question's answer has value; question None clears the rule."""
    consultation = page.consultation
    _refuse_if_frozen(consultation)
    if question is None:
        page.show_if_question_id, page.show_if_value = None, ""
        db.session.flush()
        _record(
            actor, consultation, "page_routing_cleared", f"Page {_page_name(page)} always shown"
        )
        return
    if question not in routing_candidates(page):
        raise RoutingProblem("Select a question on an earlier page")
    if value not in routing_values(question):
        raise RoutingProblem("Select one of the question's options")
    page.show_if_question_id, page.show_if_value = question.id, value
    db.session.flush()
    _record(
        actor,
        consultation,
        "page_routing_set",
        f"Page {_page_name(page)} shown only when {question.text!r} is {value!r}",
    )


# -- questions --------------------------------------------------------------------------------
def add_question(*, actor: Officer, page: QuestionPage, spec: QuestionSpec) -> Question:
    _refuse_if_frozen(page.consultation)
    question = Question(position=len(page.questions), wording_history=[])
    _apply(question, spec)
    page.questions.append(question)
    db.session.flush()
    _record(actor, page.consultation, "question_added", f"Added question {question.text!r}")
    return question


def update_question(*, actor: Officer, question: Question, spec: QuestionSpec) -> None:
    consultation = question.page.consultation
    _refuse_if_frozen(consultation)
    for page in _pages_depending_on(question):
        if spec.kind not in ROUTABLE_KINDS or page.show_if_value not in _values_of(spec):
            raise RoutingProblem(
                f"{_page_name(page).capitalize()} is shown only when this question is answered "
                f"{page.show_if_value!r}. Keep that option, or change the page's routing first"
            )
    _apply(question, spec)
    db.session.flush()
    _record(actor, consultation, "question_updated", f"Changed question {question.text!r}")


def delete_question(*, actor: Officer, question: Question) -> None:
    page = question.page
    _refuse_if_frozen(page.consultation)
    _clear_routing_on({question.id}, page.consultation)
    page.questions.remove(question)
    _renumber(page.questions)
    db.session.flush()
    _record(actor, page.consultation, "question_deleted", f"Deleted question {question.text!r}")


def move_question(*, actor: Officer, question: Question, direction: str) -> None:
    page = question.page
    _refuse_if_frozen(page.consultation)
    order = list(page.questions)
    index = order.index(question)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    _renumber(order)
    page.questions.sort(key=lambda item: item.position)
    db.session.flush()
    _record(
        actor, page.consultation, "question_moved", f"Moved question {question.text!r} {direction}"
    )


def move_question_to_page(*, actor: Officer, question: Question, page: QuestionPage) -> None:
    source = question.page
    consultation = source.consultation
    _refuse_if_frozen(consultation)
    if page is source:
        return
    pages = list(consultation.pages)
    page_of = _page_of_questions(pages)
    page_of[question.id] = page
    problem = _routing_problem(pages, page_of)
    if problem:
        raise RoutingProblem(problem)
    source.questions.remove(question)
    _renumber(source.questions)
    question.position = len(page.questions)
    page.questions.append(question)
    db.session.flush()
    _record(
        actor,
        consultation,
        "question_moved_to_page",
        f"Moved question {question.text!r} to {_page_name(page)}",
    )


def fix_wording(*, actor: Officer, question: Question, text: str, hint: str, reason: str) -> None:
    """Correct the text or hint after responses arrived; the old and new wording are kept."""
    text, hint, reason = text.strip(), hint.strip(), reason.strip()
    at = utc_now().isoformat()
    changes = [
        (name, old, new)
        for name, old, new in (("text", question.text, text), ("hint", question.hint, hint))
        if old != new
    ]
    history = list(question.wording_history or [])
    for name, old, new in changes:
        history.append(
            {
                "at": at,
                "by": actor.full_name,
                "field": name,
                "from": old,
                "to": new,
                "reason": reason,
            }
        )
    question.text, question.hint = text, hint
    question.wording_history = history
    db.session.flush()
    _record(
        actor,
        question.page.consultation,
        "question_wording_fixed",
        f"Fixed the wording of question {question.id}: {reason}",
        detail={"question_id": question.id, "changes": [list(change) for change in changes]},
    )


# -- helpers ----------------------------------------------------------------------------------
def _apply(question: Question, spec: QuestionSpec) -> None:
    kind = spec.kind
    question.kind = kind
    question.text = spec.text.strip()
    question.hint = spec.hint.strip()
    question.required = spec.required
    question.options = list(spec.options) if kind in CHOICE_KINDS | {QuestionKind.GRID} else []
    question.statements = list(spec.statements) if kind == QuestionKind.GRID else []
    question.allow_other = spec.allow_other and kind == QuestionKind.MULTIPLE_CHOICE
    question.max_length = (
        (spec.max_length or DEFAULT_LONG_TEXT_MAX) if kind == QuestionKind.LONG_TEXT else None
    )
    is_number = kind == QuestionKind.NUMBER
    question.min_value = spec.min_value if is_number else None
    question.max_value = spec.max_value if is_number else None


def _values_of(spec: QuestionSpec) -> list[str]:
    return list(AGREE_SCALE) if spec.kind == QuestionKind.AGREE_SCALE else spec.options


def _refuse_if_frozen(consultation: Consultation) -> None:
    if is_frozen(consultation):
        raise QuestionsFrozen()


def _renumber(items: list[QuestionPage] | list[Question]) -> None:
    for position, item in enumerate(items):
        item.position = position


def _page_of_questions(pages: list[QuestionPage]) -> dict[int, QuestionPage]:
    return {question.id: page for page in pages for question in page.questions}


def _routing_problem(order: list[QuestionPage], page_of: dict[int, QuestionPage]) -> str | None:
    index = {id(page): number for number, page in enumerate(order)}
    for page in order:
        source = page_of.get(page.show_if_question_id or -1)
        if page.show_if_question_id is not None and (
            source is None or index[id(source)] >= index[id(page)]
        ):
            return (
                f"{_page_name(page).capitalize()} depends on an answer that would no longer "
                "come before it. Change the page's routing first"
            )
    return None


def _pages_depending_on(question: Question) -> list[QuestionPage]:
    return [
        page for page in question.page.consultation.pages if page.show_if_question_id == question.id
    ]


def _clear_routing_on(question_ids: set[int], consultation: Consultation) -> None:
    for page in consultation.pages:
        if page.show_if_question_id in question_ids:
            page.show_if_question_id, page.show_if_value = None, ""


def _page_name(page: QuestionPage) -> str:
    return f"page {page.position + 1}" + (f" ({page.title})" if page.title else "")


def _record(
    actor: Officer,
    consultation: Consultation,
    action: str,
    summary: str,
    detail: dict[str, object] | None = None,
) -> None:
    record_event(
        actor=actor,
        action=f"consultation.{action}",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"{summary} in {consultation.title}",
        detail=detail,
    )
