"""Property-based tests (hypothesis) of every other public form: about you, equality, resume,
getting emails, withdrawing equality answers, check your answers and the home page search. Any
values (arbitrary Unicode, NULs, invalid UTF-8, hostile strings, valid choices), missing or
repeated fields, or a random raw body: never a 500, never an unescaped reflection, and a form
sent back always says what is wrong in a GOV.UK error summary. A 10 MB body is a GOV.UK 413 page."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.test import encode_multipart

from involve.extensions import db, limiter
from involve.models import AgeBand, Connection, ElectedStatus, OrganisationType, RespondingAs
from involve.services.about_you import DISABILITY_OPTIONS, ETHNIC_GROUP_OPTIONS, SEX_OPTIONS
from involve.services.economic_activity import ECONOMIC_ACTIVITY_LABELS
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.hostile import (
    FORM,
    assert_safe_page,
    assert_sent_back_with_errors,
    form_body,
    home_with_errors,
    hostile_strings,
    http_property,
    page_baseline,
    post_raw,
)
from tests.pages import PageClient, check_page

PROPERTY = http_property(max_examples=30)


def _values(enum_or_list) -> list[str]:  # type: ignore[no-untyped-def]
    return [getattr(item, "value", item) for item in enum_or_list]


# path (under the consultation when it starts with "/consultations/") -> field -> valid values
FORMS: dict[str, dict[str, list[str]]] = {
    "about-you": {
        "responding_as": _values(RespondingAs),
        "organisation_type": _values(OrganisationType),
        "organisation_name": ["Stroud Residents"],
        "connections": _values(Connection),
        "connection_other": ["I visit"],
        "elected_status": _values(ElectedStatus),
    },
    "about-you/age-and-postcode": {"age_band": _values(AgeBand), "postcode": ["GL5 4UB"]},
    "about-you/what-you-do": {"economic_activity": _values(ECONOMIC_ACTIVITY_LABELS)},
    "about-you/contact-details": {
        "name": ["Sam Jones"],
        "email": ["sam@example.com"],
        "wants_updates": ["y"],
    },
    "equality": {
        "sex": SEX_OPTIONS,
        "ethnic_group": ETHNIC_GROUP_OPTIONS,
        "disability": DISABILITY_OPTIONS,
    },
    "resume": {"code": ["ABCDE-FGHJK"]},
    "get-outcome-email": {"email": ["sam@example.com"]},
    "/get-emails/topic": {"topic": ["Parks"], "email": ["sam@example.com"]},
    "/get-emails/area": {"area": ["E05010001"], "email": ["sam@example.com"]},
    "/withdraw-equality-answers": {"reference": ["K7M-Q9P-2XD"], "confirm": ["yes"]},
}

unicode_text = st.text(st.characters(exclude_categories=()), max_size=40)
any_value = st.one_of(
    unicode_text,
    st.sampled_from(hostile_strings()),
    st.binary(max_size=12),
    st.just("\x00"),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _field_values(valid: list[str]):  # type: ignore[no-untyped-def]
    """Missing, one value or repeated; each valid, empty or anything at all."""
    return st.lists(st.one_of(st.sampled_from(valid), st.just(""), any_value), max_size=3)


@pytest.fixture
def consultation():  # type: ignore[no-untyped-def]
    """Shared by the examples of a test; each example uses a fresh browser."""
    built = ConsultationFactory(topics=["Parks"])
    QuestionFactory(page=QuestionPageFactory(consultation=built, position=1), required=True)
    db.session.commit()
    return built


def _url(consultation, path: str) -> str:  # type: ignore[no-untyped-def]
    return path if path.startswith("/") else f"/consultations/{consultation.slug}/{path}"


@pytest.mark.parametrize("path", sorted(FORMS))
@PROPERTY
@given(data=st.data())
def test_public_forms_survive_anything_posted(app, consultation, path, data):  # type: ignore[no-untyped-def]
    limiter.reset()
    pages = PageClient(app, app.test_client())
    url = _url(consultation, path)
    token = pages.csrf_token()
    usual = page_baseline(pages.client, url, FORMS[path], token=token)
    limiter.reset()
    pairs: list[tuple[str, str | bytes]] = [("csrf_token", token)]
    for name, valid in FORMS[path].items():
        pairs.extend((name, value) for value in data.draw(_field_values(valid), label=name))
    response = post_raw(pages.client, url, pairs)
    html = assert_safe_page(response, [value for _, value in pairs], baseline=usual)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_sent_back_with_errors(html, app)


@PROPERTY
@given(key=st.one_of(st.just(secrets.token_hex(32)), any_value), consent=_field_values(["yes"]))
def test_check_your_answers_survives_anything_posted(app, consultation, key, consent):  # type: ignore[no-untyped-def]
    pages = PageClient(app, app.test_client())
    base = f"/consultations/{consultation.slug}"
    (question,) = consultation.pages[0].questions
    pages.post(f"{base}/questions/1", {f"q{question.id}": "More buses"}, expected_status=302)
    token = pages.csrf_token()
    usual = page_baseline(pages.client, f"{base}/check-answers", ["publish_consent"], token=token)
    sent = [("submission_key", key)] + [("publish_consent", value) for value in consent]
    response = post_raw(pages.client, f"{base}/check-answers", [*sent, ("csrf_token", token)])
    assert_safe_page(response, [value for _, value in sent], baseline=usual)
    assert response.status_code in (200, 302)


@PROPERTY
@given(
    query=st.fixed_dictionaries(
        {},
        optional={name: any_value for name in ("q", "postcode", "topic", "area", "page")},
    )
)
def test_the_home_page_search_survives_anything(app, consultation, query):  # type: ignore[no-untyped-def]
    client = app.test_client()
    fields = ["q", "postcode", "topic", "area", "page"]
    usual = client.get("/").get_data(as_text=True) + home_with_errors(client, fields)
    response = client.get("/?" + form_body(query.items()).decode())
    assert response.status_code == 200
    assert_safe_page(response, list(query.values()), baseline=usual)


@PROPERTY
@given(path=st.sampled_from(sorted(FORMS)), body=st.binary(max_size=300))
def test_a_random_raw_body_is_never_a_server_error(app, consultation, path, body):  # type: ignore[no-untyped-def]
    """Invalid UTF-8, broken percent-escapes, stray & and =, after a valid token."""
    limiter.reset()
    pages = PageClient(app, app.test_client())
    token = pages.csrf_token()
    response = pages.client.post(
        _url(consultation, path),
        data=f"csrf_token={token}&".encode() + body,
        content_type=FORM,
    )
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 400:  # raw bytes that are not UTF-8: the form cannot be read
        assert "Your form could not be sent" in response.get_data(as_text=True)


TEN_MEGABYTES = 10 * 1024 * 1024


@pytest.mark.parametrize(
    "path", ["questions/1", "about-you/contact-details", "/get-emails/topic", "resume"]
)
def test_a_ten_megabyte_body_is_a_govuk_413_page(app, pages, consultation, path):
    url = _url(consultation, path)
    token = pages.csrf_token()
    urlencoded = f"csrf_token={token}&q1=".encode() + b"A" * TEN_MEGABYTES
    response = pages.client.post(url, data=urlencoded, content_type=FORM)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    check_page(html, app)
    assert "The information you sent is too large" in html
    boundary, multipart = encode_multipart({"csrf_token": token, "name": "A" * TEN_MEGABYTES})
    response = pages.client.post(
        url, data=multipart, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert "The information you sent is too large" in response.get_data(as_text=True)
