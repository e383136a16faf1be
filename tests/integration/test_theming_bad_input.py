"""Ids typed or tampered with in theming forms and query strings: digits that are not ASCII
("²" passes str.isdigit() but int() refuses it; "٣" is read by int() as 3) and numbers too large
for the database are refused as bad input, never a 500 or a different record."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.ids import id_from
from involve.models import Codeframe, ModelVersion, ThemeItem
from tests.factories_theming import codeframe_with_items, free_text_question
from tests.integration.test_theming_coding import _setup, _url, form_data
from tests.pages import error_summary

NOT_IDS = ["²", "٣", "3²", "１", "99999999999999999999999", "-1", " 3", ""]  # noqa: RUF001


@pytest.mark.parametrize("value", NOT_IDS)
def test_only_short_runs_of_ascii_digits_are_ids(value):
    assert id_from(value) is None


def test_ids_are_read_as_numbers():
    assert (id_from("3"), id_from("007"), id_from("999999999")) == (3, 7, 999_999_999)
    assert id_from(None) is None and id_from(3) is None


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_a_bad_theme_filter_on_the_items_list_is_ignored(pages, sign_in_as, value):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    page = pages.get(f"{_url(codeframe)}?theme={value}&suggested={value}")
    assert len(page.select("#items tbody tr")) == len(items)  # unfiltered


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_a_bad_theme_on_the_coding_screen_is_an_error_on_the_page(pages, sign_in_as, value):
    sign_in_as("analyst")
    # Enough themes that "٣" (3 to int()) would be a real theme id if it were read as one.
    codeframe, items, _ = _setup(themes=("Buses", "Parking", "Opening hours", "Cycling"))
    data = form_data(pages.get(_url(codeframe, items[0])))
    page = pages.post(_url(codeframe, items[0]), {**data, "themes": [value]})
    assert error_summary(page) == [
        "A theme you selected has been changed or deleted. Check the themes and save again"
    ]
    assert db.session.get(ThemeItem, items[0].id).reviewed_at is None


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_a_bad_loaded_version_is_treated_as_a_stale_page(pages, sign_in_as, value):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    data = form_data(pages.get(_url(codeframe, items[0])))
    pages.post(
        _url(codeframe, items[0]),
        {**data, "themes": [str(themes[0].id)], "loaded_version": value},
        expected_status=302,
    )
    assert db.session.get(ThemeItem, items[0].id).reviewed_at is not None


@pytest.mark.parametrize("field", ["question_id", "activity_id"])
@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_starting_theming_with_a_bad_id_is_not_found(pages, sign_in_as, field, value):
    sign_in_as("analyst")
    for _ in range(3):  # question ids 1 to 3 exist, so "٣" read as 3 would start one
        free_text_question(["some text"])
    db.session.commit()
    pages.post("/officer/theming/start", {field: value}, expected_status=404)
    assert db.session.scalars(select(Codeframe)).all() == []


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_bad_ids_in_the_suggestion_forms_change_nothing(pages, sign_in_as, value):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(["a", "b", "c"], ["Buses", "Parking", "Bins"])
    version = ModelVersion(codeframe_id=codeframe.id, number=1, coded_examples=0)
    db.session.add(version)
    db.session.commit()
    url = f"/officer/theming/{codeframe.id}/suggestions"
    page = pages.get(f"{url}?threshold=0.80&theme={value}&page={value}")
    assert error_summary(page) == ["Select a theme from the list"]
    pages.post(
        f"{url}/accept",
        {"threshold": "0.80", "theme": "", "model_version": value},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == f"{url}?threshold=0.80"
