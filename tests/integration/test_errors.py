"""Bad input and failures get GOV.UK error pages with the right status, never a stack trace."""

from bs4 import BeautifulSoup

from tests.pages import heading, title


def test_unknown_page_is_a_govuk_404(pages):
    page = pages.get("/no-such-page", expected_status=404)
    assert heading(page) == "Page not found"
    assert title(page).startswith("Page not found - ")


def test_wrong_method_is_a_405_page(pages):
    page = pages.post("/cookies", expected_status=405)
    assert heading(page) == "Sorry, that action is not possible on this page"


def test_missing_or_wrong_csrf_token_is_a_clear_400(pages):
    page = pages.post(
        "/sign-in", {"email": "a@example.gov.uk", "password": "x"}, csrf=False, expected_status=400
    )
    assert heading(page) == "Your form could not be sent"
    assert "What you typed is still on the page you came from" in page.get_text()
    page = pages.post(
        "/sign-in",
        {"email": "a@example.gov.uk", "password": "x", "csrf_token": "forged"},
        expected_status=400,
    )
    assert heading(page) == "Your form could not be sent"


def test_request_body_over_the_limit_is_a_413_page(app, pages):
    limit = app.config["MAX_CONTENT_LENGTH"]
    page = pages.post(
        "/sign-in",
        data={"email": "a@example.gov.uk", "password": "x" * (limit + 1)},
        expected_status=413,
    )
    assert heading(page) == "The information you sent is too large"


def test_a_single_field_over_the_form_memory_limit_is_a_413_page(app, pages):
    too_big = app.config["MAX_FORM_MEMORY_SIZE"] + 1
    # Werkzeug applies the per-field limit to multipart forms (urlencoded bodies are capped by
    # MAX_CONTENT_LENGTH and by each field's own length rule).
    boundary = "involve-test-boundary"
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in {
                "csrf_token": pages.csrf_token(),
                "email": "e" * too_big,
                "password": "x",
            }.items()
        )
        + f"--{boundary}--\r\n"
    )
    response = pages.client.post(
        "/sign-in", data=body.encode(), content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    page = BeautifulSoup(response.data, "html.parser")
    assert heading(page) == "The information you sent is too large"


def test_unexpected_error_is_a_govuk_500_without_details(pages, monkeypatch):
    import involve.public.routes

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(involve.public.routes, "render_template", explode)
    page = pages.get("/", expected_status=500)
    assert heading(page) == "Sorry, there is a problem with the service"
    assert "secret internals" not in page.get_text()
    assert "Traceback" not in page.get_text()


def test_forbidden_is_a_govuk_403(pages, sign_in_as):
    sign_in_as("auditor")
    page = pages.get("/officer/settings", expected_status=403)
    assert heading(page) == "You do not have permission to see this page"


def test_nul_bytes_and_odd_unicode_do_not_break_sign_in(pages):
    for email in ("a\x00@example.gov.uk", "👩‍💻@example.gov.uk", "' OR 1=1 --", "<b>x</b>"):
        page = pages.post("/sign-in", {"email": email, "password": "x\x00y"})
        assert page.select_one(".govuk-error-summary") is not None
        assert "\x00" not in str(page)


def test_invalid_utf8_in_the_body_gets_an_error_page_not_a_crash(pages):
    from urllib.parse import quote

    body = f"csrf_token={quote(pages.csrf_token())}&email=%FF%FE%00@x&password=%C3%28".encode()
    response = pages.client.post(
        "/sign-in", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.data


def test_ids_too_big_for_the_database_are_pages_that_do_not_exist(pages, sign_in_as):
    sign_in_as("admin")
    huge = "9" * 23
    for url in (
        f"/officer/consultations/{huge}",
        f"/officer/theming/{huge}",
        f"/officer/theming/1/items/{huge}",
        f"/officer/jobs/{huge}",
        f"/officer/activities/{2**31}",
    ):
        pages.get(url, expected_status=404)
