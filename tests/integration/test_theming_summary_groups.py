"""The theme summary's respondent-group tables: answers by responding as and age group, points
raised by who raised them, with every count under 10 hidden and a lone hidden cell given a
partner (expectations worked out by hand in the comments)."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import AgeBand, RespondentProfile, ThemeItem
from involve.services.theming_items import start_codeframe
from tests.factories_activities import ActivityFactory, FeedbackItemFactory
from tests.factories_theming import ThemeFactory, code, codeframe_with_items
from tests.integration.test_theming_summary import _table, _texts, _url


def _set_ages(items, bands) -> None:  # type: ignore[no-untyped-def]
    for item, band in zip(items, bands, strict=True):
        profile = db.session.scalars(
            select(RespondentProfile).where(
                RespondentProfile.response_id == item.answer.response_id
            )
        ).one()
        profile.age_band = band
    db.session.flush()


def test_small_groups_are_suppressed_with_a_partner_cell_when_alone(pages, sign_in_as):
    sign_in_as("analyst")
    # Every 3rd response is from an organisation: items 0, 3, 6 ... (20 of 60).
    codeframe, items, (parking, buses) = codeframe_with_items(
        _texts(60), ["Parking", "Buses"], organisation_every=3
    )
    for item in items[:25]:  # 16 individuals, 9 organisations
        code(item, parking)
    for item in items[:60]:  # 40 individuals, 20 organisations
        code(item, buses)
    ages = [AgeBand.AGE_18_24] * 12 + [AgeBand.AGE_35_49] * 40 + [AgeBand.AGE_65_74] * 8
    _set_ages(items, ages)
    db.session.commit()

    page = pages.get(_url(codeframe))

    # Responding as: individual, organisation, not known.
    assert _table(page, "groups-1") == {
        # 9 organisations is under 10; "not known" (0) too, but a 0 protects nothing (25 - 16
        # would give the 9), so individuals (16) are hidden too.
        "Parking": ["25", "fewer than 10", "fewer than 10", "fewer than 10"],
        # Only "not known" is small, and it is 0: it hides nothing, so nothing else is hidden.
        "Buses": ["60", "40 (67%)", "20 (33%)", "fewer than 10"],
    }
    # Age: under 25, 25 to 49, 50 to 64, 65 and over, not known.
    assert _table(page, "groups-2") == {
        # 12 under 25, 13 aged 35 to 49: three zero cells hidden, nothing else.
        "Parking": [
            "25",
            "12 (48%)",
            "13 (52%)",
            "fewer than 10",
            "fewer than 10",
            "fewer than 10",
        ],
        # 8 aged 65 and over is the only hidden count above 0 (the other two are 0): shown
        # alone it would be 60 - 12 - 40, so the next smallest (12 under 25) is hidden too.
        "Buses": [
            "60",
            "fewer than 10",
            "40 (67%)",
            "fewer than 10",
            "fewer than 10",
            "fewer than 10",
        ],
    }
    rule = page.select_one("#suppression-rule").get_text(" ", strip=True)
    assert "fewer than 10" in rule and "next smallest" in rule and "more than 0" in rule


def test_a_lone_small_cell_takes_the_next_smallest_with_it(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking,) = codeframe_with_items(_texts(50), ["Parking"])
    for item in items:
        code(item, parking)
    _set_ages(
        items,
        [AgeBand.AGE_16_17] * 15
        + [AgeBand.AGE_25_34] * 12
        + [AgeBand.AGE_50_64] * 11
        + [AgeBand.AGE_85_PLUS] * 10
        + [AgeBand.PREFER_NOT_TO_SAY] * 2,
    )
    db.session.commit()

    page = pages.get(_url(codeframe))

    # Only "not known" (2) is under 10; shown alone it would be 50 - 15 - 12 - 11 - 10, so the
    # next smallest (65 and over, 10) is hidden too.
    assert _table(page, "groups-2")["Parking"] == [
        "50",
        "15 (30%)",
        "12 (24%)",
        "11 (22%)",
        "fewer than 10",
        "fewer than 10",
    ]


def test_points_raised_at_an_event_are_broken_down_by_who_raised_them(pages, sign_in_as):
    sign_in_as("auditor")
    activity = ActivityFactory()
    for n in range(14):
        FeedbackItemFactory(
            activity=activity, text=f"Point {n} about the hall", raised_by_group="residents"
        )
    for n in range(3):
        FeedbackItemFactory(
            activity=activity, text=f"Business point {n}", raised_by_group="businesses"
        )
    codeframe = start_codeframe(actor=None, activity=activity)
    theme = ThemeFactory(codeframe=codeframe, name="The hall")
    for item in db.session.scalars(select(ThemeItem).where(ThemeItem.codeframe_id == codeframe.id)):
        code(item, theme)
    db.session.commit()

    page = pages.get(_url(codeframe))

    headers = [th.get_text(strip=True) for th in page.select("#groups-1 thead th")]
    assert headers == ["Theme", "Texts", "Residents", "Businesses", "Not recorded"]
    # 3 businesses and 0 not recorded are hidden; the 0 does not protect the 3 (17 - 14 = 3),
    # so residents (14) are hidden too.
    assert _table(page, "groups-1") == {
        "The hall": ["17", "fewer than 10", "fewer than 10", "fewer than 10"]
    }
