"""Issue 4's journey in Chromium: an engagement officer plans a workshop, sees previous
engagement from the demo data, publishes it, records attendance and the points raised, keys
in two paper responses, imports a CSV of twenty; the public site shows the event and the
service's involvement plan shows its gaps. axe checks every page on the way."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, ERROR_TITLE, assert_accessible, screenshot
from tests.browser.journey import answer_every_question

WORKSHOP = "Library services co-design workshop"


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/sign-in")
    page.fill("#email", "officer@example.gov.uk")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _submit(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("main form button[type=submit]").last.click()
    assert not page.title().startswith("Error: "), page.locator("main").inner_text()[:1500]


def _create_workshop(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Activities", exact=True).first.click()
    assert_accessible(page, "activity list")
    page.get_by_role("button", name="Create an activity").click()
    assert_accessible(page, "new activity form")
    page.locator("main form button[type=submit]").last.click()
    expect(page).to_have_title(ERROR_TITLE)  # waits for the page
    assert_accessible(page, "new activity form with errors")
    page.get_by_label("Title").fill(WORKSHOP)
    page.get_by_label("Summary").fill(
        "Help us design library opening hours and services that work for you."
    )
    page.get_by_label("Involving in another way").check()
    page.get_by_label("Design policies and services").check()
    page.locator("input[name=format][value=workshop]").check()
    page.locator("select[name=service_id]").select_option(label="Libraries and culture")
    start = date.today() + timedelta(days=20)
    page.fill("#starts_on-day", str(start.day))
    page.fill("#starts_on-month", str(start.month))
    page.fill("#starts_on-year", str(start.year))
    page.fill("#starts_time", "6pm")
    page.get_by_label("Venue", exact=False).first.fill("Stroud Library")
    page.locator("textarea[name=access_information]").fill("Step-free entrance, hearing loop.")
    page.locator("textarea[name=how_to_take_part]").fill("Just come along; no need to book.")
    page.get_by_label("Residents").check()
    _submit(page)
    assert page.locator("h1").inner_text() == WORKSHOP
    assert_accessible(page, "activity overview")


def _fill_plan(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=re.compile("plan", re.I)).first.click()
    assert_accessible(page, "plan task list")
    task_list = page.url
    sections = [link.get_attribute("href") for link in page.locator(".govuk-task-list a").all()]
    assert len(sections) == 6, sections
    for href in sections:
        page.goto(page.url.split("/officer/")[0] + href)
        assert_accessible(page, f"plan section {href}")
        if "previous-engagement" in href:
            matches = page.locator("main table").inner_text()
            assert "Stroud Library" in matches or "library" in matches.lower(), matches
        _answer_section(page)
        _submit(page)
    page.goto(task_list)
    assert page.locator(".govuk-task-list").inner_text().count("Completed") == 6


def _answer_section(page) -> None:  # type: ignore[no-untyped-def]
    form = page.locator("main form").last
    if form.locator("[name=group_1]").count():
        form.locator("[name=group_1]").fill("Library users")
        form.locator("[name=category_1]").select_option(index=1)
        form.locator("[name=how_reached_1]").fill("Posters and leaflets in every library")
        return
    for area in form.locator("textarea").all():
        if area.is_visible() and not area.input_value():
            area.fill("Library users, non-users and staff, reached through libraries and schools.")
    for box in form.locator("input[type=checkbox]").all():
        if box.is_visible():
            box.check()


def test_officer_plans_publishes_and_runs_a_workshop(page, browser, live_server):
    _sign_in(page, live_server)
    _create_workshop(page, live_server)
    overview = page.url
    _fill_plan(page)

    page.goto(overview)
    page.get_by_role("button", name="Publish").click()
    assert "published" in page.locator("main").inner_text().lower()

    page.get_by_role("link", name=re.compile("attendance|event", re.I)).first.click()
    assert_accessible(page, "event page")
    page.locator("input[name$='residents']").first.fill("14")
    page.locator("input[name$='65_74']").first.fill("6")
    page.locator("main form").filter(has=page.locator("input[name$='residents']")).locator(
        "button[type=submit]"
    ).click()
    assert "14" in page.locator("main").inner_text()
    points = page.locator("textarea[name=points]")
    points.fill("Open later on Thursdays\nKeep the Saturday morning story time")
    page.locator("main form").filter(has=points).locator("button[type=submit]").click()
    assert "Keep the Saturday morning story time" in page.locator("main").inner_text()
    assert_accessible(page, "event page with attendance and points")
    screenshot(page, "event")

    public = browser.new_context().new_page()
    public.goto(live_server + "/activities")
    assert_accessible(public, "public activities")
    public.get_by_role("link", name=WORKSHOP).click()
    text = public.locator("main").inner_text()
    assert "Stroud Library" in text and "Step-free entrance" in text
    assert_accessible(public, "public event page")
    public.context.close()


def test_officer_keys_in_paper_responses_and_imports_twenty(page, live_server):
    _sign_in(page, live_server)
    page.get_by_role("link", name="Consultations", exact=True).first.click()
    page.locator("main table").get_by_role("link", name="Library opening hours").click()
    page.get_by_role("link", name=re.compile(r"^Responses \(\d+\)$")).click()
    responses = page.url
    for _ in range(2):
        page.get_by_role("link", name="Enter a paper or phone response").click()
        assert_accessible(page, "key in a response")
        answer_every_question(page)  # as transcribed from the paper form
        page.fill("[name=organisation_name]", "")  # an individual, not an organisation
        page.locator("input[name=channel][value=paper]").check()
        today = date.today()
        page.fill("#received_on-day", str(today.day))
        page.fill("#received_on-month", str(today.month))
        page.fill("#received_on-year", str(today.year))
        _submit(page)
        assert re.search(
            r"[3-9A-Y]{3}-[3-9A-Y]{3}-[3-9A-Y]{3}",
            page.locator(".govuk-notification-banner").inner_text(),
        )
        page.goto(responses)

    page.get_by_role("link", name="Import responses from a spreadsheet").click()
    assert_accessible(page, "import page")
    template = page.request.get(page.url.split("?")[0] + "/template.csv").text().lstrip("\ufeff")
    header = next(csv.reader(io.StringIO(template)))
    rows = io.StringIO()
    writer = csv.DictWriter(rows, fieldnames=header)
    writer.writeheader()
    for number in range(20):
        writer.writerow(
            {
                "channel": "paper",
                "date_received": date.today().isoformat(),
                "Which library do you use most?": ["Stroud", "Dursley", "Cam"][number % 3],
                "Do you use the mobile library?": "No",
                "To what extent do you agree with the proposed opening hours?": "Agree",
                "Please tell us why": f"Paper response {number}: please keep evening opening.",
            }
        )
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "paper-responses.csv",
                "mimeType": "text/csv",
                "buffer": rows.getvalue().encode(),
            }
        ]
    )
    _submit(page)
    assert "20" in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "import-done")


def test_service_involvement_plan_shows_the_gaps(page, live_server):
    _sign_in(page, live_server)
    page.get_by_role("link", name="Activities", exact=True).first.click()
    page.get_by_role("link", name=re.compile("Involvement plans by service")).click()
    assert_accessible(page, "involvement plans index")
    page.get_by_role("link", name=re.compile("Waste and recycling")).click()
    text = page.locator("main").inner_text()
    assert "Not offered this year" in text
    assert_accessible(page, "waste and recycling involvement plan")
    page.goto(live_server + "/officer/activities/timeline")
    assert_accessible(page, "timeline")
