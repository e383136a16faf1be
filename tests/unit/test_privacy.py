"""PII detection and redaction, each kind with the formats residents write and the look-alikes
that must stay (road numbers, bus routes, years, prices, times, counts, dates). Written from the
rules in issue 7 before the detector, not fitted to the benchmark set."""

from __future__ import annotations

import dataclasses
import time

import pytest

from analysis.privacy import KINDS, PiiMatch, find_pii, redact


def found(text: str, extra_terms: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(match.kind, match.text) for match in find_pii(text, extra_terms)]


def assert_only(text: str, kind: str, expected: str) -> None:
    assert found(text) == [(kind, expected)]


def assert_nothing(text: str) -> None:
    assert found(text) == []


# --- e-mail -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "jane.smith@example.com",
        "J_Smith+consult@mail.example.co.uk",
        "bob@stroud-town.org.uk",
        "resident123@gmail.com",
        "first.last@sub.domain.gov.uk",
    ],
)
def test_email_addresses_are_found_whole_including_the_domain(address: str) -> None:
    assert_only(f"Please reply to {address}. Thanks", "email", address)


@pytest.mark.parametrize(
    "written", ["jane dot smith at gmail dot com", "bob [at] example [dot] co [dot] uk"]
)
def test_spelled_out_email_addresses_are_found(written: str) -> None:
    assert_only(f"My e-mail is {written} if needed", "email", written)


@pytest.mark.parametrize(
    "text",
    [
        "We met at the library at 10am.",
        "Costs went up @ the leisure centre",
        "Follow @StroudDC on social media",
        "See www.stroud.gov.uk for details",
        "I looked at home dot com style websites",
    ],
)
def test_text_that_only_resembles_an_email_is_kept(text: str) -> None:
    assert_nothing(text)


# --- phone --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "+44 7700 900123",
        "0044 7700 900 123",
        "+447700900123",
        "(01453) 123456",
        "01453-123-456",
        "020 7946 0000",
        "0117 496 0000",
        "+44 (0)20 7946 0000",
        "07123456789",
        "01632 960123",
    ],
)
def test_uk_phone_numbers_are_found_in_common_formats(number: str) -> None:
    assert_only(f"Ring me on {number} after six", "phone", number)


@pytest.mark.parametrize(
    "text",
    [
        "The 64 bus and route 93 are always late",
        "Open 0930-1700 daily except 25/12/2024",
        "It cost £12.50 in 2023 and £14.00 in 2024",
        "About 1200 people signed, 345 of them from Stroud",
        "Reference 2024 0012 3456 on the letter",
        "Meeting on 01 03 2024 at 19:30",
        "I rang the council on 0300 123 4567 and 0800 123 4567",  # organisations' lines
    ],
)
def test_numbers_that_are_not_phone_numbers_are_kept(text: str) -> None:
    assert_nothing(text)


# --- postcode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode",
    ["GL5 4UB", "gl54ub", "SW1A 1AA", "m1 1ae", "B33 8TH", "EC1A  1BB", "Gl5 4ub", "ls6 3pb"],
)
def test_full_postcodes_are_found_in_any_case_and_spacing(postcode: str) -> None:
    assert_only(f"I live at {postcode}, near the park", "postcode", postcode)


@pytest.mark.parametrize(
    "text",
    [
        "Everyone in GL5 uses this road",
        "Traffic on the A38 and M5 is bad",
        "The B4066 needs resurfacing",
        "Stuck on the M5 3pm every day",
        "Queues on the M5 9am to 10am, m5 3pm too",
        "QQ1 1AA is not a postcode area",
        "Model AB12 CDE of the bin lorry",
    ],
)
def test_outward_codes_road_numbers_and_look_alikes_are_kept(text: str) -> None:
    assert_nothing(text)


# --- National Insurance number ------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["AB123456C", "AB 12 34 56 C", "ab123456c", "JG 103759 A", "ZX 12 34 56 D"]
)
def test_national_insurance_numbers_are_found(number: str) -> None:
    assert_only(f"My NI number is {number} for the benefit", "ni number", number)


@pytest.mark.parametrize(
    "number",
    [
        "DA123456C",  # first letter D
        "AO123456C",  # second letter O
        "GB123456A",  # administrative prefix
        "NK 12 34 56 B",  # administrative prefix
        "AB123456E",  # suffix beyond D
        "QQ123456C",  # Q is never used
        "TN123456A",  # temporary reference
    ],
)
def test_strings_breaking_the_hmrc_prefix_and_suffix_rules_are_kept(number: str) -> None:
    assert_nothing(f"The code was {number} on the form")


# --- NHS number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["943 476 5919", "999-000-0018", "9997654323", "999 111 2227", "999 246 8106"]
)
def test_nhs_numbers_with_a_valid_check_digit_are_found(number: str) -> None:
    assert_only(f"My NHS number is {number}.", "nhs number", number)


