"""Asking the open-data API: paging and filters, bad parameters answered with 400 problem
details (never 500), unknown addresses with 404, the open-data headers on every answer, and
results counted by the database rather than row by row in Python."""

from __future__ import annotations

import io
import json
import re
from zipfile import ZipFile

import pytest
from sqlalchemy import event

from involve.extensions import db
from involve.services.decisions import withdraw_record
from tests.factories import ConsultationFactory
from tests.factories_open_data import build_open_data, publish_decision

PUBLIC_URL = "https://consult.example.gov.uk"
BAD_PARAMETERS = [
    ("page", "abc"),
    ("page", "0"),
    ("page", "-1"),
    ("page", "1.5"),
    ("page", "99999999999999999999"),
    ("page", "²"),
    ("per_page", "10000"),
    ("per_page", "0"),
    ("per_page", ""),
    ("topic", "\x00"),
    ("topic", "a\x00b"),
    ("topic", "x" * 201),
    ("status", "draft"),
    ("status", "scheduled"),
    ("ward", "Stroud"),
    ("ward", "\x00"),
]


def _problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cache-Control"] == "no-store"
    problem = response.get_json()
    assert problem["status"] == status
    assert set(problem) >= {"type", "title", "status", "detail"}
    return problem


@pytest.mark.parametrize(("name", "value"), BAD_PARAMETERS)
def test_a_bad_parameter_is_a_400_problem(client, name, value):
    problem = _problem(client.get("/api/v1/consultations", query_string={name: value}), 400)
    assert problem["invalid_params"][0]["name"] == name


@pytest.mark.parametrize("value", ["abc", "0", "101"])
def test_bad_paging_of_activities_is_a_400_problem(client, value):
    _problem(client.get("/api/v1/activities", query_string={"per_page": value}), 400)


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/consultations/no-such-consultation",
        "/api/v1/consultations/no-such-consultation/results",
        "/api/v1/activities/no-such-activity",
        "/api/v1/nothing-here",
        "/api/v2/consultations",
        "/api/v1/consultations/" + "x" * 500,
    ],
)
def test_an_unknown_address_is_a_404_problem(client, address):
    _problem(client.get(address), 404)


@pytest.mark.parametrize("address", ["/api/v1/consultations/a%00b", "/api/v1/activities/%00"])
def test_a_nul_in_a_slug_is_a_400_problem(client, address):
    _problem(client.get(address), 400)


def test_the_api_is_read_only(client):
    _problem(client.post("/api/v1/consultations"), 405)
    _problem(client.delete("/api/v1/consultations"), 405)


def _addresses(data) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        "/api/openapi.json",
        "/api/v1/consultations",
        f"/api/v1/consultations/{data.closed.slug}",
        f"/api/v1/consultations/{data.closed.slug}/results",
        "/api/v1/activities",
        f"/api/v1/activities/{data.activities['event'].slug}",
        "/api/v1/bulk.zip",
    ]


