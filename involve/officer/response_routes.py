"""Officer screens for reading responses: the searchable list, one response, and exports."""

from __future__ import annotations

from collections.abc import Iterator

from flask import abort, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.models import Consultation
from involve.models.base import utc_now
from involve.officer import officer
from involve.questionnaire.answers import display_answer
from involve.services import exports, response_filters, response_labels, response_queries
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
    return render_template(
        "officer/responses/show.html",
        consultation=consultation,
        detail=detail,
        labels=response_labels,
        display_answer=display_answer,
    )


def _export_rows(
    consultation: Consultation, file_format: str
) -> tuple[list[str], Iterator[list[exports.Cell]], str]:
    """The header, a lazy iterator of rows and the filename; records the export."""
    columns = exports.export_columns(response_queries.list_questions(consultation=consultation))
    exports.record_export(
        actor=current_user,
        consultation=consultation,
        file_format=file_format,
        count=response_queries.count_submitted(consultation=consultation),
    )
    rows = (
        exports.response_cells(columns, response)
        for response in response_queries.iter_export_responses(consultation_id=consultation.id)
    )
    filename = exports.export_filename(consultation.slug, file_format, today=utc_now())
    return exports.header_row(columns), rows, filename


@officer.route("/consultations/<int:consultation_id>/responses.csv", methods=["POST"])
@require_permission(Permission.READ_REPORTS)
def export_responses_csv(consultation_id: int) -> HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    header, rows, filename = _export_rows(consultation, "csv")
    return HttpResponse(
        stream_with_context(exports.csv_lines(header, rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@officer.route("/consultations/<int:consultation_id>/responses.xlsx", methods=["POST"])
@require_permission(Permission.READ_REPORTS)
def export_responses_xlsx(consultation_id: int) -> HttpResponse:
    consultation = _consultation_or_404(consultation_id)
    header, rows, filename = _export_rows(consultation, "xlsx")
    content = exports.xlsx_bytes(header, rows, title=consultation.title)
    return HttpResponse(
        content,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