@pytest.mark.parametrize(
    "number",
    [
        "943 476 5918",  # wrong check digit
        "999 123 4560",  # check digit would be 10: never issued
        "12345",
        "943 476 59191",  # too long
        "94 34 76 59 19",  # not grouped 3-3-4
    ],
)
def test_nhs_look_alikes_are_kept(number: str) -> None:
    assert_nothing(f"The number was {number} on the letter")


# --- address ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "12 Acacia Avenue",
        "Flat 3, 45 High St",
        "7a Church Road",
        "221B Baker Street",
        "3 Orchard Close",
        "14 St Mary's Terrace",
        "2-4 Mill Lane",
        "9 acacia avenue",
        "4 The Crescent",
    ],
)
def test_house_number_and_street_are_found(address: str) -> None:
    assert_only(f"I live at {address} and the bins are late", "address", address)


@pytest.mark.parametrize(
    "text",
    [
        "Parking on the High Street is impossible",
        "Traffic on the A38 Bristol Road is terrible",
        "The 64 bus along London Road is always full",
        "We walked 3 times round the green",
        "There are 40 houses on the lane",
        "In 2024 Church Road was closed for weeks",
    ],
)
def test_street_names_without_a_house_number_and_counts_are_kept(text: str) -> None:
    assert_nothing(text)


# --- name ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I wrote to Cllr Jones twice", "Jones"),
        ("Mrs Patel next door agrees", "Patel"),
        ("Dr. Sarah O'Brien at the surgery", "Sarah O'Brien"),
        ("Councillor Ann Smith-Jones never replied", "Ann Smith-Jones"),
        ("Ask Mx Taylor about it", "Taylor"),
        ("Prof McKenzie spoke well", "McKenzie"),
        ("I am Professor Ahmed's carer", "Ahmed"),
        ("Rev Thomas runs the food bank", "Thomas"),
    ],
)
def test_titled_names_are_found_and_the_title_is_kept(text: str, name: str) -> None:
    assert_only(text, "name", name)


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir or Madam, I object",
        "Sir, I think this is wrong",
        "The Mayor opened the park",
        "Ask your Dr. The surgery will know",
        "John said the buses are late",  # untitled and not listed
        "Mrs and Mr",
        "Lady Godiva Way is closed again",  # a street named after a titled person
    ],
)
def test_untitled_names_and_bare_titles_are_kept(text: str) -> None:
    assert_nothing(text)


# --- extra terms --------------------------------------------------------------------------------


def test_extra_terms_match_whole_words_case_insensitively_longest_first() -> None:
    text = "jane smith and JANE told Janet that Smithfield is fine; Jane Smith agreed."
    matches = find_pii(text, ["Jane", "Jane Smith"])
    assert [(m.kind, m.text) for m in matches] == [
        ("name", "jane smith"),
        ("name", "JANE"),
        ("name", "Jane Smith"),
    ]


def test_an_extra_term_that_is_an_address_or_postcode_is_redacted_as_that_kind() -> None:
    text = "I live at Rose Cottage, Bath Road, GL5 4UB."
    assert redact(text, ["Rose Cottage", "GL5 4UB"]) == "I live at [name], Bath Road, [postcode]."
    assert redact("at 12 acacia avenue", ["12 Acacia Avenue"]) == "at [address]"


def test_blank_extra_terms_are_ignored() -> None:
    assert find_pii("A plain sentence.", ["", "  ", "a"]) == []


# --- overlaps, offsets and redaction ------------------------------------------------------------


def test_matches_carry_exact_offsets_and_are_frozen() -> None:
    text = "Email jo@example.com or call 07700 900123."
    matches = find_pii(text)
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert match.kind in KINDS
    with pytest.raises(dataclasses.FrozenInstanceError):
        matches[0].kind = "other"  # type: ignore[misc]
    assert matches == sorted(matches, key=lambda match: match.start)


def test_the_longest_overlapping_match_wins() -> None:
    matches = find_pii("Send it to 12 Acacia Avenue please", ["Acacia"])
    assert matches == [PiiMatch("address", 11, 27, "12 Acacia Avenue")]


def test_redact_replaces_every_kind_and_keeps_the_rest() -> None:
    text = (
        "I'm Mrs Brown of Flat 3, 45 High St, GL5 4UB (tel 01453 123456, mrs.b@example.com, "
        "NI AB123456C, NHS 943 476 5919). The 64 bus on the A38 costs £2.50 since 2024."
    )
    assert redact(text) == (
        "I'm Mrs [name] of [address], [postcode] (tel [phone], [email], "
        "NI [ni number], NHS [nhs number]). The 64 bus on the A38 costs £2.50 since 2024."
    )


def test_text_without_pii_comes_back_unchanged() -> None:
    text = "The 10:15 number 64 bus from Stroud takes 35 minutes; 3 times a week it's late."
    assert redact(text) == text
    assert redact("") == ""


def test_long_repetitive_text_is_scanned_in_linear_time() -> None:
    # Unbounded "x dot x dot ..." repeats once backtracked across the whole text (14 s here).
    text = "x dot " * 10_000 + "at y and 12 Oak Road. " * 500
    started = time.perf_counter()
    matches = find_pii(text)
    assert time.perf_counter() - started < 5
    assert len(matches) == 500
