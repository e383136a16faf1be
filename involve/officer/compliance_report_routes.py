"""The compliance report for a financial year, for one service or the whole council, with its
PDF, CSV and XLSX, and the button that runs the fairness and mix checks across the year."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField

from involve.auth.permissions import Permission, require_permission
from involve.ids import id_from
from involve.officer import officer
from involve.officer.fairness_routes import STATUS_TAG_CLASSES
from involve.public_urls import external_url, root_url
from involve.services import compliance_year_wording
from involve.services.authority import get_settings_or_placeholder, list_services
from involve.services.compliance_checks import start_checks
from involve.services.compliance_claims import Timeliness
from involve.services.compliance_export import report_filename, year_csv, year_xlsx
from involve.services.compliance_period import (
    YearFilters,
    current_financial_year,
    list_report_years,
    year_label,
)
from involve.services.compliance_year import build_year
from involve.services.compliance_year_pdf import render_year_pdf
from involve.services.compliance_year_summary import YearSummary, summarise_year

YEARS = range(1990, 2200)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RunChecksForm(FlaskForm):
    year = HiddenField()
    service = HiddenField()


def _year(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) in YEARS else None


def _service_id(raw: str) -> int | None:
    """A service that exists, or None (the whole council)."""
    service_id = id_from(raw)
    return service_id if service_id in {service.id for service in list_services()} else None


def _filters() -> YearFilters:
    year = _year(request.args.get("year", "")) or current_financial_year()
    return YearFilters(year=year, service_id=_service_id(request.args.get("service", "")))


def _selects(filters: YearFilters) -> list[dict[str, Any]]:
    years = sorted({*list_report_years(), filters.year}, reverse=True)
    services = [("", "All services (the whole council)")] + [
        (str(service.id), service.name) for service in list_services()
    ]
    chosen_service = str(filters.service_id or "")
    return [
        {
            "id": "year",
            "name": "year",
            "label": {"text": "Financial year"},
            "items": [
                {"value": str(year), "text": year_label(year), "selected": year == filters.year}
                for year in years
            ],
        },
        {
            "id": "service",
            "name": "service",
            "label": {"text": "Service"},
            "items": [
                {"value": value, "text": text, "selected": value == chosen_service}
                for value, text in services
            ],
        },
    ]


def _summary() -> YearSummary:
    return summarise_year(build_year(_filters()))


def _name(summary: YearSummary) -> str:
    data = summary.data
    scope = data.service.name if data.service is not None else "council"
    return f"{scope}-{data.filters.year}-{data.filters.year + 1}"


@officer.route("/reports/compliance")
@require_permission(Permission.READ_REPORTS)
def compliance_report() -> str:
    summary = _summary()
    filters = summary.data.filters
    return render_template(
        "officer/compliance/year.html",
        summary=summary,
        data=summary.data,
        selects=_selects(filters),
        run_form=RunChecksForm(
            formdata=None, year=str(filters.year), service=str(filters.service_id or "")
        ),
        export_args={"year": filters.year, "service": filters.service_id or ""},
        tag_classes=STATUS_TAG_CLASSES,
        timeliness=Timeliness,
        wording=compliance_year_wording,
    )


def download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@officer.route("/reports/compliance.pdf")
@require_permission(Permission.READ_REPORTS)
def compliance_report_pdf() -> Response:
    summary = _summary()
    data = summary.data
    body = render_year_pdf(
        summary,
        title=f"Compliance report: {data.scope}, {data.label}",
        root_url=root_url(),
        web_address=external_url(
            "officer.compliance_report", year=data.filters.year, service=data.filters.service_id
        ),
        author=get_settings_or_placeholder().name,
    )
    return download(
        body, "application/pdf", report_filename(_name(summary), "pdf", made_at=data.made_at)
    )


@officer.route("/reports/compliance.csv")
@require_permission(Permission.READ_REPORTS)
def compliance_report_csv() -> Response:
    summary = _summary()
    return download(
        year_csv(summary, root_url()),
        "text/csv",
        report_filename(_name(summary), "csv", made_at=summary.data.made_at),
    )


@officer.route("/reports/compliance.xlsx")
@require_permission(Permission.READ_REPORTS)
def compliance_report_xlsx() -> Response:
    summary = _summary()
    return download(
        year_xlsx(summary, root_url()),
        XLSX,
        report_filename(_name(summary), "xlsx", made_at=summary.data.made_at),
    )


@officer.post("/reports/compliance/checks")
@require_permission(Permission.READ_REPORTS)
def run_compliance_checks() -> Response:
    form = RunChecksForm()
    year = _year(form.year.data or "") if form.validate_on_submit() else None
    if year is None:
        abort(400)
    job = start_checks(
        year=year, actor=current_user, service_id=_service_id(form.service.data or "")
    )
    return redirect(url_for("officer.job_status", job_id=job.id))
