"""The public pages every council service must have, drawn with GOV.UK Frontend."""

from tests.factories import AuthoritySettingsFactory
from tests.pages import heading, title


def test_home_page_names_the_authority_and_has_no_consultations_yet(pages):
    AuthoritySettingsFactory(name="Stroud District Council")
    page = pages.get("/")
    assert heading(page) == "Have your say in Stroud District Council"
    assert title(page) == "Home - Have your say - Stroud District Council"
    assert "There are no open consultations" in page.get_text()


def test_every_page_has_a_skip_link_beta_banner_and_footer_links(pages):
    page = pages.get("/")
    assert page.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert page.select_one("main#main-content") is not None
    assert "Beta" in page.select_one(".govuk-phase-banner").get_text()
    footer_links = {a.get_text(strip=True): a["href"] for a in page.select("footer a")}
    assert footer_links["Accessibility statement"] == "/accessibility-statement"
    assert footer_links["Privacy notice"] == "/privacy-notice"
    assert footer_links["Cookies"] == "/cookies"


def test_standing_pages_have_real_content(pages):
    AuthoritySettingsFactory(name="Stroud District Council", contact_email="talk@example.gov.uk")
    accessibility = pages.get("/accessibility-statement")
    assert heading(accessibility) == "Accessibility statement for Have your say"
    assert "Enforcement procedure" in accessibility.get_text()
    privacy = pages.get("/privacy-notice")
    assert "Stroud District Council is the data controller" in " ".join(privacy.get_text().split())
    assert "Article 6(1)(e)" in privacy.get_text()
    cookies = pages.get("/cookies")
    assert heading(cookies) == "Cookies"
    assert cookies.select_one("table.govuk-table") is not None


def test_pages_render_before_the_authority_is_set_up(pages):
    page = pages.get("/")
    assert heading(page) == "Have your say in Your council"


def test_govuk_assets_are_served_locally(client):
    with client.get("/assets/involve.css") as css:
        assert css.status_code == 200
        assert b"govuk-template" in css.data
    for path in (
        "/assets/govuk-frontend.min.js",
        "/assets/images/favicon.ico",
        "/static/js/init.js",
    ):
        with client.get(path) as response:
            assert response.status_code == 200, path


def test_user_text_is_escaped_on_pages(pages):
    AuthoritySettingsFactory(name="<script>alert(1)</script> Council")
    page = pages.get("/")
    assert page.find("script", string="alert(1)") is None
    assert "<script>alert(1)</script> Council" in heading(page)


def test_service_navigation_shows_only_what_the_role_may_use(pages, sign_in_as):
    assert pages.get("/").select(".govuk-service-navigation__item") == []
    sign_in_as("auditor")
    page = pages.get("/officer/audit-log")
    items = page.select(".govuk-service-navigation__item")
    assert [item.get_text(strip=True) for item in items] == [
        "Dashboard",
        "Consultations",
        "Activities",
        "Reports",
        "Audit log",
    ]
    current = page.select_one(".govuk-service-navigation__item--active")
    assert current.get_text(strip=True) == "Audit log"


def test_officer_pages_and_downloads_are_never_cached(pages, sign_in_as):
    sign_in_as("admin")
    for path in ("/officer/", "/officer/consultations", "/officer/access-log.csv"):
        response = pages.client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    # The public site may be cached as usual.
    assert pages.client.get("/").headers.get("Cache-Control") != "no-store"


def test_the_site_privacy_notice_names_the_dpo_and_links_to_withdrawal(pages):
    AuthoritySettingsFactory(dpo_contact="dpo@example.gov.uk")
    page = pages.get("/privacy-notice")
    assert page.select_one("a[href='mailto:dpo@example.gov.uk']") is not None
    assert page.select_one("a[href='/withdraw-equality-answers']") is not None