def test_every_answer_has_the_open_data_headers(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    data = build_open_data()
    for address in _addresses(data):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.headers["Access-Control-Allow-Origin"] == "*", address
        assert response.headers["Cache-Control"].startswith("public, max-age="), address
        assert "Set-Cookie" not in response.headers, address


def _links(payload) -> list[str]:  # type: ignore[no-untyped-def]
    if isinstance(payload, dict):
        return [link for value in payload.values() for link in _links(value)]
    if isinstance(payload, list):
        return [link for value in payload for link in _links(value)]
    is_link = isinstance(payload, str) and re.fullmatch(r"https?://\S+", payload)
    return [payload] if is_link else []


FORGED = {"Host": "attacker.example"}


def test_links_start_with_the_public_url_whatever_host_is_asked_for(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    data = build_open_data()
    found = []
    for address in _addresses(data)[:-1]:
        found += _links(client.get(address, headers=FORGED).get_json())
    document = client.get("/api/openapi.json", headers=FORGED).get_json()
    assert document["servers"][0]["url"] == PUBLIC_URL
    bulk = client.get("/api/v1/bulk.zip", headers=FORGED).get_data()
    with ZipFile(io.BytesIO(bulk)) as archive:
        found += re.findall(r"https?://[^\s\"]+", archive.read("README.md").decode())
        found += _links(
            [json.loads(line) for line in archive.read("consultations.jsonl").splitlines()]
        )
    docs_page = client.get("/api", headers=FORGED).get_data(as_text=True)
    problem = client.get(f"/api/v1/consultations/{data.open.slug}/results", headers=FORGED)
    found.append(problem.get_json()["type"])
    assert found and "attacker" not in docs_page
    # Web pages of the consultation, documents, OpenAPI, docs: all at the configured address
    # (links to other sites, such as a related link, are left as they are).
    elsewhere = ("https://example.org/", "https://www.nationalarchives.gov.uk/")
    ours = [link for link in found if not link.startswith(elsewhere)]
    assert ours and all(re.match(f"{PUBLIC_URL}(/|$)", link) for link in ours), ours


def test_links_from_the_request_are_never_cached_for_others(client):
    """Without PUBLIC_URL (development) links come from the request, so no cache may share them."""
    data = build_open_data()
    for address in _addresses(data):
        response = client.get(address, headers=FORGED)
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == "no-cache", address
    assert client.get("/api", headers=FORGED).headers["Cache-Control"] == "no-cache"


def test_paging_visits_every_consultation_once(client):
    made = {ConsultationFactory().slug for _ in range(7)}
    seen: list[str] = []
    address = "/api/v1/consultations?per_page=3"
    pages = 0
    while address:
        page = client.get(address.removeprefix("http://localhost")).get_json()
        seen += [item["slug"] for item in page["data"]]
        pages += 1
        assert page["meta"]["total"] == 7
        address = page["links"]["next"]
    assert pages == 3
    assert sorted(seen) == sorted(made)
    beyond = client.get("/api/v1/consultations?per_page=3&page=9").get_json()
    assert beyond["data"] == [] and beyond["links"]["next"] is None


def test_filters_by_topic_status_and_ward(client):
    data = build_open_data()
    whole_area = ConsultationFactory(topics=["Buses"])
    elsewhere = ConsultationFactory(whole_area=False, ward_codes=["E05010999"], topics=["Buses"])

    def slugs(**filters):  # type: ignore[no-untyped-def]
        response = client.get("/api/v1/consultations", query_string=filters)
        assert response.status_code == 200
        return {item["slug"] for item in response.get_json()["data"]}

    assert slugs(topic="Buses") == {data.closed.slug, whole_area.slug, elsewhere.slug}
    assert slugs(topic="Bus") == set()  # topics match exactly
    assert slugs(status="closed") == {data.closed.slug}
    assert slugs(status="open") == {data.open.slug, whole_area.slug, elsewhere.slug}
    assert slugs(status="outcome_published") == set()
    # A ward: consultations for that ward and whole-area ones (lower case accepted).
    assert slugs(ward="e05010986", topic="Buses") == {data.closed.slug, whole_area.slug}
    decision = publish_decision(data)
    assert slugs(status="outcome_published") == {data.closed.slug}
    assert slugs(status="closed") == set()
    withdraw_record(actor=None, record=decision)  # taken down: closed again
    assert slugs(status="outcome_published") == set()
    assert slugs(status="closed") == {data.closed.slug}
    links = client.get("/api/v1/consultations?topic=Buses&per_page=1").get_json()["links"]
    assert "topic=Buses" in links["next"] and "per_page=1" in links["next"]


@pytest.mark.parametrize("text", ["%", "_", "\\", "' OR 1=1 --", "<script>x</script>", "é" * 200])
def test_odd_text_in_a_filter_never_fails(client, text):
    ConsultationFactory(topics=["Buses"])
    response = client.get("/api/v1/consultations", query_string={"topic": text})
    assert response.status_code == 200
    assert response.get_json()["data"] == []


def test_results_are_counted_by_the_database(client):
    """Every query that reads answers groups them: no answer rows come back to Python."""
    data = build_open_data()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(f"/api/v1/consultations/{data.closed.slug}/results")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    reading_answers = [s for s in statements if "FROM answer" in s]
    assert len(reading_answers) >= 6
    assert all("GROUP BY" in statement for statement in reading_answers), reading_answers
