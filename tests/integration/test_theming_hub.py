"""A codeframe's hub, starting theming from a question or an activity, and Discover themes: the
job's result, the proposal page, and accepting it with renames, drops and errors."""

from __future__ import annotations

import random

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    AuditEvent,
    BackgroundJob,
    Codeframe,
    DuplicateGroup,
    DuplicateStatus,
    JobStatus,
    QuestionKind,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from tests.factories import QuestionFactory
from tests.factories_activities import ActivityFactory, FeedbackItemFactory
from tests.factories_theming import code, codeframe_with_items, free_text_question
from tests.pages import banner, error_summary, field_error, heading, title

POOLS = {
    "parking": ["parking", "cars", "spaces", "charges", "permit", "drivers"],
    "bins": ["bins", "recycling", "rubbish", "collection", "waste", "lorry"],
    "library": ["library", "books", "reading", "librarian", "borrow", "shelves"],
}


def varied_texts(per_theme: int = 20, seed: int = 7) -> list[str]:
    """Texts drawing three words from one of three pools, as in tests/unit/test_themes.py."""
    rng = random.Random(seed)
    return [
        f"The {' '.join(rng.sample(pool, 3))} {rng.choice(['is a problem', 'again', ''])}".strip()
        for pool in POOLS.values()
        for _ in range(per_theme)
    ]


def _hub(codeframe: Codeframe) -> str:
    return f"/officer/theming/{codeframe.id}"


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _discover(pages, codeframe: Codeframe, k: str = "") -> BackgroundJob:  # type: ignore[no-untyped-def]
    pages.post(f"{_hub(codeframe)}/discover", {"k": k}, expected_status=302)
    location = pages.last_response.headers["Location"]
    job = db.session.get(BackgroundJob, int(location.rstrip("/").split("/")[-1]))
    assert location == f"/officer/jobs/{job.id}"
    return job


# -- starting and the hub --------------------------------------------------------------------------
def test_analyst_starts_theming_a_question_and_lands_on_an_empty_hub(pages, sign_in_as):
    sign_in_as("analyst")
    question = free_text_question(["Too few buses", "More parking please"])
    db.session.commit()
    pages.post("/officer/theming/start", {"question_id": question.id}, expected_status=302)
    codeframe = db.session.scalars(select(Codeframe)).one()
    assert pages.last_response.headers["Location"] == _hub(codeframe)
    assert "theming.started" in _actions()
    page = pages.get(_hub(codeframe))
    assert heading(page) == "Theme the answers"
    figures = page.find(id="figures").get_text(" ", strip=True)
    assert "Texts to theme 2" in figures and "Still to code 2" in figures
    text = page.get_text(" ", strip=True)
    assert "There are no themes yet" in text and "needs at least 20 texts" in text
    # Too few texts to discover themes: adding one is the way to start.
    assert not page.find("button", string=lambda s: s and "Discover themes" in s)
    add = page.find("a", string=lambda s: s and "Add a theme" in s)
    assert add["href"] == f"{_hub(codeframe)}/themes#add"
    # Starting again goes to the same codeframe.
    pages.post("/officer/theming/start", {"question_id": question.id}, expected_status=302)
    assert db.session.scalars(select(Codeframe)).all() == [codeframe]


def test_starting_refuses_unknown_ids_and_explains_a_question_that_is_not_free_text(
    pages, sign_in_as
):
    sign_in_as("analyst")
    choice = QuestionFactory(kind=QuestionKind.SINGLE_CHOICE, text="Which library?")
    db.session.commit()
    pages.post("/officer/theming/start", {"question_id": "999999"}, expected_status=404)
    pages.post("/officer/theming/start", {"activity_id": "999999"}, expected_status=404)
    pages.post("/officer/theming/start", {"question_id": "x"}, expected_status=404)
    pages.post("/officer/theming/start", {}, expected_status=404)
    pages.post("/officer/theming/start", {"question_id": choice.id}, expected_status=302)
    page = pages.get(pages.last_response.headers["Location"])
    assert "Only answers typed in words can be themed" in banner(page)
    assert db.session.scalars(select(Codeframe)).all() == []


