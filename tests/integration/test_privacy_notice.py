"""A consultation's privacy notice: generated from the settings and the consultation, sections an
officer rewrites or resets, the retention period, and the council's privacy settings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, QuestionKind
from involve.services.authority import get_settings
from involve.services.privacy_notice import NoticeSection, build_notice
from tests.factories import (
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ServiceFactory,
)
from tests.pages import error_summary, field_error, heading

WITHDRAW = "https://example.test/withdraw-equality-answers"


def _notice(consultation) -> dict[NoticeSection, str]:  # type: ignore[no-untyped-def]
    return {part.section: part.text for part in build_notice(consultation, withdraw_url=WITHDRAW)}


def _officer_url(consultation, path: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/officer/consultations/{consultation.id}/privacy-notice{path}"


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_the_generated_notice_reflects_the_settings_and_the_consultation(app):
    AuthoritySettingsFactory(name="Stroud District Council", dpo_contact="dpo@example.gov.uk")
    consultation = ConsultationFactory(
        service=ServiceFactory(name="Libraries"),
        contact_name="Library team",
        contact_email="libraries@example.gov.uk",
        retention_months=18,
        closes_at=datetime(2030, 3, 10, 12, tzinfo=UTC),
        about_you_enabled=True,
        equality_questions_enabled=True,
    )
    page = QuestionPageFactory(consultation=consultation)
    QuestionFactory(page=page, kind=QuestionKind.POSTCODE, text="Where do you live?")
    QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT, text="What should change?")
    notice = _notice(consultation)

    assert "Stroud District Council is the data controller" in notice[NoticeSection.CONTROLLER]
    assert "Libraries service" in notice[NoticeSection.CONTROLLER]
    assert "Article 6(1)(e)" in notice[NoticeSection.LAWFUL_BASIS]
    assert "Article 9(2)(g)" in notice[NoticeSection.LAWFUL_BASIS]
    assert "Schedule 1, paragraph 8" in notice[NoticeSection.LAWFUL_BASIS]
    collected = notice[NoticeSection.COLLECTED]
    assert "a postcode, if you answer \u201cWhere do you live?\u201d" in collected
    assert "anything you write in your own words" in collected
    assert "your name and e-mail address, only if you choose" in collected
    assert "equality information" in collected
    assert "We do not store your IP address" in collected
    retention = notice[NoticeSection.RETENTION]
    assert "18 months after the consultation closes (until September 2031)" in retention
    assert "names, e-mail addresses and codes" in retention
    assert "full postcodes to the ward" in retention
    rights = notice[NoticeSection.RIGHTS]
    assert f"withdraw your equality answers at any time: {WITHDRAW}" in rights
    assert "Information Commissioner's Office" in rights
    contact = notice[NoticeSection.CONTACT]
    assert "Library team, libraries@example.gov.uk" in contact
    assert "our data protection officer: dpo@example.gov.uk" in contact


def test_a_notice_leaves_out_what_the_consultation_does_not_ask(app):
    AuthoritySettingsFactory(dpo_contact="")
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    QuestionFactory(page=QuestionPageFactory(consultation=consultation), kind=QuestionKind.NUMBER)
    notice = _notice(consultation)
    assert "Article 9" not in notice[NoticeSection.LAWFUL_BASIS]
    collected = notice[NoticeSection.COLLECTED]
    assert "postcode" not in collected
    assert "e-mail" not in collected
    assert "equality" not in collected
    assert "withdraw" not in notice[NoticeSection.RIGHTS]
    assert "through the council's contact details" in notice[NoticeSection.CONTACT]


def test_a_question_asking_for_health_brings_in_the_special_category_basis(app):
    AuthoritySettingsFactory()
    consultation = ConsultationFactory(equality_questions_enabled=False)
    QuestionFactory(
        page=QuestionPageFactory(consultation=consultation),
        text="Do you have a long-term health condition?",
    )
    notice = _notice(consultation)
    assert "Article 9(2)(g)" in notice[NoticeSection.LAWFUL_BASIS]
    assert "health information, if you answer" in notice[NoticeSection.COLLECTED]


def test_officer_reads_the_notice_as_respondents_see_it(pages, sign_in_as):
    sign_in_as("analyst")  # read reports: may read, not change
    AuthoritySettingsFactory(dpo_contact="dpo@example.gov.uk")
    consultation = ConsultationFactory(retention_months=24)
    page = pages.get(_officer_url(consultation))
    assert heading(page) == "Privacy notice"
    headings = [h2.get_text(strip=True) for h2 in page.select("#notice h2")]
    assert headings == [section.heading for section in NoticeSection]
    assert "24 months after the consultation closes" in page.select_one("#retention").get_text()
    assert page.select_one("#notice a[href='mailto:dpo@example.gov.uk']") is not None
    assert page.find("a", string="Change") is None
    pages.get(_officer_url(consultation, "/sections/controller"), expected_status=403)
    pages.post(_officer_url(consultation, "/retention"), {"months": "6"}, expected_status=403)
    overview = pages.get(f"/officer/consultations/{consultation.id}")
    link = overview.find("a", string="Privacy notice and how long personal data is kept")
    assert link["href"] == _officer_url(consultation)


def test_officer_rewrites_a_section_then_goes_back_to_the_generated_text(pages, sign_in_as):
    sign_in_as("engagement_officer")
    AuthoritySettingsFactory()
    consultation = ConsultationFactory()
    url = _officer_url(consultation, "/sections/who-sees-it")
    form = pages.get(url)
    assert heading(form) == "Who sees it"
    assert "Council officers who run and analyse" in form.select_one("textarea").get_text()
    assert form.find("button", string="Use the generated text") is None  # nothing to reset yet

    text = "Only the library team sees your answers.\n\n- We never share them\n- <b>Ever</b>"
    pages.post(url, {"text": text}, expected_status=302)
    db.session.refresh(consultation)
    assert consultation.privacy_notice_overrides == {"who-sees-it": text}
    (event,) = _events("privacy_notice.section_rewritten")
    assert event.detail["section"] == "who-sees-it"

    page = pages.get(_officer_url(consultation))
    assert "Only the library team sees your answers." in page.select_one("#notice").get_text()
    assert "Rewritten by an officer" in page.select_one("#notice").get_text()
    public = pages.get(f"/consultations/{consultation.slug}/privacy-notice")
    items = [li.get_text() for li in public.select("main ul.govuk-list--bullet li")]
    assert "<b>Ever</b>" in items  # shown as typed, never as markup
    assert public.select_one("main b") is None

    form = pages.get(url)
    assert form.find("button", string="Use the generated text") is not None
    pages.post(url + "/use-generated", {}, expected_status=302)
    db.session.refresh(consultation)
    assert consultation.privacy_notice_overrides == {}
    assert len(_events("privacy_notice.section_reset")) == 1
    page = pages.get(_officer_url(consultation))
    assert "Only the library team" not in page.get_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the text of this section, or use the generated text"),
        ("   \n ", "Enter the text of this section, or use the generated text"),
        ("x" * 5001, "The text must be 5,000 characters or fewer"),
    ],
    ids=["empty", "blank", "too long"],
)
def test_a_section_needs_some_text_of_sensible_length(pages, sign_in_as, text, message):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    page = pages.post(_officer_url(consultation, "/sections/contact"), {"text": text})
    assert error_summary(page) == [message]
    assert page.find("title").get_text().startswith("Error: ")
    db.session.refresh(consultation)
    assert consultation.privacy_notice_overrides == {}


def test_unknown_sections_and_consultations_are_not_found(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    pages.get(_officer_url(consultation, "/sections/nope"), expected_status=404)
    pages.post(_officer_url(consultation, "/sections/nope/use-generated"), expected_status=404)
    pages.get("/officer/consultations/2147483647/privacy-notice", expected_status=404)


def test_nul_bytes_in_a_section_are_removed_before_saving(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    url = _officer_url(consultation, "/sections/controller")
    pages.post(url, {"text": "The council\x00 decides."}, expected_status=302)
    db.session.refresh(consultation)
    assert consultation.privacy_notice_overrides == {"controller": "The council decides."}


@pytest.mark.parametrize(
    "months",
    ["0", "121", "abc", "", "12.5", "-3", "\uff11\uff12", "9" * 50],
    ids=["zero", "too many", "words", "empty", "decimal", "negative", "full width", "huge"],
)
def test_the_retention_period_must_be_whole_months_from_1_to_120(pages, sign_in_as, months):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(retention_months=24)
    page = pages.post(_officer_url(consultation, "/retention"), {"months": months})
    assert error_summary(page) == ["Enter a whole number of months between 1 and 120"]
    assert field_error(page, "months") == "Enter a whole number of months between 1 and 120"
    db.session.refresh(consultation)
    assert consultation.retention_months == 24
    assert _events("consultation.retention_changed") == []


def test_officer_sets_the_retention_period_and_the_notice_follows(pages, sign_in_as):
    sign_in_as("engagement_officer")
    AuthoritySettingsFactory()
    consultation = ConsultationFactory(retention_months=24)
    page = pages.get(_officer_url(consultation, "/retention"))
    assert heading(page) == "How long personal data is kept"
    assert page.select_one("#months")["value"] == "24"
    pages.post(_officer_url(consultation, "/retention"), {"months": " 36 "}, expected_status=302)
    db.session.refresh(consultation)
    assert consultation.retention_months == 36
    (event,) = _events("consultation.retention_changed")
    assert event.detail == {"from": 24, "to": 36}
    public = pages.get(f"/consultations/{consultation.slug}/privacy-notice")
    assert "36 months after the consultation closes" in public.get_text()


def test_admin_saves_the_privacy_settings_and_the_change_is_audited(pages, sign_in_as):
    sign_in_as("admin")
    AuthoritySettingsFactory()
    page = pages.get("/officer/settings")
    assert "names of staff and councillors to remove from anything published" in (
        page.get_text().lower()
    )
    pages.post(
        "/officer/settings",
        {
            "name": "Stroud District Council",
            "ons_code": "E07000082",
            "contact_email": "talk@example.gov.uk",
            "dpo_contact": "dpo@example.gov.uk",
            "redaction_names": "  Jane Smith \r\n\r\nCllr Bob Jones\r\n",
        },
        expected_status=302,
    )
    settings = get_settings()
    assert settings.dpo_contact == "dpo@example.gov.uk"
    assert settings.redaction_names == "Jane Smith\nCllr Bob Jones"
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "settings.updated"
    assert event.detail == {
        "changed": [
            "data protection officer contact",
            "names to remove from anything published",
        ]
    }
    assert "Jane Smith" not in str(event.detail) + event.summary
    page = pages.get("/officer/settings")
    assert page.select_one("#dpo_contact")["value"] == "dpo@example.gov.uk"
    assert "Cllr Bob Jones" in page.select_one("#redaction_names").get_text()
    page = pages.post(
        "/officer/settings",
        {
            "name": "Stroud",
            "ons_code": "E07000082",
            "contact_email": "talk@example.gov.uk",
            "dpo_contact": "d" * 255,
        },
    )
    assert error_summary(page) == ["The contact must be 254 characters or fewer"]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("dpo_contact", "hello there", "Enter an e-mail address, like dpo@example.gov.uk"),
        ("dpo_contact", "dpo@", "Enter an e-mail address, like dpo@example.gov.uk"),
        ("redaction_names", "Jane Smith\nAl\n", "Each name must be at least 3 characters"),
    ],
)
def test_the_privacy_settings_are_checked(pages, sign_in_as, field, value, error):
    sign_in_as("admin")
    AuthoritySettingsFactory()
    form = {"name": "Stroud", "ons_code": "E07000082", "contact_email": "talk@example.gov.uk"}
    page = pages.post("/officer/settings", {**form, field: value})
    assert error_summary(page)[0].startswith(error)


@pytest.mark.parametrize("contact", ["dpo@example.gov.uk", "01632 960 001", "+44 1632 960001"])
def test_a_dpo_contact_may_be_an_email_address_or_a_phone_number(pages, sign_in_as, contact):
    sign_in_as("admin")
    AuthoritySettingsFactory()
    form = {"name": "Stroud", "ons_code": "E07000082", "contact_email": "talk@example.gov.uk"}
    pages.post("/officer/settings", {**form, "dpo_contact": contact}, expected_status=302)
    assert get_settings().dpo_contact == contact


def test_the_notice_gives_the_plans_reason_for_personal_data_and_the_fate_of_equality_answers(
    app,
):
    from tests.factories_activities import ActivityPlanFactory

    AuthoritySettingsFactory()
    consultation = ConsultationFactory(equality_questions_enabled=True)
    QuestionFactory(
        page=QuestionPageFactory(consultation=consultation), text="What is your phone number?"
    )
    plan = ActivityPlanFactory(
        personal_data_reason="We ring people back about   their own street's works."
    )
    plan.activity.consultation_id = consultation.id
    db.session.flush()
    notice = _notice(consultation)
    assert (
        "why we ask for these details: We ring people back about their own street's works."
        in notice[NoticeSection.COLLECTED]
    )
    assert "Equality answers are kept too" in notice[NoticeSection.RETENTION]


def test_once_people_have_responded_retention_can_be_shortened_but_not_lengthened(
    pages, sign_in_as
):
    from tests.factories import ResponseFactory

    sign_in_as("engagement_officer")
    consultation = ResponseFactory().consultation
    consultation.retention_months = 24
    db.session.commit()
    page = pages.post(_officer_url(consultation, "/retention"), {"months": "120"})
    assert "cannot be made longer: enter 24 months or fewer" in error_summary(page)[0]
    db.session.refresh(consultation)
    assert consultation.retention_months == 24
    pages.post(_officer_url(consultation, "/retention"), {"months": "12"}, expected_status=302)
    db.session.refresh(consultation)
    assert consultation.retention_months == 12
