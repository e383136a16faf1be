"""Equality questions (optional, stored apart) and the rows check your answers shows."""

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AgeBand,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from involve.services.about_you import profile_rows
from tests.factories import ConsultationFactory, ResponseFactory
from tests.pages import field_error, heading


def _equality_url(consultation, suffix=""):
    return f"/consultations/{consultation.slug}/equality{suffix}"


def test_equality_page_explains_why_and_can_be_skipped(pages):
    consultation = ConsultationFactory()
    page = pages.get(_equality_url(consultation))
    assert heading(page) == "Equality questions"
    text = " ".join(page.get_text().split())
    assert "only ever report them as totals" in text
    skip = page.find("a", string="Skip these questions")
    assert skip["href"] == f"/consultations/{consultation.slug}/check-answers"
    assert db.session.scalars(select(Response)).all() == []


def test_equality_answers_are_stored_in_their_own_table(pages):
    consultation = ConsultationFactory()
    pages.post(
        _equality_url(consultation),
        {
            "sex": "Female",
            "ethnic_group": "Prefer not to say",
            "disability": "Yes, limited a little",
        },
        expected_status=302,
    )
    assert (
        pages.last_response.headers["Location"]
        == f"/consultations/{consultation.slug}/check-answers"
    )
    (equality,) = db.session.scalars(select(EqualityAnswers)).all()
    assert (equality.sex, equality.ethnic_group, equality.disability) == (
        "Female",
        "Prefer not to say",
        "Yes, limited a little",
    )
    assert equality.response.consultation_id == consultation.id
    assert db.session.scalars(select(RespondentProfile)).all() == []


def test_equality_questions_are_all_optional(pages):
    consultation = ConsultationFactory()
    pages.post(_equality_url(consultation), {}, expected_status=302)
    assert db.session.scalars(select(EqualityAnswers)).all() == []
    pages.post(_equality_url(consultation), {"sex": "Male"}, expected_status=302)
    (equality,) = db.session.scalars(select(EqualityAnswers)).all()
    assert (equality.sex, equality.ethnic_group, equality.disability) == ("Male", "", "")


def test_equality_refuses_an_answer_that_is_not_an_option(pages):
    consultation = ConsultationFactory()
    page = pages.post(_equality_url(consultation), {"ethnic_group": "Martian"})
    assert (
        field_error(page, "ethnic_group")
        == "Select your ethnic group, or leave this question blank"
    )
    assert db.session.scalars(select(EqualityAnswers)).all() == []


def test_equality_return_to_check_answers(pages):
    consultation = ConsultationFactory()
    page = pages.get(_equality_url(consultation, "?return=check"))
    assert page.select_one("form[method=post]")["action"].endswith("?return=check")
    pages.post(_equality_url(consultation, "?return=check"), {"sex": "Male"}, expected_status=302)
    assert (
        pages.last_response.headers["Location"]
        == f"/consultations/{consultation.slug}/check-answers"
    )


def test_profile_rows_list_about_you_and_equality_answers_with_change_links(app):
    consultation = ConsultationFactory(slug="library-hours")
    response = ResponseFactory(consultation=consultation, status=ResponseStatus.IN_PROGRESS)
    response.profile = RespondentProfile(
        responding_as=RespondingAs.ORGANISATION,
        organisation_type=OrganisationType.BUSINESS,
        organisation_name="Stroud Bakery",
        connections=["run_a_business", "other"],
        connection_other="Supplier",
        elected_status=ElectedStatus.COUNCILLOR,
        age_band=AgeBand.AGE_35_49,
        postcode="GL5 4UB",
        name="Sam",
        email="sam@example.com",
        wants_updates=True,
    )
    response.equality = EqualityAnswers(
        sex="Prefer not to say", ethnic_group="White", disability=""
    )
    db.session.flush()

    with app.test_request_context():
        rows = profile_rows(response)

    assert [(label, answer) for label, answer, _ in rows] == [
        ("Responding", "On behalf of an organisation or group: Stroud Bakery (a business)"),
        ("Connection to the area", "I run a business here, Something else: Supplier"),
        ("Councillor or co-opted member", "Yes, I am a councillor"),
        ("Age", "35 to 49"),
        ("Postcode", "GL5 4UB"),
        ("Contact details", "Sam, sam@example.com (wants updates)"),
        ("Sex", "Prefer not to say"),
        ("Ethnic group", "White"),
        ("Disability", "Not answered"),
    ]
    changes = {label: url for label, _, url in rows}
    assert changes["Responding"] == "/consultations/library-hours/about-you?return=check"
    assert changes["Age"] == "/consultations/library-hours/about-you/age-and-postcode?return=check"
    assert (
        changes["Contact details"]
        == "/consultations/library-hours/about-you/contact-details?return=check"
    )
    assert changes["Sex"] == "/consultations/library-hours/equality?return=check"


def test_profile_rows_leave_out_contact_for_under_16s_and_switched_off_sections(app):
    consultation = ConsultationFactory(equality_questions_enabled=False)
    response = ResponseFactory(consultation=consultation, status=ResponseStatus.IN_PROGRESS)
    response.profile = RespondentProfile(
        responding_as=RespondingAs.INDIVIDUAL,
        connections=["study"],
        elected_status=ElectedStatus.NEITHER,
        age_band=AgeBand.UNDER_16,
    )
    db.session.flush()
    with app.test_request_context():
        labels = [label for label, _, _ in profile_rows(response)]
    assert labels == [
        "Responding",
        "Connection to the area",
        "Councillor or co-opted member",
        "Age",
        "Postcode",
    ]


def test_profile_rows_say_not_answered_when_nothing_was_given(app):
    consultation = ConsultationFactory()
    response = ResponseFactory(consultation=consultation, status=ResponseStatus.IN_PROGRESS)
    with app.test_request_context():
        rows = profile_rows(response)
    assert [(label, answer) for label, answer, _ in rows] == [
        ("About you", "Not answered"),
        ("Sex", "Not answered"),
        ("Ethnic group", "Not answered"),
        ("Disability", "Not answered"),
    ]
