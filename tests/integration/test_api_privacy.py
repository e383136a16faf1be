"""The open-data API publishes only what is published: no drafts, no consultation before it
opens, no results before it closes, and never personal data or unmoderated free text, in any
payload or in the bulk download."""

from __future__ import annotations

import io
import json
import zipfile

from involve.extensions import db
from tests.factories_open_data import (
    APPROVED_QUOTE,
    EDITED_QUOTE,
    HIDDEN_QUESTION,
    PENDING_TEXT,
    PLANTED,
    build_open_data,
    publish_decision,
)

# Keys that would mean a person's data, or an officer's private working, got into a payload.
PERSONAL_KEYS = {
    "email",
    "phone",
    "postcode",
    "reference",
    "full_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "organisation_name",
    "respondent",
    "profile",
    "answers",
    "answer",
    "value",
    "age_band",
    "sex",
    "ethnic_group",
    "disability",
    "ward_code",
    "notes",
    "resume_code",
    "ip",
    "redacted_text",
    "original_text",
    "estimated_cost_pounds",
    "actual_cost_pounds",
}


def _keys(payload) -> set[str]:  # type: ignore[no-untyped-def]
    if isinstance(payload, dict):
        return set(payload) | {key for value in payload.values() for key in _keys(value)}
    if isinstance(payload, list):
        return {key for value in payload for key in _keys(value)}
    return set()


def _every_payload(client, data) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Address -> body text of every API answer, following every link in the lists, and each
    member of the bulk download."""
    bodies = {}
    lists = ["/api/v1/consultations?per_page=100", "/api/v1/activities?per_page=100"]
    for address in lists:
        listing = client.get(address).get_json()
        bodies[address] = json.dumps(listing)
        for item in listing["data"]:
            for link in item["links"].values():
                if "/api/" in link:
                    path = link.removeprefix("http://localhost")
                    bodies[path] = client.get(path).get_data(as_text=True)
    bodies["/api/openapi.json"] = client.get("/api/openapi.json").get_data(as_text=True)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/bulk.zip").data))
    for member in archive.namelist():
        bodies[f"bulk.zip/{member}"] = archive.read(member).decode()
    return bodies


def test_no_payload_holds_personal_data_or_unmoderated_text(client):
    data = build_open_data()
    publish_decision(data)
    bodies = _every_payload(client, data)
    assert f"/api/v1/consultations/{data.closed.slug}/results" in bodies
    assert f"/api/v1/activities/{data.activities['event'].slug}" in bodies
    for address, body in bodies.items():
        for planted in [*PLANTED, PENDING_TEXT, *(r.reference for r in data.responses)]:
            assert planted not in body, f"{planted!r} found in {address}"
        if address.endswith((".jsonl", ".json")) or address.startswith("/api/v1"):
            lines = body.splitlines() if address.endswith(".jsonl") else [body]
            for line in lines:
                found = _keys(json.loads(line)) & PERSONAL_KEYS
                assert not found, f"{found} in {address}"


def test_free_text_is_published_only_as_moderated_quotes(client):
    data = build_open_data()
    results = client.get(f"/api/v1/consultations/{data.closed.slug}/results").get_json()
    assert results["quotes"] == [
        {"text": APPROVED_QUOTE, "question_id": data.questions["long"].id, "theme": "Buses"},
        {"text": EDITED_QUOTE, "question_id": data.questions["long"].id, "theme": None},
    ]
    body = json.dumps(results)
    assert "The buses are never on time, number" not in body  # the answers themselves
    long_text = [q for q in results["questions"] if q["question_id"] == data.questions["long"].id]
    assert long_text == []  # free text is never counted or listed


def test_drafts_and_scheduled_consultations_are_invisible_everywhere(client):
    data = build_open_data()
    hidden = [data.draft, data.scheduled]
    listing = client.get("/api/v1/consultations?per_page=100").get_json()
    assert {item["slug"] for item in listing["data"]} == {data.closed.slug, data.open.slug}
    assert listing["meta"]["total"] == 2
    for consultation in hidden:
        for suffix in ("", "/results"):
            response = client.get(f"/api/v1/consultations/{consultation.slug}{suffix}")
            assert response.status_code == 404
            assert response.mimetype == "application/problem+json"
    activities = client.get("/api/v1/activities?per_page=100").get_json()
    slugs = {item["slug"] for item in activities["data"]}
    assert data.activities["draft"].slug not in slugs
    assert data.activities["scheduled"].slug not in slugs  # its consultation has not opened
    assert data.activities["event"].slug in slugs
    for activity in ("draft", "scheduled"):
        slug = data.activities[activity].slug
        assert client.get(f"/api/v1/activities/{slug}").status_code == 404
    bulk = client.get("/api/v1/bulk.zip").data
    archive = zipfile.ZipFile(io.BytesIO(bulk))
    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    for text in [HIDDEN_QUESTION, *(c.title for c in hidden), *(c.slug for c in hidden)]:
        assert text not in everything


def test_results_wait_until_the_consultation_closes(client):
    data = build_open_data()
    response = client.get(f"/api/v1/consultations/{data.open.slug}/results")
    assert response.status_code == 404
    problem = response.get_json()
    assert problem["type"].endswith("/api#results-not-yet-published")
    assert problem["title"] == "Results not yet published"
    assert client.get(f"/api/v1/consultations/{data.closed.slug}/results").status_code == 200
    # Unknown slugs are a plain 404, so clients can tell the two apart.
    unknown = client.get("/api/v1/consultations/no-such-thing/results").get_json()
    assert unknown["type"] == "about:blank"


def test_a_consultation_closed_early_has_results_at_once(client):
    from involve.models.base import utc_now

    data = build_open_data()
    data.open.closed_early_at = utc_now()
    db.session.flush()
    response = client.get(f"/api/v1/consultations/{data.open.slug}/results")
    assert response.status_code == 200
    assert response.get_json()["status"] == "closed"
