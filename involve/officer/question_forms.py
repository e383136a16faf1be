"""Forms for pages and questions: the fields a question form checks depend on its kind."""

from __future__ import annotations

import re
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.ids import id_from
from involve.models import AGREE_SCALE, Question, QuestionKind
from involve.officer.consultation_fields import GovSelectField, LinesField
from involve.questionnaire.answers import DEFAULT_LONG_TEXT_MAX
from involve.services.questions import QuestionSpec, routing_candidates, routing_values

OPTION_MAX = 200
_WHOLE_NUMBER = re.compile(r"^-?\d{1,9}$")
KIND_HINTS = {
    QuestionKind.SHORT_TEXT: "A line of text, up to 500 characters",
    QuestionKind.LONG_TEXT: "A paragraph or more, with a character limit",
    QuestionKind.SINGLE_CHOICE: "Radio buttons: one answer from a list",
    QuestionKind.MULTIPLE_CHOICE: "Checkboxes: any number of answers, optionally with \u201cOther\u201d",
    QuestionKind.AGREE_SCALE: "Strongly agree to strongly disagree",
    QuestionKind.GRID: "Several statements, each answered on the same scale",
    QuestionKind.RANKING: "Put options in order of preference",
    QuestionKind.NUMBER: "A whole number, with an optional minimum and maximum",
    QuestionKind.DATE: "Day, month and year",
    QuestionKind.POSTCODE: "A UK postcode",
}


class ChooseKindForm(InvolveForm):
    kind = GovRadioField(
        "What type of question is it?",
        choices=[SelectChoice(kind.value, kind.label) for kind in QuestionKind],
        widget=GovRadioInput(),
        select_message="Select the type of question",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


def _text_field(label: str, limit: int, *, required: str = "", **kwargs: Any) -> StringField:
    first = InputRequired(message=required) if required else Optional()
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            first,
            Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"),
        ],
        **kwargs,
    )


class QuestionForm(InvolveForm):
    text = _text_field("Question", 500, required="Enter the question")
    hint = TextAreaField(
        "Hint text (optional)",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=1000, message="Hint text must be 1,000 characters or fewer"),
        ],
    )
    required = BooleanField("People must answer this question", widget=GovCheckboxInput())
    options = LinesField("Options", description="Enter each option on a new line")
    statements = LinesField("Statements", description="Enter each statement on a new line")
    allow_other = BooleanField(
        "Add an \u201cOther (please specify)\u201d option", widget=GovCheckboxInput()
    )
    max_length = _text_field("Character limit", 10, description=f"Up to {DEFAULT_LONG_TEXT_MAX:,}")
    min_value = _text_field("Smallest number allowed (optional)", 10)
    max_value = _text_field("Largest number allowed (optional)", 10)
    submit = SubmitField("Save question", widget=GovSubmitInput())

    kind: QuestionKind = QuestionKind.SHORT_TEXT

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        checks = {
            QuestionKind.SINGLE_CHOICE: self._check_options,
            QuestionKind.MULTIPLE_CHOICE: self._check_options,
            QuestionKind.RANKING: self._check_options,
            QuestionKind.GRID: self._check_grid,
            QuestionKind.LONG_TEXT: self._check_limit,
            QuestionKind.NUMBER: self._check_bounds,
        }
        check = checks.get(self.kind)
        return (check() if check else True) and valid

    def _check_lines(self, field: LinesField, what: str, minimum: int) -> bool:
        lines = field.data or []
        if len(lines) < minimum:
            count = "at least 2 options" if minimum == 2 else f"at least one {what}"
            field.errors = [f"Enter {count}, each on a new line"]
        elif any(len(line) > OPTION_MAX for line in lines):
            field.errors = [f"Each {what} must be {OPTION_MAX} characters or fewer"]
        elif len({line.lower() for line in lines}) != len(lines):
            field.errors = [f"Each {what} must be different"]
        else:
            return True
        return False

    def _check_options(self) -> bool:
        return self._check_lines(self.options, "option", 2)

    def _check_grid(self) -> bool:
        statements_ok = self._check_lines(self.statements, "statement", 1)
        scale_ok = not self.options.data or self._check_lines(self.options, "option", 2)
        return statements_ok and scale_ok

    def _check_limit(self) -> bool:
        value = self._whole_number(self.max_length, "the character limit")
        if value is not None and not 1 <= value <= DEFAULT_LONG_TEXT_MAX:
            self.max_length.errors = [
                f"The character limit must be between 1 and {DEFAULT_LONG_TEXT_MAX:,}"
            ]
        return not self.max_length.errors

    def _check_bounds(self) -> bool:
        low = self._whole_number(self.min_value, "the smallest number")
        high = self._whole_number(self.max_value, "the largest number")
        if low is not None and high is not None and low > high:
            self.max_value.errors = [
                "The largest number must be the same as or more than the smallest"
            ]
        return not (self.min_value.errors or self.max_value.errors)

    @staticmethod
    def _whole_number(field: StringField, what: str) -> int | None:
        text = (field.data or "").replace(",", "")
        if field.errors or not text:
            return None
        if not _WHOLE_NUMBER.match(text):
            field.errors = [f"Enter {what} as a whole number, like 10"]
            return None
        return int(text)

    def spec(self) -> QuestionSpec:
        def number(field: StringField) -> int | None:
            text = (field.data or "").replace(",", "")
            return int(text) if text else None

        return QuestionSpec(
            kind=self.kind,
            text=self.text.data,
            hint=self.hint.data or "",
            required=bool(self.required.data),
            options=list(self.options.data or []),
            statements=list(self.statements.data or []),
            allow_other=bool(self.allow_other.data),
            max_length=number(self.max_length),
            min_value=number(self.min_value),
            max_value=number(self.max_value),
        )


