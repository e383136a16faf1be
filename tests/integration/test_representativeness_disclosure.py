"""The representativeness page gives no small count away: not through weighted estimates, summary
statistics, totals or flags; and it survives reference figures no comparison can use."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from analysis.representativeness import compare
from involve.extensions import db
from involve.models import (
    ElectedStatus,
    OrganisationType,
    QuestionKind,
    ReferenceDistribution,
)
from involve.services.census_import import import_shipped_census
from involve.services.representativeness_wording import _summary
from tests.factories import (
    AnswerFactory,
    AuthoritySettingsFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.factories_representativeness import consultation_activity, many, respondent


@pytest.fixture
def census():  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/representativeness"


def _text(page, element_id: str) -> str:  # type: ignore[no-untyped-def]
    return page.find(id=element_id).get_text(" ", strip=True)


def _cells(page, table_id: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {
        row.th.get_text(" ", strip=True).replace(" Under-represented", ""): [
            cell.get_text(strip=True) for cell in row.find_all("td")
        ]
        for row in page.find(id=table_id).select("tbody tr")
    }


def _csv(pages, activity) -> list[list[str]]:  # type: ignore[no-untyped-def]
    response = pages.client.post(
        _url(activity) + ".csv", data={"csrf_token": pages.csrf_token()}, buffered=True
    )
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _ages(consultation, counts: dict[str, int], sex: str = "") -> None:  # type: ignore[no-untyped-def]
    for band, count in counts.items():
        given = sex or ("Female" if band < "5" else "Male")
        many(consultation, count, age_band=band, sex=given, ethnic_group="White")


# 1(a): weighted estimates


def test_weighted_estimates_hide_small_answers_and_show_the_rest_rounded(pages, sign_in_as, census):
    activity = consultation_activity()
    consultation = activity.consultation
    question = QuestionFactory(
        page=QuestionPageFactory(consultation=consultation),
        kind=QuestionKind.SINGLE_CHOICE,
        text="Should the library open on Sundays?",
        options=["Yes", "No", "Not sure"],
    )
    for answer, band, count in (
        ("Yes", "65_74", 40),
        ("No", "50_64", 25),
        ("No", "25_34", 5),
        ("Not sure", "18_24", 3),
    ):
        for _ in range(count):
            response = respondent(consultation, age_band=band, sex="Female")
            AnswerFactory(response=response, question=question, value=answer)
    db.session.commit()
    sign_in_as("auditor")
    page = pages.get(_url(activity))
    table = page.find("caption", string=re.compile("Should the library")).find_parent("table")
    rows = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    }
    # 3 "Not sure" is under ten, so one more answer is hidden; neither shows a share or estimate.
    assert rows["Not sure"] == ["fewer than 10", "fewer than 10"]
    assert rows["No"] == ["hidden", "hidden"]
    assert rows["Yes"][0] == "54.8%"  # 40 of 73, unweighted
    assert re.fullmatch(r"\d+%", rows["Yes"][1])  # the estimate, a whole percentage
    estimate_rows = [row for row in _csv(pages, activity) if "Should the library" in row[0]]
    by_answer = {row[1]: row for row in estimate_rows}
    assert by_answer["Not sure"][2:4] == ["fewer than 10", ""]
    assert by_answer["Not sure"][8] == "fewer than 10"
    assert by_answer["No"][2:4] == ["hidden", ""] and by_answer["No"][8] == "hidden"
    assert re.fullmatch(r"\d+", by_answer["Yes"][8])


# 1(b): summary statistics


def test_published_figures_are_the_same_whatever_the_hidden_counts_are(pages, sign_in_as, census):
    """Two consultations that differ only inside the hidden cells (16 to 24 and 85 or over,
    both under ten, with the same sum) must publish exactly the same age section."""
    shared = {"25_34": 30, "35_49": 50, "50_64": 60, "65_74": 70, "75_84": 25}
    first = consultation_activity()
    _ages(first.consultation, {**shared, "18_24": 2, "85_plus": 7}, sex="Female")
    second = consultation_activity()
    _ages(second.consultation, {**shared, "18_24": 7, "85_plus": 2}, sex="Female")
    db.session.commit()
    sign_in_as("analyst")
    one, two = pages.get(_url(first)), pages.get(_url(second))
    assert "treat the hidden groups as one group" in _text(one, "dimension-age")
    assert "(the dissimilarity index, D)" in _text(one, "dimension-age")
    for section in ("dimension-age", "dimension-sex", "flagged"):
        assert _text(one, section) == _text(two, section)


# 1(c): totals


@pytest.fixture
def testers_case(census):  # type: ignore[no-untyped-def]
    """The tester's case: 260 responses, 249 individuals, 3 councillors, 8 organisations."""
    activity = consultation_activity()
    consultation = activity.consultation
    many(consultation, 150, age_band="65_74", sex="Female")
    many(consultation, 99, age_band="50_64", sex="Male")
    for _ in range(8):
        respondent(consultation, organisation=OrganisationType.BUSINESS, age_band=None)
    for _ in range(3):
        respondent(consultation, elected=ElectedStatus.COUNCILLOR)
    db.session.commit()
    return activity


