"""The decision record form: the decision, its date, maker and report, how the responses were
taken into account, the theme summaries it cites, and a box per theme for what was done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.ids import id_from
from involve.models import DecisionRecord
from involve.models.base import utc_now
from involve.officer.consultation_fields import GovCheckboxesField, GovDateField
from involve.services import decisions
from involve.services.decisions import CitableCodeframe, DecisionDetails
from involve.templating import UK

EARLIEST_YEAR = 2000


def _length(limit: int, what: str) -> Length:
    return Length(max=limit, message=f"{what} must be {limit:,} characters or fewer")


def _https(form: Any, field: StringField) -> None:
    if field.data and not decisions.is_https_url(field.data):
        raise ValidationError(
            "Enter the report's web address starting with https://, "
            "like https://www.example.gov.uk/cabinet/report.pdf"
        )


class DecisionForm(InvolveForm):
    decision = TextAreaField(
        "What was decided",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter what was decided"),
            _length(decisions.DECISION_MAX, "What was decided"),
        ],
    )
    decided_on = GovDateField(
        "Date of the decision", noun="the decision date", description="For example, 27 3 2026"
    )
    decision_maker = StringField(
        "Who made the decision",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, Cabinet, or the Head of Parking Services under delegated powers",
        validators=[
            InputRequired(message="Enter who made the decision"),
            _length(decisions.DECISION_MAKER_MAX, "Who made the decision"),
        ],
    )
    report_title = StringField(
        "Title of the report the decision-maker read (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[_length(decisions.REPORT_TITLE_MAX, "The report's title")],
    )
    report_url = StringField(
        "Web address of the report (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="Starting with https://",
        validators=[_length(decisions.REPORT_URL_MAX, "The report's web address"), _https],
    )
    how_responses_considered = TextAreaField(
        "How the responses were taken into account",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="What the decision-maker was told about the responses, and how they "
        "weighed them. You must fill this in before you publish.",
        validators=[_length(decisions.CONSIDERED_MAX, "How the responses were taken into account")],
    )
    codeframe_ids = GovCheckboxesField(
        "Theme summaries the decision cites",
        select_message="Select the theme summaries from the list",
        choices=[],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    closed_on: date | None = None
    theme_fields: list[tuple[CitableCodeframe, list[str]]]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        field = self.decided_on
        if field.errors:
            return False
        today = utc_now().astimezone(UK).date()
        problem = ""
        if field.data is None:
            problem = "Enter the date of the decision"
        elif field.data.year < EARLIEST_YEAR:
            problem = f"The decision date must be in {EARLIEST_YEAR} or later"
        elif self.closed_on is not None and field.data < self.closed_on:
            closed = f"{self.closed_on.day} {self.closed_on:%B %Y}"
            problem = f"The decision date must be the same as or after the close, {closed}"
        elif field.data > today:
            problem = "The decision date must be today or in the past"
        if problem:
            field.errors = [problem]
            return False
        return valid

    def theme_responses(self) -> dict[str, str]:
        return {
            name.removeprefix("theme_"): self[name].data or ""
            for _, names in self.theme_fields
            for name in names
            if (self[name].data or "").strip()
        }

    def details(self) -> DecisionDetails:
        return DecisionDetails(
            decision=self.decision.data or "",
            decided_on=self.decided_on.data,
            decision_maker=self.decision_maker.data or "",
            report_title=self.report_title.data or "",
            report_url=self.report_url.data or "",
            how_responses_considered=self.how_responses_considered.data or "",
            codeframe_ids=[
                number
                for number in (id_from(value) for value in self.codeframe_ids.data or [])
                if number is not None
            ],
            theme_responses=self.theme_responses(),
        )


def build_decision_form(
    *,
    codeframes: Sequence[CitableCodeframe],
    record: DecisionRecord | None,
    closed_on: date | None,
    counts: dict[int, str] | None = None,
    from_request: bool = True,
) -> DecisionForm:
    """The form, with a textarea per theme of the activity's codeframes (`theme_<id>`), filled
    from the record; without `from_request` it shows the record as saved, whatever was posted."""
    counts = counts or {}
    attributes: dict[str, Any] = {}
    theme_fields: list[tuple[CitableCodeframe, list[str]]] = []
    for codeframe in codeframes:
        names = []
        for theme_id, name in codeframe.themes:
            count = counts.get(theme_id, "")
            attributes[f"theme_{theme_id}"] = TextAreaField(
                f"{name}" + (f" ({count} comments)" if count else ""),
                widget=GovTextArea(),
                filters=[strip_whitespace],
                validators=[
                    _length(decisions.THEME_RESPONSE_MAX, f"What was done about \u201c{name}\u201d")
                ],
            )
            names.append(f"theme_{theme_id}")
        theme_fields.append((codeframe, names))
    form_class = type("ActivityDecisionForm", (DecisionForm,), attributes)
    data: dict[str, Any] = {}
    if record is not None:
        data = {
            "decision": record.decision,
            "decided_on": record.decided_on,
            "decision_maker": record.decision_maker,
            "report_title": record.report_title,
            "report_url": record.report_url,
            "how_responses_considered": record.how_responses_considered,
            "codeframe_ids": [str(i) for i in record.codeframe_ids or []],
            **{f"theme_{key}": text for key, text in (record.theme_responses or {}).items()},
        }
    form = form_class(data=data) if from_request else form_class(formdata=None, data=data)
    form.codeframe_ids.choices = [
        SelectChoice(str(codeframe.id), codeframe.heading) for codeframe in codeframes
    ]
    form.closed_on = closed_on
    form.theme_fields = theme_fields
    return form
