"""Issue 8's "We asked, you said, we did" in Chromium, on the demo data: an engagement officer
tries to publish the outcome of the closed Church Street car park consultation before any
decision is recorded and is led to the decision record; records it (told first that the date
cannot be before the close, then that publishing needs how the responses were considered) and
publishes it, which is publishing the outcome: the public page shows it and the subscriber
following Parking gets one e-mail. Taking it down returns the consultation to closed; publishing
it again e-mails nobody twice. A resident reads the demo parking plan's page once an officer has
published its outcome, without JavaScript too. axe checks every page."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
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

CAR_PARK = "Church Street car park resurfacing"
PARKING = "Town centre parking plan"
PARKING_SLUG = "town-centre-parking-plan"
SUBSCRIBER = "sam.resident@example.com"  # a demo subscriber following the topic Parking


@pytest.fixture(scope="module")
def you_said_server() -> Iterator[tuple[str, Path]]:
    """Its own server and outbox: this test publishes outcomes, which other browser tests must
    not see."""
    outbox = Path(tempfile.mkdtemp(prefix="involve-you-said-outbox-"))
    try:
        with demo_server("involve-you-said-", env={"INVOLVE_OUTBOX_DIR": str(outbox)}) as (
            base_url,
            _,
        ):
            yield base_url, outbox
    finally:
        shutil.rmtree(outbox, ignore_errors=True)


@pytest.fixture(scope="module")
def parking_outcome(browser, you_said_server) -> str:  # type: ignore[no-untyped-def]
    """The demo parking plan's decision is recorded but not published: an officer publishes its
    outcome from the consultation's page, so residents can read it."""
    base_url, _ = you_said_server
    context = browser.new_context()
    officer = context.new_page()
    _sign_in(officer, base_url)
    _open_consultation(officer, PARKING)
    officer.get_by_role("button", name="Publish the outcome").click()
    assert "The outcome of Town centre parking plan is published" in (
        officer.locator(".govuk-notification-banner").inner_text()
    )
    context.close()
    return base_url


def _outcome_emails(outbox: Path, title: str) -> list[str]:
    subject = f"Outcome published: {title}"
    found = []
    for path in sorted(outbox.glob("*.eml")):
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        if mail["Subject"] == subject:
            found.append(str(mail["To"]))
    return found


