"""The coding screen: saving codes, notes and excerpts, several analysts at once, code next's
claims, and the rules that keep what an analyst typed when something is wrong."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    CodingSource,
    EqualityAnswers,
    ModelVersion,
    Officer,
    Role,
    ThemeCoding,
    ThemeItem,
    ThemeSuggestion,
)
from involve.models.base import utc_now
from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.factories_theming import code, codeframe_with_items
from tests.pages import PageClient, error_summary, field_error, heading, title

TEXTS = [
    "The bus to town is always late and the stop has no shelter.",
    "Parking near the library is impossible on Saturdays.",
    "Please keep the library open later; I work until six.",
    "Cycle lanes on the high street would make it safer.",
]


def _url(codeframe, item=None) -> str:  # type: ignore[no-untyped-def]
    base = f"/officer/theming/{codeframe.id}"
    return f"{base}/items/{item.id}" if item is not None else f"{base}/items"


def _setup(texts=TEXTS, themes=("Buses", "Parking", "Opening hours"), **options):  # type: ignore[no-untyped-def]
    codeframe, items, made = codeframe_with_items(texts, themes, **options)
    db.session.commit()
    return codeframe, items, made


def form_data(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the browser would send from the coding form as the page stands."""
    form = page.select_one("form[data-coding-form]")
    data: dict[str, object] = {}
    for field in form.select("input[type=hidden]"):
        data[field["name"]] = field.get("value", "")
    data["themes"] = [
        box["value"] for box in form.select("input[name=themes]") if box.has_attr("checked")
    ]
    for radio in form.select("input[name=stance]"):
        if radio.has_attr("checked"):
            data["stance"] = radio["value"]
    for area in form.select("textarea"):
        data[area["name"]] = area.get_text()
    data["save"] = "Save"
    data.pop("csrf_token", None)
    return data


def _codes(item) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        coding.theme.name
        for coding in db.session.scalars(select(ThemeCoding).where(ThemeCoding.item_id == item.id))
    }


def _second_analyst(app) -> tuple[PageClient, Officer]:  # type: ignore[no-untyped-def]
    officer = OfficerFactory(role=Role.ANALYST, full_name="Robin Second")
    db.session.commit()
    other = PageClient(app, app.test_client())
    other.post(
        "/sign-in", {"email": officer.email, "password": DEFAULT_PASSWORD}, expected_status=302
    )
    return other, officer


# -- the page ------------------------------------------------------------------------------------
def test_page_shows_the_text_reference_group_and_position_but_no_personal_details(
    pages, sign_in_as
):
    sign_in_as("analyst")
    codeframe, items, _ = _setup(organisation_every=2)
    response = items[0].answer.response
    response.profile.name = "Jo Secret"
    response.profile.email = "jo.secret@example.com"
    response.profile.postcode = "GL5 4UB"
    db.session.add(
        EqualityAnswers(
            response_id=response.id, sex="female", ethnic_group="irish", disability="yes"
        )
    )
    db.session.commit()
    page = pages.get(_url(codeframe, items[0]))
    assert heading(page) == f"Response {response.reference}"
    assert page.find(id="response-text").get_text() == TEXTS[0]
    assert page.find(id="respondent-group").get_text(strip=True) == "Responding as: Organisation"
    assert (
        page.find(id="coding-position").get_text(" ", strip=True)
        == "Response 1 of 4 · 4 still to code, including this one"
    )
    body = page.get_text(" ")
    for private in ("Jo Secret", "jo.secret@example.com", "GL5 4UB", "irish", "female"):
        assert private not in body
    # Each theme's shortcut key is in its label, hidden until coding-keys.js shows it.
    key_hints = page.select("form[data-coding-form] .govuk-checkboxes__label [data-key-hint]")
    assert all(hint.has_attr("hidden") for hint in key_hints)
    assert [hint.extract().get_text() for hint in key_hints] == ["Key 1", "Key 2", "Key 3", "Key 0"]
    labels = [
        label.get_text(strip=True)
        for label in page.select("form[data-coding-form] .govuk-checkboxes__label")
    ]
    assert labels == ["Buses", "Parking", "Opening hours", "No theme fits"]
    assert page.select_one("input[value=none]")["data-behaviour"] == "exclusive"
    assert [
        button.get_text(strip=True) for button in page.select("form[data-coding-form] button")
    ] == ["Save and code next response", "Save"]


