"""Property-based tests (hypothesis) of the question pages: every kind of question gets arbitrary
Unicode, NULs, lone surrogates and invalid UTF-8 in the raw body, huge numbers, dates out of
range, missing and repeated fields. Never a 500, never an unescaped reflection; a page that
comes back (instead of moving on) always has a GOV.UK error summary that links to its fields."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from involve.extensions import db, limiter
from involve.models import AGREE_SCALE, Answer
from tests.hostile import (
    OPTIONS,
    assert_safe_page,
    assert_sent_back_with_errors,
    every_kind_page,
    field_names,
    hostile_strings,
    http_property,
    page_baseline,
    post_raw,
)
from tests.pages import PageClient

PROPERTY = http_property(max_examples=40)
unicode_text = st.text(st.characters(exclude_categories=()), max_size=40)
huge_numbers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
date_parts = st.sampled_from(
    [
        "0",
        "1",
        "29",
        "31",
        "32",
        "13",
        "-1",
        "1899",
        "1900",
        "2100",
        "2101",
        "99999",
        "\uff10\uff17",
        "²",
    ]  # full-width 07
)
answer_value = st.one_of(
    unicode_text,
    st.sampled_from(hostile_strings()),
    huge_numbers,
    date_parts,
    st.sampled_from([*OPTIONS, *AGREE_SCALE, "Good", "Poor", "__other__", "1", "2", "3"]),
    st.binary(max_size=12),  # raw bytes: invalid UTF-8 in the body
    st.just("\x00"),
)
# No value (missing), one, or the same field repeated.
field_values = st.lists(answer_value, max_size=3)
actions = st.sampled_from([None, "continue", "save", "\x00", "<b>"])


@pytest.fixture
def every_kind(app):  # type: ignore[no-untyped-def]
    """Built once per test and shared by its examples (hence the function_scoped_fixture
    health check is off): each example uses a fresh browser, so examples never share a response.
    Also the page without anything hostile in it, to compare with."""
    consultation, questions = every_kind_page()
    client = app.test_client()
    names = [name for question in questions for name in field_names(question)]
    url = f"/consultations/{consultation.slug}/questions/1"
    token = PageClient(app, client).csrf_token()
    return consultation, questions, page_baseline(client, url, names, token=token)


@PROPERTY
@given(data=st.data())
def test_every_kind_of_question_survives_anything_posted(app, every_kind, data):  # type: ignore[no-untyped-def]
    consultation, questions, usual = every_kind
    limiter.reset()
    pages = PageClient(app, app.test_client())
    url = f"/consultations/{consultation.slug}/questions/1"
    pairs: list[tuple[str, str | bytes]] = [("csrf_token", pages.csrf_token())]
    for question in questions:
        for name in field_names(question):
            pairs.extend((name, value) for value in data.draw(field_values, label=name))
    action = data.draw(actions, label="action")
    if action is not None:
        pairs.append(("action", action))
    answers_before = db.session.scalar(select(func.count(Answer.id)))
    response = post_raw(pages.client, url, pairs)
    html = assert_safe_page(response, [value for _, value in pairs], baseline=usual)
    if response.status_code == 302:
        if action != "save":  # Continue moves on only with every (required) question answered
            stored = db.session.scalar(select(func.count(Answer.id))) - answers_before
            assert stored == len(questions)
        return
    assert response.status_code == 200
    assert_sent_back_with_errors(html, app)
