"""Economic activity on the representativeness page: counted by the database, compared with the
census's residents aged 16 and over (TS066), flagged with outreach prompts, in the CSV, and on
the demo data."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, ActivityFormat, Consultation, ReferenceDistribution
from involve.services.census_import import DATA_DIR, import_shipped_census, parse_census_csv
from involve.services.reference_groups import economic_activity_from_bulk
from involve.services.representativeness_counts import observed_counts
from involve.services.representativeness_report import build_report
from tests.factories import AuthoritySettingsFactory, ConsultationFactory
from tests.factories_representativeness import consultation_activity, many
from tests.pages import error_summary, heading, statements_for

TS066 = DATA_DIR / "census2021-ts066-ltla.csv"
# Stroud's Census 2021 TS066 columns (data/ons/census2021-ts066-ltla.csv), by hand.
STROUD_16_PLUS = 100_197
STROUD_STUDENTS = 1_531 + 3_271  # economically active full-time students + inactive students


@pytest.fixture
def census():  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/representativeness"


def _cells(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {
        row.th.get_text(" ", strip=True).replace(" Under-represented", ""): [
            cell.get_text(strip=True) for cell in row.find_all("td")
        ]
        for row in page.find(id="table-economic_activity").select("tbody tr")
    }


def test_the_census_categories_add_up_to_the_residents_aged_16_and_over_everywhere():
    parsed = parse_census_csv(TS066.read_text(encoding="utf-8-sig"), name=TS066.name)
    assert len(parsed.areas) == 331
    for code, (_name, counts, total) in parsed.areas.items():
        groups = economic_activity_from_bulk(counts).counts
        assert sum(groups.values()) == total, code
    stroud = economic_activity_from_bulk(parsed.areas["E07000082"][1])
    assert stroud.counts == {
        "employed": 58_712,
        "unemployed": 1_795,
        "full_time_student": STROUD_STUDENTS,
        "retired": 26_641,
        "looking_after_home": 3_210,
        "long_term_sick_or_disabled": 2_888,
        "other": 2_149,
    }
    assert stroud.base == "usual residents aged 16 and over"


@pytest.fixture
def activity(census):  # type: ignore[no-untyped-def]
    """413 answers: few students, no one unemployed or long-term sick."""
    made = consultation_activity()
    consultation = made.consultation
    many(consultation, 230, age_band="35_49", economic_activity="employed")
    many(consultation, 150, age_band="65_74", economic_activity="retired")
    many(consultation, 20, age_band="25_34", economic_activity="looking_after_home")
    many(consultation, 10, age_band="50_64", economic_activity="other")
    many(consultation, 3, age_band="18_24", economic_activity="full_time_student")
    many(consultation, 12, age_band="50_64")  # left it blank
    many(consultation, 3, age_band="50_64", economic_activity="prefer_not_to_say")
    # Never asked of under-16s: a value stored anyway is not counted.
    many(consultation, 5, age_band="under_16", economic_activity="employed")
    db.session.commit()
    return made


def test_the_database_counts_what_individuals_do(activity):
    observed = observed_counts(activity).dimensions["economic_activity"]
    assert observed == {
        "employed": 230,
        "retired": 150,
        "looking_after_home": 20,
        "other": 10,
        "full_time_student": 3,
        "prefer_not_to_say": 3,
        "not_given": 17,
    }


def test_students_and_others_are_compared_with_stroud_and_flagged_with_prompts(
    pages, sign_in_as, activity
):
    sign_in_as("engagement_officer")
    page = pages.get(_url(activity))
    section = page.find(id="dimension-economic_activity").get_text(" ", strip=True)
    assert "Compared with usual residents aged 16 and over: Census 2021 TS066" in section
    assert "Open Government Licence" in section
    cells = _cells(page)
    students = f"{STROUD_STUDENTS / STROUD_16_PLUS * 100:.1f}%"
    assert cells["Full-time students"][:3] == ["fewer than 10", "-", students]
    assert cells["Other"][0] == "hidden"  # so the students' count cannot be subtracted
    assert cells["In work (employee or self-employed)"][:3] == ["230", "55.7%", "58.6%"]
    assert cells["Unemployed"][:2] == ["0", "0.0%"]
    assert cells["Not given, or not asked (under 16)"][0] == "20"
    flagged = page.find(id="flagged").get_text(" ", strip=True)
    assert "Economic activity: Full-time students (fewer than 10)" in flagged
    assert "Economic activity: Unemployed" in flagged
    assert "Economic activity: Long-term sick or disabled" in flagged
    assert "Economic activity: Retired" not in flagged
    prompts = page.find(id="prompts-economic_activity").get_text(" ", strip=True)
    assert "students' union" in prompts
    assert "Jobcentre Plus" in prompts
    assert "disability groups" in prompts
    caption = page.find(id="table-economic_activity").caption.get_text(" ", strip=True)
    assert "(413 people)" in caption


def test_the_council_rewords_the_prompt_for_unemployed_people(pages, sign_in_as, activity):
    sign_in_as("engagement_officer")
    listing = pages.get("/officer/settings/outreach-prompts").get_text(" ", strip=True)
    assert "Economic activity" in listing and "Jobcentre Plus" in listing
    url = "/officer/settings/outreach-prompts/change?dimension=economic_activity&group=unemployed"
    assert heading(pages.get(url)) == "Outreach prompt: Unemployed"
    pages.post(url, {"text": "Ask the Stroud Jobcentre & the Job Club"}, expected_status=302)
    prompts = pages.get(_url(activity)).find(id="prompts-economic_activity")
    assert "Ask the Stroud Jobcentre & the Job Club" in prompts.get_text()


def test_the_csv_has_the_economic_activity_table(pages, sign_in_as, activity):
    sign_in_as("auditor")
    response = pages.client.post(
        _url(activity) + ".csv", data={"csrf_token": pages.csrf_token()}, buffered=True
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    by_group = {row[1]: row for row in rows if row[0] == "Economic activity"}
    students = by_group["Full-time students"]
    assert students[2:5] == ["fewer than 10", "", "4.8"]
    assert students[7] == "yes"
    assert "(usual residents aged 16 and over)" in students[9]
    assert by_group["Retired"][2] == "150"
    assert by_group["Not given, or not asked (under 16)"][2] == "20"


def test_the_count_is_one_query_whatever_the_number_of_responses(pages, sign_in_as, census):
    small, large = consultation_activity(), consultation_activity()
    many(small.consultation, 12, economic_activity="retired")
    many(large.consultation, 60, economic_activity="retired")
    many(large.consultation, 60, economic_activity="employed")
    db.session.commit()
    sign_in_as("analyst")
    assert statements_for(pages, _url(small)) == statements_for(pages, _url(large))


def test_with_the_about_you_questions_off_it_says_not_asked(pages, sign_in_as, census):
    made = consultation_activity(consultation=ConsultationFactory(about_you_enabled=False))
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(made))
    status = page.find(id="status-economic_activity").get_text(" ", strip=True)
    assert status.startswith("Not asked: this consultation's 'About you' questions are switched")
    assert page.find(id="table-economic_activity") is None
    rows = build_report(made).dimensions
    assert next(dim for dim in rows if dim.key == "economic_activity").status == "not_asked"


def test_an_event_does_not_record_economic_activity(pages, sign_in_as, census):
    from tests.factories_activities import ActivityFactory

    event = ActivityFactory(format=ActivityFormat.PUBLIC_MEETING)
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(event))
    assert "Not recorded" in page.find(id="status-economic_activity").get_text()


def test_an_officer_gives_own_economic_activity_figures_and_a_repeated_group_is_refused(
    pages, sign_in_as, activity
):
    sign_in_as("engagement_officer")
    url = _url(activity) + "/reference/economic_activity"
    page = pages.get(url)
    assert heading(page) == "Economic activity: this activity's own figures"
    data = {"title": "Service users", "source": "CRM"}
    upload = b"group,count\nRetired,300\nFull-time students,40\nretired,20\n"
    page = pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(upload), "users.csv")},
        content_type="multipart/form-data",
    )
    assert error_summary(page) == [
        "Lines 2 and 4 both give a count for Retired: give each group once"
    ]
    assert (
        db.session.scalars(
            select(ReferenceDistribution.id).where(ReferenceDistribution.activity_id == activity.id)
        ).first()
        is None
    )
    upload = (
        b"group,count\nRetired,300\nfull_time_student,40\nIn work (employee or self-employed),60\n"
    )
    pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(upload), "users.csv")},
        content_type="multipart/form-data",
        expected_status=302,
    )
    page = pages.get(_url(activity))
    assert "Compared with: Service users (CRM)" in page.find(
        id="dimension-economic_activity"
    ).get_text(" ", strip=True)
    assert _cells(page)["Retired"][2] == "75.0%"


# -- the demo -------------------------------------------------------------------------------


@pytest.fixture
def demo():  # type: ignore[no-untyped-def]
    from involve.demo_consultations import seed_demo_consultations, seed_demo_geography
    from involve.demo_representativeness import seed_demo_representativeness
    from involve.services.activities import ensure_consultation_activities

    AuthoritySettingsFactory()
    seed_demo_geography()
    seed_demo_consultations()
    ensure_consultation_activities()
    seed_demo_representativeness()
    db.session.commit()

    def activity_of(slug: str) -> Activity:
        return db.session.scalars(
            select(Activity).join(Consultation).where(Consultation.slug == slug)
        ).one()

    return activity_of


def test_on_the_demo_most_adults_answer_and_full_time_students_are_under_represented(demo):
    for slug in ("library-opening-hours", "town-centre-parking-plan"):
        report = build_report(demo(slug))
        dimension = next(dim for dim in report.dimensions if dim.key == "economic_activity")
        assert dimension.status == "compared" and dimension.is_census
        answered = dimension.n / report.counts.individuals
        assert 0.7 <= answered <= 0.85, (slug, answered)
        students = next(row for row in dimension.rows if row.key == "full_time_student")
        assert students.reference_percent == pytest.approx(4.79, abs=0.01)
        # Fewer than 10 of some 200 (shown as such), or none: short of the census's 4.8%.
        assert students.observed < 0.6 * dimension.n * 0.0479, slug
    parking = build_report(demo("town-centre-parking-plan"))
    flagged = [(dim.key, row.key) for dim, row in parking.flagged]
    assert ("economic_activity", "full_time_student") in flagged
    assert ("age", "16-24") in flagged