def test_no_total_lets_a_reader_subtract_councillors_or_organisations(
    pages, sign_in_as, testers_case
):
    sign_in_as("auditor")
    page = pages.get(_url(testers_case))
    assert _text(page, "individuals") == "249"
    assert _text(page, "organisations") == "fewer than 10"
    assert _text(page, "excluded") == "fewer than 10"
    assert "260" not in _text(page, "responses")
    text = page.find("main").get_text(" ", strip=True)
    # 257 (individuals and organisations) or 252 (individuals and councillors) would give them away.
    for total in ("260", "257", "252", "251"):
        assert not re.search(rf"\b{total}\b", text), total
    channels = sum(int(cells[0]) for cells in _cells(page, "table-channels").values())
    assert channels == 249
    assert "leaves out organisations, and councillors" in _text(page, "channels-note")
    category = _text(page, "dimension-category")
    assert "organisations responded, so they are left out of this table" in category
    rows = _csv(pages, testers_case)
    cells = [cell for row in rows for cell in row]
    for total in ("260", "257", "252", "251"):
        assert total not in cells


# 1(d): flags and the weighting note


def test_a_hidden_group_is_flagged_without_its_figures_and_keeps_its_prompt(
    pages, sign_in_as, census
):
    activity = consultation_activity()
    _ages(activity.consultation, {"65_74": 200, "50_64": 100, "18_24": 3})
    db.session.commit()
    sign_in_as("engagement_officer")
    page = pages.get(_url(activity))
    flagged = _text(page, "flagged")
    assert "Age: 16 to 24 (fewer than 10)" in flagged
    assert "schools and colleges" in _text(page, "prompts-age")
    assert _cells(page, "table-age")["16 to 24"][0] == "fewer than 10"
    assert _cells(page, "table-age")["16 to 24"][4] == "-"  # no rate index


def test_the_weighting_note_gives_no_lower_bound(pages, sign_in_as, census):
    """Leaving out 3 and 7 people reads the same: groups under the threshold, not under 5."""
    texts = []
    for few in (3, 7):
        activity = consultation_activity(consultation=ConsultationFactory())
        question = QuestionFactory(
            page=QuestionPageFactory(consultation=activity.consultation),
            kind=QuestionKind.SINGLE_CHOICE,
            options=["Yes", "No"],
        )
        for band, count in (("65_74", 40), ("50_64", 30), ("85_plus", few)):
            for _ in range(count):
                response = respondent(activity.consultation, age_band=band, sex="Female")
                AnswerFactory(response=response, question=question, value="Yes")
        db.session.commit()
        sign_in_as("analyst")
        page = pages.get(_url(activity))
        texts.append(_text(page, "weighted-dropped"))
    assert texts[0] == texts[1]
    assert "85 or over" in texts[0] and "Fewer than 5" not in texts[0]


# 2 and 3: reference figures no comparison can use


def test_a_huge_count_is_refused_in_an_upload_and_a_stored_one_shows_a_warning(
    pages, sign_in_as, census, testers_case
):
    sign_in_as("engagement_officer")
    url = _url(testers_case) + "/reference/sex"
    data = {"title": "Users", "source": "CRM"}
    page = pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(b"Female," + b"9" * 400 + b"\nMale,5\n"), "u.csv")},
        content_type="multipart/form-data",
    )
    assert "the count must be 100,000,000 or less" in page.find(id="spreadsheet-error").get_text()
    long = b"Female," + b"1" * 140_000 + b"\n"
    page = pages.post(
        url,
        {**data, "spreadsheet": (io.BytesIO(long), "long.csv")},
        content_type="multipart/form-data",
    )
    assert "could not be read as a CSV file" in page.find(id="spreadsheet-error").get_text()
    # A figure stored before the cap (or by hand) must not take the page down.
    stored = ReferenceDistribution(
        scope=f"activity:{testers_case.id}",
        activity_id=testers_case.id,
        dimension="age",
        table_code="officer",
        title="Broken figures",
        source="An old upload",
        unit="count",
        counts={"16-24": 10**400, "25-34": 5},
        total=0,
    )
    db.session.add(stored)
    db.session.commit()
    page = pages.get(_url(testers_case))
    assert "cannot be compared" in _text(page, "status-age")
    assert page.find(id="table-age") is None
    assert _text(page, "dimension-sex")  # the other dimensions are still there
    rows = _csv(pages, testers_case)
    assert any(row[0] == "Age" and "cannot be compared" in row[10] for row in rows)


