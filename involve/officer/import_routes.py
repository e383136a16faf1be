"""Importing offline responses from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.forms import remove_unprintable
from involve.models import Consultation
from involve.models.base import utc_now
from involve.officer import officer
from involve.officer.offline_forms import ImportForm
from involve.officer.offline_routes import consultation_or_404, render_not_taking
from involve.services import exports, offline_responses
from involve.services.response_import import check_file
from involve.services.response_import_columns import (
    CHANNEL_HEADER,
    DATE_HEADER,
    import_columns,
    template_header,
)
from involve.services.response_import_files import (
    DEFAULT_MAX_ROWS,
    Problem,
    UnreadableFile,
)


def _max_rows() -> int:
    return int(current_app.config.get("IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def _render(
    consultation: Consultation, form: ImportForm, problems: list[Problem] | None = None
) -> str:
    return render_template(
        "officer/offline/import.html",
        consultation=consultation,
        form=form,
        problems=problems or [],
        columns=import_columns(consultation.pages),
        fixed_headers=(CHANNEL_HEADER, DATE_HEADER),
        max_rows=_max_rows(),
    )


@officer.route("/consultations/<int:consultation_id>/responses/import", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def import_responses(consultation_id: int) -> str | tuple[str, int] | HttpResponse:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    if not offline_responses.is_taking_offline_responses(consultation):
        return render_not_taking(consultation, 409 if request.method == "POST" else 200)
    form = ImportForm()
    if request.method == "GET" or not form.validate():
        return _render(consultation, form)
    upload = form.spreadsheet.data
    content = upload.read()
    filename = remove_unprintable(upload.filename or "") or "upload"
    file_sha256 = hashlib.sha256(content).hexdigest()
    previous = offline_responses.find_import(consultation=consultation, file_sha256=file_sha256)
    if previous is not None:
        form.spreadsheet.errors = [offline_responses.already_imported_message(previous)]
        return _render(consultation, form)
    try:
        rows, problems = check_file(
            content,
            pages=consultation.pages,
            window=offline_responses.received_window(consultation),
            long_text_max=current_app.config["LONG_TEXT_MAX"],
            max_rows=_max_rows(),
        )
    except UnreadableFile as error:
        form.spreadsheet.errors = [str(error)]
        return _render(consultation, form)
    if problems:
        count = len(problems)
        form.spreadsheet.errors = [
            f"The file has {count} problem{'s' if count != 1 else ''}. Nothing was imported."
        ]
        return _render(consultation, form, problems)
    offline_responses.import_responses(
        actor=current_user,
        consultation=consultation,
        filename=filename,
        file_sha256=file_sha256,
        rows=rows,
    )
    skipped = sum(row.skipped for row in rows)
    message = f"Imported {len(rows)} response{'s' if len(rows) != 1 else ''} from {filename}."
    if skipped:
        message += f" {skipped} answers to questions that did not apply were not stored."
    flash(message, "success")
    return redirect(url_for("officer.list_responses", consultation_id=consultation.id))


@officer.route("/consultations/<int:consultation_id>/responses/import/template.csv")
@require_permission(Permission.RUN_ACTIVITIES)
def response_import_template(consultation_id: int) -> HttpResponse:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    header = template_header(consultation.pages)
    filename = exports.export_filename(consultation.slug, "csv", today=utc_now()).replace(
        "-responses-", "-import-template-"
    )
    return HttpResponse(
        "".join(exports.csv_lines(header, [])),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
