"""The representativeness page of an activity, its CSV, own reference figures and prompts."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, ElectedStatus, OrganisationType, ReferenceDistribution
from involve.services.census_import import import_shipped_census
from involve.services.reference_distributions import save_activity_reference
from tests.factories import AuthoritySettingsFactory, OfficerFactory
from tests.factories_activities import ActivityPlanFactory
from tests.factories_representativeness import consultation_activity, many, respondent
from tests.pages import error_summary, field_error, heading, title

MIX = {"residents": 0.75, "children_and_young_people": 0.15, "businesses": 0.10}


@pytest.fixture
def activity():  # type: ignore[no-untyped-def]
    """A consultation like the demo's: older residents answer, young people and businesses don't."""
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})
    made = consultation_activity()
    ActivityPlanFactory(activity=made, target_mix=dict(MIX))
    consultation = made.consultation
    many(consultation, 200, age_band="65_74", sex="Female", ethnic_group="White")
    many(consultation, 100, age_band="50_64", sex="Male", ethnic_group="White")
    many(consultation, 3, age_band="18_24", connections=["live", "study"])
    respondent(consultation, organisation=OrganisationType.BUSINESS, age_band=None)
    respondent(consultation, elected=ElectedStatus.COUNCILLOR)
    db.session.commit()
    return made


def _url(activity, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/representativeness{suffix}"


@pytest.mark.parametrize("role", ["admin", "engagement_officer", "analyst", "auditor"])
def test_every_role_that_reads_reports_sees_who_is_missing_with_prompts(
    pages, sign_in_as, activity, role
):
    sign_in_as(role)
    page = pages.get(_url(activity))
    assert heading(page) == "Who took part"
    assert title(page).startswith("Who took part: ")
    flagged = page.find(id="flagged").get_text(" ", strip=True)
    assert "Age: 16 to 24" in flagged
    assert "Local-person category: Businesses" in flagged
    assert "Local-person category: Children and young people" in flagged
    prompts = page.find(id="prompts-age").get_text(" ", strip=True)
    assert "schools and colleges" in prompts
    assert "Business Improvement Districts" in page.find(id="prompts-category").get_text()
    assert page.find(id="excluded").get_text(strip=True) == "fewer than 10"
    assert "Open Government Licence v.3.0" in page.find(id="dimension-age").get_text()
    # Nobody in this fixture said what they do; the question is asked, so it is not "Not asked".
    assert page.find(id="status-economic_activity").get_text() == "Nobody has answered yet."
    assert "would need to be in a different group to match the area" in page.find(
        id="dimension-age"
    ).get_text(" ", strip=True)


def test_small_counts_read_fewer_than_ten_and_their_neighbours_are_hidden(
    pages, sign_in_as, activity
):
    sign_in_as("auditor")
    page = pages.get(_url(activity))
    cells = {
        row.th.get_text(" ", strip=True).replace(" Under-represented", ""): row.find("td").get_text(
            strip=True
        )
        for row in page.find(id="table-category").select("tbody tr")
    }
    # Young people (3) are under ten, and residents (300) the one other cell with people in it,
    # so hidden too; the one business is left out while there are fewer than ten organisations.
    assert cells["Residents"] == "hidden"
    assert cells["Children and young people"] == "fewer than 10"
    assert cells["Businesses"] == "0"
    ages = {
        row.th.get_text(" ", strip=True)[:8]: row.find("td").get_text(strip=True)
        for row in page.find(id="table-age").select("tbody tr")
    }
    # 16 to 24 has 3: one small cell alone would follow from the total, so 50 to 64 is hidden too.
    assert ages["16 to 24"] == "fewer than 10"
    assert ages["50 to 64"] == "hidden"
    assert ages["65 to 74"] == "200"


def test_a_breakdown_with_fewer_than_ten_answers_is_hidden(pages, sign_in_as):
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})
    small = consultation_activity()
    many(small.consultation, 6, age_band="65_74", disability="No")
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(small))
    assert "breakdown is hidden" in page.find(id="status-age").get_text()
    assert page.find(id="table-age") is None


@pytest.mark.parametrize("role", ["analyst", "auditor"])
def test_readers_cannot_change_references_or_prompts(pages, sign_in_as, activity, role):
    sign_in_as(role)
    pages.get(_url(activity, "/reference/age"), expected_status=403)
    pages.post(_url(activity, "/reference/age"), {"title": "x"}, expected_status=403)
    pages.get(
        "/officer/settings/outreach-prompts/change?dimension=age&group=16-24", expected_status=403
    )
    pages.post(
        "/officer/settings/outreach-prompts/change?dimension=age&group=16-24",
        {"text": "x"},
        expected_status=403,
    )
    page = pages.get("/officer/settings/outreach-prompts")
    assert page.find("a", string="Change") is None


def test_an_officer_gives_the_activity_its_own_age_figures(pages, sign_in_as, activity):
    sign_in_as("engagement_officer")
    url = _url(activity, "/reference/age")
    page = pages.get(url)
    assert heading(page) == "Age: this activity's own figures"
    page = pages.post(url, {"title": "", "source": "Library system"})
    assert error_summary(page) == [
        "Enter a name for these figures",
    ]
    page = pages.post(url, {"title": "Members", "source": "Library system", "group_0": "ten"})
    assert field_error(page, "group_0") == "Under 16 must be a number, like 120"
    page = pages.post(url, {"title": "Members", "source": "Library system"})
    assert "Enter a count for at least one group" in error_summary(page)[0]
    form = {"title": "Library members", "source": "Library system export"}
    form.update({f"group_{index}": "100" for index in range(8)})
    pages.post(url, form, expected_status=302)
    stored = db.session.scalars(
        select(ReferenceDistribution).where(ReferenceDistribution.activity_id == activity.id)
    ).one()
    assert stored.counts["16-24"] == 100 and stored.table_code == "officer"
    page = pages.get(_url(activity))
    assert "Compared with: Library members (Library system export)" in page.find(
        id="dimension-age"
    ).get_text(" ", strip=True)
    assert "reference.added" in db.session.scalars(select(AuditEvent.action)).all()
    stored_id = stored.id
    remove = f"/officer/activities/{activity.id}/representativeness/reference/{stored_id}/remove"
    pages.post(remove, expected_status=302)
    remaining = select(ReferenceDistribution.id).where(ReferenceDistribution.id == stored_id)
    assert db.session.scalars(remaining).first() is None


def test_an_officer_uploads_figures_as_csv_and_a_bad_file_is_explained(pages, sign_in_as, activity):
    sign_in_as("engagement_officer")
    url = _url(activity, "/reference/sex")
    data = {"title": "Service users", "source": "CRM"}
    bad = pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(b"group,count\nCats,3\n"), "users.csv")},
        content_type="multipart/form-data",
    )
    assert "'Cats' is not one of the groups" in error_summary(bad)[0]
    pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(b"group,count\nfemale,120\nMale,80\n"), "u.csv")},
        content_type="multipart/form-data",
        expected_status=302,
    )
    stored = db.session.scalars(
        select(ReferenceDistribution).where(ReferenceDistribution.activity_id == activity.id)
    ).one()
    assert stored.counts == {"Female": 120, "Male": 80}


def test_unknown_dimension_or_reference_is_not_found(pages, sign_in_as, activity):
    sign_in_as("admin")
    pages.get(_url(activity, "/reference/shoe-size"), expected_status=404)
    pages.post(_url(activity, "/reference/999/remove"), expected_status=404)
    pages.get(
        "/officer/settings/outreach-prompts/change?dimension=age&group=7", expected_status=404
    )
    pages.get("/officer/activities/999999/representativeness", expected_status=404)


def test_the_council_rewords_a_prompt_and_the_page_uses_it(pages, sign_in_as, activity):
    sign_in_as("engagement_officer")
    url = "/officer/settings/outreach-prompts/change?dimension=age&group=16-24"
    page = pages.post(url, {"text": ""})
    assert error_summary(page) == ["Enter the outreach prompt"]
    pages.post(url, {"text": "Ask <Stroud College> & the youth council"}, expected_status=302)
    page = pages.get(_url(activity))
    assert "Ask <Stroud College> & the youth council" in page.find(id="prompts-age").get_text()
    assert "outreach_prompt.changed" in db.session.scalars(select(AuditEvent.action)).all()


def test_the_csv_has_every_table_is_safe_in_a_spreadsheet_and_is_audited(
    pages, sign_in_as, activity
):
    officer = OfficerFactory()
    save_activity_reference(
        actor=officer,
        activity=activity,
        dimension="sex",
        title='=HYPERLINK("http://x")',
        source="@SUM(1)",
        counts={"Female": 50, "Male": 50},
    )
    db.session.commit()
    sign_in_as("auditor")
    response = pages.client.post(
        _url(activity, ".csv"), data={"csrf_token": pages.csrf_token()}, buffered=True
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "representativeness" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["table", "group", "respondents"]
    tables = {row[0] for row in rows[1:]}
    assert {"Age", "Sex", "Local-person category", "How people took part"} <= tables
    assert any(table.startswith("Organisations") for table in tables)
    sex_rows = [row for row in rows if row[0] == "Sex"]
    assert all(row[9].startswith("'=") for row in sex_rows if row[1] != "Not given")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    age_16 = next(row for row in rows if row[0] == "Age" and row[1] == "16 to 24")
    assert age_16[2] == "fewer than 10" and age_16[3] == ""
    assert "representativeness.exported" in db.session.scalars(select(AuditEvent.action)).all()


def test_disability_is_compared_once_the_census_table_is_imported(pages, sign_in_as, tmp_path):
    from involve.services.census_import import import_census_file
    from tests.integration.test_census_import import TS038

    AuthoritySettingsFactory()
    made = consultation_activity()
    many(made.consultation, 20, disability="No")
    many(made.consultation, 20, disability="Yes, limited a lot")
    db.session.commit()
    sign_in_as("auditor")
    page = pages.get(_url(made))
    assert "import the census disability table" in page.find(id="status-disability").get_text()
    path = tmp_path / "ts038.csv"
    path.write_text(TS038, encoding="utf-8")
    import_census_file(path=path, area_codes={"E07000082"})
    db.session.commit()
    page = pages.get(_url(made))
    rows = {
        row.th.get_text(" ", strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in page.find(id="table-disability").select("tbody tr")
    }
    # Reference: 80 limited a lot, 120 a little, 800 not disabled, of 1,000.
    assert rows["Yes, limited a lot"][:4] == ["20", "50.0%", "8.0%", "3.2"]
    # 20 of 40 against 80%: rate index 0.625, flagged.
    assert rows["No Under-represented"] == ["20", "50.0%", "80.0%", "32.0", "0.62"]
    assert "Open Government Licence" in page.find(id="dimension-disability").get_text()


def test_an_event_shows_its_attendance_and_says_what_it_does_not_record(pages, sign_in_as):
    from involve.models import ActivityFormat, AttendanceDimension
    from tests.factories_activities import ActivityFactory, AttendanceCountFactory

    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})
    event = ActivityFactory(format=ActivityFormat.PUBLIC_MEETING)
    for group, count in (("65_74", 200), ("50_64", 100), ("18_24", 2)):
        AttendanceCountFactory(
            activity=event, dimension=AttendanceDimension.AGE_BAND, group_value=group, count=count
        )
    db.session.commit()
    sign_in_as("engagement_officer")
    page = pages.get(f"/officer/activities/{event.id}")
    assert page.find("a", string="Who took part: representativeness") is not None
    page = pages.get(_url(event))
    glance = page.find(id="glance").get_text(" ", strip=True)
    assert "Attendance at the event 302" in glance
    assert "Age: 16 to 24" in page.find(id="flagged").get_text(" ", strip=True)
    assert "Not recorded" in page.find(id="status-sex").get_text()
    channels = page.find(id="table-channels").get_text(" ", strip=True)
    assert "At the event (attendance) 302" in channels


def test_a_post_without_its_form_token_changes_and_exports_nothing(pages, sign_in_as, activity):
    sign_in_as("engagement_officer")
    pages.post(_url(activity, ".csv"), csrf=False, expected_status=400)
    pages.post(_url(activity, "/reference/age"), {"title": "x"}, csrf=False, expected_status=400)
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "representativeness.exported" not in actions
    assert "reference.added" not in actions