def test_suggestions_are_hints_beside_their_theme_and_nothing_is_ticked(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    version = ModelVersion(codeframe_id=codeframe.id, number=1, coded_examples=30)
    db.session.add(version)
    db.session.flush()
    db.session.add_all(
        [
            ThemeSuggestion(
                item_id=items[0].id, theme_id=themes[0].id, score=0.864, model_version_id=version.id
            ),
            ThemeSuggestion(
                item_id=items[0].id, theme_id=themes[1].id, score=0.12, model_version_id=version.id
            ),
        ]
    )
    db.session.commit()
    page = pages.get(_url(codeframe, items[0]))
    hints = [hint.get_text(strip=True) for hint in page.select(".govuk-checkboxes__hint")]
    assert hints == ["Suggested, 86% confidence"]
    assert (
        page.select_one(".govuk-checkboxes__hint").find_previous("label").get_text(strip=True)
        == "BusesKey 1"
    )
    assert not page.select("input[name=themes][checked]")
    assert "confidence is how sure it is" in page.find(id="themes-hint").get_text()


def test_highlights_are_marked_in_the_escaped_text(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup(["<b>Bold</b> & the bus is LATE\nevery   day"])
    items[0].highlights = ["the bus is", "late every day", "<b>"]
    db.session.commit()
    page = pages.get(_url(codeframe, items[0]))
    text = page.find(id="response-text")
    assert text.find("b") is None
    marks = [mark.get_text() for mark in text.find_all("mark")]
    assert marks == ["<b>", "the bus is", "LATE\nevery   day"]
    assert text.get_text() == "<b>Bold</b> & the bus is LATE\nevery   day"


def test_a_missing_codeframe_or_an_item_of_another_codeframe_is_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    _other, other_items, _ = _setup(["Something else entirely"])
    pages.get(_url(codeframe, other_items[0]), expected_status=404)
    pages.get(f"/officer/theming/999999/items/{items[0].id}", expected_status=404)
    pages.get(f"/officer/theming/{codeframe.id}/items/999999", expected_status=404)
    pages.post(_url(codeframe, other_items[0]), {"themes": "none"}, expected_status=404)


# -- saving --------------------------------------------------------------------------------------
def test_saving_codes_the_item_and_records_who_and_what(pages, sign_in_as):
    analyst = sign_in_as("analyst")
    codeframe, items, themes = _setup()
    item = items[1]
    item.claimed_by_id = analyst.id
    item.claimed_until = utc_now() + timedelta(minutes=10)
    db.session.commit()
    data = form_data(pages.get(_url(codeframe, item)))
    data.update(
        themes=[str(themes[1].id), str(themes[2].id)],
        stance="negative",
        note="Mentions Saturdays",
        highlights="parking near the LIBRARY\n  is   impossible ",
    )
    pages.post(_url(codeframe, item), data, expected_status=302)
    assert pages.last_response.headers["Location"].endswith(_url(codeframe, item))
    item = db.session.get(ThemeItem, item.id)
    assert _codes(item) == {"Parking", "Opening hours"}
    codings = item.codings
    assert {coding.source for coding in codings} == {CodingSource.OFFICER}
    assert {coding.coded_by_id for coding in codings} == {analyst.id}
    assert all(coding.coded_at for coding in codings)
    assert item.reviewed_by_id == analyst.id and item.reviewed_at is not None
    assert item.stance.value == "negative" and item.note == "Mentions Saturdays"
    assert item.highlights == ["parking near the LIBRARY", "is impossible"]
    assert item.version == 2
    assert item.claimed_by_id is None and item.claimed_until is None
    events = list(
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "theming.item_coded"))
    )
    assert len(events) == 1
    assert events[0].detail["added"] == ["Parking", "Opening hours"]
    assert "added Parking, Opening hours" in events[0].summary
    page = pages.get(_url(codeframe, item))
    assert "Codes saved for Response" in page.select_one(".govuk-notification-banner").get_text()
    assert [mark.get_text() for mark in page.find(id="response-text").find_all("mark")] == [
        "Parking near the library",
        "is impossible",
    ]


