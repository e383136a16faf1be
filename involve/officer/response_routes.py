"""Officer screens for reading responses: the searchable list, one response, and exports
(redacted by default; with personal data only for officers allowed it, with a reason). Viewing
one response and every export are recorded in the access log."""

from __future__ import annotations

from collections.abc import Iterator

from flask import abort, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.models import AccessAction, Consultation
from involve.models.base import utc_now
from involve.officer import officer
from involve.officer.response_export_forms import PersonalDataExportForm
from involve.questionnaire.answers import display_answer
from involve.services import exports, response_filters, response_labels, response_queries
from involve.services.access_log import record_access
from involve.services.anonymisation import council_terms
from involve.services.errors import NotFound


def _consultation_or_404(consultation_id: int) -> Consultation:
    try:
        return response_queries.get_consultation(consultation_id)
    except NotFound:
        abort(404)


@officer.route("/consultations/<int:consultation_id>/responses")
@require_permission(Permission.READ_REPORTS)
def list_responses(consultation_id: int) -> str | HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    questions = response_filters.list_filterable_questions(consultation=consultation)
    parsed = response_filters.parse_filters(request.args, questions=questions)
    if parsed.filters.search:
        reference = response_queries.find_reference(
            consultation=consultation, search=parsed.filters.search
        )
        if reference is not None:
            return redirect(
                url_for(
                    "officer.show_response", consultation_id=consultation.id, reference=reference
                )
            )
    page = response_queries.list_responses(
        consultation=consultation,
        filters=parsed.filters,
        page=request.args.get("page", 1, type=int) or 1,
    )
    return render_template(
        "officer/responses/list.html",
        consultation=consultation,
        questions=questions,
        options_of=response_filters.options_of,
        filters=parsed.filters,
        errors=parsed.errors,
        result=page,
        labels=response_labels,
        choices={
            "responding_as": response_labels.RESPONDING_AS_LABELS,
            "age_band": response_labels.AGE_BAND_LABELS,
            "elected_status": response_labels.ELECTED_STATUS_LABELS,
            "channel": response_labels.CHANNEL_LABELS,
        },
    )


@officer.route("/consultations/<int:consultation_id>/responses/<reference>")
@require_permission(Permission.READ_REPORTS)
def show_response(consultation_id: int, reference: str) -> str:
    consultation = _consultation_or_404(consultation_id)
    try:
        detail = response_queries.get_response_detail(
            consultation=consultation, reference=reference
        )
    except NotFound:
        abort(404)
    record_access(
        officer=current_user,
        action=AccessAction.VIEW_RESPONSE,
        object_type="response",
        object_id=detail.response.reference,
        consultation_id=consultation.id,
    )
    return render_template(
        "officer/responses/show.html",
        consultation=consultation,
        detail=detail,
        labels=response_labels,
        display_answer=display_answer,
    )


def _export_rows(
    consultation: Consultation, file_format: str, *, personal_reason: str = ""
) -> tuple[list[str], Iterator[list[exports.Cell]], str]:
    """The header, a lazy iterator of rows and the filename; records the export. Free text is
    redacted unless `personal_reason` is given (an export with personal data)."""
    personal = bool(personal_reason)
    columns = exports.export_columns(response_queries.list_questions(consultation=consultation))
    exports.record_export(
        actor=current_user,
        consultation=consultation,
        file_format=file_format,
        count=response_queries.count_submitted(consultation=consultation),
        personal_reason=personal_reason,
    )
    council = council_terms()  # read once, not once per row
    rows = (
        exports.response_cells(columns, response, council_terms=council, personal=personal)
        for response in response_queries.iter_export_responses(consultation_id=consultation.id)
    )
    # A file with personal data says so in its name, so it is not filed as the redacted one.
    slug = f"{consultation.slug}-with-personal-data" if personal else consultation.slug
    filename = exports.export_filename(slug, file_format, today=utc_now())
    return exports.header_row(columns, personal=personal), rows, filename


def _csv_download(
    header: list[str], rows: Iterator[list[exports.Cell]], filename: str
) -> HttpResponse:
    return HttpResponse(
        stream_with_context(exports.csv_lines(header, rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _xlsx_download(
    header: list[str], rows: Iterator[list[exports.Cell]], filename: str, title: str
) -> HttpResponse:
    return HttpResponse(
        exports.xlsx_bytes(header, rows, title=title),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@officer.route("/consultations/<int:consultation_id>/responses.csv", methods=["POST"])
@require_permission(Permission.READ_REPORTS)
def export_responses_csv(consultation_id: int) -> HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    return _csv_download(*_export_rows(consultation, "csv"))


@officer.route("/consultations/<int:consultation_id>/responses.xlsx", methods=["POST"])
@require_permission(Permission.READ_REPORTS)
def export_responses_xlsx(consultation_id: int) -> HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    return _xlsx_download(*_export_rows(consultation, "xlsx"), consultation.title)


@officer.route(
    "/consultations/<int:consultation_id>/responses/export-with-personal-data",
    methods=["GET", "POST"],
)
@require_permission(Permission.EXPORT_PERSONAL_DATA)
@require_recent_authentication
def export_personal_data(consultation_id: int) -> str | HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    form = PersonalDataExportForm()
    if form.validate_on_submit():
        file_format = form.file_format.data
        header, rows, filename = _export_rows(
            consultation, file_format, personal_reason=form.reason.data or ""
        )
        if file_format == "xlsx":
            return _xlsx_download(header, rows, filename, consultation.title)
        return _csv_download(header, rows, filename)
    return render_template(
        "officer/responses/export_personal_data.html",
        consultation=consultation,
        form=form,
        count=response_queries.count_submitted(consultation=consultation),
    )
