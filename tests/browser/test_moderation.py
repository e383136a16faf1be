"""Issue 7's moderation queue in Chromium, on the demo data: an engagement officer sends the
quotes of the closed parking consultation's theme summary to moderation (those the demo did not
approve already: the ones with personal data planted in them), edits one (after being
told a reason is needed), approves another, and the consultation's public page then shows what
was published and none of the personal data planted in the demo comments. Without JavaScript,
an officer withholds a text. axe checks every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ERROR_TITLE,
    assert_accessible,
    demo_server,
    screenshot,
)

SLUG = "town-centre-parking-plan"
PLANTED = ("07700 900461", "sam.hollis@example.com", "Dawson", "14 Slad Road")


def print_parking_codeframe() -> None:
    """Run in the server's environment: print the demo parking question's codeframe id."""
    from sqlalchemy import select

    from involve import create_app
    from involve.extensions import db
    from involve.models import Codeframe, Consultation, Question, QuestionPage

    with create_app().app_context():
        print(
            db.session.scalar(
                select(Codeframe.id)
                .join(Question, Question.id == Codeframe.question_id)
                .join(QuestionPage, QuestionPage.id == Question.page_id)
                .join(Consultation, Consultation.id == QuestionPage.consultation_id)
                .where(Consultation.slug == SLUG)
            )
        )


@pytest.fixture(scope="module")
def moderation_server() -> Iterator[tuple[str, int]]:
    """Its own server: this test publishes texts, which other browser tests must not see."""
    prepare = f"from {__name__} import print_parking_codeframe as p; p()"
    with demo_server("involve-moderation-", prepare=[prepare]) as (base_url, printed):
        yield base_url, int(printed.split()[-1])


def _sign_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _card_with(page, text: str):  # type: ignore[no-untyped-def]
    return (
        page.locator("[data-item]").filter(has=page.locator("[data-redacted]", has_text=text)).first
    )


def test_officer_moderates_quotes_and_the_public_page_shows_what_was_published(
    page, moderation_server
):
    base_url, codeframe_id = moderation_server
    _sign_in(page, base_url)

    # The demo arrives with the quotes that hold no personal data approved; those that do are
    # left for an officer to send and redact.
    page.goto(f"{base_url}/consultations/{SLUG}")
    published = page.locator("#what-people-told-us [data-published-quote]").count()
    assert published >= 4

    page.goto(f"{base_url}/officer/theming/{codeframe_id}/summary")
    page.get_by_role("button", name="Send these quotes to moderation").click()
    assert page.locator("h1").inner_text() == "Moderation"
    assert "sent to moderation" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("[data-item]").count() >= 4
    assert page.locator(".involve-redaction", has_text="[phone]").count() >= 1
    assert_accessible(page, "moderation queue")
    screenshot(page, "moderation-queue")

    # Edit the text with a phone number: the reason is required.
    phone_card = _card_with(page, "[phone]")
    phone_card.get_by_role("link", name="Edit or withhold").click()
    assert page.locator("h1").inner_text().startswith("Text ")
    assert_accessible(page, "moderation item")
    page.fill("#edit-text", "Parking near the station is impossible for commuters.")
    page.get_by_role("button", name="Publish the edited text").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert "Enter why you changed the text" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "moderation item with an error")
    page.fill("#edit-reason", "Shortened, and removed the phone number")
    page.get_by_role("button", name="Publish the edited text").click()
    assert page.locator("h1").inner_text() == "Moderation"
    assert "published as you edited it" in page.locator(".govuk-notification-banner").inner_text()

    # Approve the one with a street address as redacted.
    address_card = _card_with(page, "[address]")
    approved_text = address_card.locator("[data-redacted]").inner_text()
    address_card.get_by_role("button", name="Approve").click()
    assert "approved" in page.locator(".govuk-notification-banner").inner_text()

    page.goto(f"{base_url}/consultations/{SLUG}")
    section = page.locator("#what-people-told-us")
    assert section.locator("h2").inner_text() == "What people told us"
    quotes = section.locator("[data-published-quote]").all_inner_texts()
    assert any("Parking near the station is impossible for commuters." in q for q in quotes)
    assert any(approved_text in q for q in quotes)
    assert len(quotes) == published + 2
    body = page.locator("main").inner_text()
    for personal in PLANTED:
        assert personal not in body
    assert_accessible(page, "public consultation page with published quotes")
    screenshot(page, "moderation-published")


def test_without_javascript_an_officer_withholds_a_text(page_without_javascript, moderation_server):
    page = page_without_javascript
    base_url, codeframe_id = moderation_server
    _sign_in(page, base_url)
    page.goto(f"{base_url}/officer/theming/{codeframe_id}/summary")
    page.get_by_role("button", name="Send these quotes to moderation").click()

    card = _card_with(page, "[email]")
    card.get_by_role("link", name="Edit or withhold").click()
    page.get_by_role("button", name="Withhold").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert "Enter why the text is withheld" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#withhold-reason", "Asks for a reply: we will answer them directly")
    page.get_by_role("button", name="Withhold").click()
    assert "withheld" in page.locator(".govuk-notification-banner").inner_text()

    page.goto(f"{base_url}/officer/moderation?status=withheld")
    assert page.locator("[data-item]").count() == 1
    assert "Asks for a reply" in page.locator("[data-reason]").inner_text()