def _wait_for_outcome_email(outbox: Path, title: str) -> list[str]:
    """E-mails are sent by a background job after the page has answered: poll the folder."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if SUBSCRIBER in (found := _outcome_emails(outbox, title)):
            return found
        time.sleep(0.2)
    raise AssertionError(f"no outcome e-mail about {title} to {SUBSCRIBER} in {outbox}")


def _open_consultation(page, title: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Consultations", exact=True).first.click()
    page.get_by_role("link", name=title).first.click()


def _tag(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("main .govuk-tag").first.inner_text()


def _sign_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _fill_date(page, day) -> None:  # type: ignore[no-untyped-def]
    page.fill("#decided_on-day", str(day.day))
    page.fill("#decided_on-month", str(day.month))
    page.fill("#decided_on-year", str(day.year))


def test_an_officer_is_led_to_record_the_decision_and_publishing_it_publishes_the_outcome(
    page, you_said_server
):
    from involve.models.base import utc_now
    from involve.templating import UK

    base_url, outbox = you_said_server
    _sign_in(page, base_url)
    _open_consultation(page, CAR_PARK)
    assert _tag(page) == "Closed"
    page.get_by_role("button", name="Publish the outcome").click()
    assert page.locator("h1").inner_text() == "Record the decision first"
    assert "Say what was decided" in page.locator("#still-to-do").inner_text()
    assert_accessible(page, "record the decision first")
    screenshot(page, "record-the-decision-first")
    page.get_by_role("button", name="Go to the decision record").click()
    assert page.locator("h1").inner_text() == "Decision and \u201cYou said, we did\u201d"
    assert_accessible(page, "decision form")
    decision_url = page.url

    today = utc_now().astimezone(UK).date()
    page.get_by_label("What was decided").fill("Close half of the car park at a time.")
    _fill_date(page, today - timedelta(days=60))  # long before the consultation closed
    page.get_by_label("Who made the decision").fill("Head of Parking Services")
    page.get_by_role("button", name="Save the decision").click()
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The decision date must be the same as or after the close" in summary
    assert_accessible(page, "decision form with an error")

    _fill_date(page, today)
    page.get_by_label("Web address of the report (optional)").fill(
        "https://www.example.gov.uk/decisions/church-street"
    )
    page.get_by_role("button", name="Save the decision").click()
    assert "Decision saved" in page.locator(".govuk-notification-banner").inner_text()

    publish = "Publish \u2018You said, we did\u2019 and the outcome"
    page.get_by_role("button", name=publish).click()
    expect(page).to_have_title(ERROR_TITLE)
    assert "Say how the responses were taken into account" in (
        page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("How the responses were taken into account").fill(
        "Most people asked us to keep some spaces open for the market, so we will."
    )
    page.get_by_role("button", name="Save the decision").click()
    assert "who asked to hear about it" in page.locator("#publish-hint").inner_text()
    page.get_by_role("button", name=publish).click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The outcome is published" in banner
    screenshot(page, "decision-published")
    assert _wait_for_outcome_email(outbox, CAR_PARK).count(SUBSCRIBER) == 1

    page.get_by_role("link", name="View the public page").click()
    assert page.locator("h1").inner_text() == CAR_PARK
    we_did = page.locator("#we-did").inner_text()
    assert "Close half of the car park at a time." in we_did
    assert "Head of Parking Services" in we_did
    assert "keep some spaces open for the market" in we_did
    assert page.locator("#channels").is_visible()
    assert_accessible(page, "public page of a new decision")

    # Taken down, the consultation is closed again; published again, nobody is e-mailed twice.
    page.goto(decision_url)
    page.get_by_role("button", name="Take the outcome down").click()
    assert "closed again" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(f"{base_url}/consultations/church-street-car-park-resurfacing")
    assert page.locator("#outcome-published").count() == 0
    assert page.locator("#you-said-link").count() == 0
    page.goto(base_url + "/officer/")
    _open_consultation(page, CAR_PARK)
    assert _tag(page) == "Closed"
    screenshot(page, "outcome-taken-down")
    page.goto(decision_url)
    page.get_by_role("button", name=publish).click()
    assert "The outcome is published" in page.locator(".govuk-notification-banner").inner_text()
    time.sleep(2)  # nobody new to tell, so no sending job: nothing more should arrive
    assert _outcome_emails(outbox, CAR_PARK).count(SUBSCRIBER) == 1


def test_a_resident_reads_the_demo_parking_plan_page(page, parking_outcome):
    page.goto(f"{parking_outcome}/consultations/{PARKING_SLUG}")
    page.locator("#you-said-link").click()
    assert page.locator("h1").inner_text() == "Town centre parking plan"
    assert page.locator("[data-themes] tbody tr").count() == 6
    assert "Cabinet agreed three of the four changes." in page.locator("#decision").inner_text()
    assert page.locator("[data-theme-responses]").is_visible()
    assert page.locator("#mix li").count() >= 1
    assert_accessible(page, "the demo's \u201cYou said, we did\u201d page")
    screenshot(page, "you-said-we-did")


def test_without_javascript_the_page_reads_the_same(page_without_javascript, parking_outcome):
    page = page_without_javascript
    page.goto(f"{parking_outcome}/consultations/{PARKING_SLUG}")
    page.locator("#you-said-link").click()
    assert page.locator("h1").inner_text() == "Town centre parking plan"
    page.get_by_role("link", name="We did", exact=True).click()
    assert page.url.endswith("#we-did")
    assert "How we took your views into account" in page.locator("#we-did").inner_text()
