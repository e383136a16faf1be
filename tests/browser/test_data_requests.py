"""Issue 7 in Chromium, on the demo data: an administrator answers a subject access request for
a demo respondent found by e-mail address (JSON download, readable page), then erases their
data with a reason; residents withdraw their equality answers with their reference, with and
without JavaScript. axe checks every page on the way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ERROR_TITLE,
    assert_accessible,
    demo_server,
    screenshot,
)
from tests.browser.second_factor import pass_second_factor


def pick_demo_people() -> None:
    """Run in the server's environment: print a demo respondent's e-mail address (one who gave
    equality answers) and the references of two other respondents with equality answers."""
    from sqlalchemy import select

    from involve import create_app
    from involve.extensions import db
    from involve.models import EqualityAnswers, RespondentProfile, Response, ResponseStatus

    with create_app().app_context():
        with_equality = (
            select(Response)
            .join(EqualityAnswers, EqualityAnswers.response_id == Response.id)
            .join(RespondentProfile, RespondentProfile.response_id == Response.id)
            .where(Response.status == ResponseStatus.SUBMITTED)
            .order_by(Response.id)
        )
        person = db.session.scalars(with_equality.where(RespondentProfile.email != "")).first()
        others = db.session.scalars(
            with_equality.where(RespondentProfile.email == "").limit(2)
        ).all()
        print(person.profile.email, *(response.reference for response in others))


@pytest.fixture(scope="module")
def demo_people() -> Iterator[tuple[str, str, str, str]]:
    prepare = f"from {__name__} import pick_demo_people as p; p()"
    with demo_server("involve-browser-data-requests-", prepare=[prepare]) as (base, printed):
        email, first, second = printed.split()[-3:]
        yield base, email, first, second


def _sign_in_as_admin(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/sign-in")
    page.fill("#email", "admin@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, "admin@example.gov.uk")


def _search(page, text: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("E-mail address or response reference").fill(text)
    page.get_by_label("Request reference or reason").fill(reason)
    page.get_by_role("button", name="Find personal data").click()


def test_an_administrator_answers_and_erases_a_subject_access_request(page, demo_people):  # type: ignore[no-untyped-def]
    base, email, _, _ = demo_people
    _sign_in_as_admin(page, base)
    page.get_by_role("link", name="Data requests").click()
    assert page.locator("h1").inner_text() == "Data requests"
    assert_accessible(page, "data requests search")

    _search(page, email.upper(), "")
    expect(page).to_have_title(ERROR_TITLE)
    assert "Enter the request reference" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "data requests search with an error")

    _search(page, f"  {email.upper()} ", "SAR 2026/014")
    assert page.locator("h1").inner_text() == "Personal data found"
    assert email in page.locator("main").inner_text()
    assert_accessible(page, "subject access results")
    screenshot(page, "subject-access-results")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as JSON").click()
    download = download_info.value
    document = json.loads(Path(download.path()).read_text())
    assert document["format"] == "involve-subject-access"
    assert {held["about_you"]["email"] for held in document["responses"]} == {email}
    references = [held["reference"] for held in document["responses"]]
    # Named by the first reference and the date, never by the officer's free text.
    assert download.suggested_filename.startswith(f"subject-access-{references[0]}-")

    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Open a readable page to print or send").click()
    readable = new_tab.value
    readable.wait_for_load_state()
    assert readable.locator("h1").inner_text().startswith("Your personal data held by")
    assert email in readable.locator("main").inner_text()
    assert_accessible(readable, "readable subject access page")
    screenshot(readable, "subject-access-readable")
    readable.close()

    erase = page.get_by_role("button", name="Erase this person's data")
    (erase.last if len(references) > 1 else erase).click()  # "from all N responses" comes first
    assert page.locator("h1").inner_text() == "Erase this person's data"
    page.get_by_label("Why are you erasing this data?").fill("")
    page.get_by_role("button", name="Erase personal data").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page, "erasure confirmation with an error")
    page.get_by_label("Why are you erasing this data?").fill("Erasure request SAR 2026/014")
    page.get_by_role("button", name="Erase personal data").click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "Personal data erased from 1 response" in banner

    erased = references[-1]
    _search(page, erased.lower(), "SAR 2026/014")
    assert "Personal data erased on" in page.locator(f"#response-{erased}").inner_text()
    if len(references) == 1:
        page.get_by_role("link", name="Start a new search").click()
        _search(page, email, "SAR 2026/014")
        assert page.locator("h1").inner_text() == "No personal data found"

    page.goto(base + "/officer/access-log")  # no longer in the header: reached from the audit log
    log = page.locator("#access-log").inner_text()
    assert "Erased a person's data" in log and "Exported a person's data" in log
    assert email not in log
    assert_accessible(page, "access log")


def test_an_administrator_erases_the_subscriptions_of_someone_who_never_responded(  # type: ignore[no-untyped-def]
    page, demo_people
):
    base = demo_people[0]
    subscriber = "sam.resident@example.com"  # a demo subscriber (involve.demo_subscriptions)
    _sign_in_as_admin(page, base)
    page.goto(base + "/officer/data-requests")
    _search(page, subscriber, "SAR 2026/015")
    assert page.locator("h1").inner_text() == "Personal data found"
    assert "consultations about Parking" in page.locator("#subscriptions").inner_text()
    assert_accessible(page, "subject access results with subscriptions")
    page.get_by_role("button", name="Erase this person's subscriptions and e-mails").click()
    assert page.locator("h1").inner_text() == "Erase this person's data"
    assert "consultations about Parking" in page.locator("#confirm-email-data").inner_text()
    assert_accessible(page, "erasure confirmation for subscriptions")
    page.get_by_role("button", name="Erase personal data").click()
    assert "subscriptions deleted" in page.locator(".govuk-notification-banner").inner_text()
    _search(page, subscriber, "SAR 2026/015")
    assert page.locator("h1").inner_text() == "No personal data found"


def _withdraw(page, base: str, reference: str, *, check_accessibility: bool) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/withdraw-equality-answers")
    assert page.locator("h1").inner_text() == "Withdraw your equality answers"
    page.get_by_label("Your response reference").fill("ABC-DEF-GHJ")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert "We hold no equality answers" in page.locator(".govuk-error-summary").inner_text()
    if check_accessibility:
        assert_accessible(page, "withdrawal with an unknown reference")
    page.get_by_label("Your response reference").fill(reference.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    assert "Are you sure" in page.locator("h1").inner_text()
    if check_accessibility:
        assert_accessible(page, "withdrawal confirmation")
    page.get_by_role("button", name="Yes, delete my equality answers").click()
    assert page.locator(".govuk-panel__title").inner_text() == "Equality answers deleted"
    assert page.locator("#reference").inner_text() == reference
    if check_accessibility:
        assert_accessible(page, "equality answers deleted")


def test_residents_withdraw_their_equality_answers_with_and_without_javascript(  # type: ignore[no-untyped-def]
    page, page_without_javascript, demo_people
):
    base, _, first, second = demo_people
    _withdraw(page, base, first, check_accessibility=True)
    screenshot(page, "equality-withdrawn")
    _withdraw(page_without_javascript, base, second, check_accessibility=False)
    # Once withdrawn, the reference gives the same answer as an unknown one.
    page.goto(base + "/withdraw-equality-answers")
    page.get_by_label("Your response reference").fill(first)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(ERROR_TITLE)
