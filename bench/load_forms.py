"""Reads a page's form the way a browser does, for the load generator (bench/load_residents.py):
the form's action, its fields and their values, and which boxes a person can see. A box inside
an aria-hidden container (the spam trap) is one a person never sees, so never fills in; it is
still sent, empty, as a browser sends it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # hidden, text, textarea, radio, checkbox
    value: str = ""
    hidden_from_people: bool = False


@dataclass
class Form:
    action: str = ""
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value), in page order

    def choices(self, name: str) -> list[str]:
        return [each.value for each in self.fields if each.name == name]

    def names(self, kind: str) -> list[str]:
        seen: list[str] = []
        for each in self.fields:
            if each.kind == kind and each.name not in seen:
                seen.append(each.name)
        return seen


class _FormReader(HTMLParser):
    """The first POST form on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form: Form | None = None
        self._in_form = False
        self._done = False
        self._hidden_depth: list[str] = []  # open tags, innermost last, while inside aria-hidden
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        is_hidden = self._hidden_depth or attributes.get("aria-hidden") == "true"
        if is_hidden and tag not in ("input", "br", "img", "meta", "link"):
            self._hidden_depth.append(tag)
        if self._done:
            return
        if tag == "form" and attributes.get("method", "get").lower() == "post":
            self.form = Form(action=attributes.get("action", ""))
            self._in_form = True
        elif self._in_form and self.form is not None:
            self._form_element(tag, attributes)

    def _form_element(self, tag: str, attributes: dict[str, str]) -> None:
        assert self.form is not None
        name = attributes.get("name", "")
        unseen = bool(self._hidden_depth)
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            self.form.fields.append(
                Field(name, kind, attributes.get("value", ""), hidden_from_people=unseen)
            )
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea", "", hidden_from_people=unseen)
            self.form.fields.append(self._textarea)
        elif tag == "button" and attributes.get("type", "submit") == "submit":
            self.form.buttons.append((name, attributes.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_depth and self._hidden_depth[-1] == tag:
            self._hidden_depth.pop()
        if tag == "textarea":
            self._textarea = None
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def read_form(html: str) -> Form | None:
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.form


def fill_form(form: Form, rng: random.Random, *, long_text: str) -> dict[str, str]:
    """What a person sends: hidden fields as given, one choice of each radio group, their text
    in every text box they can see, the spam-trap box left empty, and the first (primary)
    button pressed."""
    data: dict[str, str] = {}
    for each in form.fields:
        if each.kind == "hidden" or each.hidden_from_people:
            data[each.name] = each.value if each.kind == "hidden" else ""
        elif each.kind == "textarea":
            data[each.name] = long_text
        elif each.kind in ("text", "email", "number") and each.name not in data:
            data[each.name] = f"Sunday opening {rng.randint(1, 99)}"
    for name in form.names("radio"):
        data[name] = rng.choice(form.choices(name))
    for name in form.names("checkbox"):
        data[name] = rng.choice(form.choices(name))
    for name, value in form.buttons[:1]:
        if name:
            data[name] = value
    return data
