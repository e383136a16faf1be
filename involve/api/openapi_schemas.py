"""The OpenAPI document's components/schemas: every object the API returns, in JSON Schema
2020-12 (OpenAPI 3.1). Objects allow no extra properties, so a field added to a payload without
being described here fails the tests, and nothing undescribed (personal data least of all) can
slip into a response unnoticed. A suppressed count is null by rule, not only by convention."""

from __future__ import annotations

from typing import Any

from involve.models import ActivityFormat, Channel, QuestionKind, Way
from involve.services.counted_parts import LEFT_OUT
from involve.services.open_data_counts import COUNTED_KINDS

STATUSES = ["open", "closed", "outcome_published"]


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def obj(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    """A closed object: every property described and required (nullable ones may be null)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


TEXT = {"type": "string"}
URL = {"type": "string", "format": "uri"}
COUNT = {"type": "integer", "minimum": 0}
SMALL_TOTAL = {
    "type": ["integer", "null"],
    "minimum": 0,
    "description": "Null when from 1 to the small-number threshold less 1 (suppressed).",
}
DATE = {"type": ["string", "null"], "format": "date"}
DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
TEXTS = array(TEXT)
OPTIONAL_TEXT = {"type": ["string", "null"]}


def suppressible(label_key: str | None, description: str) -> dict[str, Any]:
    """A count that is null exactly when suppressed."""
    properties: dict[str, Any] = {
        "count": {"type": ["integer", "null"], "minimum": 0},
        "suppressed": {"type": "boolean"},
    }
    if label_key:
        properties = {label_key: TEXT, **properties}
    schema = obj(properties, description)
    schema["if"] = {"properties": {"suppressed": {"const": True}}}
    schema["then"] = {"properties": {"count": {"type": "null"}}}
    schema["else"] = {"properties": {"count": COUNT}}
    return schema


PAGE_META = obj(
    {"page": COUNT, "per_page": COUNT, "total": COUNT, "total_pages": COUNT},
    "Where this page is in the whole list.",
)
PAGE_LINKS = obj(
    {
        "self": URL,
        "first": URL,
        "last": URL,
        "next": {"type": ["string", "null"], "format": "uri"},
        "prev": {"type": ["string", "null"], "format": "uri"},
    },
    "Addresses of this, the first, last, next and previous pages (null where there is none).",
)
AREAS = obj(
    {
        "whole_area": {"type": "boolean", "description": "Covers the council's whole area."},
        "wards": array(
            obj({"code": {"type": "string", "pattern": "^[EWSN][0-9]{8}$"}, "name": OPTIONAL_TEXT})
        ),
    },
    "Where it applies: the whole area, or wards by ONS code (and name when known).",
)
PROBLEM = obj(
    {
        "type": {"type": "string", "format": "uri-reference"},
        "title": TEXT,
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": TEXT,
        "instance": {"type": "string", "format": "uri-reference"},
    },
    "An error, as RFC 9457 problem details.",
)
PROBLEM["required"] = ["type", "title", "status", "detail"]
PROBLEM["properties"]["invalid_params"] = array(obj({"name": TEXT, "reason": TEXT}))

CONSULTATION_SUMMARY_PROPERTIES = {
    "slug": TEXT,
    "title": TEXT,
    "summary": TEXT,
    "status": {"enum": STATUSES},
    "opens_at": DATE_TIME,
    "closes_at": {**DATE_TIME, "description": "When it closed or will close (early if so)."},
    "topics": TEXTS,
    "ward_codes": TEXTS,
    "whole_area": {"type": "boolean"},
    "links": obj({"self": URL, "results": URL, "web_page": URL}),
}
DECISION = obj(
    {
        "decision": TEXT,
        "decided_on": DATE,
        "decision_maker": TEXT,
        "report_title": TEXT,
        "report_url": {"type": ["string", "null"], "format": "uri"},
        "how_responses_were_considered": TEXT,
        "published_at": DATE_TIME,
    },
    "The published decision the activity informed.",
)
QUESTION = obj(
    {
        "id": {"type": "integer", "description": "Stable: results refer to it."},
        "consultation": {"type": "string", "description": "The consultation's slug."},
        "page": {"type": "integer", "minimum": 1},
        "position": {"type": "integer"},
        "kind": {"enum": [kind.value for kind in QuestionKind]},
        "text": TEXT,
        "hint": TEXT,
        "required": {"type": "boolean"},
        "options": {**TEXTS, "description": "Choices, or a scale's points (grids, scales)."},
        "statements": {**TEXTS, "description": "A grid's statements (its rows)."},
        "allow_other": {"type": "boolean"},
        "min_value": {"type": ["integer", "null"]},
        "max_value": {"type": ["integer", "null"]},
    }
)
CONSULTATION = obj(
    {
        **{key: CONSULTATION_SUMMARY_PROPERTIES[key] for key in ("slug", "title", "summary")},
        "status": CONSULTATION_SUMMARY_PROPERTIES["status"],
        "proposal": TEXT,
        "reasons": TEXT,
        "service": OPTIONAL_TEXT,
        "audiences": TEXTS,
        "topics": TEXTS,
        "dates": obj(
            {
                "opens_at": DATE_TIME,
                "closes_at": DATE_TIME,
                "closed_early_at": DATE_TIME,
                "decision_due_on": DATE,
                "outcome_published_at": DATE_TIME,
            }
        ),
        "areas": ref("Areas"),
        "documents": array(
            obj({"title": TEXT, "url": URL, "content_type": TEXT, "size_bytes": COUNT})
        ),
        "related_links": array(obj({"title": TEXT, "url": TEXT})),
        "questions": array(ref("Question")),
        "outcome": nullable(
            obj({"published_at": DATE_TIME, "summary": TEXT, "decision": ref("Decision")})
        ),
        "links": CONSULTATION_SUMMARY_PROPERTIES["links"],
    },
    "A published consultation: what is proposed and why, when, where, and what was asked.",
)
RESULT_CELL = suppressible("label", "One option or scale point and how many chose it.")
QUESTION_RESULT = {
    "type": "object",
    "description": "One closed question's counts; which figures appear depends on its kind.",
    "properties": {
        "question_id": {"type": "integer"},
        "kind": {"enum": [kind.value for kind in COUNTED_KINDS]},
        "text": TEXT,
        "respondents": {
            **SMALL_TOTAL,
            "description": "Responses that answered the question, of the parts counted (see "
            "answers_leave_out); null when a small number.",
        },
        "options": {
            **array(ref("ResultCell")),
            "description": "Choices and scale points; for multiple choice people may pick several.",
        },
        "statements": array(
            obj({"statement": TEXT, "respondents": SMALL_TOTAL, "scale": array(ref("ResultCell"))})
        ),
        "rankings": array(
            obj(
                {
                    "option": TEXT,
                    "first_choice": suppressible(None, "How many ranked this option first."),
                    "mean_rank": {
                        "type": ["number", "null"],
                        "description": "1 is the top; null when too few people answered, or "
                        "when any count behind the averages (how many put an option in a "
                        "place) is small, since the averages would give it away.",
                    },
                }
            )
        ),
        "number": obj(
            {
                "answered": SMALL_TOTAL,
                "mean": {"type": ["number", "null"]},
                "suppressed": {"type": "boolean"},
            },
            "Only the mean: a minimum or maximum would be one person's answer.",
        ),
    },
    "required": ["question_id", "kind", "text", "respondents"],
    "additionalProperties": False,
}
CHANNEL_CELL = suppressible(None, "Responses that came by one channel.")
CHANNEL_CELL["properties"] = {
    "channel": {"enum": [channel.value for channel in Channel]},
    **CHANNEL_CELL["properties"],
}
CHANNEL_CELL["required"] = ["channel", "count", "suppressed"]
THEME_CELL = suppressible("name", "A theme and how many coded texts raised it.")
RESPONSES = obj(
    {
        "total": {"type": ["integer", "null"], "minimum": 0},
        "suppressed": {"type": "boolean"},
        "by_channel": array(CHANNEL_CELL),
        "by_channel_leaves_out": {
            **array({"enum": list(LEFT_OUT.values())}),
            "description": "Parts of the responses left out of by_channel because fewer than the "
            "threshold responded (councillors: councillors and co-opted or nominated members): "
            "a table including them would give their number away.",
        },
    },
    "Submitted responses. The total is null (suppressed) when few organisations, councillors "
    "or individuals responded, as the public pages hide it.",
)
RESPONSES["if"] = {"properties": {"suppressed": {"const": True}}}
RESPONSES["then"] = {"properties": {"total": {"type": "null"}}}
RESPONSES["else"] = {"properties": {"total": COUNT}}
RESULTS = obj(
    {
        "consultation": {"type": "string", "description": "The consultation's slug."},
        "status": {"enum": ["closed", "outcome_published"]},
        "closed_at": DATE_TIME,
        "small_number_threshold": {"type": "integer", "minimum": 5},
        "responses": RESPONSES,
        "answers_leave_out": {
            **array({"enum": list(LEFT_OUT.values())}),
            "description": "Parts of the responses whose answers questions and themes do not "
            "count, because fewer than the threshold responded: the same parts as "
            "responses.by_channel_leaves_out. Counting them would give away the total that "
            "responses hides (a question everyone answered would show it).",
        },
        "questions": array(ref("QuestionResult")),
        "themes_published": {
            "type": "boolean",
            "description": "True once a published decision cites a theme summary of it.",
        },
        "themes": array(
            obj(
                {
                    "question_id": {"type": "integer"},
                    "question_text": TEXT,
                    "coded": {
                        **SMALL_TOTAL,
                        "description": "Texts coded so far (not campaigns); null when small.",
                    },
                    "themes": array(THEME_CELL),
                }
            )
        ),
        "quotes": array(
            obj(
                {
                    "text": {"type": "string", "description": "The moderated, published wording."},
                    "question_id": {"type": ["integer", "null"]},
                    "theme": OPTIONAL_TEXT,
                }
            )
        ),
    },
    "A closed consultation's results, small numbers suppressed.",
)

ACTIVITY_SUMMARY_PROPERTIES = {
    "slug": TEXT,
    "title": TEXT,
    "summary": TEXT,
    "way": {"enum": [way.value for way in Way]},
    "format": {"enum": [kind.value for kind in ActivityFormat]},
    "starts_at": DATE_TIME,
    "ends_at": DATE_TIME,
    "timing": {"enum": ["upcoming", "ongoing", "past"]},
    "consultation": {**OPTIONAL_TEXT, "description": "The linked consultation's slug."},
    "links": obj({"self": URL, "web_page": URL}),
}
ATTENDANCE_CELL = suppressible("group", "People at the event in one group.")
ACTIVITY = obj(
    {
        **ACTIVITY_SUMMARY_PROPERTIES,
        "opportunity_types": TEXTS,
        "service": OPTIONAL_TEXT,
        "commissioning_stage": OPTIONAL_TEXT,
        "venue": obj({"name": TEXT, "address": TEXT, "access_information": TEXT}),
        "how_to_take_part": TEXT,
        "audiences": TEXTS,
        "age_groups": TEXTS,
        "areas": ref("Areas"),
        "partners": TEXTS,
        "outcome_summary": TEXT,
        "decision": nullable(ref("Decision")),
        "attendance": obj(
            {
                "recorded": {"type": "boolean"},
                "total": {"type": ["integer", "null"], "minimum": 0},
                "suppressed": {"type": "boolean"},
                "by_category": array(ATTENDANCE_CELL),
                "by_age_band": array(ATTENDANCE_CELL),
            },
            "Attendance counted by group; null totals and counts are suppressed small numbers.",
        ),
    },
    "A published involvement activity.",
)


def page_of(item: str, description: str) -> dict[str, Any]:
    return obj(
        {"data": array(ref(item)), "meta": ref("PageMeta"), "links": ref("PageLinks")},
        description,
    )


SCHEMAS: dict[str, Any] = {
    "Problem": PROBLEM,
    "PageMeta": PAGE_META,
    "PageLinks": PAGE_LINKS,
    "Areas": AREAS,
    "ConsultationSummary": obj(CONSULTATION_SUMMARY_PROPERTIES),
    "ConsultationList": page_of("ConsultationSummary", "One page of published consultations."),
    "Consultation": CONSULTATION,
    "Question": QUESTION,
    "Decision": DECISION,
    "ResultCell": RESULT_CELL,
    "QuestionResult": QUESTION_RESULT,
    "Results": RESULTS,
    "ActivitySummary": obj(ACTIVITY_SUMMARY_PROPERTIES),
    "ActivityList": page_of("ActivitySummary", "One page of published activities."),
    "Activity": ACTIVITY,
}