def test_saving_with_no_theme_is_an_error_and_keeps_everything_typed(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    data = form_data(pages.get(_url(codeframe, items[0])))
    data.update(
        themes=[], stance="positive", note="My careful note", highlights="the stop has no shelter"
    )
    page = pages.post(_url(codeframe, items[0]), data)
    assert title(page).startswith("Error: ")
    assert error_summary(page) == ["Select at least one theme, or select No theme fits"]
    assert page.select_one(".govuk-error-summary a")["href"] == "#themes"
    assert page.find(id="themes") is not None
    assert page.find("textarea", attrs={"name": "note"}).get_text() == "My careful note"
    assert (
        page.find("textarea", attrs={"name": "highlights"}).get_text() == "the stop has no shelter"
    )
    assert page.select_one("input[name=stance][checked]")["value"] == "positive"
    assert db.session.get(ThemeItem, items[0].id).reviewed_at is None


def test_no_theme_fits_is_exclusive_and_saves_on_its_own(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    data = form_data(pages.get(_url(codeframe, items[3])))
    page = pages.post(_url(codeframe, items[3]), {**data, "themes": [str(themes[0].id), "none"]})
    assert error_summary(page) == ["Select themes, or select No theme fits, not both"]
    assert {box["value"] for box in page.select("input[name=themes][checked]")} == {
        str(themes[0].id),
        "none",
    }
    pages.post(_url(codeframe, items[3]), {**data, "themes": ["none"]}, expected_status=302)
    item = db.session.get(ThemeItem, items[3].id)
    assert item.no_theme_fits and item.reviewed_at is not None and not item.codings


def test_an_excerpt_not_in_the_text_is_named_in_the_error(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    data = form_data(pages.get(_url(codeframe, items[0])))
    data.update(themes=[str(themes[0].id)], highlights="ALWAYS   late\nthe train is late")
    page = pages.post(_url(codeframe, items[0]), data)
    assert (
        field_error(page, "highlights")
        == "The excerpt “the train is late” is not in the response. Copy words from the response exactly"
    )
    assert (
        page.find("textarea", attrs={"name": "highlights"}).get_text()
        == "ALWAYS   late\nthe train is late"
    )
    assert {box["value"] for box in page.select("input[name=themes][checked]")} == {
        str(themes[0].id)
    }
    assert not _codes(items[0])


def test_tampered_values_are_errors_not_failures(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    data = form_data(pages.get(_url(codeframe, items[0])))
    page = pages.post(
        _url(codeframe, items[0]),
        {
            **data,
            "themes": ["999999"],
            "stance": "furious",
            "loaded_version": "x" * 40,
            "loaded_themes": "a,b",
        },
    )
    assert (
        "A theme you selected has been changed or deleted. Check the themes and save again"
        in error_summary(page)
    )
    assert "Select a stance, or select Not set" in error_summary(page)


# -- who may do what -----------------------------------------------------------------------------
def test_an_auditor_reads_the_coding_but_cannot_change_it(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe, items, themes = _setup()
    code(items[0], themes[0])
    items[0].note = "A note <script>"
    db.session.commit()
    page = pages.get(_url(codeframe, items[0]))
    assert page.select_one("form[data-coding-form]") is None
    assert "Buses" in page.find(id="coding-summary").get_text()
    assert "A note <script>" in page.find(id="coding-summary").get_text()
    pages.post(_url(codeframe, items[0]), {"themes": [str(themes[1].id)]}, expected_status=403)
    pages.post(f"/officer/theming/{codeframe.id}/next", expected_status=403)
    page = pages.get(_url(codeframe))
    assert not page.find("button", string="Code next response")
    assert _codes(items[0]) == {"Buses"}


# -- points raised at an activity, and an empty codeframe -----------------------------------------
def test_points_raised_at_an_activity_are_coded_and_listed_like_answers(pages, sign_in_as):
    from involve.services.theming_items import start_codeframe
    from tests.factories_activities import ActivityFactory, FeedbackItemFactory

    sign_in_as("engagement_officer")
    activity = ActivityFactory()
    point = FeedbackItemFactory(
        activity=activity, raised_by_group="residents", text="More 50% bins"
    )
    codeframe = start_codeframe(actor=None, activity=activity)
    db.session.commit()
    item = db.session.scalar(select(ThemeItem).where(ThemeItem.codeframe_id == codeframe.id))
    page = pages.get(_url(codeframe, item))
    assert heading(page) == f"Point raised {point.id}"
    assert page.find(id="respondent-group").get_text(strip=True) == "Raised by: Residents"
    assert "There are no themes yet" in page.select_one("form[data-coding-form]").get_text()
    assert [box["value"] for box in page.select("input[name=themes]")] == ["none"]
    pages.post(_url(codeframe, item), {**form_data(page), "themes": ["none"]}, expected_status=302)
    listed = pages.get(_url(codeframe), query_string={"search": "50%"})
    assert listed.select_one("#items tbody a").get_text(strip=True) == f"Point raised {point.id}"
    assert "No theme fits" in listed.select_one("#items tbody").get_text()
