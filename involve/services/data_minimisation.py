"""Data minimisation in the builder: questions that ask for personal data the consultation's
activity plan does not justify (issue 7). A warning, never a blocker: the officer either says
why the data is needed in the plan's personal data section or removes the question.

The plan justifies a kind of data when both its fields (what personal data, and why) are filled
in and their text mentions that kind; see analysis/personal_data_requests.py for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.personal_data_requests import DataKind, mentions_kind, requested_kinds
from involve.models import ActivityPlan, Consultation, Question, QuestionKind
from involve.services.activities import activity_for_consultation


def describe_kinds(kinds: tuple[DataKind, ...]) -> str:
    """ "a name, an e-mail address and a postcode" """
    labels = [kind.label for kind in kinds]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


@dataclass(frozen=True)
class RequestedData:
    """A question that asks for personal data, and where it is in the questionnaire."""

    question: Question
    page_number: int
    kinds: tuple[DataKind, ...]

    @property
    def kinds_text(self) -> str:
        return describe_kinds(self.kinds)


@dataclass(frozen=True)
class PersonalDataWarning:
    question: Question
    page_number: int
    kinds: tuple[DataKind, ...]  # only the kinds the plan does not justify

    @property
    def kinds_text(self) -> str:
        return describe_kinds(self.kinds)


@dataclass(frozen=True)
class MinimisationCheck:
    warnings: list[PersonalDataWarning]
    activity_id: int | None  # whose plan to change; None when the consultation has no activity

    def for_question(self, question: Question) -> PersonalDataWarning | None:
        return next((each for each in self.warnings if each.question.id == question.id), None)


def question_kinds(question: Question) -> tuple[DataKind, ...]:
    wording = f"{question.text}\n{question.hint or ''}"
    return tuple(
        requested_kinds(wording, is_postcode_question=question.kind == QuestionKind.POSTCODE)
    )


def list_requested_data(consultation: Consultation) -> list[RequestedData]:
    """Every question asking for personal data, in page order (the privacy notice lists these)."""
    requested = []
    for page_number, page in enumerate(consultation.pages, start=1):
        for question in page.questions:
            kinds = question_kinds(question)
            if kinds:
                requested.append(RequestedData(question, page_number, kinds))
    return requested


def plan_text(plan: ActivityPlan | None) -> str:
    """The plan's personal data answers, or "" when either is missing (nothing is justified)."""
    if plan is None:
        return ""
    needed = (plan.personal_data_needed or "").strip()
    reason = (plan.personal_data_reason or "").strip()
    return f"{needed}\n{reason}" if needed and reason else ""


def check_personal_data(consultation: Consultation) -> MinimisationCheck:
    """The questions asking for personal data that the activity's plan does not justify."""
    activity = activity_for_consultation(consultation)
    justification = plan_text(activity.plan if activity is not None else None)
    warnings = []
    for requested in list_requested_data(consultation):
        unjustified = tuple(
            kind for kind in requested.kinds if not mentions_kind(justification, kind)
        )
        if unjustified:
            warnings.append(
                PersonalDataWarning(requested.question, requested.page_number, unjustified)
            )
    return MinimisationCheck(warnings, activity.id if activity is not None else None)
