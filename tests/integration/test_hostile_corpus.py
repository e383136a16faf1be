"""The thousand hostile strings (tests/data/hostile_strings.txt) through every public text field:
never a 5xx, always escaped, and answers that are saved are shown escaped on check your answers.

Each form gets the strings spread over its fields (see tests.hostile.rotate), so every field gets
its share. Free-text fields get the whole corpus (or half of it); short checked fields (codes,
references, e-mail addresses, postcodes, choices) get every SAMPLE-th string, a different slice
for each form, so every string goes through at least one of them, to keep the suite fast.
INVOLVE_HOSTILE_FULL=1 sends the whole corpus through every field (about 9,000 requests: run it
by hand or in a nightly job)."""

from __future__ import annotations

import os

import pytest

from involve.extensions import db, limiter
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.hostile import (
    assert_safe_page,
    every_kind_page,
    field_names,
    form_body,
    home_with_errors,
    hostile_strings,
    page_baseline,
    post_raw,
    rotate,
)
from tests.pages import PageClient

FULL = bool(os.environ.get("INVOLVE_HOSTILE_FULL"))
SAMPLE = 8

# path under the consultation (or from the root when it starts with "/") -> its fields, and
# which share of the corpus it gets: 1 (free text: all of it) or every share-th string.
PUBLIC_FORMS: dict[str, tuple[list[str], int]] = {
    "about-you": (
        [
            "organisation_name",
            "connection_other",
            "responding_as",
            "organisation_type",
            "connections",
            "elected_status",
        ],
        1,
    ),
    "about-you/contact-details": (["name", "email", "wants_updates"], 2),
    "about-you/age-and-postcode": (["postcode", "age_band"], SAMPLE),
    "about-you/what-you-do": (["economic_activity"], SAMPLE),
    "equality": (["sex", "ethnic_group", "disability"], SAMPLE),
    "resume": (["code"], SAMPLE),
    "get-outcome-email": (["email"], SAMPLE),
    "/get-emails/topic": (["topic", "email"], SAMPLE),
    "/get-emails/area": (["area", "email"], SAMPLE),
    "/withdraw-equality-answers": (["reference", "confirm"], SAMPLE),
    "check-answers": (["submission_key", "publish_consent", "website"], SAMPLE),
}


# Each sampled form gets its own slice of the corpus; together the slices hold every string.
_SLICES = {
    path: number
    for number, path in enumerate(path for path, (_, share) in PUBLIC_FORMS.items() if share > 1)
}


def _strings_for(path: str) -> tuple[str, ...]:
    strings = hostile_strings()
    share = PUBLIC_FORMS[path][1]
    return strings if FULL else strings[_SLICES.get(path, 0) % share :: share]


@pytest.fixture
def started(app):  # type: ignore[no-untyped-def]
    """An open consultation, and a browser that has answered its first page (so the about-you
    pages and check your answers show their forms)."""
    consultation = ConsultationFactory(topics=["Parks"])
    question = QuestionFactory(page=QuestionPageFactory(consultation=consultation, position=1))
    db.session.commit()
    pages = PageClient(app, app.test_client())
    base = f"/consultations/{consultation.slug}"
    pages.post(f"{base}/questions/1", {f"q{question.id}": "More buses"}, expected_status=302)
    pages.post(f"{base}/about-you/age-and-postcode", {"age_band": "25_34"}, expected_status=302)
    return consultation, pages


def test_every_public_form_field_survives_the_corpus(app, started):
    consultation, pages = started
    token = pages.csrf_token()
    sent_count = 0
    for path, (fields, _) in PUBLIC_FORMS.items():
        url = path if path.startswith("/") else f"/consultations/{consultation.slug}/{path}"
        usual = page_baseline(pages.client, url, fields, token=token)
        for form in rotate(_strings_for(path), fields):
            limiter.reset()
            response = post_raw(pages.client, url, [("csrf_token", token), *form.items()])
            assert_safe_page(response, form.values(), baseline=usual)
            sent_count += len(form)
    assert sent_count >= len(hostile_strings()) * 2
    # The short checked fields' slices together hold every string.
    sampled = {
        _SLICES[path] % SAMPLE for path, (_, share) in PUBLIC_FORMS.items() if share == SAMPLE
    }
    assert sampled == set(range(SAMPLE))


def test_the_home_page_search_survives_the_corpus(app):
    ConsultationFactory(title="Library opening hours", topics=["Libraries"])
    db.session.commit()
    client = app.test_client()
    fields = ["q", "postcode", "topic", "area"]
    usual = client.get("/").get_data(as_text=True) + home_with_errors(client, fields)
    for query in rotate(hostile_strings(), fields):
        response = client.get("/?" + form_body(query.items()).decode())
        assert response.status_code == 200
        assert_safe_page(response, query.values(), baseline=usual)


def test_every_kind_of_question_survives_the_corpus(app):
    consultation, questions = every_kind_page(required=False)
    pages = PageClient(app, app.test_client())
    url = f"/consultations/{consultation.slug}/questions/1"
    names = [name for question in questions for name in field_names(question)]
    token = pages.csrf_token()
    usual = page_baseline(pages.client, url, names, token=token)
    for form in rotate(hostile_strings(), [*names, "action"]):
        response = post_raw(pages.client, url, [("csrf_token", token), *form.items()])
        assert_safe_page(response, form.values(), baseline=usual)


def test_saved_free_text_answers_are_shown_escaped_on_check_your_answers(app):
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    page = QuestionPageFactory(consultation=consultation, position=1)
    questions = [
        QuestionFactory(page=page, position=index, kind=kind, text=f"Question {index}")
        for index, kind in enumerate(["short_text", "long_text"] * 4)
    ]
    db.session.commit()
    names = [f"q{question.id}" for question in questions]
    pages = PageClient(app, app.test_client())
    url = f"/consultations/{consultation.slug}/questions/1"
    check_url = f"/consultations/{consultation.slug}/check-answers"
    token = pages.csrf_token()
    post_raw(pages.client, url, [("csrf_token", token), *((name, "Plain") for name in names)])
    check_usual = pages.client.get(check_url).get_data(as_text=True)
    page_usual = page_baseline(pages.client, url, names, token=token)
    too_long = [("csrf_token", token), (names[0], "x" * 501)]
    page_usual += post_raw(pages.client, url, too_long).get_data(as_text=True)
    shown = 0
    for form in rotate(hostile_strings(), names):
        limiter.reset()
        response = post_raw(pages.client, url, [("csrf_token", token), *form.items()])
        assert_safe_page(response, form.values(), baseline=page_usual)
        if response.status_code != 302:
            continue  # an answer too long: the page said so
        assert_safe_page(pages.client.get(check_url), form.values(), baseline=check_usual)
        shown += 1
    assert shown > len(hostile_strings()) // len(names) // 2
