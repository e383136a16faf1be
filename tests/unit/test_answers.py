"""The questionnaire engine: parsing every kind of answer, showing it, and routing pages."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from involve.models import Question, QuestionKind, QuestionPage
from involve.questionnaire.answers import display_answer, parse_answer, submitted_from_value
from involve.questionnaire.routing import visible_pages

LIMIT = 10_000


def _question(kind, *, required=True, **fields):
    return Question(id=7, kind=kind, text="Q", required=required, **fields)


def _parse(question, data):
    return parse_answer(question, MultiDict(data), long_text_max=LIMIT)


CHOICES = {"options": ["Red", "Blue"], "allow_other": True}
GRID = {"statements": ["Staff", "Building"], "options": ["Good", "Poor"]}
RANK = {"options": ["A", "B", "C"]}

VALID = [
    (QuestionKind.SHORT_TEXT, {}, {"q7": "  hello "}, "hello"),
    (QuestionKind.LONG_TEXT, {}, {"q7": "a long view"}, "a long view"),
    (QuestionKind.SINGLE_CHOICE, CHOICES, {"q7": "Blue"}, "Blue"),
    (QuestionKind.AGREE_SCALE, {}, {"q7": "Agree"}, "Agree"),
    (
        QuestionKind.MULTIPLE_CHOICE,
        CHOICES,
        [("q7", "Blue"), ("q7", "__other__"), ("q7-other", "Green")],
        {"choices": ["Blue"], "other": "Green"},
    ),
    (
        QuestionKind.GRID,
        GRID,
        {"q7-s0": "Good", "q7-s1": "Poor"},
        {"Staff": "Good", "Building": "Poor"},
    ),
    (QuestionKind.RANKING, RANK, {"q7-o0": "3", "q7-o1": "1", "q7-o2": "2"}, ["B", "C", "A"]),
    (QuestionKind.NUMBER, {"min_value": 1, "max_value": 2000}, {"q7": "1,200"}, 1200),
    (QuestionKind.DATE, {}, {"q7-day": "9", "q7-month": "11", "q7-year": "2023"}, "2023-11-09"),
    (QuestionKind.POSTCODE, {}, {"q7": "gl54ub"}, "GL5 4UB"),
]


@pytest.mark.parametrize(("kind", "fields", "data", "value"), VALID)
def test_a_valid_answer_of_each_kind_parses_and_round_trips(kind, fields, data, value):
    question = _question(kind, **fields)
    parsed = _parse(question, data)
    assert parsed.error is None
    assert parsed.value == value
    again = _parse(question, MultiDict(_as_items(submitted_from_value(question, parsed.value))))
    assert again.value == value
    assert display_answer(question, value)


def _as_items(submitted):
    items = []
    for name, value in submitted.items():
        items.extend((name, each) for each in (value if isinstance(value, list) else [value]))
    return items


MISSING = [
    (QuestionKind.SHORT_TEXT, {}, "Enter an answer"),
    (QuestionKind.LONG_TEXT, {}, "Enter an answer"),
    (QuestionKind.SINGLE_CHOICE, CHOICES, "Select an answer"),
    (QuestionKind.AGREE_SCALE, {}, "Select an answer"),
    (QuestionKind.MULTIPLE_CHOICE, CHOICES, "Select at least one option"),
    (QuestionKind.GRID, GRID, "Select an answer for each statement"),
    (QuestionKind.RANKING, RANK, "Rank the options from 1 to 3"),
    (QuestionKind.NUMBER, {}, "Enter a number"),
    (QuestionKind.DATE, {}, "Enter a date"),
    (QuestionKind.POSTCODE, {}, "Enter a postcode"),
]


@pytest.mark.parametrize(("kind", "fields", "message"), MISSING)
def test_a_required_question_left_blank_says_what_to_do(kind, fields, message):
    assert _parse(_question(kind, **fields), {}).error == message


@pytest.mark.parametrize(("kind", "fields", "message"), MISSING)
def test_an_optional_question_left_blank_is_no_answer_and_no_error(kind, fields, message):
    parsed = _parse(_question(kind, required=False, **fields), {})
    assert (parsed.value, parsed.error) == (None, None)


INVALID = [
    (QuestionKind.SHORT_TEXT, {}, {"q7": "x" * 501}, "Your answer must be 500 characters or fewer"),
    (
        QuestionKind.LONG_TEXT,
        {},
        {"q7": "x" * 10_001},
        "Your answer must be 10,000 characters or fewer",
    ),
    (
        QuestionKind.LONG_TEXT,
        {"max_length": 5},
        {"q7": "x" * 6},
        "Your answer must be 5 characters or fewer",
    ),
    (QuestionKind.NUMBER, {}, {"q7": "12.5"}, "Enter a whole number, like 12"),
    (
        QuestionKind.NUMBER,
        {"min_value": 0, "max_value": 10},
        {"q7": "11"},
        "Enter a number between 0 and 10",
    ),
    (QuestionKind.NUMBER, {"min_value": 5}, {"q7": "4"}, "Enter a number of 5 or more"),
    (
        QuestionKind.DATE,
        {},
        {"q7-day": "30", "q7-month": "2", "q7-year": "2023"},
        "Date must be a real date",
    ),
    (QuestionKind.DATE, {}, {"q7-day": "3", "q7-year": "2023"}, "Date must include a month"),
    (QuestionKind.POSTCODE, {}, {"q7": "ABC 123"}, "Enter a full UK postcode, like GL5 4UB"),
    (QuestionKind.SINGLE_CHOICE, CHOICES, {"q7": "Green"}, "Select one of the options"),
    (QuestionKind.MULTIPLE_CHOICE, CHOICES, {"q7": "Green"}, "Select from the options shown"),
    (QuestionKind.MULTIPLE_CHOICE, CHOICES, {"q7": "__other__"}, "Enter your other answer"),
    (QuestionKind.GRID, GRID, {"q7-s0": "Good"}, "Select an answer for each statement"),
    (QuestionKind.GRID, GRID, {"q7-s0": "Great", "q7-s1": "Good"}, "Select from the options shown"),
    (
        QuestionKind.RANKING,
        RANK,
        {"q7-o0": "1", "q7-o1": "1", "q7-o2": "2"},
        "Give each option a different rank from 1 to 3",
    ),
]


@pytest.mark.parametrize(("kind", "fields", "data", "message"), INVALID)
def test_a_badly_formed_answer_is_refused_and_kept_to_show_again(kind, fields, data, message):
    parsed = _parse(_question(kind, **fields), data)
    assert parsed.error == message
    assert parsed.value is None
    for name, value in data.items():
        assert parsed.submitted[name] in (value, [value])


def test_an_optional_grid_keeps_the_statements_that_were_answered():
    parsed = _parse(_question(QuestionKind.GRID, required=False, **GRID), {"q7-s1": "Poor"})
    assert parsed.value == {"Building": "Poor"}


def test_display_answer_writes_each_kind_for_people():
    assert display_answer(_question(QuestionKind.NUMBER), 1200) == ["1,200"]
    assert display_answer(_question(QuestionKind.DATE), "2023-11-09") == ["9 November 2023"]
    assert display_answer(_question(QuestionKind.RANKING, **RANK), ["B", "A"]) == ["1. B", "2. A"]
    assert display_answer(
        _question(QuestionKind.MULTIPLE_CHOICE), {"choices": ["Red"], "other": "Tea"}
    ) == [
        "Red",
        "Other: Tea",
    ]
    assert display_answer(_question(QuestionKind.SHORT_TEXT), None) == []


def _pages():
    gate = Question(id=1, kind=QuestionKind.SINGLE_CHOICE, text="Drive?", options=["Yes", "No"])
    first = QuestionPage(id=1, position=1, questions=[gate])
    second = QuestionPage(
        id=2,
        position=2,
        show_if_question_id=1,
        show_if_value="Yes",
        questions=[Question(id=2, kind=QuestionKind.SHORT_TEXT, text="Car?")],
    )
    third = QuestionPage(
        id=3,
        position=3,
        show_if_question_id=2,
        show_if_value="Van",
        questions=[Question(id=3, kind=QuestionKind.SHORT_TEXT, text="Van?")],
    )
    return [third, first, second]


def test_a_conditional_page_shows_when_its_condition_is_met():
    shown = visible_pages(_pages(), {1: "Yes", 2: "Van"})
    assert [page.id for page in shown] == [1, 2, 3]


def test_a_conditional_page_is_hidden_when_its_condition_is_not_met_nor_its_source_shown():
    # Question 2's stored answer no longer counts once its own page is hidden.
    assert [page.id for page in visible_pages(_pages(), {1: "No", 2: "Van"})] == [1]
    assert [page.id for page in visible_pages(_pages(), {})] == [1]


def test_unprintable_characters_are_removed_before_parsing():
    """NUL breaks PostgreSQL text columns and makes invalid HTML when shown back."""
    from werkzeug.datastructures import MultiDict

    from involve.models import Question, QuestionKind
    from involve.questionnaire.answers import parse_answer

    question = Question(id=7, kind=QuestionKind.LONG_TEXT, text="Why?", required=True)
    parsed = parse_answer(question, MultiDict({"q7": "hello\x00 world\x1b"}), long_text_max=100)
    assert parsed.value == "hello world"
    assert parsed.submitted == {"q7": "hello world"}


def test_superscript_digits_are_refused_not_crashing():
    from involve.models import Question, QuestionKind
    from involve.questionnaire.answers import parse_answer

    ranking = Question(id=8, kind=QuestionKind.RANKING, text="Rank", options=["A", "B"])
    parsed = parse_answer(ranking, {"q8-o0": "²", "q8-o1": "1"}, long_text_max=100)
    assert parsed.error == "Give each option a different rank from 1 to 2"
    when = Question(id=9, kind=QuestionKind.DATE, text="When")
    parsed = parse_answer(
        when, {"q9-day": "²", "q9-month": "1", "q9-year": "2025"}, long_text_max=100
    )
    assert parsed.error == "Date must be a real date"


@pytest.mark.parametrize(
    "day, month",
    [("99999999999999999999", "1"), ("1", "99999999999999999999"), ("001", "1"), ("1", "012")],
)
def test_a_date_part_too_long_is_not_a_real_date(day, month):
    """A 20-digit day overflowed date() (a 500 found by the security trial); a 3-digit part is
    never a day or a month."""
    data = {"q7-day": day, "q7-month": month, "q7-year": "2020"}
    parsed = _parse(_question(QuestionKind.DATE), data)
    assert parsed.error == "Date must be a real date"
    assert parsed.submitted["q7-day"] == day  # what was typed is shown back
