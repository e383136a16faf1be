"""Search boxes take anything people (or scripts) type: NULs, control characters, wildcards."""

import pytest

from tests.factories import ConsultationFactory, ResponseFactory

HOSTILE = [
    "\x00",
    "a\x00b",
    "%",
    "_",
    "\\",
    "' OR 1=1 --",
    "<script>x</script>",
    "\udcff"[:0] + "é" * 300,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_public_search_never_fails(pages, text):
    ConsultationFactory(title="Library opening hours")
    page = pages.get("/", query_string={"q": text, "postcode": text, "topic": text, "area": text})
    assert page.find("h1") is not None


@pytest.mark.parametrize("text", HOSTILE)
def test_officer_response_search_never_fails(pages, sign_in_as, text):
    sign_in_as("analyst")
    response = ResponseFactory()
    page = pages.get(
        f"/officer/consultations/{response.consultation_id}/responses",
        query_string={"search": text, "question": text, "value": text, "age_band": text},
    )
    assert page.find("h1") is not None


@pytest.mark.parametrize(
    "path",
    [
        "/consultations/a%00b",
        "/consultations/a%00b/about-you",
        "/consultations/a%01b/privacy-notice",
        "/get-emails/confirm/tok%00en",
        "/unsubscribe/tok%7Fen",
    ],
)
def test_control_characters_in_url_text_are_pages_that_do_not_exist(app, path):
    """PostgreSQL refuses NUL in text: a slug or token holding one must be a 404, never a query."""
    response = app.test_client().get(path)
    assert response.status_code == 404, path
