"""Shaping a codeframe: add, rename, merge, split, delete and reorder themes, on the services
and through the pages, with GOV.UK errors and an audit event for every change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    CodingSource,
    ModelVersion,
    Theme,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.services import theming_codeframe as codeframes
from involve.services import theming_hub
from tests.factories import OfficerFactory
from tests.factories_theming import ThemeCodingFactory, code, codeframe_with_items
from tests.pages import error_summary, field_error, heading

TEXTS = [f"Answer number {n} about the park" for n in range(8)]


def _codes(item: ThemeItem) -> set[str]:
    rows = db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == item.id))
    return {row.theme.name for row in rows}


def _events(action: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def _names(codeframe) -> list[str]:  # type: ignore[no-untyped-def]
    db.session.expire(codeframe, ["themes"])
    return [theme.name for theme in codeframe.themes]


# -- services --------------------------------------------------------------------------------------
def test_merging_gives_an_item_coded_with_both_one_code_and_keeps_the_survivors_provenance():
    codeframe, items, (parking, cars, bins) = codeframe_with_items(
        TEXTS, ["Parking", "Cars", "Bins"]
    )
    version = ModelVersion(codeframe_id=codeframe.id, number=1, coded_examples=5)
    db.session.add(version)
    db.session.flush()
    ThemeCodingFactory(
        item=items[0],
        theme=parking,
        source=CodingSource.SUGGESTION,
        model_version_id=version.id,
        suggestion_score=0.91,
    )
    ThemeCodingFactory(item=items[0], theme=cars)
    ThemeCodingFactory(item=items[1], theme=cars)
    ThemeCodingFactory(item=items[2], theme=bins)
    db.session.add(
        ThemeSuggestion(
            item_id=items[3].id, theme_id=cars.id, score=0.4, model_version_id=version.id
        )
    )
    db.session.flush()

    merged = codeframes.merge_themes(
        actor=None, codeframe=codeframe, themes=[cars, parking], name="Cars and parking"
    )

    assert merged.id == parking.id  # the earliest theme survives
    assert _names(codeframe) == ["Cars and parking", "Bins"]
    first = db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == items[0].id)).all()
    assert len(first) == 1
    assert (first[0].source, first[0].model_version_id, first[0].suggestion_score) == (
        CodingSource.SUGGESTION,
        version.id,
        0.91,
    )
    assert _codes(items[1]) == {"Cars and parking"}
    assert _codes(items[2]) == {"Bins"}
    assert db.session.scalars(select(ThemeSuggestion)).all() == []
    (event,) = _events("theming.themes_merged")
    assert event.detail["before"] == ["Parking", "Cars"]
    assert event.detail["after"] == ["Cars and parking"]


def test_merging_may_reuse_a_merged_themes_name_but_not_another_themes():
    codeframe, _, (parking, cars, _bins) = codeframe_with_items(TEXTS, ["Parking", "Cars", "Bins"])
    with pytest.raises(codeframes.ThemeNameTaken):
        codeframes.merge_themes(
            actor=None, codeframe=codeframe, themes=[parking, cars], name="bins"
        )
    codeframes.merge_themes(actor=None, codeframe=codeframe, themes=[parking, cars], name="Cars")
    assert _names(codeframe) == ["Cars", "Bins"]


def test_splitting_moves_the_chosen_codes_to_a_new_theme():
    _codeframe, items, (transport,) = codeframe_with_items(TEXTS, ["Transport"])
    for item in items[:4]:
        code(item, transport)
    new = codeframes.split_theme(
        actor=None,
        theme=transport,
        name="Buses",
        description="Bus routes and fares",
        item_ids=[items[1].id, items[3].id, items[6].id],  # items[6] is not coded: ignored
    )
    assert (new.origin, new.description) == ("split", "Bus routes and fares")
    assert [_codes(item) for item in items[:4]] == [
        {"Transport"},
        {"Buses"},
        {"Transport"},
        {"Buses"},
    ]
    assert _codes(items[6]) == set()
    (event,) = _events("theming.theme_split")
    assert event.detail["after"] == ["Transport", "Buses"]
    assert event.detail["item_ids"] == [items[1].id, items[3].id]


def _accepted(item, theme, version, score, by=None) -> None:  # type: ignore[no-untyped-def]
    ThemeCodingFactory(
        item=item,
        theme=theme,
        source=CodingSource.SUGGESTION,
        model_version_id=version.id,
        suggestion_score=score,
        coded_by_id=by.id if by else None,
    )


def test_split_and_merge_make_moved_suggestions_the_acting_officers_codes():
    """Found in review: a code moved to another theme kept source "suggestion", the model
    version and the score, so provenance claimed the model had suggested a theme it never
    scored."""
    codeframe, items, (transport, cars) = codeframe_with_items(TEXTS, ["Transport", "Cars"])
    accepter, officer = OfficerFactory(), OfficerFactory()
    version = ModelVersion(codeframe_id=codeframe.id, number=3, coded_examples=50)
    db.session.add(version)
    db.session.flush()
    code(items[0], transport, officer=accepter)
    _accepted(items[1], transport, version, 0.88, by=accepter)
    _accepted(items[2], cars, version, 0.93, by=accepter)

    buses = codeframes.split_theme(
        actor=officer,
        theme=transport,
        name="Buses",
        description="",
        item_ids=[items[0].id, items[1].id],
    )

    def coding(item):  # type: ignore[no-untyped-def]
        return db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == item.id)).one()

    moved = coding(items[1])
    assert (moved.theme_id, moved.source, moved.coded_by_id) == (
        buses.id,
        CodingSource.OFFICER,
        officer.id,
    )
    assert (moved.model_version_id, moved.suggestion_score) == (None, None)
    assert (coding(items[0]).source, coding(items[0]).coded_by_id) == (
        CodingSource.OFFICER,
        accepter.id,
    )  # an officer's own code keeps its coder
    (split_event,) = _events("theming.theme_split")
    assert split_event.detail["suggestions_made_officer_codes"] == [
        {
            "item_id": items[1].id,
            "theme_id": transport.id,
            "theme": "Transport",
            "to_theme_id": buses.id,
            "accepted_by_id": accepter.id,
            "model_version_id": version.id,
            "model_version": 3,
            "score": 0.88,
        }
    ]

    merged = codeframes.merge_themes(
        actor=officer, codeframe=codeframe, themes=[transport, cars], name="Travel"
    )

    assert merged.id == transport.id
    moved = coding(items[2])
    assert (moved.theme_id, moved.source, moved.model_version_id) == (
        transport.id,
        CodingSource.OFFICER,
        None,
    )
    (merge_event,) = _events("theming.themes_merged")
    adopted = merge_event.detail["suggestions_made_officer_codes"]
    assert [(row["item_id"], row["theme"], row["score"]) for row in adopted] == [
        (items[2].id, "Cars", 0.93)
    ]


def test_deleting_a_theme_removes_its_codes_and_reopens_texts_left_without_one():
    codeframe, items, (parking, bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    code(items[0], parking)
    code(items[1], parking, bins)
    theme = codeframes.get_theme(codeframe, parking.id)
    assert codeframes.texts_left_without_a_theme(theme) == 1
    assert codeframes.delete_theme(actor=None, theme=theme) == 2
    assert db.session.get(Theme, parking.id) is None
    assert _codes(items[1]) == {"Bins"}
    assert db.session.get(ThemeItem, items[0].id).reviewed_at is None
    assert db.session.get(ThemeItem, items[1].id).reviewed_at is not None
    (event,) = _events("theming.theme_deleted")
    assert event.detail["codes"] == 2 and event.detail["before"] == ["Parking"]


def test_names_are_unique_ignoring_capitals_but_a_theme_may_recase_its_own():
    codeframe, _, (parking, _bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    with pytest.raises(codeframes.ThemeNameTaken):
        codeframes.add_theme(actor=None, codeframe=codeframe, name=" BINS ")
    with pytest.raises(codeframes.ThemeNameTaken):
        codeframes.edit_theme(actor=None, theme=parking, name="bins", description="")
    codeframes.edit_theme(actor=None, theme=parking, name="PARKING", description="Cars")
    assert _names(codeframe) == ["PARKING", "Bins"]
    (event,) = _events("theming.theme_changed")
    assert (event.detail["before"], event.detail["after"]) == (["Parking"], ["PARKING"])


def test_moving_a_theme_swaps_it_with_its_neighbour():
    codeframe, _, (a, _b, c) = codeframe_with_items(TEXTS, ["A", "B", "C"])
    codeframes.move_theme(actor=None, theme=c, offset=-1)
    assert _names(codeframe) == ["A", "C", "B"]
    codeframes.move_theme(actor=None, theme=a, offset=-1)  # already first: nothing happens
    assert _names(codeframe) == ["A", "C", "B"]
    assert len(_events("theming.theme_moved")) == 1


def test_hub_counts_come_from_one_grouped_query():
    codeframe, items, (parking, bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    code(items[0], parking, bins)
    code(items[1], parking)
    counts = {row.theme.name: row.coded for row in theming_hub.theme_counts(codeframe)}
    assert counts == {"Parking": 2, "Bins": 1}
    figures = theming_hub.hub_figures(codeframe)
    assert (figures.texts, figures.coded, figures.to_code) == (8, 2, 6)


# -- pages -----------------------------------------------------------------------------------------
def _themes_url(codeframe) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/theming/{codeframe.id}/themes"


def test_analyst_adds_a_theme_and_sees_errors_without_losing_what_they_typed(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(TEXTS, ["Parking"])
    db.session.commit()
    url = _themes_url(codeframe)
    page = pages.post(f"{url}/add", {"name": "", "description": "About bins"})
    assert error_summary(page) == ["Enter a name for the theme"]
    assert page.find("textarea", attrs={"name": "description"}).get_text() == "About bins"
    page = pages.post(f"{url}/add", {"name": "parking", "description": "Cars"})
    assert field_error(page, "name") == "There is already a theme called parking"
    page = pages.post(f"{url}/add", {"name": "x" * 121})
    assert error_summary(page) == ["Theme name must be 120 characters or fewer"]
    pages.post(f"{url}/add", {"name": "Bins", "description": "About bins"}, expected_status=302)
    page = pages.get(url)
    assert heading(page) == "Themes"
    rows = page.find(id="themes-table").find("tbody").find_all("tr")
    assert [row.find("strong").get_text() for row in rows] == ["Parking", "Bins"]
    assert _events("theming.theme_added")[0].detail["after"] == ["Bins"]


def test_analyst_renames_a_theme(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, (parking, _bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    db.session.commit()
    url = f"{_themes_url(codeframe)}/{parking.id}/edit"
    page = pages.get(url)
    assert page.find("input", attrs={"name": "name"})["value"] == "Parking"
    page = pages.post(url, {"name": "BINS", "description": ""})
    assert error_summary(page) == ["There is already a theme called BINS"]
    pages.post(url, {"name": "Car parking", "description": "Spaces"}, expected_status=302)
    assert _names(codeframe) == ["Car parking", "Bins"]


def test_analyst_merges_themes_through_the_page(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking, cars, _bins) = codeframe_with_items(
        TEXTS, ["Parking", "Cars", "Bins"]
    )
    code(items[0], parking, cars)
    db.session.commit()
    url = f"{_themes_url(codeframe)}/merge"
    assert heading(pages.get(url)) == "Merge themes"
    page = pages.post(url, {"themes": [str(parking.id)], "name": "Cars"})
    assert error_summary(page) == ["Select 2 or more themes to merge"]
    assert page.find("input", attrs={"name": "name"})["value"] == "Cars"
    page = pages.post(url, {"themes": [str(parking.id), "999999"], "name": "Cars"})
    assert error_summary(page) == ["Select 2 or more themes to merge"]
    page = pages.post(url, {"themes": [str(parking.id), str(cars.id)], "name": "bins"})
    assert "There is already a theme called bins" in error_summary(page)[0]
    pages.post(
        url, {"themes": [str(parking.id), str(cars.id)], "name": "Cars"}, expected_status=302
    )
    assert _names(codeframe) == ["Cars", "Bins"]
    assert _codes(items[0]) == {"Cars"}


def test_analyst_splits_a_theme_choosing_its_texts(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (transport,) = codeframe_with_items(TEXTS, ["Transport"])
    for item in items[:3]:
        code(item, transport)
    db.session.commit()
    url = f"{_themes_url(codeframe)}/{transport.id}/split"
    page = pages.get(url)
    assert len(page.find_all("input", attrs={"name": "items"})) == 3
    page = pages.post(url, {"name": "Buses"})
    assert error_summary(page) == ["Select the texts to move to the new theme"]
    assert page.find("input", attrs={"name": "name"})["value"] == "Buses"
    pages.post(url, {"name": "Buses", "items": [str(items[2].id)]}, expected_status=302)
    assert _codes(items[2]) == {"Buses"}
    assert _codes(items[0]) == {"Transport"}


def test_deleting_asks_first_and_says_how_many_codes_go(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking, _bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    code(items[0], parking)
    code(items[1], parking)
    db.session.commit()
    url = f"{_themes_url(codeframe)}/{parking.id}/delete"
    page = pages.get(url)
    assert heading(page) == "Delete Parking?"
    assert "2 codes will be deleted" in page.get_text(" ", strip=True)
    pages.post(url, expected_status=302)
    assert _names(codeframe) == ["Bins"]
    pages.get(url, expected_status=404)


def test_moving_through_the_page_and_bad_directions(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, (_a, b) = codeframe_with_items(TEXTS, ["A", "B"])
    db.session.commit()
    url = f"{_themes_url(codeframe)}/{b.id}/move"
    pages.post(url, {"direction": "up"}, expected_status=302)
    assert _names(codeframe) == ["B", "A"]
    pages.post(url, {"direction": "sideways"}, expected_status=400)


def test_themes_of_another_codeframe_are_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(TEXTS, ["A"])
    _, _, (other,) = codeframe_with_items(TEXTS, ["B"])
    db.session.commit()
    base = _themes_url(codeframe)
    pages.get(f"{base}/{other.id}/edit", expected_status=404)
    pages.get(f"{base}/{other.id}/split", expected_status=404)
    pages.post(f"{base}/{other.id}/delete", expected_status=404)
    pages.get("/officer/theming/999999/themes", expected_status=404)


def test_auditor_reads_the_themes_without_buttons_and_cannot_change_them(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe, _, (parking, bins) = codeframe_with_items(TEXTS, ["Parking", "Bins"])
    db.session.commit()
    base = _themes_url(codeframe)
    page = pages.get(base)
    assert page.select("main form") == []
    assert page.find(id="themes-table").get_text(" ", strip=True).count("Change") == 0
    pages.post(f"{base}/add", {"name": "New"}, expected_status=403)
    pages.get(f"{base}/merge", expected_status=403)
    pages.post(f"{base}/merge", {"themes": [parking.id, bins.id], "name": "X"}, expected_status=403)
    pages.post(f"{base}/{parking.id}/edit", {"name": "X"}, expected_status=403)
    pages.post(f"{base}/{parking.id}/split", {"name": "X"}, expected_status=403)
    pages.post(f"{base}/{parking.id}/delete", expected_status=403)
    pages.post(f"{base}/{parking.id}/move", {"direction": "down"}, expected_status=403)
    assert _names(codeframe) == ["Parking", "Bins"]
