"""Respondents' IP addresses are never stored: a whole public response (with "save and come back
later", every "about you" page and the equality questions), and an officer signing in and
reading it, all from one distinctive address; then every row of every table is searched for it."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import Base, PostcodeLookup, Response, ResponseStatus
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory

ADDRESS = "203.0.113.77"  # TEST-NET-3: never a real client


def _stored_anywhere(needle: str) -> list[str]:
    """Every table.column whose stored value (text, JSON or anything else) contains needle."""
    found = []
    for table in Base.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            for column, value in row.items():
                if value is not None and needle in str(value):
                    found.append(f"{table.name}.{column}")
    return found


def test_a_full_response_and_an_officer_reading_it_store_no_ip_address(pages, sign_in_as):
    db.session.add(
        PostcodeLookup(postcode="GL54UB", ward_code="E05010970", district_code="E07000082")
    )
    consultation = ConsultationFactory()
    page = QuestionPageFactory(consultation=consultation, position=1)
    question = QuestionFactory(page=page, text="What should change?", required=True)
    db.session.commit()
    # Every request from here on comes from the address, directly and as a proxy would say.
    pages.client.environ_base.update(REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=ADDRESS)
    base = f"/consultations/{consultation.slug}"

    pages.get(base)
    pages.post(
        f"{base}/questions/1", {f"q{question.id}": "Later", "action": "save"}, expected_status=302
    )
    code = pages.get(f"{base}/saved").select_one("#resume-code").get_text(strip=True)
    pages.post(f"{base}/resume", {"code": code}, expected_status=302)
    pages.post(
        f"{base}/questions/1", {f"q{question.id}": "Open later on Thursdays"}, expected_status=302
    )
    pages.post(
        f"{base}/about-you",
        {"responding_as": "individual", "connections": ["live"], "elected_status": "neither"},
        expected_status=302,
    )
    pages.post(
        f"{base}/about-you/age-and-postcode",
        {"age_band": "35_49", "postcode": "GL5 4UB"},
        expected_status=302,
    )
    pages.post(
        f"{base}/about-you/contact-details",
        {"name": "Sam Jones", "email": "sam@example.com", "wants_updates": "y"},
        expected_status=302,
    )
    pages.post(f"{base}/equality", {"sex": "Female"}, expected_status=302)
    key = pages.get(f"{base}/check-answers").select_one("input[name=submission_key]")["value"]
    pages.post(
        f"{base}/check-answers",
        {"submission_key": key, "publish_consent": "yes"},
        expected_status=302,
    )
    reference = pages.get(f"{base}/confirmation").select_one("#reference").get_text(strip=True)
    assert pages.last_response.request.remote_addr == ADDRESS

    response = db.session.scalars(select(Response)).one()
    assert (response.reference, response.status) == (reference, ResponseStatus.SUBMITTED)
    assert response.profile.ward_code == "E05010970" and response.equality.sex == "Female"

    sign_in_as("admin")
    pages.get(f"/officer/consultations/{consultation.id}/responses/{reference}")
    pages.post("/sign-out", expected_status=302)

    assert _stored_anywhere(ADDRESS) == []
    assert _stored_anywhere("Sam Jones") != []  # the search itself works
