"""New passwords are refused when common or built from the officer's name or e-mail or the
council's name: wherever a password is set (an admin adding an officer, an officer changing
their own, the command line), with GOV.UK error wording."""

from __future__ import annotations

import pytest

from involve.services import officers
from involve.services.password_policy import (
    COMMON_MESSAGE,
    WeakPassword,
    common_passwords,
    generate_password,
    is_common,
    refuse_weak_password,
)
from tests.factories import DEFAULT_PASSWORD, AuthoritySettingsFactory, OfficerFactory
from tests.officer_sessions import password_change
from tests.pages import error_summary, field_error


def test_the_list_is_zxcvbns_thirty_thousand_common_passwords():
    common = common_passwords()
    assert len(common) == 30_000
    assert {"password", "123456", "qwerty", "iloveyou", "trustno1"} <= common


@pytest.mark.parametrize(
    "password",
    [
        "qwertyasdfgh",  # on the list as it is
        "Password1234!",  # a common word with digits and a symbol added
        "P@ssw0rd 2024",  # leetspeak undone
        "monkeymonkey",  # one entry repeated
        "sunshine sunshine",
        "iloveyou2024",
        "123456789012",  # all digits, starting with a common run
        "Liverpool1892",
    ],
)
def test_common_passwords_and_their_obvious_variants_are_refused(password):
    assert is_common(password)
    with pytest.raises(WeakPassword, match=COMMON_MESSAGE):
        refuse_weak_password(password, email="someone@example.gov.uk")


@pytest.mark.parametrize(
    "password",
    [DEFAULT_PASSWORD, "browser test passphrase", "7Qz!xK9#mP2w", "marmalade on a tuesday"],
)
def test_uncommon_passwords_are_accepted(password):
    assert not is_common(password)
    refuse_weak_password(password, email="someone@example.gov.uk", full_name="Sam Someone")


@pytest.mark.parametrize(
    "password", ["priya.patel is me", "PATEL rules okay", "Pr1ya in the office", "jpatel99 more"]
)
def test_passwords_containing_the_officers_name_or_email_are_refused(password):
    with pytest.raises(WeakPassword, match="does not contain your name or email address"):
        refuse_weak_password(password, email="jpatel99@example.gov.uk", full_name="Priya Patel")


def test_passwords_containing_the_council_or_service_name_are_refused():
    AuthoritySettingsFactory(name="Stroud District Council")
    for password in ("welcome to stroud!", "Str0ud District rocks", "involve me please"):
        with pytest.raises(WeakPassword, match="name of the council or of this service"):
            refuse_weak_password(password, email="someone@example.gov.uk")
    # "District" and "Council" say nothing about this council in particular.
    refuse_weak_password("my district council pass", email="someone@example.gov.uk")


def test_length_is_checked_too():
    with pytest.raises(WeakPassword, match="between 12 and 200 characters"):
        refuse_weak_password("short", email="someone@example.gov.uk")


def test_generated_passwords_always_pass():
    people = [("sam.analyst@example.gov.uk", "Sam Analyst"), ("jo@example.gov.uk", "Jo Bloggs")]
    for _ in range(50):
        password = generate_password(people=people)
        for email, name in people:
            refuse_weak_password(password, email=email, full_name=name)


def test_an_officer_cannot_change_to_a_common_password(pages, sign_in_as):
    officer = sign_in_as("analyst")
    page = pages.post(
        "/account/change-password", password_change(DEFAULT_PASSWORD, "Password1234!")
    )
    assert error_summary(page) == [COMMON_MESSAGE]
    assert field_error(page, "new_password") == COMMON_MESSAGE
    assert officers.authenticate(email=officer.email, password=DEFAULT_PASSWORD) is not None


def test_an_administrator_cannot_give_a_new_officer_a_weak_password(pages, sign_in_as):
    sign_in_as("admin")
    form = {"full_name": "Robin Newcomer", "email": "robin@example.gov.uk", "role": "analyst"}
    page = pages.post("/officer/officers/new", {**form, "password": "letmein12345"})
    assert field_error(page, "password") == COMMON_MESSAGE
    page = pages.post("/officer/officers/new", {**form, "password": "newcomer robin 1"})
    assert field_error(page, "password") == (
        "Choose a password that does not contain the officer's name or email address"
    )
    # What was typed stays in the form.
    assert page.select_one("#full_name")["value"] == "Robin Newcomer"
    assert officers.get_officer_by_email("robin@example.gov.uk") is None


def test_the_command_line_refuses_weak_passwords(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["involve", "create-officer", "--email", "new@example.gov.uk", "--name", "New One"],
        input="qwertyuiop123\nqwertyuiop123\n",
    )
    assert result.exit_code != 0
    assert COMMON_MESSAGE in result.output
    assert officers.get_officer_by_email("new@example.gov.uk") is None

    officer = OfficerFactory()
    result = runner.invoke(
        args=["involve", "set-password", "--email", officer.email, "--password", "iloveyou2024"]
    )
    assert result.exit_code != 0
    assert COMMON_MESSAGE in result.output
    generated = runner.invoke(args=["involve", "set-password", "--email", officer.email])
    assert generated.exit_code == 0, generated.output


@pytest.mark.parametrize(
    ("full_name", "password"),
    [
        ("Ann Smith", "channel tunnel vision"),  # "Ann" is inside ordinary words
        ("Lee Wong", "sleepless in sheffield"),
        ("Tom Jones", "tomato soup for lunch"),
    ],
)
def test_short_parts_of_a_name_do_not_refuse_ordinary_words(full_name, password):
    refuse_weak_password(password, email="someone@example.gov.uk", full_name=full_name)


def test_a_longer_part_of_a_name_is_still_refused():
    with pytest.raises(WeakPassword, match="does not contain your name or email address"):
        refuse_weak_password(
            "smith family holiday", email="a@example.gov.uk", full_name="Ann Smith"
        )


def test_compass_points_in_a_councils_name_do_not_refuse_ordinary_words():
    AuthoritySettingsFactory(name="North East Lincolnshire Council")
    for password in ("a feast for the eyes", "southern comfort blend", "westward the wagons"):
        refuse_weak_password(password, email="someone@example.gov.uk")
    with pytest.raises(WeakPassword, match="name of the council or of this service"):
        refuse_weak_password("lincolnshire sausages", email="someone@example.gov.uk")
