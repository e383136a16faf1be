"""Forms for the planning screen: one per section of an activity's plan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from involve.forms import InvolveForm, strip_whitespace
from involve.models import AudienceCategory
from involve.officer.consultation_fields import GovSelectField
from involve.services.reference_mix import DIMENSION_LABELS, MixRow

TEXT_LIMIT = 5000
STAKEHOLDER_ROWS = 3
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _text(label: str, *, required: str | None, hint: str = "", limit: int = TEXT_LIMIT) -> Any:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        description=hint,
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=required) if required else Optional(),
            Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"),
        ],
    )


def _line(label: str, limit: int) -> Any:
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=limit, message=f"{label} must be {limit:,} characters or fewer")],
    )


def _save() -> Any:
    return SubmitField("Save and return to the plan", widget=GovSubmitInput())


class StakeholdersForm(InvolveForm):
    """Up to three new groups at a time; blank rows are ignored."""

    submit = _save()

    def __init__(self, *args: Any, has_saved_rows: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_saved_rows = has_saved_rows

    def row_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"group_{n}"], self[f"category_{n}"], self[f"how_reached_{n}"])
            for n in range(1, STAKEHOLDER_ROWS + 1)
        ]

    def rows(self) -> list[dict[str, str]]:
        return [
            {"group": group.data, "category": category.data, "how_reached": how.data}
            for group, category, how in self.row_fields()
            if group.data or category.data or how.data
        ]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        filled = 0
        for group, category, how in self.row_fields():
            if not (group.data or category.data or how.data):
                continue
            filled += 1
            name = group.data or "this group"
            for field, message in (
                (group, "Enter the name of the group"),
                (category, f"Select the category of {name}"),
                (how, f"Enter how {name} will be reached"),
            ):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, message]
                    valid = False
        if not filled and not self.has_saved_rows:
            self["group_1"].errors = [
                *self["group_1"].errors,
                "Enter at least one group who may be affected by or interested in this activity",
            ]
            valid = False
        return valid


_CATEGORY_CHOICES = [SelectChoice("", "Select a category")] + [
    SelectChoice(category.value, category.label) for category in AudienceCategory
]
for _n in range(1, STAKEHOLDER_ROWS + 1):
    setattr(StakeholdersForm, f"group_{_n}", _line(f"Group {_n}", 200))
    setattr(
        StakeholdersForm,
        f"category_{_n}",
        GovSelectField(
            f"Category of group {_n}",
            select_message="Select a category from the list",
            choices=_CATEGORY_CHOICES,
            default="",
        ),
    )
    setattr(
        StakeholdersForm,
        f"how_reached_{_n}",
        _line(f"How group {_n} will be reached", 500),
    )


class WhoAndWhyForm(InvolveForm):
    why_this_way = _text(
        "Who is it appropriate to inform, consult or involve, and why this way?",
        required="Enter who it is appropriate to inform, consult or involve, and why this way",
        hint="Say why this way of involving people and these kinds of opportunity suit the "
        "people affected and the decision to be made",
    )
    submit = _save()


class PreviousEngagementForm(InvolveForm):
    previous_engagement_use = _text(
        "How is the earlier engagement used, or why is asking again justified?",
        required=None,
        hint="For example, what people said last time that shapes this activity, or what has "
        "changed since, so people are not asked the same thing again",
    )
    none_found = BooleanField(
        "No previous engagement on this subject was found", widget=GovCheckboxInput()
    )
    submit = _save()

    def __init__(self, *args: Any, has_matches: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_matches = has_matches

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.previous_engagement_use.data:
            return valid
        if self.has_matches:
            self.previous_engagement_use.errors = [
                *self.previous_engagement_use.errors,
                "Enter how the earlier engagement is used, or why asking again is justified",
            ]
            return False
        if not self.none_found.data:
            self.none_found.errors = [
                *self.none_found.errors,
                "Select to confirm that no previous engagement on this subject was found, "
                "or enter what earlier engagement you know of",
            ]
            return False
        return valid


class BenefitsAndCostsForm(InvolveForm):
    expected_benefits = _text(
        "What benefits is the activity expected to bring?",
        required="Enter the benefits the activity is expected to bring",
    )
    proportionality = _text(
        "Why are the cost and staff time proportionate?",
        required="Enter why the cost and staff time are proportionate",
        hint="Weigh them against the size of the decision and the number of people affected",
    )
    submit = _save()


class PrivacyForm(InvolveForm):
    personal_data_needed = _text(
        "What personal data does the activity need?",
        required="Enter what personal data the activity needs, or 'None'",
        hint="For example names and email addresses to book places, or none if you only count "
        "attendance",
    )
    personal_data_reason = _text(
        "Why is this personal data needed?",
        required="Enter why the activity needs this personal data",
    )
    submit = _save()


def mix_field_name(key: str) -> str:
    return "mix_" + re.sub(r"\W", "_", key)


class TargetMixForm(InvolveForm):
    """A percentage per row; each dimension that is filled in must add up to 100 (plus or minus
    1, as census figures are rounded)."""

    submit = _save()
    rows: Sequence[MixRow] = ()

    def fields_of(self, dimension: str) -> list[tuple[MixRow, Any]]:
        return [
            (row, self[mix_field_name(row.key)]) for row in self.rows if row.dimension == dimension
        ]

    def percents(self) -> dict[str, float]:
        """The parsed percentages of the filled rows (call after validate)."""
        found = {}
        for row in self.rows:
            text = (self[mix_field_name(row.key)].data or "").removesuffix("%").strip()
            if _NUMBER.match(text):
                found[row.key] = float(text)
        return found

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for row in self.rows:
            field = self[mix_field_name(row.key)]
            text = (field.data or "").removesuffix("%").strip()
            if text and (not _NUMBER.match(text) or float(text) > 100):
                field.errors = [f"{row.label} must be a number between 0 and 100"]
                valid = False
        if not valid:
            return False
        percents = self.percents()
        for dimension, label in DIMENSION_LABELS.items():
            fields = self.fields_of(dimension)
            filled = [percents[row.key] for row, _ in fields if row.key in percents]
            total = round(sum(filled), 1)
            if filled and abs(total - 100) > 1:
                fields[0][1].errors = [
                    f"The percentages for {label} must add up to 100; they add up to {total:g}"
                ]
                valid = False
        if valid and not percents:
            self[mix_field_name(self.rows[0].key)].errors = [
                "Enter the target mix for age bands, sex or local-person categories"
            ]
            valid = False
        return valid


def target_mix_form(rows: Sequence[MixRow], *, values: dict[str, str], **kwargs: Any) -> Any:
    """A TargetMixForm with a percentage box per row, prefilled with `values` (key -> text)."""

    class _Form(TargetMixForm):
        pass

    _Form.rows = tuple(rows)
    for row in rows:
        setattr(
            _Form,
            mix_field_name(row.key),
            StringField(
                row.label,
                widget=GovTextInput(),
                filters=[strip_whitespace],
                default=values.get(row.key, ""),
            ),
        )
    return _Form(**kwargs)
