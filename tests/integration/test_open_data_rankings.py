"""Average positions in a ranking, in the open-data API and on "We asked, you said, we did".
Everyone ranks every option (the form requires it), so an average times the number who answered
is the sum of the option's places; with two options that gives the first choices back, with
three and the first choices it gives back how many put each option second and last. So averages
are published only when no count behind them is small; the attacks below are what they would
otherwise give away."""

from __future__ import annotations

from datetime import timedelta

from involve.models.base import utc_now
from involve.services.response_parts import PARTS
from involve.services.you_said_results import result_tables
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.factories_open_data import add_respondent_groups, build_open_data, publish_decision


def _ranking(client, consultation, text: str) -> dict:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/consultations/{consultation.slug}/results")
    assert response.status_code == 200
    return next(q for q in response.get_json()["questions"] if q["text"] == text)


def _ranked(orders: dict[str, int]):  # type: ignore[no-untyped-def]
    """A closed consultation whose one ranking question (options "A", "B" ...) was answered
    `count` times in each order ("BAC": B first, then A, then C)."""
    consultation = ConsultationFactory(
        opens_at=utc_now() - timedelta(days=30), closes_at=utc_now() - timedelta(days=1)
    )
    question = QuestionFactory(
        page=QuestionPageFactory(consultation=consultation),
        kind="ranking",
        text="Rank the options",
        options=sorted(next(iter(orders))),
    )
    for order, count in orders.items():
        for _ in range(count):
            AnswerFactory(
                response=ResponseFactory(consultation=consultation),
                question=question,
                value=list(order),
            )
    return consultation


def _average(orders: dict[str, int], option: str) -> float:
    places = [(order.index(option) + 1, count) for order, count in orders.items()]
    return round(sum(place * count for place, count in places) / sum(orders.values()), 2)


def _page_averages(consultation) -> list[str]:  # type: ignore[no-untyped-def]
    (table,) = result_tables(consultation.id, threshold=10, parts=PARTS)
    hidden = all(row[2] == "hidden" for row in table.rows)
    assert ("average positions are hidden" in table.note) == hidden, table.note
    return [row[2] for row in table.rows]


def test_an_average_would_give_hidden_first_choices_away_so_none_is_published(client):
    orders = {"AB": 20, "BA": 5}
    consultation = _ranked(orders)
    ranking = _ranking(client, consultation, "Rank the options")
    # B's 5 is small, and A's 20 is hidden too, or 25 - 20 would give it away ...
    assert [item["first_choice"]["count"] for item in ranking["rankings"]] == [None, None]
    # ... but A's average (1.2) would: 25 * (2 - 1.2) = 20 put A first, so 5 put B first.
    assert round(25 * (2 - _average(orders, "A"))) == 20
    assert [item["mean_rank"] for item in ranking["rankings"]] == [None, None]
    assert _page_averages(consultation) == ["hidden"] * 2


def test_no_average_is_published_beside_hidden_first_choices_on_both(pages, client):
    data = build_open_data()
    add_respondent_groups(data)  # 25 individuals counted
    publish_decision(data)
    ranking = _ranking(client, data.closed, "Rank these")
    # Price first for 17 individuals and last for 8: Speed's 8 first choices are small, so
    # Price's 17 is hidden too, and the averages with them.
    firsts = [item["first_choice"]["suppressed"] for item in ranking["rankings"]]
    assert firsts == [True, True, False]
    assert [item["mean_rank"] for item in ranking["rankings"]] == [None, None, None]
    page = pages.get(f"/consultations/{data.closed.slug}/you-said-we-did")
    table = next(
        table
        for table in page.select("[data-results]")
        if table.caption.get_text(strip=True).startswith("Rank these")
    )
    assert [row.select("td")[1].get_text(strip=True) for row in table.select("tbody tr")] == [
        "hidden"
    ] * 3


def test_an_average_would_give_a_few_in_last_place_away_so_none_is_published(client):
    orders = {"ABC": 15, "BAC": 12, "CAB": 10, "CBA": 3}
    consultation = _ranked(orders)
    ranking = _ranking(client, consultation, "Rank the options")
    # Every first choice is shown (A 15, B 12, C 13) ...
    assert [item["first_choice"]["count"] for item in ranking["rankings"]] == [15, 12, 13]
    # ... so A's average (1.7) would say that 1.7 * 40 - 15 - 2 * (40 - 15) = 3 put A last.
    assert _average(orders, "A") == 1.7
    assert [item["mean_rank"] for item in ranking["rankings"]] == [None, None, None]
    assert _page_averages(consultation) == ["hidden"] * 3


def test_averages_are_published_when_no_count_behind_them_is_small(client):
    orders = {"ABC": 15, "BAC": 12, "CAB": 10, "CBA": 10}  # A: 15, 22, 10 in each place
    consultation = _ranked(orders)
    ranking = _ranking(client, consultation, "Rank the options")
    expected = [_average(orders, option) for option in "ABC"]
    assert [item["mean_rank"] for item in ranking["rankings"]] == expected
    assert _page_averages(consultation) == [f"{mean:.1f}" for mean in expected]
