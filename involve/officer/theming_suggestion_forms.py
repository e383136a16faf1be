"""Forms for the suggestions page: the confidence threshold (a GET filter), bulk acceptance at a
threshold, and the one-click campaign decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import HiddenField, SelectMultipleField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.ids import id_from
from involve.models import DuplicateStatus, Theme
from involve.officer.consultation_fields import GovSelectField
from involve.services.theming_suggestion_review import DEFAULT_THRESHOLD, SuggestionFilter

LOWEST, HIGHEST = 0.50, 0.99
ALL_THEMES = ""
ENTER_THRESHOLD = "Enter a confidence threshold, like 0.80"
THRESHOLD_RANGE = f"Confidence threshold must be between {LOWEST:.2f} and {HIGHEST:.2f}"
THRESHOLD_NUMBER = "Enter the confidence threshold as a number, like 0.80"
CHOOSE_THEMES = "Select the themes to accept suggestions for"


def parse_threshold(text: str) -> float:
    """0.80, .8, 80 and 80% all mean 80%. Raises ValueError with a GOV.UK message."""
    cleaned = (text or "").strip().removesuffix("%").strip()
    if not cleaned:
        raise ValueError(ENTER_THRESHOLD)
    if len(cleaned) > 10:
        raise ValueError(THRESHOLD_NUMBER)
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(THRESHOLD_NUMBER) from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities
        raise ValueError(THRESHOLD_NUMBER)
    if 1 < value <= 100:  # typed as a percentage
        value /= 100
    value = round(value, 2)  # whole percentages: what the page shows is what is applied
    if not LOWEST <= value <= HIGHEST:
        raise ValueError(THRESHOLD_RANGE)
    return value


class ThresholdField(StringField):
    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GovTextInput())
        kwargs.setdefault("filters", [strip_whitespace])
        super().__init__(label, **kwargs)
        self.threshold = DEFAULT_THRESHOLD

    def pre_validate(self, form: Any) -> None:
        try:
            self.threshold = parse_threshold(self.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from error


def _theme_choices(themes: Sequence[Theme]) -> list[SelectChoice]:
    return [
        SelectChoice(ALL_THEMES, "All themes"),
        *(SelectChoice(str(theme.id), theme.name) for theme in themes),
    ]


class _Filtering(InvolveForm):
    def filter(self) -> SuggestionFilter:
        """The chosen threshold and theme (call after a successful validate)."""
        theme = self.theme.data or ""
        return SuggestionFilter(self.threshold.threshold, id_from(theme))


class ThresholdForm(_Filtering):
    """Sent with GET, so it is a bookmarkable filter and needs no CSRF token."""

    class Meta:
        csrf = False

    threshold = ThresholdField(
        "Confidence threshold",
        default=f"{DEFAULT_THRESHOLD:.2f}",
        description=f"A number from {LOWEST:.2f} to {HIGHEST:.2f}. At 0.80 you see suggestions "
        "the model is at least 80% confident about",
    )
    theme = GovSelectField(
        "Theme", select_message="Select a theme from the list", choices=[], default=ALL_THEMES
    )

    def __init__(self, themes: Sequence[Theme], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.theme.choices = _theme_choices(themes)


def threshold_form(themes: Sequence[Theme], args: Any) -> ThresholdForm:
    """The filter as sent in the query string; defaults when nothing was sent."""
    if "threshold" in args or "theme" in args:
        return ThresholdForm(themes, formdata=args)
    return ThresholdForm(themes, formdata=None)


class AcceptForm(_Filtering):
    """Bulk acceptance: the threshold and theme the officer confirmed, the themes they left
    ticked, and the model version whose suggestions they saw (so a newer model's suggestions
    are not accepted unseen)."""

    threshold = ThresholdField("Confidence threshold")
    theme = GovSelectField(
        "Theme", select_message="Select a theme from the list", choices=[], default=ALL_THEMES
    )
    model_version = HiddenField()
    # Sent with the theme checkboxes, so "none ticked" is told apart from a form without them.
    choosing_themes = HiddenField()
    themes = SelectMultipleField("Themes to accept suggestions for", validate_choice=False)

    def __init__(self, themes: Sequence[Theme], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.theme.choices = _theme_choices(themes)
        self._theme_ids = {theme.id for theme in themes}

    def validate_themes(self, field: SelectMultipleField) -> None:
        if self.choosing_themes.data and not self.chosen_theme_ids():
            raise ValidationError(CHOOSE_THEMES)

    def chosen_theme_ids(self) -> frozenset[int] | None:
        if not self.choosing_themes.data:
            return None
        ticked = {id_from(value) for value in self.themes.data or []}
        return frozenset(ticked & self._theme_ids)

    def filter(self) -> SuggestionFilter:
        return replace(super().filter(), theme_ids=self.chosen_theme_ids())

    def validate_model_version(self, field: HiddenField) -> None:
        if id_from(field.data) is None:
            raise ValidationError("Update suggestions, then try again")


CAMPAIGN_CHOICES = {
    DuplicateStatus.CAMPAIGN.value: "Confirm campaign",
    DuplicateStatus.NOT_CAMPAIGN.value: "Not a campaign",
    DuplicateStatus.SUSPECTED.value: "Undo decision",
}


class CampaignDecisionForm(InvolveForm):
    decision = HiddenField()

    def validate_decision(self, field: HiddenField) -> None:
        if field.data not in CAMPAIGN_CHOICES:
            raise ValidationError("Select whether these responses are a campaign")

    @property
    def status(self) -> DuplicateStatus:
        return DuplicateStatus(self.decision.data)
