"""Form pieces shared across blueprints, so every form words its errors the GOV.UK way."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import RadioField
from wtforms.validators import InputRequired, ValidationError

# C0 control characters other than tab and newlines, DEL, C1 controls, lone surrogates and
# Unicode noncharacters: none belongs in typed text, NUL breaks PostgreSQL text columns, and all
# of them make invalid HTML when echoed.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17)
    )
    + "]"
)


def strip_whitespace(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def remove_unprintable(value: Any) -> Any:
    """Also turns the CRLF that browsers send for a text area's line breaks into LF, so saving a
    form without touching a field never changes it (or claims so in the audit log)."""
    if not isinstance(value, str):
        return value
    return _UNPRINTABLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


class InvolveForm(FlaskForm):
    """Base for every form: CSRF from Flask-WTF, and unprintable characters removed from every
    field before validation, so nothing invisible reaches the database or is echoed back."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = unbound_field.kwargs.get("filters", [])
            unbound_field.kwargs["filters"] = [remove_unprintable, *filters]
            return unbound_field.bind(form=form, **options)

        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            """The submitted values cleaned too, not only each field's data: some fields show
            what was sent back as it came (a checkbox's value, a number that did not parse)."""
            formdata = super().wrap_formdata(form, formdata)  # type: ignore[misc]
            if formdata is None or not hasattr(formdata, "items"):
                return formdata
            items = formdata.items(multi=True) if hasattr(formdata, "getlist") else formdata.items()
            return MultiDict([(key, remove_unprintable(value)) for key, value in items])


class GovRadioField(RadioField):
    """A radio field that says "Select ..." both when nothing is chosen and when the value sent
    is not one of the options (a tampered or stale form), instead of WTForms' "Not a valid choice"."""

    def __init__(self, label: str, *, select_message: str, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [InputRequired(message=select_message)])
        # A value of only spaces (any Unicode space) is no choice: WTForms' Optional() stops
        # checking at a blank value, so it must not reach the view as the data.
        kwargs["filters"] = [strip_whitespace, *kwargs.get("filters", [])]
        super().__init__(label, **kwargs)
        self.select_message = select_message

    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(self.select_message) from error