# 5: the comparison base


def test_age_and_sex_are_compared_with_residents_aged_16_and_over(pages, sign_in_as, census):
    activity = consultation_activity()
    _ages(activity.consultation, {"65_74": 40, "50_64": 40, "under_16": 4})
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(activity))
    assert "Compared with residents aged 16 and over" in _text(page, "compared-age")
    assert "Compared with residents aged 16 and over" in _text(page, "compared-sex")
    ages = _cells(page, "table-age")
    assert "Under 16" not in ages
    assert ages["Not given, or under 16"][0] == "fewer than 10"
    # Stroud's 16 and over (data/ons): no 0-4, 5-9 or 10-15 count in the shares.
    reference = db.session.scalars(
        select(ReferenceDistribution).where(ReferenceDistribution.table_code == "TS009")
    ).one()
    adults = {
        key: value
        for key, value in reference.counts.items()
        if key.split("|")[1] not in ("0-4", "5-9", "10-15")
    }
    female = sum(value for key, value in adults.items() if key.startswith("Female"))
    share = f"{female / sum(adults.values()) * 100:.1f}%"
    assert _cells(page, "table-sex")["Female"][2] == share
    assert "Compared with residents of all ages" in _text(page, "compared-ethnic_group")


def test_with_children_among_the_audiences_under_16s_are_compared_with_10_to_15s(
    pages, sign_in_as, census
):
    activity = consultation_activity(
        consultation=ConsultationFactory(audiences=["residents", "children_and_young_people"])
    )
    _ages(activity.consultation, {"65_74": 40, "50_64": 40, "under_16": 20})
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(activity))
    assert "Compared with residents aged 10 and over" in _text(page, "compared-age")
    assert _cells(page, "table-age")["Under 16"][0] == "20"
    assert "10 to 15 year olds" in _text(page, "dimension-age")


# 9 and 10: wording and "not given"


def test_the_chance_sentence_reads_properly():
    lines, _ = _summary(compare({"a": 50, "b": 50}, {"a": 1, "b": 1}), {}, "the area")
    assert "A difference this large could well be down to chance" in " ".join(lines)
    lines, _ = _summary(compare({"a": 90, "b": 10}, {"a": 1, "b": 1}), {}, "the area")
    assert "A difference this large is unlikely to be chance" in " ".join(lines)


def test_a_small_not_given_count_reads_fewer_than_ten(pages, sign_in_as, census):
    activity = consultation_activity()
    _ages(activity.consultation, {"65_74": 40, "50_64": 40})
    many(activity.consultation, 4, age_band="65_74")  # no sex given
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(_url(activity))
    sex = _cells(page, "table-sex")
    assert sex["Not given"][0] == "fewer than 10"
    # The 84 individuals are on the page anyway; showing Male's 80 would give the 4 away, so
    # Male is hidden too and the shares are of all 84.
    assert sex["Male"][0] == "hidden"
    caption = page.find(id="table-sex").caption.get_text(" ", strip=True)
    assert "(84 people)" in caption
    assert "counted with the groups whose counts are hidden" in _text(page, "dimension-sex")


# 14: links and wording


def test_the_consultation_overview_links_to_who_took_part(pages, sign_in_as, census):
    activity = consultation_activity()
    db.session.commit()
    sign_in_as("auditor")
    page = pages.get(f"/officer/consultations/{activity.consultation_id}")
    link = page.find("a", string="Who took part")
    assert link is not None
    response = pages.client.get(link["href"])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(_url(activity))
    pages.get(
        f"/officer/consultations/{ConsultationFactory().id}/who-took-part", expected_status=404
    )
    page = pages.get("/officer/settings/outreach-prompts")
    assert "Change the wording" not in page.find("main").get_text()