def build_question_form(kind: QuestionKind, question: Question | None = None) -> QuestionForm:
    data: dict[str, Any] = {"max_length": str(DEFAULT_LONG_TEXT_MAX)}
    if kind == QuestionKind.GRID:
        data["options"] = list(AGREE_SCALE)
    if question is not None:
        data = {
            "text": question.text,
            "hint": question.hint,
            "required": question.required,
            "options": question.options or data.get("options", []),
            "statements": question.statements,
            "allow_other": question.allow_other,
            "max_length": str(question.max_length or DEFAULT_LONG_TEXT_MAX),
            "min_value": "" if question.min_value is None else str(question.min_value),
            "max_value": "" if question.max_value is None else str(question.max_value),
        }
    form = QuestionForm(data=data)
    form.kind = kind
    return form


class WordingFixForm(InvolveForm):
    text = _text_field("Question", 500, required="Enter the question")
    hint = TextAreaField(
        "Hint text (optional)",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=1000, message="Hint text must be 1,000 characters or fewer"),
        ],
    )
    reason = _text_field("Reason for the change", 500, required="Enter the reason for the change")
    submit = SubmitField("Save wording", widget=GovSubmitInput())


class PageForm(InvolveForm):
    title = _text_field(
        "Page title (optional)", 200, description="Shown to people above the page's questions"
    )
    submit = SubmitField("Save page", widget=GovSubmitInput())


class RoutingForm(InvolveForm):
    condition = GovSelectField(
        "When should this page be shown?",
        select_message="Select when the page is shown",
        validate_choice=False,
    )
    submit = SubmitField("Save routing", widget=GovSubmitInput())

    def chosen(self) -> tuple[int | None, str]:
        """(question id or None for always, value); (-1, "") when the choice is malformed."""
        raw = self.condition.data or ""
        if not raw:
            return None, ""
        question_id, _, value = raw.partition(":")
        parsed = id_from(question_id)
        return (parsed, value) if parsed is not None else (-1, "")


def build_routing_form(page: Any) -> RoutingForm:
    current = f"{page.show_if_question_id}:{page.show_if_value}" if page.show_if_question_id else ""
    form = RoutingForm(data={"condition": current})
    form.condition.choices = [SelectChoice("", "Always")] + [
        SelectChoice(
            f"{question.id}:{value}",
            f"When \u201c{question.text}\u201d is answered \u201c{value}\u201d",
        )
        for question in routing_candidates(page)
        for value in routing_values(question)
    ]
    return form


class MoveToPageForm(InvolveForm):
    to_page = StringField("Move to page", validators=[InputRequired(message="Select a page")])
