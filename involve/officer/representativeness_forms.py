"""Forms for the representativeness screens: an activity's own reference figures (typed in or a
CSV) and the council's outreach prompts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.services.outreach_prompts import PROMPT_MAX

_COUNT = re.compile(r"^\d{1,9}(\.\d{1,4})?$")


def group_field_name(index: int) -> str:
    return f"group_{index}"


class ReferenceForm(InvolveForm):
    """A name, a source, and a count per group, or a CSV file of groups and counts."""

    title = StringField(
        "Name of these figures",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, Library members, April 2026",
        validators=[
            DataRequired(message="Enter a name for these figures"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    source = StringField(
        "Where the figures come from",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, Library management system export",
        validators=[
            DataRequired(message="Enter where the figures come from"),
            Length(max=300, message="Source must be 300 characters or fewer"),
        ],
    )
    spreadsheet = FileField(
        "Or upload a CSV file",
        widget=GovFileInput(),
        description="Two columns: the group (as named below) and its count, one group a line.",
    )
    submit = SubmitField("Save reference figures", widget=GovSubmitInput())
    groups: Mapping[str, str] = {}
    keys: tuple[str, ...] = ()

    def typed_counts(self) -> dict[str, float]:
        """The counts typed in (after validate): group key -> count, blanks left out."""
        found = {}
        for index, key in enumerate(self.keys):
            text = (self[group_field_name(index)].data or "").replace(",", "")
            if text:
                found[key] = float(text)
        return found

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for index, key in enumerate(self.keys):
            field = self[group_field_name(index)]
            text = (field.data or "").replace(",", "")
            if text and not _COUNT.match(text):
                field.errors = [f"{self.groups[key]} must be a number, like 120"]
                valid = False
        has_file = bool(getattr(self.spreadsheet.data, "filename", ""))
        if valid and not has_file and not any(self.typed_counts().values()):
            self[group_field_name(0)].errors = [
                "Enter a count for at least one group, or upload a CSV file"
            ]
            valid = False
        return valid


def reference_form(groups: Mapping[str, str], **kwargs: Any) -> ReferenceForm:
    """A ReferenceForm with a count box per group (key -> label)."""

    class _Form(ReferenceForm):
        pass

    _Form.groups = dict(groups)
    _Form.keys = tuple(groups)
    for index, label in enumerate(groups.values()):
        setattr(
            _Form,
            group_field_name(index),
            StringField(label, widget=GovTextInput(), filters=[strip_whitespace]),
        )
    return _Form(**kwargs)


class PromptForm(InvolveForm):
    text = TextAreaField(
        "Outreach prompt",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message="Enter the outreach prompt"),
            Length(max=PROMPT_MAX, message=f"Prompt must be {PROMPT_MAX:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Save prompt", widget=GovSubmitInput())


class ExportForm(InvolveForm):
    submit = SubmitField("Download every table (CSV)", widget=GovSubmitInput())
