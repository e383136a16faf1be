"""Issue 8 in Chromium: a resident asks to be e-mailed when the demo parking
plan's outcome is published, confirms by the link in the e-mail the outbox received, an officer
publishes the outcome, the resident's outcome e-mail arrives in the outbox (the file, and the
officer's outbox page), its link leads to the outcome and its unsubscribe link works.
axe checks every page on the way.

It runs on its own demo server, because publishing the outcome changes the shared demo data."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, demo_server
from tests.browser.second_factor import pass_second_factor

RESIDENT = "pat.browser@example.com"
LINK = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def server_with_outbox() -> Iterator[tuple[str, Path]]:
    outbox = Path(tempfile.mkdtemp(prefix="involve-outbox-"))
    settings = {"INVOLVE_OUTBOX_DIR": str(outbox)}
    try:
        with demo_server("involve-subscriptions-", env=settings) as (base_url, _):
            yield base_url, outbox
    finally:
        shutil.rmtree(outbox, ignore_errors=True)


def _wait_for_email(outbox: Path, subject_start: str) -> tuple[EmailMessage, int]:
    """E-mails are sent by a background job after the page has answered: poll the folder.
    Returns the e-mail and its number (the file is message-<number>.eml)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml")):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            if mail["To"] == RESIDENT and mail["Subject"].startswith(subject_start):
                return mail, int(path.stem.split("-")[1])  # type: ignore[return-value]
        time.sleep(0.2)
    raise AssertionError(f"no e-mail {subject_start!r} to {RESIDENT} in {outbox}")


def _link_after(mail: EmailMessage, words: str) -> str:
    text = mail.get_content()
    found = LINK.search(text, text.index(words))
    assert found, text
    return found.group(0)


def _same_server(base_url: str, link: str) -> str:
    return base_url + urlsplit(link).path


def test_subscribing_works_without_javascript(page_without_javascript, server_with_outbox):
    base_url, _ = server_with_outbox
    resident = page_without_javascript
    resident.goto(base_url + "/")
    resident.get_by_role("link", name="Get emails about new consultations").click()
    resident.get_by_role("link", name="a topic you care about").click()
    resident.get_by_role("button", name="Continue").click()
    expect(resident).to_have_title(ERROR_TITLE)
    assert resident.locator(".govuk-error-summary").inner_text().splitlines()[1:] == [
        "Select a topic",
        "Enter your email address",
    ]
    resident.get_by_label("Which topic?").select_option("Parking")
    resident.get_by_label("Email address").fill("no.script@example.com")
    resident.get_by_role("button", name="Continue").click()
    assert resident.locator("h1").inner_text() == "Check your email"


def test_a_resident_gets_the_outcome_email_and_can_unsubscribe(browser, page, server_with_outbox):
    base_url, outbox = server_with_outbox
    resident = page
    resident.goto(base_url + "/consultations/town-centre-parking-plan")
    resident.get_by_role("link", name="Get an email when the outcome is published").click()
    assert resident.locator("h1").inner_text() == "Get an email when the outcome is published"
    assert_accessible(resident, "outcome subscription form")
    resident.get_by_role("button", name="Continue").click()
    expect(resident).to_have_title(ERROR_TITLE)
    assert "Enter your email address" in resident.locator(".govuk-error-summary").inner_text()
    assert_accessible(resident, "outcome subscription form with an error")
    resident.get_by_label("Email address").fill(RESIDENT)
    resident.get_by_role("button", name="Continue").click()
    assert resident.locator("h1").inner_text() == "Check your email"
    assert_accessible(resident, "check your email")

    confirmation, _ = _wait_for_email(outbox, "Confirm your email subscription")
    assert "the outcome of “Town centre parking plan”" in confirmation.get_content()
    resident.goto(_same_server(base_url, _link_after(confirmation, "To confirm")))
    assert resident.locator("h1").inner_text() == "Confirm you want these emails"
    assert_accessible(resident, "confirm subscription")
    resident.get_by_role("button", name="Confirm").click()
    assert resident.locator("h1").inner_text() == "You are subscribed"
    assert_accessible(resident, "subscribed")

    officer = browser.new_context().new_page()
    officer.goto(base_url + "/sign-in")
    officer.fill("#email", "admin@example.gov.uk")
    officer.fill("#password", DEMO_PASSWORD)
    officer.get_by_role("button", name="Sign in").click()
    pass_second_factor(officer, "admin@example.gov.uk")
    officer.get_by_role("link", name="Consultations", exact=True).first.click()
    officer.locator("main table").get_by_role("link", name="Town centre parking plan").click()
    officer.get_by_role("button", name="Publish the outcome").click()
    assert "is published" in officer.locator(".govuk-notification-banner").inner_text()

    outcome, number = _wait_for_email(outbox, "Outcome published: Town centre parking plan")
    assert "What we decided:" in outcome.get_content()
    unsubscribe_link = _link_after(outcome, "To stop these emails")
    assert outcome["List-Unsubscribe"] == f"<{unsubscribe_link}>"

    # The officer's outbox page shows it too, sent, with its text but not the key in its links
    # (links are read from the .eml files, as above).
    officer.goto(base_url + "/officer/outbox")
    assert_accessible(officer, "outbox")
    row = officer.locator("#outbox tbody tr").filter(
        has=officer.locator(f"a[href='/officer/outbox/{number}']")
    )
    expect(row).to_have_count(1)
    assert "p•••@example.com" in row.inner_text()
    for _ in range(50):  # sent by the background job; reload until it says so
        if "Sent" in row.inner_text():
            break
        time.sleep(0.2)
        officer.reload()
    assert "Sent" in row.inner_text()
    row.get_by_role("link").click()
    body = officer.locator("#email-body").inner_text()
    assert unsubscribe_link not in body
    assert unsubscribe_link.rsplit("/", 1)[0] + "/[hidden]" in body
    assert_accessible(officer, "one e-mail in the outbox")

    resident.goto(_same_server(base_url, _link_after(outcome, "Read what people told us")))
    assert resident.locator("h1").count() == 1
    assert_accessible(resident, "the outcome page the e-mail links to")
    resident.goto(_same_server(base_url, unsubscribe_link))
    assert resident.locator("h1").inner_text() == "Stop these emails"
    assert_accessible(resident, "unsubscribe")
    resident.get_by_role("button", name="Unsubscribe", exact=True).click()
    assert resident.locator("h1").inner_text() == "You have unsubscribed"
    assert "the outcome of “Town centre parking plan”" in resident.locator("main").inner_text()
    assert_accessible(resident, "unsubscribed")
    # Changed their mind: the outcome is out, so the other kinds of e-mail are offered (before
    # it is out the link leads back to its sign-up: tests/integration/test_unsubscribe_pages.py).
    resident.get_by_role("link", name="get emails again").click()
    assert urlsplit(resident.url).path == "/get-emails"
