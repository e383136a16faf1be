"""The hostile strings through the officer builder's text fields (never a 5xx, escaped when sent
back), shown wherever officers and residents read them (escaped), and exported (no spreadsheet
cell a program would run as a formula)."""

from __future__ import annotations

import csv
import io
import itertools

from openpyxl import load_workbook

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.models import QuestionKind
from involve.services.exports import FORMULA_STARTS
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.hostile import assert_safe_page, hostile_strings, page_baseline, post_raw, rotate

FREE_TEXT = ["title", "summary", "proposal", "reasons", "contact_name", "other_ways_to_respond"]


def _details(**overrides: object) -> list[tuple[str, str]]:
    data = {
        "title": "Library opening hours",
        "summary": "Tell us when the libraries should open.",
        "proposal": "Open later on Thursdays.",
        "reasons": "More people visit after work.",
        "service_id": "",
        "area": "whole",
        "topics": "libraries",
        "opens_time": "9am",
        "closes_time": "17:30",
        "contact_name": "Jo Bloggs",
        "contact_email": "jo@example.gov.uk",
        "contact_phone": "01453 111 222",
        "other_ways_to_respond": "Write to us",
        **overrides,
    }
    dates = {"opens_on": ["2", "3", "2031"], "closes_on": ["30", "7", "2031"]}
    return [*data.items(), *((name, part) for name, parts in dates.items() for part in parts)]


def test_the_builder_forms_survive_the_corpus(pages, sign_in_as):
    sign_in_as("engagement_officer")
    question = QuestionFactory(
        kind=QuestionKind.GRID,
        page__consultation__published_at=None,
        statements=["Clean", "Safe"],
        options=["Good", "Poor"],
    )
    consultation_id, page_id = question.page.consultation_id, question.page_id
    db.session.commit()
    token = pages.csrf_token()
    base = f"/officer/consultations/{consultation_id}"
    strings = hostile_strings()
    forms = [  # url, the fields the strings go into, which strings, the other fields kept valid
        (f"{base}/details", [*FREE_TEXT, "topics", "contact_email", "opens_time"], 1, _details),
        (
            f"{base}/questions/{question.id}/edit",
            ["text", "hint", "options", "statements"],
            2,
            None,
        ),
        (f"{base}/pages/{page_id}/rename", ["title"], 8, None),
    ]
    for url, fields, share, valid in forms:
        usual = page_baseline(pages.client, url, fields, token=token)
        statuses = set()
        for form in rotate(strings[::share], fields):
            pairs = valid(**form) if valid else list(form.items())
            response = post_raw(pages.client, url, [("csrf_token", token), *pairs])
            assert_safe_page(response, form.values(), baseline=usual)
            statuses.add(response.status_code)
        assert statuses == {200, 302}, (url, statuses)  # some saved, some sent back


def _consultation_full_of(strings: list[str], *, responses: int = 25):  # type: ignore[no-untyped-def]
    """An open consultation whose every officer-written text, question and answer is taken
    from `strings` (each used at least once)."""
    # As the forms would store them: no NULs, lone surrogates or other unprintable characters.
    text = itertools.cycle([remove_unprintable(string).strip() or "x" for string in strings])
    consultation = ConsultationFactory(
        title=next(text)[:200],
        summary=next(text),
        proposal=next(text),
        reasons=next(text),
        contact_name=next(text)[:200],
    )
    questions = []
    for position in range(10):
        page = QuestionPageFactory(consultation=consultation, position=position, title=next(text))
        questions.append(QuestionFactory(page=page, text=next(text), hint=next(text)))
        questions.append(
            QuestionFactory(
                page=page,
                kind=QuestionKind.MULTIPLE_CHOICE,
                text=next(text),
                options=list(dict.fromkeys([next(text), next(text), next(text)])),
                allow_other=True,
            )
        )
    made = []
    for _ in range(responses):
        response = ResponseFactory(consultation=consultation)
        for question in questions:
            if question.kind == QuestionKind.MULTIPLE_CHOICE:
                value = {"choices": question.options[:1], "other": next(text)}
                AnswerFactory(
                    response=response, question=question, value=value, text=value["other"]
                )
            else:
                AnswerFactory(response=response, question=question, value=next(text))
        made.append(response)
    db.session.commit()
    return consultation, made


def _pages_showing(consultation, responses) -> list[str]:  # type: ignore[no-untyped-def]
    officer = f"/officer/consultations/{consultation.id}"
    return [
        "/",
        f"/consultations/{consultation.slug}",
        f"/consultations/{consultation.slug}/privacy-notice",
        f"{officer}",
        f"{officer}/preview",
        f"{officer}/responses",
        *(f"{officer}/responses/{response.reference}" for response in responses[:5]),
    ]


def test_hostile_text_is_escaped_wherever_it_is_shown(pages, sign_in_as):
    """The same pages for a consultation written in plain words are the baseline."""
    sign_in_as("analyst")
    plain, plain_responses = _consultation_full_of([f"Plain words {n}" for n in range(40)])
    strings = list(hostile_strings())
    shown = 0
    for start in range(0, len(strings), 500):
        hostile, responses = _consultation_full_of(strings[start : start + 500])
        for url, usual_url in zip(
            _pages_showing(hostile, responses), _pages_showing(plain, plain_responses), strict=True
        ):
            usual = pages.client.get(usual_url).get_data(as_text=True)
            response = pages.client.get(url)
            assert response.status_code == 200, url
            assert_safe_page(response, strings[start : start + 500], baseline=usual)
            shown += 1
    assert shown == 2 * len(_pages_showing(plain, plain_responses))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_exported_cell_is_a_formula(pages, sign_in_as):
    """CSV: no cell starts like a formula (=, +, -, @, tab, CR) unless it is a number or made
    safe with an apostrophe. XLSX: no cell is a formula, and text that looks like one is marked
    as text (quotePrefix)."""
    consultation, _ = _consultation_full_of(list(hostile_strings()), responses=50)
    sign_in_as("analyst")
    # buffered: read the stream inside the request's own context (see IsolatedClient)
    pages.post(f"/officer/consultations/{consultation.id}/responses.csv", buffered=True)
    rows = list(csv.reader(io.StringIO(pages.last_response.get_data().decode("utf-8-sig"))))
    assert len(rows) == 51
    cells = [cell for row in rows for cell in row]
    formula_like = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert [cell for cell in formula_like if not _is_number(cell)] == []
    made_safe = [cell for cell in cells if cell[:1] == "'" and cell[1:].startswith(FORMULA_STARTS)]
    assert made_safe, "the corpus has formulas: some cells must have been made safe"

    pages.post(f"/officer/consultations/{consultation.id}/responses.xlsx")
    sheet = load_workbook(io.BytesIO(pages.last_response.get_data())).active
    quoted = 0
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                assert cell.quotePrefix, (cell.coordinate, cell.value[:40])
                quoted += 1
    assert quoted > 0
