"""Officer screens for the whole year: the timeline of activities and each service's involvement
plan (which opportunity types it has offered, and the gaps)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from flask import abort, render_template, request

from involve.auth.permissions import Permission, require_permission
from involve.models import ActivityFormat, OpportunityType, Way
from involve.officer import officer
from involve.services import involvement_plan
from involve.services.authority import list_partners, list_services
from involve.services.errors import NotFound
from involve.services.involvement_plan import TimelineFilters

E = TypeVar("E", bound=StrEnum)
YEARS = range(1990, 2200)


def _year() -> int:
    raw = request.args.get("year", "")
    if raw.isascii() and raw.isdigit() and int(raw) in YEARS:
        return int(raw)
    return involvement_plan.current_year()


def _choice(kind: type[E], name: str) -> E | None:
    try:
        return kind(request.args.get(name, ""))
    except ValueError:
        return None


def _id(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _select(name: str, label: str, options: list[tuple[str, str]], selected: object) -> dict:
    """govukSelect params; the first option means no filter."""
    chosen = "" if selected is None else str(selected)
    return {
        "id": name,
        "name": name,
        "label": {"text": label},
        "items": [
            {"value": value, "text": text, "selected": value == chosen}
            for value, text in [("", "All"), *options]
        ],
    }


def _years(chosen: int) -> list[int]:
    return sorted({*involvement_plan.list_activity_years(), chosen})


@officer.route("/activities/timeline")
@require_permission(Permission.READ_REPORTS)
def activity_timeline() -> str:
    filters = TimelineFilters(
        year=_year(),
        service_id=_id("service"),
        way=_choice(Way, "way"),
        opportunity=_choice(OpportunityType, "opportunity"),
        format=_choice(ActivityFormat, "format"),
        partner_id=_id("partner"),
    )
    years = _years(filters.year)
    selects = [
        _select(
            "service", "Service", [(str(s.id), s.name) for s in list_services()], filters.service_id
        ),
        _select("way", "Way", [(w.value, w.label) for w in Way], filters.way),
        _select(
            "opportunity",
            "Opportunity type",
            [(o.value, o.label) for o in OpportunityType],
            filters.opportunity,
        ),
        _select("format", "Format", [(f.value, f.label) for f in ActivityFormat], filters.format),
        _select(
            "partner", "Partner", [(str(p.id), p.name) for p in list_partners()], filters.partner_id
        ),
    ]
    year_select = _select("year", "Year", [(str(y), str(y)) for y in years], filters.year)
    year_select["items"] = year_select["items"][1:]  # a year is always chosen
    return render_template(
        "officer/year/timeline.html",
        filters=filters,
        timeline=involvement_plan.build_timeline(filters),
        year_select=year_select,
        selects=selects,
        is_filtered=any(
            value is not None
            for value in (
                filters.service_id,
                filters.way,
                filters.opportunity,
                filters.format,
                filters.partner_id,
            )
        ),
    )


@officer.route("/services/involvement-plans")
@require_permission(Permission.READ_REPORTS)
def involvement_plans() -> str:
    year = _year()
    return render_template(
        "officer/year/plans.html",
        year=year,
        years=_years(year),
        plans=involvement_plan.list_involvement_plans(year=year),
        total_types=len(OpportunityType),
    )


@officer.route("/services/<int:service_id>/involvement-plan")
@require_permission(Permission.READ_REPORTS)
def service_involvement_plan(service_id: int) -> str:
    try:
        service = involvement_plan.get_service(service_id)
    except NotFound:
        abort(404)
    year = _year()
    return render_template(
        "officer/year/plan.html",
        plan=involvement_plan.build_involvement_plan(service=service, year=year),
        years=_years(year),
        total_types=len(OpportunityType),
    )
