"""Several analysts coding at once: each one's theme changes are applied on top of the
other's, a note or stance both changed is shown for merging rather than overwritten, and code
next never hands one text to two analysts (an expired claim is free again)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Role, ThemeItem
from involve.models.base import utc_now
from tests.factories import OfficerFactory
from tests.factories_theming import code
from tests.integration.test_theming_coding import (
    TEXTS,
    _codes,
    _second_analyst,
    _setup,
    _url,
    form_data,
)
from tests.pages import PageClient, error_summary, field_error


# -- several analysts at once --------------------------------------------------------------------
def test_two_analysts_coding_the_same_item_keep_each_others_themes(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    buses, parking, hours = themes
    code(items[0], hours)
    db.session.commit()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    # They add Buses; I add Parking and un-tick Opening hours, from the page I loaded earlier.
    other.post(
        _url(codeframe, items[0]),
        {**theirs, "themes": [str(hours.id), str(buses.id)]},
        expected_status=302,
    )
    pages.post(
        _url(codeframe, items[0]), {**mine, "themes": [str(parking.id)]}, expected_status=302
    )
    item = db.session.get(ThemeItem, items[0].id)
    assert _codes(item) == {"Buses", "Parking"}
    assert item.version == 3
    events = list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "theming.item_coded")
            .order_by(AuditEvent.id)
        )
    )
    assert [event.detail["added"] for event in events] == [["Buses"], ["Parking"]]
    assert events[1].detail["removed"] == ["Opening hours"]


def test_a_note_changed_by_someone_else_is_shown_not_overwritten(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    other.post(
        _url(codeframe, items[0]),
        {**theirs, "themes": [str(themes[0].id)], "note": "Their note", "highlights": "no shelter"},
        expected_status=302,
    )
    page = pages.post(
        _url(codeframe, items[0]), {**mine, "themes": [str(themes[1].id)], "note": "My note"}
    )
    assert error_summary(page) == [
        "Robin Second changed the note while you were coding. "
        "Theirs is shown with yours: combine them and save again"
    ]
    assert page.find(id="note-theirs").get_text(" ", strip=True) == (
        "Saved meanwhile by Robin Second: Their note"
    )
    assert page.find("textarea", attrs={"name": "note"}).get_text() == "My note"
    # As if reloaded with my changes on top: their theme and excerpt, my theme and note.
    ticked = {box["value"] for box in page.select("input[name=themes][checked]")}
    assert ticked == {str(themes[0].id), str(themes[1].id)}
    assert page.find("textarea", attrs={"name": "highlights"}).get_text() == "no shelter"
    item = db.session.get(ThemeItem, items[0].id)
    assert item.note == "Their note" and _codes(item) == {"Buses"} and item.version == 2
    # Saving again from the error page applies the merged note and my theme, keeping theirs.
    again = form_data(page)
    pages.post(
        _url(codeframe, items[0]), {**again, "note": "Their note. My note"}, expected_status=302
    )
    item = db.session.get(ThemeItem, items[0].id)
    assert item.note == "Their note. My note"
    assert item.highlights == ["no shelter"]
    assert _codes(item) == {"Buses", "Parking"}


def test_after_a_conflict_the_other_analysts_theme_can_be_unticked(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    other.post(
        _url(codeframe, items[0]),
        {**theirs, "themes": [str(themes[0].id)], "stance": "negative"},
        expected_status=302,
    )
    page = pages.post(
        _url(codeframe, items[0]), {**mine, "themes": [str(themes[2].id)], "stance": "positive"}
    )
    assert field_error(page, "stance").startswith("Robin Second changed the stance")
    assert page.find(id="stance-theirs").get_text(" ", strip=True).endswith("Negative")
    again = form_data(page)
    pages.post(
        _url(codeframe, items[0]), {**again, "themes": [str(themes[2].id)]}, expected_status=302
    )
    item = db.session.get(ThemeItem, items[0].id)
    assert _codes(item) == {"Opening hours"} and item.stance.value == "positive"


def test_no_theme_fits_from_a_stale_page_shows_the_themes_coded_meanwhile(app, pages, sign_in_as):
    """Found in review: choosing No theme fits after someone else coded the text was saved
    as "successful" and silently dropped, leaving their theme."""
    sign_in_as("analyst")
    codeframe, items, (buses, *_) = _setup()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    other.post(
        _url(codeframe, items[0]), {**theirs, "themes": [str(buses.id)]}, expected_status=302
    )

    page = pages.post(_url(codeframe, items[0]), {**mine, "themes": ["none"]})

    assert error_summary(page) == [
        "Robin Second coded this response as Buses while you were coding. "
        "Keep those themes and save, or select No theme fits and save again"
    ]
    assert page.find(id="themes-theirs").get_text(" ", strip=True) == (
        "Saved meanwhile by Robin Second: Buses"
    )
    ticked = {box["value"] for box in page.select("input[name=themes][checked]")}
    assert ticked == {str(buses.id)}
    item = db.session.get(ThemeItem, items[0].id)
    assert _codes(item) == {"Buses"} and not item.no_theme_fits and item.version == 2
    # Having seen their theme, I still decide nothing fits: that is saved.
    again = form_data(page)
    pages.post(_url(codeframe, items[0]), {**again, "themes": ["none"]}, expected_status=302)
    item = db.session.get(ThemeItem, items[0].id)
    assert _codes(item) == set() and item.no_theme_fits


def test_no_theme_fits_is_saved_when_nothing_was_coded_meanwhile(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (buses, *_) = _setup()
    code(items[0], buses)
    db.session.commit()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    other.post(_url(codeframe, items[0]), {**theirs, "note": "Checked"}, expected_status=302)
    # Buses was on my page too: unticking it for No theme fits is my decision to make.
    pages.post(_url(codeframe, items[0]), {**mine, "themes": ["none"]}, expected_status=302)
    item = db.session.get(ThemeItem, items[0].id)
    assert _codes(item) == set() and item.no_theme_fits and item.note == "Checked"


def test_a_note_left_alone_keeps_the_other_analysts_change(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, themes = _setup()
    other, _ = _second_analyst(app)
    mine = form_data(pages.get(_url(codeframe, items[0])))
    theirs = form_data(other.get(_url(codeframe, items[0])))
    other.post(
        _url(codeframe, items[0]),
        {**theirs, "themes": [str(themes[0].id)], "note": "Their note", "stance": "negative"},
        expected_status=302,
    )
    pages.post(
        _url(codeframe, items[0]),
        {**mine, "themes": [str(themes[1].id)], "highlights": "no shelter"},
        expected_status=302,
    )
    item = db.session.get(ThemeItem, items[0].id)
    assert item.note == "Their note" and item.stance.value == "negative"
    assert item.highlights == ["no shelter"]


# -- code next -----------------------------------------------------------------------------------
def _next(client: PageClient, codeframe) -> str:  # type: ignore[no-untyped-def]
    client.post(f"/officer/theming/{codeframe.id}/next", expected_status=302)
    return client.last_response.headers["Location"]


def test_code_next_never_hands_one_item_to_two_analysts(app, pages, sign_in_as):
    me = sign_in_as("analyst")
    codeframe, _items, _ = _setup()
    other, them = _second_analyst(app)
    mine, theirs = _next(pages, codeframe), _next(other, codeframe)
    assert mine != theirs
    claimed = {
        item.id: item
        for item in db.session.scalars(
            select(ThemeItem).where(ThemeItem.claimed_by_id.is_not(None))
        )
    }
    assert {item.claimed_by_id for item in claimed.values()} == {me.id, them.id}
    for item in claimed.values():
        assert timedelta(minutes=14) < item.claimed_until - utc_now() <= timedelta(minutes=15)
    # Asking again before saving returns the same item.
    assert _next(pages, codeframe) == mine
    claims = db.session.scalars(
        select(AuditEvent.officer_id).where(AuditEvent.action == "theming.item_claimed")
    ).all()
    assert sorted(claims) == sorted([me.id, them.id])


def test_an_expired_claim_is_free_for_someone_else(app, pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup(TEXTS[:1])
    _other, them = _second_analyst(app)
    items[0].claimed_by_id = them.id
    items[0].claimed_until = utc_now() + timedelta(minutes=5)
    db.session.commit()
    pages.post(f"/officer/theming/{codeframe.id}/next", expected_status=302)
    assert pages.last_response.headers["Location"].endswith(f"/officer/theming/{codeframe.id}")
    with pages.client.session_transaction() as session:
        [(category, message)] = session.pop("_flashes")
    assert category == "message"
    assert message.startswith("The responses left to code are being coded by other analysts")
    items[0].claimed_until = utc_now() - timedelta(minutes=1)
    db.session.commit()
    assert _next(pages, codeframe).endswith(_url(codeframe, items[0]))


def test_code_next_takes_the_highest_learning_value_first(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, _ = _setup()
    items[2].learning_value = 0.9
    items[0].learning_value = 0.4
    db.session.commit()
    assert _next(pages, codeframe).endswith(_url(codeframe, items[2]))


def test_save_and_code_next_moves_on_and_says_when_everything_is_coded(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _items, themes = _setup(TEXTS[:2])
    first = _next(pages, codeframe)
    path = first.split("localhost")[-1]
    data = form_data(pages.get(path))
    pages.post(
        path,
        {**data, "themes": [str(themes[0].id)], "save_next": "Save and code next"},
        expected_status=302,
    )
    second = pages.last_response.headers["Location"]
    assert second != first and "/items/" in second
    page = pages.get(second)
    assert "Codes saved for Response" in page.select_one(".govuk-notification-banner").get_text()
    assert (
        page.find(id="coding-position").get_text(" ", strip=True)
        == "Response 2 of 2 · 1 still to code, including this one"
    )
    data = form_data(page)
    pages.post(
        second, {**data, "themes": ["none"], "save_next": "Save and code next"}, expected_status=302
    )
    assert pages.last_response.headers["Location"].endswith(f"/officer/theming/{codeframe.id}")
    with pages.client.session_transaction() as session:
        assert ("success", "Every response has been coded") in session["_flashes"]


def test_code_next_includes_answers_that_arrived_after_theming_started(pages, sign_in_as):
    from tests.factories import AnswerFactory, ResponseFactory

    sign_in_as("analyst")
    codeframe, items, _ = _setup(TEXTS[:1])
    code(items[0])
    question = codeframe.question
    late = ResponseFactory(consultation=question.page.consultation)
    AnswerFactory(response=late, question=question, value="Late one", text="Late one")
    db.session.commit()
    location = _next(pages, codeframe)
    new_item = db.session.scalar(
        select(ThemeItem).where(ThemeItem.codeframe_id == codeframe.id, ThemeItem.id != items[0].id)
    )
    assert location.endswith(_url(codeframe, new_item))


def test_a_claim_refuses_a_second_analyst_until_it_expires():
    from involve.services.theming_coding_claims import _try_claim

    _, items, _ = _setup(TEXTS[:1])
    first, second = OfficerFactory(role=Role.ANALYST), OfficerFactory(role=Role.ANALYST)
    now = utc_now()
    assert _try_claim(items[0].id, first, now)
    assert not _try_claim(items[0].id, second, now + timedelta(minutes=14))
    assert _try_claim(items[0].id, first, now + timedelta(minutes=14))  # renewing one's own
    assert _try_claim(items[0].id, second, now + timedelta(minutes=30))
    db.session.expire_all()
    assert db.session.get(ThemeItem, items[0].id).claimed_by_id == second.id
    code(items[0])
    assert not _try_claim(items[0].id, first, now + timedelta(hours=2))  # coded: never handed out


def test_a_code_added_elsewhere_at_the_same_moment_is_kept_once(monkeypatch):
    from involve.services import theming_coding

    _, items, themes = _setup(TEXTS[:1])
    analyst = OfficerFactory(role=Role.ANALYST)
    code(items[0], themes[0])
    # As if a bulk accept committed the code between this save's read and its insert.
    monkeypatch.setattr(theming_coding, "_codings", lambda item: [])
    saved = theming_coding.save_coding(
        actor=analyst,
        item=items[0],
        loaded=theming_coding.Loaded(version=items[0].version),
        chosen=theming_coding.Coding(theme_ids=frozenset({themes[0].id, themes[1].id})),
    )
    assert saved.added == ["Parking"]
    db.session.expire_all()
    assert sorted(_codes(items[0])) == ["Buses", "Parking"]
