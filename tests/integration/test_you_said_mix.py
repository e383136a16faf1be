"""Who took part, on "We asked, you said, we did": the age mix against residents in plain words,
small groups still suppressed, councillors left out and organisations counted apart; and the
page of an event, found from the activity's own page."""

from __future__ import annotations

import pytest

from involve.extensions import db
from involve.models import (
    AttendanceDimension,
    ElectedStatus,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    OrganisationType,
)
from involve.services.census_import import import_shipped_census
from involve.services.reference_groups import Dimension
from involve.services.representativeness_report import build_report
from tests.factories import AuthoritySettingsFactory
from tests.factories_activities import AttendanceCountFactory
from tests.factories_decisions import (
    closed_consultation,
    decision_record,
    past_event_with_points,
)
from tests.factories_representativeness import consultation_activity, many


@pytest.fixture
def census():  # type: ignore[no-untyped-def]
    AuthoritySettingsFactory()
    import_shipped_census(area_codes={"E07000082"})


def _consultation_with_ages(young: int):  # type: ignore[no-untyped-def]
    activity = consultation_activity(consultation=closed_consultation())
    consultation = activity.consultation
    for band, count in (("18_24", young), ("35_49", 80), ("50_64", 100), ("65_74", 60)):
        many(consultation, count, age_band=band)
    many(consultation, 12, organisation=OrganisationType.BUSINESS, age_band=None)
    many(consultation, 3, elected=ElectedStatus.COUNCILLOR, age_band="50_64")
    decision_record(activity)
    db.session.commit()
    return activity


def _reference_percent(activity, label: str) -> float:  # type: ignore[no-untyped-def]
    age = next(dim for dim in build_report(activity).dimensions if dim.key == Dimension.AGE)
    return next(row.reference_percent for row in age.rows if row.label == label)


def test_the_mix_is_stated_plainly_with_councillors_left_out(pages, census):
    activity = _consultation_with_ages(12)
    page = pages.get(f"/consultations/{activity.consultation.slug}/you-said-we-did")
    mix = [item.get_text(" ", strip=True) for item in page.select("#mix li")]
    # 12 of the 252 individuals (organisations and councillors are not in the age mix): 5%.
    residents = _reference_percent(activity, "16 to 24")
    assert 5 < residents < 20  # Stroud's 16 to 24 year olds, among residents aged 16 and over
    assert (
        f"People aged 16 to 24 were under-represented: 5% of respondents, against "
        f"{residents:.0f}% of residents."
    ) in mix
    assert "We did not set a target mix of local people for this consultation." in mix
    counts = [item.get_text(" ", strip=True) for item in page.select("#took-part-counts li")]
    # With fewer than 10 councillors, the total would give their number away, so it is hidden.
    assert counts == [
        "Responses: hidden, so the small numbers below cannot be worked out.",
        "Individuals, counted in the mix below: 252.",
        "Organisations, counted separately from individuals: 12.",
        "Councillors and co-opted or nominated members, left out of the mix: fewer than 10.",
    ]


def test_a_small_under_represented_group_keeps_its_count_hidden(pages, census):
    activity = _consultation_with_ages(3)
    page = pages.get(f"/consultations/{activity.consultation.slug}/you-said-we-did")
    sentence = next(
        item.get_text(" ", strip=True)
        for item in page.select("#mix li")
        if item.get_text().startswith("People aged 16 to 24")
    )
    assert sentence.startswith(
        "People aged 16 to 24 were under-represented: fewer than 10 of the respondents were in "
        "this group, against"
    )
    assert "1%" not in sentence


def test_without_census_figures_the_page_says_it_cannot_compare(pages):
    activity = _consultation_with_ages(12)
    page = pages.get(f"/consultations/{activity.consultation.slug}/you-said-we-did")
    mix = [item.get_text(" ", strip=True) for item in page.select("#mix li")]
    assert "We have no figures for the area to compare people's age with." in mix


