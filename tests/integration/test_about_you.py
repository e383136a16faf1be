"""The "about you" pages: who is responding, their connection, age, postcode and contact."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AgeBand,
    Channel,
    ElectedStatus,
    OrganisationType,
    PostcodeLookup,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from tests.factories import ConsultationFactory
from tests.pages import error_summary, field_error, heading

INDIVIDUAL = {
    "responding_as": "individual",
    "connections": ["live", "work"],
    "elected_status": "neither",
}


def _response(consultation) -> Response:
    responses = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation.id)
    ).all()
    assert len(responses) == 1
    return responses[0]


def _about_you_url(consultation, page=""):
    return f"/consultations/{consultation.slug}/about-you{page}"


def test_about_you_page_asks_who_is_responding(pages):
    consultation = ConsultationFactory()
    page = pages.get(_about_you_url(consultation))
    assert heading(page) == "About you"
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert "Are you responding as an individual or on behalf of an organisation?" in legends
    assert "What is your connection to the area?" in legends
    # The organisation questions are in the page, revealed under their option (no JS needed).
    assert page.select_one("#organisation_name") is not None
    assert "counted" not in page.get_text() or "separately" in page.get_text()
    assert db.session.scalars(select(Response)).all() == []


def test_posting_about_you_starts_a_response_and_stores_the_profile(pages):
    consultation = ConsultationFactory()
    pages.post(_about_you_url(consultation), INDIVIDUAL, expected_status=302)
    assert pages.last_response.headers["Location"] == _about_you_url(
        consultation, "/age-and-postcode"
    )
    response = _response(consultation)
    assert response.status == ResponseStatus.IN_PROGRESS
    assert response.channel == Channel.ONLINE
    assert response.profile.responding_as == RespondingAs.INDIVIDUAL
    assert response.profile.connections == ["live", "work"]
    assert response.profile.elected_status == ElectedStatus.NEITHER
    assert response.profile.organisation_name == ""


def test_councillor_is_recorded(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation),
        {**INDIVIDUAL, "elected_status": "councillor"},
        expected_status=302,
    )
    assert _response(consultation).profile.elected_status == ElectedStatus.COUNCILLOR


def test_nothing_chosen_gives_select_errors(pages):
    consultation = ConsultationFactory()
    page = pages.post(_about_you_url(consultation), {})
    assert error_summary(page) == [
        "Select whether you are responding as an individual or for an organisation",
        "Select whether you are a councillor or a co-opted or nominated member",
    ]
    assert page.find("title").get_text().startswith("Error:")
    assert db.session.scalars(select(RespondentProfile)).all() == []


def test_organisation_needs_its_kind_and_name(pages):
    consultation = ConsultationFactory()
    page = pages.post(_about_you_url(consultation), {**INDIVIDUAL, "responding_as": "organisation"})
    assert field_error(page, "organisation_name") == "Enter the name of the organisation"
    assert field_error(page, "organisation_type") == "Select what kind of organisation it is"
    assert db.session.scalars(select(RespondentProfile)).all() == []


def test_organisation_details_are_stored(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation),
        {
            **INDIVIDUAL,
            "responding_as": "organisation",
            "organisation_type": "voluntary_or_community",
            "organisation_name": "  Stroud Food Bank ",
        },
        expected_status=302,
    )
    profile = _response(consultation).profile
    assert profile.responding_as == RespondingAs.ORGANISATION
    assert profile.organisation_type == OrganisationType.VOLUNTARY_OR_COMMUNITY
    assert profile.organisation_name == "Stroud Food Bank"


def test_organisation_details_are_dropped_for_an_individual(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation),
        {**INDIVIDUAL, "organisation_type": "business", "organisation_name": "Acme"},
        expected_status=302,
    )
    profile = _response(consultation).profile
    assert profile.organisation_type is None
    assert profile.organisation_name == ""


@pytest.mark.parametrize(
    ("field", "value", "error_id", "message"),
    [
        (
            "responding_as",
            "robot",
            "responding_as",
            "Select whether you are responding as an individual or for an organisation",
        ),
        (
            "elected_status",
            "mayor",
            "elected_status",
            "Select whether you are a councillor or a co-opted or nominated member",
        ),
        ("connections", ["live", "moon"], "connections", "Select your connection to the area"),
    ],
)
def test_invalid_choices_are_refused(pages, field, value, error_id, message):
    consultation = ConsultationFactory()
    page = pages.post(_about_you_url(consultation), {**INDIVIDUAL, field: value})
    assert field_error(page, error_id) == message
    assert db.session.scalars(select(RespondentProfile)).all() == []


def test_other_connection_needs_saying_what_it_is(pages):
    consultation = ConsultationFactory()
    page = pages.post(_about_you_url(consultation), {**INDIVIDUAL, "connections": ["other"]})
    assert field_error(page, "connection_other") == "Enter your connection to the area"
    pages.post(
        _about_you_url(consultation),
        {**INDIVIDUAL, "connections": ["other"], "connection_other": "I own a field"},
        expected_status=302,
    )
    profile = _response(consultation).profile
    assert profile.connections == ["other"]
    assert profile.connection_other == "I own a field"


def test_age_band_is_required_and_postcode_format_checked(pages):
    consultation = ConsultationFactory()
    page = pages.post(_about_you_url(consultation, "/age-and-postcode"), {"postcode": "SW1A"})
    assert error_summary(page) == [
        "Select your age group",
        "Enter a full UK postcode, like GL5 4UB",
    ]
    page = pages.post(_about_you_url(consultation, "/age-and-postcode"), {"age_band": "200_plus"})
    assert field_error(page, "age_band") == "Select your age group"
    assert db.session.scalars(select(RespondentProfile)).all() == []


def test_postcode_is_turned_into_ward_and_district(pages):
    db.session.add(
        PostcodeLookup(postcode="GL54UB", ward_code="E05010970", district_code="E07000082")
    )
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "35_49", "postcode": "gl5 4ub"},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == _about_you_url(consultation, "/what-you-do")
    profile = _response(consultation).profile
    assert profile.age_band == AgeBand.AGE_35_49
    assert profile.postcode == "GL5 4UB"
    assert (profile.ward_code, profile.district_code) == ("E05010970", "E07000082")


def test_unknown_postcode_is_kept_without_a_ward(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "35_49", "postcode": "GL6 9ZZ"},
        expected_status=302,
    )
    profile = _response(consultation).profile
    assert (profile.postcode, profile.ward_code, profile.district_code) == ("GL6 9ZZ", "", "")


def test_contact_details_are_stored_and_checked(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "50_64"},
        expected_status=302,
    )
    page = pages.post(
        _about_you_url(consultation, "/contact-details"),
        {"email": "not-an-email", "wants_updates": "y"},
    )
    assert (
        field_error(page, "email")
        == "Enter an email address in the correct format, like name@example.com"
    )
    page = pages.post(_about_you_url(consultation, "/contact-details"), {"wants_updates": "y"})
    assert (
        field_error(page, "wants_updates") == "Enter your email address so we can send you updates"
    )
    pages.post(
        _about_you_url(consultation, "/contact-details"),
        {"name": "Sam Jones", "email": "sam@example.com", "wants_updates": "y"},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == f"/consultations/{consultation.slug}/equality"
    profile = _response(consultation).profile
    assert (profile.name, profile.email, profile.wants_updates) == (
        "Sam Jones",
        "sam@example.com",
        True,
    )


def test_under_16s_skip_contact_details_and_earlier_ones_are_cleared(pages):
    consultation = ConsultationFactory(equality_questions_enabled=False)
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "18_24"},
        expected_status=302,
    )
    pages.post(
        _about_you_url(consultation, "/contact-details"),
        {"name": "Sam", "email": "sam@example.com", "wants_updates": "y"},
        expected_status=302,
    )
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "under_16"},
        expected_status=302,
    )

    assert (
        pages.last_response.headers["Location"]
        == f"/consultations/{consultation.slug}/check-answers"
    )
    profile = _response(consultation).profile
    assert (profile.name, profile.email, profile.wants_updates) == ("", "", False)
    page = pages.get(_about_you_url(consultation, "/contact-details"))
    assert (
        "We do not ask people under 16 for contact details, to protect your privacy."
        in page.get_text()
    )
    assert page.select_one("#email") is None
    pages.post(
        _about_you_url(consultation, "/contact-details"),
        {"name": "Sam", "email": "sam@example.com"},
        expected_status=302,
    )
    assert _response(consultation).profile.email == ""


def test_under_16_note_is_shown_on_the_next_page(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation, "/age-and-postcode"),
        {"age_band": "under_16"},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == f"/consultations/{consultation.slug}/equality"
    page = pages.get(f"/consultations/{consultation.slug}/equality")
    assert "We do not ask people under 16 for contact details" in page.get_text()


def test_a_change_from_check_answers_goes_back_there(pages):
    consultation = ConsultationFactory()
    check = f"/consultations/{consultation.slug}/check-answers"
    page = pages.get(_about_you_url(consultation) + "?return=check")
    assert page.select_one("form[method=post]")["action"].endswith("?return=check")
    assert page.select_one(".govuk-back-link")["href"] == check
    pages.post(_about_you_url(consultation) + "?return=check", INDIVIDUAL, expected_status=302)
    assert pages.last_response.headers["Location"] == check
    pages.post(
        _about_you_url(consultation, "/age-and-postcode?return=check"),
        {"age_band": "25_34"},
        expected_status=302,
    )
    # Never asked what they do or for contact details yet, so those pages come next, then back.
    assert pages.last_response.headers["Location"] == _about_you_url(
        consultation, "/what-you-do?return=check&then=contact"
    )
    pages.post(
        _about_you_url(consultation, "/what-you-do?return=check&then=contact"),
        {},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == _about_you_url(
        consultation, "/contact-details?return=check"
    )
    pages.post(
        _about_you_url(consultation, "/contact-details?return=check"), {}, expected_status=302
    )
    assert pages.last_response.headers["Location"] == check
    pages.post(
        _about_you_url(consultation, "/age-and-postcode?return=check"),
        {"age_band": "65_74"},
        expected_status=302,
    )
    assert pages.last_response.headers["Location"] == check
    assert _response(consultation).profile.age_band == AgeBand.AGE_65_74


def test_answers_are_shown_again_when_coming_back(pages):
    consultation = ConsultationFactory()
    pages.post(
        _about_you_url(consultation),
        {**INDIVIDUAL, "elected_status": "coopted_or_nominated"},
        expected_status=302,
    )
    page = pages.get(_about_you_url(consultation))
    assert page.select_one("input[name=elected_status][checked]")["value"] == "coopted_or_nominated"
    assert {box["value"] for box in page.select("input[name=connections][checked]")} == {
        "live",
        "work",
    }


def test_closed_consultation_refuses_about_you_answers_and_shows_them_back(pages):
    consultation = ConsultationFactory(closes_at=utc_now() - timedelta(days=1))
    page = pages.post(
        _about_you_url(consultation), {**INDIVIDUAL, "organisation_name": "<b>Friends</b>"}
    )
    assert heading(page) == "This consultation has closed"
    assert "<b>Friends</b>" in page.get_text()  # shown back, escaped
    assert page.find("b", string="Friends") is None
    assert db.session.scalars(select(Response)).all() == []
    page = pages.post(f"/consultations/{consultation.slug}/equality", {"sex": "Female"})
    assert "Female" in page.get_text()
    assert db.session.scalars(select(Response)).all() == []
    pages.get(_about_you_url(consultation), expected_status=302)
    assert pages.last_response.headers["Location"] == f"/consultations/{consultation.slug}"


def test_draft_or_switched_off_sections_are_not_found(pages):
    draft = ConsultationFactory(published_at=None)
    pages.get(_about_you_url(draft), expected_status=404)
    without = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    pages.get(_about_you_url(without), expected_status=404)
    pages.get(f"/consultations/{without.slug}/equality", expected_status=404)
