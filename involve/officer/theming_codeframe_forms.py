"""Forms for shaping a codeframe: discovering themes, accepting them, and adding, changing,
merging, splitting and deleting themes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.officer.consultation_fields import GovCheckboxesField
from involve.services.theming_codeframe import DESCRIPTION_MAX, NAME_MAX
from involve.services.theming_discovery import K_RANGE, ProposedTheme


def _name_field(
    label: str = "Name", *, missing: str = "Enter a name for the theme", **kwargs: Any
) -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=missing),
            Length(max=NAME_MAX, message=f"Theme name must be {NAME_MAX} characters or fewer"),
        ],
        **kwargs,
    )


def _description_field() -> TextAreaField:
    return TextAreaField(
        "Description (optional)",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="What the theme covers, so everyone coding uses it the same way",
        validators=[
            Optional(),
            Length(
                max=DESCRIPTION_MAX,
                message=f"Description must be {DESCRIPTION_MAX:,} characters or fewer",
            ),
        ],
    )


class DiscoverForm(InvolveForm):
    k = StringField(
        "Number of themes (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description=f"Leave empty to let involve choose. Or enter a number from {K_RANGE[0]} "
        f"to {K_RANGE[1]}",
    )
    discover = SubmitField("Discover themes", widget=GovSubmitInput())

    def validate_k(self, field: StringField) -> None:
        text = field.data or ""
        if not text:
            return
        if not text.isascii() or not text.isdigit():
            raise ValidationError("Enter the number of themes as a whole number, like 8")
        if len(text) > 3 or not K_RANGE[0] <= int(text) <= K_RANGE[1]:
            raise ValidationError(f"Number of themes must be between {K_RANGE[0]} and {K_RANGE[1]}")

    @property
    def number(self) -> int | None:
        return int(self.k.data) if self.k.data else None


class ThemeForm(InvolveForm):
    name = _name_field()
    description = _description_field()
    save = SubmitField("Save", widget=GovSubmitInput())


class AddThemeForm(ThemeForm):
    save = SubmitField("Add theme", widget=GovSubmitInput())


class MergeForm(InvolveForm):
    themes = GovCheckboxesField(
        "Themes to merge",
        select_message="Select 2 or more themes to merge",
        coerce=int,
        description="Texts coded with any of them will have the merged theme instead",
    )
    name = _name_field("Name of the merged theme", missing="Enter a name for the merged theme")
    merge = SubmitField("Merge themes", widget=GovSubmitInput())

    def validate_themes(self, field: GovCheckboxesField) -> None:
        if len(set(field.data or [])) < 2:
            raise ValidationError("Select 2 or more themes to merge")


class SplitForm(InvolveForm):
    name = _name_field("Name of the new theme", missing="Enter a name for the new theme")
    description = _description_field()
    items = GovCheckboxesField(
        "Texts to move to the new theme",
        select_message="Select the texts to move to the new theme",
        coerce=int,
    )
    split = SubmitField("Split theme", widget=GovSubmitInput())

    def validate_items(self, field: GovCheckboxesField) -> None:
        if not field.data:
            raise ValidationError("Select the texts to move to the new theme")


class DeleteForm(InvolveForm):
    delete = SubmitField("Delete theme", widget=GovSubmitInput())


class ProposalFormBase(InvolveForm):
    """One name box and one "keep" checkbox per proposed theme (fields name_N and keep_N)."""

    accept = SubmitField("Add the kept themes", widget=GovSubmitInput())
    proposed: Sequence[ProposedTheme] = ()

    def name_field(self, index: int) -> StringField:
        return self[f"name_{index}"]

    def keep_field(self, index: int) -> BooleanField:
        return self[f"keep_{index}"]

    def kept(self) -> list[tuple[int, str]]:
        return [
            (theme.index, self.name_field(theme.index).data or "")
            for theme in self.proposed
            if self.keep_field(theme.index).data
        ]


def build_proposal_form(proposed: Sequence[ProposedTheme], **kwargs: Any) -> ProposalFormBase:
    fields: dict[str, Any] = {}
    for theme in proposed:
        number = theme.index + 1
        fields[f"name_{theme.index}"] = StringField(
            f"Name of theme {number}",
            widget=GovTextInput(),
            filters=[strip_whitespace],
            default=theme.label,
        )
        fields[f"keep_{theme.index}"] = BooleanField(
            "Keep this theme", widget=GovCheckboxInput(), default=True
        )
    form_class = type("ProposalForm", (ProposalFormBase,), fields)
    form = form_class(**kwargs)
    form.proposed = proposed
    return form


def check_proposal_names(form: ProposalFormBase, taken: set[str]) -> bool:
    """GOV.UK errors on the kept names: required, short enough, unique (ignoring capitals)
    against the codeframe's themes (`taken`, casefolded) and each other."""
    seen: set[str] = set()
    kept = form.kept()
    if not kept and form.proposed:
        form.keep_field(form.proposed[0].index).errors = ["Select at least one theme to keep"]
        return False
    ok = True
    for index, name in kept:
        field = form.name_field(index)
        label = f"theme {index + 1}"
        error = ""
        if not name:
            error = f"Enter a name for {label}"
        elif len(name) > NAME_MAX:
            error = f"Name of {label} must be {NAME_MAX} characters or fewer"
        elif name.casefold() in taken:
            error = f"There is already a theme called {name}: change the name of {label}"
        elif name.casefold() in seen:
            error = f"Give {label} a different name: another kept theme is called {name}"
        seen.add(name.casefold())
        if error:
            field.errors = [error]
            ok = False
    return ok
