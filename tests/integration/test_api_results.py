"""A closed consultation's results in the open-data API: counts for every closed question kind,
totals by channel, small numbers suppressed so no total gives them away, themes once published,
and a number of queries that does not grow with the data."""

from __future__ import annotations

from datetime import timedelta

from involve.extensions import db
from involve.models import AGREE_SCALE, Channel
from involve.models.base import utc_now
from involve.services import geography, open_data
from tests.factories import AnswerFactory, ConsultationFactory, ResponseFactory
from tests.factories_activities import ActivityFactory, AttendanceCountFactory
from tests.factories_open_data import build_open_data, publish_decision
from tests.pages import statements_for


def _results(client, consultation):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/consultations/{consultation.slug}/results")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _question(results, question):  # type: ignore[no-untyped-def]
    (found,) = [item for item in results["questions"] if item["question_id"] == question.id]
    return found


def _table(cells, key="label"):  # type: ignore[no-untyped-def]
    return {cell[key]: cell["count"] for cell in cells}


def test_a_small_count_is_null_and_the_total_cannot_give_it_away(client):
    data = build_open_data()
    single = _question(_results(client, data.closed), data.questions["single"])
    # Option A 15, Option B 12, Option C 3: C is suppressed, and so is B, or 30 - 15 - 12 = 3.
    assert single["respondents"] == 30
    assert single["options"] == [
        {"label": "Option A", "count": 15, "suppressed": False},
        {"label": "Option B", "count": None, "suppressed": True},
        {"label": "Option C", "count": None, "suppressed": True},
    ]


def test_responses_are_counted_by_channel_with_small_ones_hidden(client):
    data = build_open_data()
    responses = _results(client, data.closed)["responses"]
    assert responses["total"] == 30  # the response still in progress is not counted
    assert _table(responses["by_channel"], "channel") == {
        Channel.ONLINE.value: 20,
        Channel.PHONE.value: None,  # 6
        Channel.PAPER.value: None,  # 4
        Channel.EMAIL.value: 0,
        Channel.EVENT.value: 0,
        Channel.ASSISTED_DIGITAL.value: 0,
    }


def test_every_closed_question_kind_is_counted(client):
    data = build_open_data()
    results = _results(client, data.closed)
    multiple = _question(results, data.questions["multiple"])
    # Bus: even indexes (15); Car: every third (10); Walk: the first 12; Other: 2 people.
    # People may pick several, so the counts do not add up to a total: only Other is hidden.
    assert _table(multiple["options"]) == {"Bus": 15, "Car": 10, "Walk": 12, "Other": None}
    scale = _question(results, data.questions["scale"])
    # Disagree (6) is hidden, and Strongly agree too: the total would give it away.
    assert list(_table(scale["options"]).values()) == [None, 12, 0, None, 0]
    assert [cell["label"] for cell in scale["options"]] == AGREE_SCALE
    grid = _question(results, data.questions["grid"])
    clean, safe = grid["statements"]
    assert clean["statement"] == "Clean" and clean["respondents"] == 30
    assert _table(clean["scale"]) == {**dict.fromkeys(AGREE_SCALE, 0), "Agree": 20, "Disagree": 10}
    assert safe["respondents"] == 30
    assert _table(safe["scale"])["Strongly disagree"] is None  # 2 people
    ranking = _question(results, data.questions["ranking"])
    assert ranking["rankings"] == [
        {"option": "Price", "first_choice": {"count": 20, "suppressed": False}, "mean_rank": 1.67},
        {"option": "Speed", "first_choice": {"count": 10, "suppressed": False}, "mean_rank": 1.67},
        {"option": "Comfort", "first_choice": {"count": 0, "suppressed": False}, "mean_rank": 2.67},
    ]
    number = _question(results, data.questions["number"])
    assert number["number"] == {"answered": 30, "mean": 2.43, "suppressed": False}
    few = _question(results, data.questions["few_numbers"])
    # 4 people: the public page says "fewer than 10", so the totals are null here too.
    assert few["respondents"] is None
    assert few["number"] == {"answered": None, "mean": None, "suppressed": True}
    kinds = {item["kind"] for item in results["questions"]}
    assert kinds == {"single_choice", "multiple_choice", "agree_scale", "grid", "ranking", "number"}


def test_no_shown_count_is_a_small_number(client):
    data = build_open_data()
    publish_decision(data)
    results = _results(client, data.closed)
    activity = client.get(f"/api/v1/activities/{data.activities['event'].slug}").get_json()

    totals = ("respondents", "answered", "coded", "total")

    def counts(payload):  # type: ignore[no-untyped-def]
        if isinstance(payload, dict):
            found = [payload["count"]] if "suppressed" in payload and "count" in payload else []
            found += [payload[key] for key in totals if isinstance(payload.get(key), int)]
            return found + [n for value in payload.values() for n in counts(value)]
        if isinstance(payload, list):
            return [n for value in payload for n in counts(value)]
        return []

    shown = [n for n in counts(results) + counts(activity) if n is not None]
    assert shown and all(n == 0 or n >= 10 for n in shown), shown
    # The totals were looked at too: every question's respondents, the themes' coded count.
    assert 30 in shown and 29 in shown


