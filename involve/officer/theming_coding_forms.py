"""The coding screen's form: themes (several, or "No theme fits"), stance, note and highlighted
excerpts, plus what the page showed when it was loaded, so a save applies only this analyst's
changes."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import HiddenField, RadioField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, ValidationError

from involve.forms import InvolveForm, strip_whitespace
from involve.ids import id_from
from involve.models import Stance
from involve.services.theming_coding import (
    Coding,
    Loaded,
    excerpt_in_text,
    normalise_excerpt,
)

NO_THEME_FITS = "none"
NOTE_MAX = 5_000
EXCERPTS_MAX = 30
EXCERPT_MAX = 500
STANCE_LABELS = {
    Stance.POSITIVE.value: "Positive",
    Stance.NEUTRAL.value: "Neutral",
    Stance.NEGATIVE.value: "Negative",
    "": "Not set",
}
SELECT_A_THEME = "Select at least one theme, or select No theme fits"


def _one_line_ending(value: Any) -> Any:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _excerpt_lines(text: str) -> tuple[str, ...]:
    lines = (normalise_excerpt(line) for line in (text or "").split("\n"))
    return tuple(dict.fromkeys(line for line in lines if line))  # keep order, drop repeats


def _stance(value: str) -> Stance | None:
    return Stance(value) if value in Stance._value2member_map_ else None


def _theme_ids(values: list[str]) -> frozenset[int]:
    ids = (id_from(value) for value in values)
    return frozenset(theme_id for theme_id in ids if theme_id is not None)


class CodingForm(InvolveForm):
    themes = SelectMultipleField("Themes", choices=[], validate_choice=False)
    stance = RadioField(
        "Stance (optional)",
        choices=[SelectChoice(value, label) for value, label in STANCE_LABELS.items()],
        default="",
        validate_choice=False,
        widget=GovRadioInput(),
        description="Whether the response is for, neutral about, or against the proposal",
    )
    note = TextAreaField(
        "Note (optional)",
        widget=GovTextArea(),
        filters=[_one_line_ending, strip_whitespace],
        validators=[Length(max=NOTE_MAX, message=f"Note must be {NOTE_MAX:,} characters or fewer")],
        description="Seen only by officers",
    )
    highlights = TextAreaField(
        "Highlighted excerpts (optional)",
        widget=GovTextArea(),
        filters=[_one_line_ending],
        description="Words copied from the response that show why you chose the themes. "
        "Put each excerpt on its own line",
    )
    loaded_version = HiddenField()
    loaded_themes = HiddenField()
    loaded_stance = HiddenField()
    loaded_note = HiddenField(filters=[_one_line_ending])
    loaded_highlights = HiddenField(filters=[_one_line_ending])
    save_next = SubmitField("Save and code next response", widget=GovSubmitInput())
    save = SubmitField("Save", widget=GovSubmitInput())

    def __init__(
        self, *args: Any, text: str = "", theme_ids: set[int] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.response_text = text
        self.known_theme_ids = theme_ids or set()

    # -- filling it from the item ----------------------------------------------------------
    def load(self, state: Loaded) -> None:
        """Show the item as stored, and remember it in the hidden fields."""
        self.themes.data = [str(theme_id) for theme_id in sorted(state.theme_ids)]
        if state.no_theme_fits:
            self.themes.data.append(NO_THEME_FITS)
        self.stance.data = state.stance.value if state.stance else ""
        self.note.data = state.note
        self.highlights.data = "\n".join(state.highlights)
        self.remember(state)

    def remember(self, state: Loaded) -> None:
        ticked = [str(theme_id) for theme_id in sorted(state.theme_ids)]
        if state.no_theme_fits:
            ticked.append(NO_THEME_FITS)
        self.loaded_themes.data = ",".join(ticked)
        self.loaded_version.data = str(state.version)
        self.loaded_stance.data = state.stance.value if state.stance else ""
        self.loaded_note.data = state.note
        self.loaded_highlights.data = "\n".join(state.highlights)

    def reload_after_conflict(self, first: Loaded, now: Loaded) -> None:
        """Show the item as it is now with this analyst's changes on top, as if they had
        reloaded the page and made them again: their ticks and unticks, and the boxes they
        typed in. Boxes they left alone show what the other analyst saved."""
        mine = self.chosen()
        themes = (now.theme_ids | (mine.theme_ids - first.theme_ids)) - (
            first.theme_ids - mine.theme_ids
        )
        no_theme_fits = now.no_theme_fits
        if mine.no_theme_fits != first.no_theme_fits:
            no_theme_fits = mine.no_theme_fits
        if themes:  # both cannot be saved: the themes are shown, the analyst can choose again
            no_theme_fits = False
        self.themes.data = [str(theme_id) for theme_id in sorted(themes)]
        if no_theme_fits:
            self.themes.data.append(NO_THEME_FITS)
        if mine.note == first.note:
            self.note.data = now.note
        if mine.stance == first.stance:
            self.stance.data = now.stance.value if now.stance else ""
        if mine.highlights == first.highlights:
            self.highlights.data = "\n".join(now.highlights)
        self.remember(now)

    # -- reading what was sent -------------------------------------------------------------
    def loaded(self) -> Loaded:
        ticked = (self.loaded_themes.data or "").split(",")
        version = self.loaded_version.data or ""
        return Loaded(
            theme_ids=_theme_ids(ticked),
            no_theme_fits=NO_THEME_FITS in ticked,
            stance=_stance(self.loaded_stance.data or ""),
            note=(self.loaded_note.data or "").strip(),
            highlights=_excerpt_lines(self.loaded_highlights.data or ""),
            version=id_from(version) or 0,
        )

    def chosen(self) -> Coding:
        values = self.themes.data or []
        return Coding(
            theme_ids=_theme_ids(values),
            no_theme_fits=NO_THEME_FITS in values,
            stance=_stance(self.stance.data or ""),
            note=self.note.data or "",
            highlights=_excerpt_lines(self.highlights.data or ""),
        )

    # -- rules -----------------------------------------------------------------------------
    def validate_themes(self, field: SelectMultipleField) -> None:
        values = [value for value in (field.data or []) if value]
        ids = _theme_ids(values)
        if any(id_from(value) is None and value != NO_THEME_FITS for value in values) or (
            ids - self.known_theme_ids
        ):
            raise ValidationError(
                "A theme you selected has been changed or deleted. Check the themes and save again"
            )
        if not ids and NO_THEME_FITS not in values:
            raise ValidationError(SELECT_A_THEME)
        if ids and NO_THEME_FITS in values:
            raise ValidationError("Select themes, or select No theme fits, not both")

    def validate_stance(self, field: RadioField) -> None:
        if field.data not in STANCE_LABELS:
            raise ValidationError("Select a stance, or select Not set")

    def validate_highlights(self, field: TextAreaField) -> None:
        excerpts = _excerpt_lines(field.data or "")
        if len(excerpts) > EXCERPTS_MAX:
            raise ValidationError(f"Enter {EXCERPTS_MAX} excerpts or fewer")
        for excerpt in excerpts:
            if len(excerpt) > EXCERPT_MAX:
                raise ValidationError(f"Each excerpt must be {EXCERPT_MAX} characters or fewer")
            if not excerpt_in_text(excerpt, self.response_text):
                shown = excerpt if len(excerpt) <= 60 else excerpt[:59].rstrip() + "…"
                raise ValidationError(
                    f"The excerpt “{shown}” is not in the response. "
                    "Copy words from the response exactly"
                )