def test_an_empty_hub_with_enough_texts_offers_discover_themes_first(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts())
    db.session.commit()
    page = pages.get(_hub(codeframe))
    assert "Start by letting involve suggest themes" in page.get_text(" ", strip=True)
    button = page.find("button", string=lambda s: s and "Discover themes" in s)
    assert button.find_parent("form")["action"] == f"{_hub(codeframe)}/discover"
    assert page.find("a", string="add a theme yourself")


def test_an_activitys_points_raised_can_be_themed(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityFactory()
    for text in ("Open on Sundays", "More computers"):
        FeedbackItemFactory(activity=activity, text=text)
    db.session.commit()
    pages.post("/officer/theming/start", {"activity_id": activity.id}, expected_status=302)
    codeframe = db.session.scalars(select(Codeframe)).one()
    assert codeframe.activity_id == activity.id
    page = pages.get(_hub(codeframe))
    assert activity.title in page.select_one(".govuk-caption-l").get_text()
    assert "Texts to theme 2" in page.find(id="figures").get_text(" ", strip=True)


def test_hub_counts_coded_waiting_campaigns_and_themes(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items, (parking, bins) = codeframe_with_items(
        ["a", "b", "c", "d"], ["Parking", "Bins"]
    )
    code(items[0], parking, bins)
    code(items[1])  # looked at: no theme fits
    db.session.add(
        DuplicateGroup(codeframe_id=codeframe.id, example_text="x", size=3, status="campaign")
    )
    db.session.add(DuplicateGroup(codeframe_id=codeframe.id, example_text="y", size=2))
    # An answer that arrived after the last sync waits to be included.
    from tests.factories import AnswerFactory, ResponseFactory

    question = codeframe.question
    response = ResponseFactory(consultation=question.page.consultation)
    AnswerFactory(response=response, question=question, value="late", text="late")
    db.session.commit()
    page = pages.get(_hub(codeframe))
    figures = page.find(id="figures").get_text(" ", strip=True)
    for expected in (
        "Texts to theme 4",
        "Coded 2",
        "Still to code 2",
        "Waiting to be included 1",
        "1 to check, 1 confirmed as campaign ",
    ):
        assert expected in figures
    rows = page.find(id="theme-counts").find("tbody").find_all("tr")
    assert [[c.get_text(strip=True) for c in row.find_all("td")] for row in rows] == [
        ["Parking", "1"],
        ["Bins", "1"],
    ]
    for name in ("Code next response", "Update suggestions"):
        assert page.find("button", string=lambda s, n=name: s and n in s)
    for link in ("Browse responses", "Suggestions", "Campaigns and duplicates", "Theme summary"):
        assert page.find("a", string=link)
    assert DuplicateStatus.CAMPAIGN == "campaign"


def test_auditor_reads_the_hub_without_buttons_and_cannot_start_or_discover(pages, sign_in_as):
    sign_in_as("auditor")
    codeframe, _, _ = codeframe_with_items(varied_texts(), ["Parking"])
    db.session.commit()
    page = pages.get(_hub(codeframe))
    assert page.select("main form") == [] and page.select("main button") == []
    assert page.find("a", string="Theme summary")
    pages.post(
        "/officer/theming/start", {"question_id": codeframe.question_id}, expected_status=403
    )
    pages.post(f"{_hub(codeframe)}/discover", {}, expected_status=403)
    pages.post(f"{_hub(codeframe)}/discover/1", {}, expected_status=403)
    pages.get(f"{_hub(codeframe)}/discover/1", expected_status=403)
    pages.get("/officer/theming/999999", expected_status=404)


# -- discovering -----------------------------------------------------------------------------------
def test_discovery_refuses_too_few_texts_with_a_reason(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts(per_theme=5))
    db.session.commit()
    page = pages.post(f"{_hub(codeframe)}/discover", {"k": ""})
    assert title(page).startswith("Error: ")
    assert "only 15 texts" in field_error(page, "k") and "at least 20" in field_error(page, "k")
    assert db.session.scalars(select(BackgroundJob)).all() == []


def test_discovery_checks_the_number_of_themes(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts())
    db.session.commit()
    for value, message in (
        ("1", "Number of themes must be between 2 and 30"),
        ("31", "Number of themes must be between 2 and 30"),
        ("eight", "Enter the number of themes as a whole number, like 8"),
        ("9" * 5000, "Number of themes must be between 2 and 30"),
    ):
        page = pages.post(f"{_hub(codeframe)}/discover", {"k": value})
        assert error_summary(page) == [message]
    assert db.session.scalars(select(BackgroundJob)).all() == []


def test_discovery_job_proposes_themes_with_terms_sizes_members_and_quotes(pages, sign_in_as):
    sign_in_as("analyst")
    texts = varied_texts()
    codeframe, items, _ = codeframe_with_items(texts)
    db.session.commit()
    job = _discover(pages, codeframe)
    assert job.status == JobStatus.SUCCEEDED, job.error
    result = job.result
    assert result["texts"] == 60
    themes = result["themes"]
    assert 3 <= len(themes) <= 15  # k is chosen automatically
    item_ids = {item.id for item in items}
    for theme in themes:
        assert set(theme) == {"label", "terms", "size", "item_ids", "quotes"}
        assert theme["size"] == len(theme["item_ids"]) and set(theme["item_ids"]) <= item_ids
        assert theme["label"] and theme["terms"] and 1 <= len(theme["quotes"]) <= 3
        # Each proposed theme holds texts of one planted pool.
        pools = {
            next(
                name for name, pool in POOLS.items() if texts[items.index(item)].split()[1] in pool
            )
            for item in items
            if item.id in theme["item_ids"]
        }
        assert len(pools) == 1
    assert sum(theme["size"] for theme in themes) + result["left_out"] == 60
    assert "theming.discovery_started" in _actions()
    assert db.session.scalars(select(ThemeCoding)).all() == []  # membership is not a code


def test_a_chosen_number_of_themes_is_used(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts())
    db.session.commit()
    job = _discover(pages, codeframe, k="4")
    assert job.params["k"] == 4
    assert len(job.result["themes"]) == 4


def _proposal_form(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    form = page.select_one("main form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=text]")}
    data.update(
        {box["name"]: "y" for box in form.select("input[type=checkbox]") if box.has_attr("checked")}
    )
    return data


def test_analyst_renames_drops_and_accepts_proposed_themes(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, (existing,) = codeframe_with_items(varied_texts(), ["Old theme"])
    db.session.commit()
    job = _discover(pages, codeframe, k="3")
    url = f"{_hub(codeframe)}/discover/{job.id}"
    page = pages.get(url)
    assert heading(page) == "Themes found"
    data = _proposal_form(page)
    assert len([key for key in data if key.startswith("keep_")]) == 3  # all ticked at first
    labels = [data[f"name_{i}"] for i in range(3)]
    assert labels == [theme["label"] for theme in job.result["themes"]]

    # Errors: an empty name, a clash with an existing theme, two kept themes with one name.
    bad = {**data, "name_0": "", "name_1": "old THEME", "name_2": "  "}
    page = pages.post(url, bad)
    assert error_summary(page) == [
        "Enter a name for theme 1",
        "There is already a theme called old THEME: change the name of theme 2",
        "Enter a name for theme 3",
    ]
    assert page.find("input", attrs={"name": "name_1"})["value"] == "old THEME"
    page = pages.post(url, {**data, "name_0": "Same", "name_1": "same"})
    assert error_summary(page) == [
        "Give theme 2 a different name: another kept theme is called same"
    ]
    page = pages.post(url, {"name_0": "A", "name_1": "B", "name_2": "C"})
    assert error_summary(page) == ["Select at least one theme to keep"]
    assert db.session.scalars(select(Theme).where(Theme.origin == "discovered")).all() == []

    kept = {**data, "name_0": "Parking and permits"}
    del kept["keep_2"]
    pages.post(url, kept, expected_status=302)
    assert pages.last_response.headers["Location"] == f"{_hub(codeframe)}/themes"
    db.session.expire(codeframe, ["themes"])
    assert [(t.name, t.origin) for t in codeframe.themes] == [
        ("Old theme", "officer"),
        ("Parking and permits", "discovered"),
        (labels[1], "discovered"),
    ]
    assert existing.id == codeframe.themes[0].id
    assert db.session.scalars(select(ThemeCoding)).all() == []
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theming.discovered_accepted")
    ).one()
    assert event.detail["job_id"] == job.id
    assert event.detail["dropped"] == [labels[2]]
    assert event.detail["renamed"] == {labels[0]: "Parking and permits"}
    # The proposal now flags the names that are taken.
    page = pages.get(url)
    assert "There is already a theme called" in page.get_text(" ", strip=True)


def test_a_job_of_another_codeframe_or_kind_is_not_found(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts())
    other, _, _ = codeframe_with_items(varied_texts(seed=3))
    db.session.commit()
    job = _discover(pages, other)
    pages.get(f"{_hub(codeframe)}/discover/{job.id}", expected_status=404)
    pages.post(f"{_hub(codeframe)}/discover/{job.id}", {}, expected_status=404)
    pages.get(f"{_hub(codeframe)}/discover/999999", expected_status=404)


def test_an_unfinished_job_sends_the_officer_to_its_progress_page(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _, _ = codeframe_with_items(varied_texts())
    job = BackgroundJob(kind="discover_themes", subject_id=codeframe.id, status=JobStatus.RUNNING)
    db.session.add(job)
    db.session.commit()
    pages.get(f"{_hub(codeframe)}/discover/{job.id}", expected_status=302)
    assert pages.last_response.headers["Location"] == f"/officer/jobs/{job.id}"
    assert db.session.scalar(select(ThemeItem.id).limit(1)) is not None


# -- entry points ----------------------------------------------------------------------------------
def test_consultation_overview_offers_theming_each_free_text_question(pages, sign_in_as):
    sign_in_as("analyst")
    question = free_text_question(["Too few buses"])
    QuestionFactory(page=question.page, kind=QuestionKind.SINGLE_CHOICE, text="Which bus?")
    db.session.commit()
    url = f"/officer/consultations/{question.page.consultation_id}"
    section = pages.get(url).find(id="theming").find_next("dl")
    assert "Tell us why" in section.get_text() and "Which bus?" not in section.get_text()
    form = section.find("form")
    assert form["action"] == "/officer/theming/start"
    assert form.find("input", attrs={"name": "question_id"})["value"] == str(question.id)
    pages.post(form["action"], {"question_id": question.id}, expected_status=302)
    codeframe = db.session.scalars(select(Codeframe)).one()
    section = pages.get(url).find(id="theming").find_next("dl")
    assert section.find("a")["href"] == _hub(codeframe)


def test_event_page_offers_theming_the_points_raised(pages, sign_in_as):
    sign_in_as("analyst")
    activity = ActivityFactory()
    FeedbackItemFactory(activity=activity, text="Open on Sundays")
    db.session.commit()
    page = pages.get(f"/officer/activities/{activity.id}/event")
    form = page.find("input", attrs={"name": "activity_id"}).find_parent("form")
    assert form["action"] == "/officer/theming/start"
    pages.post(form["action"], {"activity_id": activity.id}, expected_status=302)
    codeframe = db.session.scalars(select(Codeframe)).one()
    page = pages.get(f"/officer/activities/{activity.id}/event")
    assert page.find("a", string="Theme these points")["href"] == _hub(codeframe)


def test_the_dashboard_lists_what_is_being_themed_with_progress(pages, sign_in_as):
    from tests.factories_theming import code, codeframe_with_items

    codeframe, items, (theme,) = codeframe_with_items(["one", "two", "three"], ["Buses"])
    code(items[0], theme)
    sign_in_as("analyst")
    page = pages.get("/officer/")
    table = page.find(id="theming-progress")
    row = next(r for r in table.find_all("tr") if f"/officer/theming/{codeframe.id}" in str(r))
    assert [cell.get_text(strip=True) for cell in row.find_all("td")] == ["3", "1", "2", "0"]