def test_themes_are_published_once_a_published_decision_cites_them(client):
    data = build_open_data()
    assert _results(client, data.closed)["themes"] == []
    uncited = publish_decision(data, cite_codeframe=False)
    results = _results(client, data.closed)
    assert results["status"] == "outcome_published"
    assert results["themes_published"] is False and results["themes"] == []
    db.session.delete(uncited)
    db.session.flush()
    publish_decision(data, cite_codeframe=True)
    results = _results(client, data.closed)
    assert results["themes_published"] is True
    (themes,) = results["themes"]
    assert themes["question_id"] == data.questions["long"].id
    assert themes["coded"] == 29
    # Buses 14, Trains 11, Parking 4: a text may raise several themes, so the counts do not add
    # up to the coded total and only the small one is hidden.
    assert _table(themes["themes"], "name") == {"Buses": 14, "Trains": 11, "Parking": None}


def test_a_published_decision_citing_the_codeframe_publishes_its_themes(client):
    data = build_open_data()
    publish_decision(data, cite_codeframe=True)
    results = _results(client, data.closed)
    assert results["status"] == "outcome_published"  # the published record is the outcome
    assert [item["question_id"] for item in results["themes"]] == [data.questions["long"].id]
    detail = client.get(f"/api/v1/consultations/{data.closed.slug}").get_json()
    assert detail["outcome"]["decision"]["decision"] == "Run a bus every 15 minutes"
    assert detail["outcome"]["summary"] == "We will run more buses."


def test_attendance_totals_are_suppressed(client):
    data = build_open_data()
    event = client.get(f"/api/v1/activities/{data.activities['event'].slug}").get_json()
    attendance = event["attendance"]
    assert attendance["total"] == 15 and attendance["suppressed"] is False
    by_category = _table(attendance["by_category"], "group")
    assert by_category["workers"] is None  # 3 people
    assert by_category["residents"] is None  # or 15 - 3 would give the workers away
    small = client.get(f"/api/v1/activities/{data.activities['small'].slug}").get_json()
    assert small["attendance"]["total"] is None and small["attendance"]["suppressed"] is True


# -- queries do not grow with the data -------------------------------------------------------
def _closed_with_answers(responses: int):  # type: ignore[no-untyped-def]
    from tests.factories import QuestionFactory, QuestionPageFactory

    consultation = ConsultationFactory(
        opens_at=utc_now() - timedelta(days=30), closes_at=utc_now() - timedelta(days=1)
    )
    page = QuestionPageFactory(consultation=consultation)
    question = QuestionFactory(page=page, kind="single_choice", options=["Yes", "No"])
    for index in range(responses):
        AnswerFactory(
            response=ResponseFactory(consultation=consultation),
            question=question,
            value="Yes" if index % 3 else "No",
        )
    return consultation


def test_results_take_the_same_queries_for_5_or_60_responses(pages):
    few, many = _closed_with_answers(5), _closed_with_answers(60)
    url = "/api/v1/consultations/{}/results"
    assert statements_for(pages, url.format(few.slug)) == statements_for(
        pages, url.format(many.slug)
    )


def test_the_whole_data_set_takes_the_same_queries_for_few_or_many_consultations(pages):
    build_open_data()
    counted = {}
    for size in ("few", "many"):
        for _ in range(1 if size == "few" else 6):
            _closed_with_answers(3)
            ConsultationFactory()
            AttendanceCountFactory(activity=ActivityFactory())
        counted[size] = [
            statements_for(pages, url)
            for url in ("/api/v1/consultations", "/api/v1/activities", "/api/v1/bulk.zip")
        ]
    assert counted["few"] == counted["many"]


def test_ward_names_come_from_the_one_lookup_in_geography(client):
    data = build_open_data()
    # One function names wards for every caller; the API keeps no copy of its own.
    assert not hasattr(open_data, "ward_names")
    assert geography.ward_names(["E05010986", "E05099999", ""]) == {"E05010986": "Stroud Central"}
    assert geography.ward_names([]) == {}
    detail = client.get(f"/api/v1/consultations/{data.closed.slug}").get_json()
    assert detail["areas"]["wards"] == [{"code": "E05010986", "name": "Stroud Central"}]


def test_every_grid_statement_has_the_same_columns_as_the_public_table(client):
    """A scale point reworded after people answered still counts, in every row alike: the public
    page's table has one header row, so both suppress each row over the same cells."""
    from tests.factories import QuestionFactory, QuestionPageFactory

    consultation = ConsultationFactory(
        opens_at=utc_now() - timedelta(days=30), closes_at=utc_now() - timedelta(days=1)
    )
    grid = QuestionFactory(
        page=QuestionPageFactory(consultation=consultation),
        kind="grid",
        statements=["Clean", "Safe"],
        options=["Good", "Bad"],
    )
    for index in range(12):
        AnswerFactory(
            response=ResponseFactory(consultation=consultation),
            question=grid,
            value={"Clean": "Good", "Safe": "Awful" if index < 2 else "Good"},
        )
    clean, safe = _question(_results(client, consultation), grid)["statements"]
    assert [cell["label"] for cell in clean["scale"]] == ["Good", "Bad", "Awful"]
    assert [cell["label"] for cell in safe["scale"]] == ["Good", "Bad", "Awful"]
    assert _table(safe["scale"]) == {"Good": None, "Bad": 0, "Awful": None}  # 10, 0, 2