def test_an_event_has_its_own_page_linked_from_the_activity_page(pages):
    event = past_event_with_points(
        ["Later buses please", "More seats at the stop", "Unpublished point about Zebedee"],
        {"Buses": 2},
    )
    AttendanceCountFactory(activity=event.activity, group_value="residents", count=14)
    AttendanceCountFactory(
        activity=event.activity,
        dimension=AttendanceDimension.AGE_BAND,
        group_value="25_34",
        count=14,
    )
    points = event.activity.feedback_items
    for point, status, text in (
        (points[0], ModerationStatus.APPROVED, "Later buses please"),
        (points[2], ModerationStatus.WITHHELD, "Unpublished point about Zebedee"),
    ):
        db.session.add(
            ModerationItem(
                activity_id=event.activity.id,
                feedback_item_id=point.id,
                theme_id=event.themes["Buses"].id,
                source=ModerationSource.POINT_RAISED,
                status=status,
                redacted_text=text,
                published_text=text,
            )
        )
    url = f"/activities/{event.activity.slug}/you-said-we-did"
    db.session.commit()
    pages.get(url, expected_status=404)
    assert pages.get(f"/activities/{event.activity.slug}").select_one("#you-said-link") is None
    decision_record(
        event.activity,
        codeframe_ids=[event.codeframe.id],
        theme_responses={str(event.themes["Buses"].id): "A later bus from June."},
    )
    db.session.commit()
    link = pages.get(f"/activities/{event.activity.slug}").select_one("#you-said-link")
    assert link["href"] == url
    page = pages.get(url)
    counts = [item.get_text(" ", strip=True) for item in page.select("#took-part-counts li")]
    assert counts == ["People who came: 14."]
    assert [(row.th.get_text(strip=True), row.td.get_text(strip=True)) for row in page.select("[data-themes] tbody tr")] == [("Buses", "fewer than 10")]  # fmt: skip
    quotes = [quote.get_text(strip=True) for quote in page.select("[data-published-quote]")]
    assert quotes == ["\u201cLater buses please\u201d"]
    assert "Zebedee" not in page.get_text()
    assert "A later bus from June." in page.select_one("#we-did").get_text()


def test_a_consultation_activity_address_leads_to_the_consultation_page(pages):
    activity = consultation_activity(consultation=closed_consultation())
    decision_record(activity)
    db.session.commit()
    response = pages.client.get(f"/activities/{activity.slug}/you-said-we-did")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/consultations/{activity.consultation.slug}/you-said-we-did"
    )
    pages.get("/activities/no-such-activity/you-said-we-did", expected_status=404)


def _row(label: str, key: str, observed: int, text: str, percent: float | None):  # type: ignore[no-untyped-def]
    from involve.services.representativeness_dimension import ReportRow

    return ReportRow(
        key=key,
        label=label,
        observed=observed,
        observed_text=text,
        suppressed=text in ("fewer than 10", "hidden"),
        observed_percent=percent,
        reference_percent=25.0,
        expected=None,
        rate_index=None,
        flagged=True,
        prompt="",
    )


def test_the_mix_sentences_read_properly_for_every_kind_of_row():
    from involve.services.representativeness_dimension import DimensionReport
    from involve.services.you_said_mix import dimension_sentences

    age = DimensionReport(Dimension.AGE, "Age", "compared", is_census=True)
    age.rows = [
        _row("Under 16", "0-15", 0, "0", 0.0),
        _row("16 to 24", "16-24", 6, "6", 6.2),
        _row("85 or over", "85+", 12, "hidden", None),
    ]
    assert dimension_sentences(age, "respondents", "consultation") == [
        "People under 16 were under-represented: none of the respondents, against 25% of "
        "residents.",
        "People aged 16 to 24 were under-represented: 6% of respondents, against 25% of residents.",
        "People aged 85 or over were under-represented: how many of the respondents were in "
        "this group is hidden, to protect others, against 25% of residents.",
    ]
    category = DimensionReport(Dimension.CATEGORY, "Category", "compared")
    category.rows = [_row("Anyone else affected", "others_affected", 4, "fewer than 10", None)]
    assert dimension_sentences(category, "people who came", "activity") == [
        "Other people affected were under-represented: fewer than 10 of the people who came "
        "were in this group, against 25% in the target mix we set."
    ]
    category.rows = []
    assert dimension_sentences(category, "respondents", "consultation") == [
        "Compared with the target mix we set, no group by connection to the area was "
        "under-represented."
    ]
    too_few = DimensionReport(Dimension.AGE, "Age", "too_few")
    assert dimension_sentences(too_few, "respondents", "consultation") == [
        "Too few people told us their age to compare it without risking identifying them."
    ]
