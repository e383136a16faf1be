"""The data-minimisation detector: which personal data a question's wording asks for, and whether
a plan's text mentions it. Positive and negative cases for each kind."""

from __future__ import annotations

import pytest

from analysis.personal_data_requests import KINDS_BY_KEY, mentions_kind, requested_kinds


def _kinds(text: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [kind.key for kind in requested_kinds(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is your name?", ["name"]),
        ("Your full name", ["name"]),
        ("Name", ["name"]),
        ("Please give your surname", ["name"]),
        ("What is your e-mail address?", ["email"]),
        ("Your email", ["email"]),
        ("What is your home address?", ["address"]),
        ("Your postcode", ["postcode"]),
        ("Enter your post code so we can map responses", ["postcode"]),
        ("What is your phone number?", ["phone"]),
        ("Mobile number", ["phone"]),
        ("What is your date of birth?", ["date_of_birth"]),
        ("When were you born?", ["date_of_birth"]),
        ("How old are you?", ["age"]),
        ("Which age group are you in?", ["age"]),
        ("Are you aged 65 or over?", ["age"]),
        ("Do you have a long-term health condition?", ["health"]),
        ("How has the closure affected your mental health?", ["health"]),
        ("Do you consider yourself to be disabled?", ["disability"]),
        ("Do you have any disabilities we should know about?", ["disability"]),
        ("What is your religion or belief?", ["religion"]),
        ("Which ethnic group do you belong to?", ["ethnicity"]),
        ("Which of these best describes your ethnic group?", ["ethnicity"]),
        ("Which of the following best describes your sexual orientation?", ["sexual_orientation"]),
        ("Are you male or female?", ["sex_or_gender"]),
        ("What is your gender?", ["sex_or_gender"]),
        ("What is your household income?", ["income"]),
        ("Do you receive any benefits?", ["income"]),
        ("What is your marital status?", ["marital_status"]),
        ("Are you pregnant?", ["pregnancy"]),
        ("What is your National Insurance number?", ["identity_number"]),
        ("What is your name and e-mail address?", ["name", "email"]),
        ("What is your name and e-mail?", ["name", "email"]),
        ("What\u2019s your name?", ["name"]),
    ],
)
def test_wording_that_asks_for_personal_data_is_found(text, expected):
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The name of a thing is not personal data: only a person's name is flagged.
        "What do you think of the library's name?",
        "Suggest a name for the new park",
        "What is your organisation's name?",
        "Would you like updates by e-mail?",
        "How could we make the library easier to use for people with disabilities?",
        "How can we reach people from ethnic minority groups?",
        "What do you think of health services in Stroud?",
        "How far is your local health centre?",
        "Do you think the benefits outweigh the costs?",
        "Do you think the age limit for the club is right?",
        "Would you use a disabled parking bay?",
        "Which opening hours suit you best?",
        "Do you have a garage?",
        "How many times did you visit the library last year?",
        "",
    ],
)
def test_ordinary_questions_are_not_flagged(text):
    assert _kinds(text) == []


def test_a_postcode_question_asks_for_a_postcode_whatever_its_wording():
    assert _kinds("Where do you live?", is_postcode_question=True) == ["postcode"]
    assert _kinds("Where do you live?") == []


def test_special_category_kinds_are_marked():
    assert KINDS_BY_KEY["health"].special and KINDS_BY_KEY["ethnicity"].special
    assert not KINDS_BY_KEY["name"].special and not KINDS_BY_KEY["postcode"].special


@pytest.mark.parametrize(
    ("plan", "key", "expected"),
    [
        ("Names and e-mail addresses, so we can reply", "name", True),
        ("Names and e-mail addresses, so we can reply", "email", True),
        ("Postcodes, to see which wards responses come from", "postcode", True),
        ("Home addresses for posting vouchers", "postcode", True),  # an address includes it
        ("None", "name", False),
        ("None: attendance is counted, not recorded by name.", "name", False),
        ("We do not collect names, only postcodes", "name", False),
        ("We do not collect names, only postcodes", "postcode", True),
        ("No postcodes or e-mails", "email", False),
        ("E-mail addresses only", "address", False),  # an e-mail address is not a home address
        ("Ethnic group, to check we reach every community", "ethnicity", True),
        ("Ethnic group, to check we reach every community", "disability", False),
    ],
)
def test_a_plan_mentions_a_kind_unless_it_negates_it(plan, key, expected):
    assert mentions_kind(plan, KINDS_BY_KEY[key]) is expected
