"""An activity's compliance report: the page (print-ready), its PDF, and the same claims as CSV
and XLSX. The year's report is in compliance_report_routes.py."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.officer import officer
from involve.officer.activity_routes import activity_or_404
from involve.officer.compliance_report_routes import XLSX, download
from involve.officer.fairness_routes import STATUS_TAG_CLASSES
from involve.public_urls import external_url, root_url
from involve.services.authority import get_settings_or_placeholder
from involve.services.compliance_activity import ActivityCompliance, build_activity_compliance
from involve.services.compliance_export import activity_csv, activity_xlsx, report_filename
from involve.services.compliance_pdf import PdfDocument, render_pdf


def _compliance(activity_id: int) -> ActivityCompliance:
    return build_activity_compliance(activity_or_404(activity_id))


@officer.route("/activities/<int:activity_id>/compliance")
@require_permission(Permission.READ_REPORTS)
def activity_compliance(activity_id: int) -> str:
    compliance = _compliance(activity_id)
    return render_template(
        "officer/compliance/activity.html",
        compliance=compliance,
        activity=compliance.activity,
        root_url=root_url(),
        tag_classes=STATUS_TAG_CLASSES,
    )


@officer.route("/activities/<int:activity_id>/compliance.pdf")
@require_permission(Permission.READ_REPORTS)
def activity_compliance_pdf(activity_id: int) -> Response:
    compliance = _compliance(activity_id)
    activity = compliance.activity
    authority = get_settings_or_placeholder().name
    document = PdfDocument(
        title=f"Compliance report: {activity.title}",
        subtitle=" - ".join(
            part for part in (authority, activity.service.name if activity.service else "") if part
        ),
        web_address=external_url("officer.activity_compliance", activity_id=activity.id),
        sections=compliance.sections,
        root_url=root_url(),
        made_at=compliance.checked_at,
        author=authority,
    )
    return download(
        render_pdf(document),
        "application/pdf",
        report_filename(activity.slug, "pdf", made_at=compliance.checked_at),
    )


@officer.route("/activities/<int:activity_id>/compliance.csv")
@require_permission(Permission.READ_REPORTS)
def activity_compliance_csv(activity_id: int) -> Response:
    compliance = _compliance(activity_id)
    return download(
        activity_csv(compliance.sections, root_url()),
        "text/csv",
        report_filename(compliance.activity.slug, "csv", made_at=compliance.checked_at),
    )


@officer.route("/activities/<int:activity_id>/compliance.xlsx")
@require_permission(Permission.READ_REPORTS)
def activity_compliance_xlsx(activity_id: int) -> Response:
    compliance = _compliance(activity_id)
    return download(
        activity_xlsx(compliance.sections, root_url()),
        XLSX,
        report_filename(compliance.activity.slug, "xlsx", made_at=compliance.checked_at),
    )
