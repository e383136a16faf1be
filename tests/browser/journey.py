"""Fill in a consultation the way a person would, whatever its questions: used by the browser
journey tests so they keep working as the demo questionnaire changes."""

from __future__ import annotations

import re

SAMPLE_TEXT = "Please keep the library open later on weekdays; I work until six."


def answer_every_question(page) -> None:  # type: ignore[no-untyped-def]
    """Answer each field on the current page: first option of each radio group and checkbox
    group, ranks 1..N, a real date, a postcode, a number and some text."""
    form = page.locator("main form").first
    _choose_first_of_each_group(form.locator("input[type=radio]").all())
    _choose_first_of_each_group(
        [
            box
            for box in form.locator("input[type=checkbox]").all()
            if box.get_attribute("value") != "__other__"
        ]
    )
    _rank_in_order(form)
    for field in form.locator(
        "input[type=text], input:not([type]), input[type=email], input[type=tel]"
    ).all():
        name = field.get_attribute("name") or ""
        # A person never reaches the spam-trap box: it is out of the tab order and hidden.
        is_trap = field.get_attribute("tabindex") == "-1"
        if not re.search(r"-o\d+$", name) and field.is_visible() and not is_trap:
            field.fill(_value_for(field, name))
    for area in form.locator("textarea").all():
        if area.is_visible():
            area.fill(SAMPLE_TEXT)


def _choose_first_of_each_group(inputs) -> None:  # type: ignore[no-untyped-def]
    done: set[str] = set()
    for choice in inputs:
        name = choice.get_attribute("name")
        if name not in done and choice.is_visible():
            choice.check()
            done.add(name)


def _rank_in_order(form) -> None:  # type: ignore[no-untyped-def]
    rank_fields = [
        field
        for field in form.locator("input, select").all()
        if re.search(r"-o\d+$", field.get_attribute("name") or "") and field.is_visible()
    ]
    for rank, field in enumerate(rank_fields, start=1):
        if _is_select(field):
            field.select_option(str(rank))
        else:
            field.fill(str(rank))


def _is_select(field) -> bool:  # type: ignore[no-untyped-def]
    return field.locator("xpath=self::select").count() == 1


def _value_for(field, name: str) -> str:  # type: ignore[no-untyped-def]
    autocomplete = field.get_attribute("autocomplete") or ""
    if name.endswith("-day"):
        return "14"
    if name.endswith("-month"):
        return "6"
    if name.endswith("-year"):
        return "2025"
    if "postal-code" in autocomplete or "postcode" in name:
        return "GL5 4UB"
    if field.get_attribute("inputmode") == "numeric":
        return "12"
    if "email" in name or field.get_attribute("type") == "email":
        return "resident@example.com"
    if "name" in autocomplete or name.endswith("name"):
        return "Sam Resident"
    return "Opening later in the evening would help"
