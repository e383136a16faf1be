"""Respondents meet the consultation's privacy notice before the first question, and every page
of the consultation's journey links to it."""

from __future__ import annotations

from datetime import timedelta

from involve.extensions import db
from involve.models.base import utc_now
from tests.factories import (
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.pages import heading

LINK_TEXT = "How we use your information (opens in new tab)"


def _consultation(**overrides):  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory()
    consultation = ConsultationFactory(**overrides)
    question = QuestionFactory(
        page=QuestionPageFactory(consultation=consultation, position=1),
        text="What should change?",
    )
    db.session.commit()
    return consultation, question


def _url(consultation, path: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/consultations/{consultation.slug}{path}"


def _notice_link(page):  # type: ignore[no-untyped-def]
    found = page.select_one("#journey-privacy-notice a")
    return found["href"] if found is not None and found.get_text() == LINK_TEXT else None


def test_start_goes_to_the_notice_and_continue_to_the_first_question(pages):
    consultation, _question = _consultation()
    page = pages.get(_url(consultation))
    start = page.select_one("a.govuk-button--start")
    assert start["href"] == _url(consultation, "/privacy-notice")

    notice = pages.get(start["href"])
    assert heading(notice) == "How we use your information"
    assert notice.find("title").get_text().startswith("How we use your information - ")
    assert [h2.get_text(strip=True) for h2 in notice.select("main h2")] == [
        "Who is responsible for your information",
        "Why we are allowed to use it",
        "What we collect and why",
        "Who sees it",
        "How long we keep it",
        "Your rights",
        "Contact",
    ]
    continue_link = notice.select_one("#continue-to-questions")
    assert continue_link.get_text(strip=True) == "Continue"
    assert continue_link["href"] == _url(consultation, "/questions/1")
    assert notice.select_one("form") is None  # a plain link: works without JavaScript
    assert notice.select_one("#journey-privacy-notice") is None  # no link to itself
    ico = notice.find("a", href="https://ico.org.uk/make-a-complaint/")
    assert ico is not None


def test_someone_who_has_started_carries_on_without_the_notice(pages):
    consultation, question = _consultation()
    pages.post(
        _url(consultation, "/questions/1"),
        {f"q{question.id}": "More buses", "action": "continue"},
        expected_status=302,
    )
    start = pages.get(_url(consultation)).select_one("a.govuk-button--start")
    assert start.get_text(strip=True) == "Continue your response"
    assert start["href"] == _url(consultation, "/questions/1")


def test_the_notice_of_a_draft_or_unknown_consultation_is_not_found(pages):
    draft, _question = _consultation(published_at=None)
    pages.get(_url(draft, "/privacy-notice"), expected_status=404)
    pages.get("/consultations/no-such-thing/privacy-notice", expected_status=404)


def test_a_closed_consultation_shows_its_notice_without_continue(pages):
    consultation, _question = _consultation(
        opens_at=utc_now() - timedelta(days=30), closes_at=utc_now() - timedelta(days=1)
    )
    notice = pages.get(_url(consultation, "/privacy-notice"))
    assert notice.select_one("#continue-to-questions") is None
    assert notice.find("a", string=f"Back to {consultation.title}") is not None


def _journey_paths(app, consultation) -> list[str]:  # type: ignore[no-untyped-def]
    """Every public page of a consultation (a rule with its slug) but the notice and downloads."""
    paths = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("public.") or "slug" not in rule.arguments:
            continue
        if rule.endpoint in ("public.consultation_privacy_notice", "public.download_document"):
            continue
        if "GET" not in rule.methods or rule.arguments - {"slug", "page_number"}:
            continue
        paths.append(
            rule.rule.replace("<slug>", consultation.slug).replace("<int:page_number>", "1")
        )
    return sorted(paths)


def test_every_page_of_the_journey_links_to_the_notice(app, pages):
    consultation, question = _consultation()
    notice = _url(consultation, "/privacy-notice")
    pages.post(
        _url(consultation, "/questions/1"),
        {f"q{question.id}": "More buses", "action": "save"},
        expected_status=302,
    )
    checked = []
    for path in _journey_paths(app, consultation):
        if pages.client.get(path).status_code in (302, 404):
            # Not a page at this point of the journey (confirmation: checked below), or not
            # one yet ("You said, we did" before a decision is published).
            continue
        page = pages.get(path)
        assert _notice_link(page) == notice, f"{path} has no link to the privacy notice"
        checked.append(path.removeprefix(_url(consultation)))
    # The pages the brief names are among them (and any added later are checked too).
    assert {
        "",
        "/questions/1",
        "/about-you",
        "/about-you/age-and-postcode",
        "/about-you/contact-details",
        "/equality",
        "/check-answers",
        "/saved",
        "/resume",
    } <= set(checked)

    key = pages.get(_url(consultation, "/check-answers")).select_one("input[name=submission_key]")[
        "value"
    ]
    pages.post(_url(consultation, "/check-answers"), {"submission_key": key}, expected_status=302)
    confirmation = pages.get(_url(consultation, "/confirmation"))
    assert _notice_link(confirmation) == notice
    link = confirmation.select_one("#journey-privacy-notice a")
    assert link["target"] == "_blank" and "noopener" in link["rel"]


def test_pages_outside_a_consultation_do_not_link_to_a_notice(pages):
    _consultation()
    for path in (
        "/",
        "/privacy-notice",
        "/activities",
        "/consultations/no-such-thing",
        "/consultations/no-such%00thing/questions/1",
    ):
        status = 404 if "no-such" in path else 200
        assert pages.get(path, expected_status=status).select_one("#journey-privacy-notice") is None


def test_officers_pages_never_show_the_respondents_link(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation, _question = _consultation()
    page = pages.get(f"/officer/consultations/{consultation.id}")
    assert page.select_one("#journey-privacy-notice") is None


def test_the_notice_works_before_the_council_has_saved_its_settings(pages):
    consultation = ConsultationFactory()
    QuestionFactory(page=QuestionPageFactory(consultation=consultation, position=1))
    db.session.commit()
    notice = pages.get(_url(consultation, "/privacy-notice"))
    assert "Your council is the data controller" in notice.get_text()
    assert "through the council's contact details" in notice.get_text()
