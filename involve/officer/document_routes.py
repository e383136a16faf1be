"""Officer screens for a consultation's supporting documents and links."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.downloads import send_stored_file
from involve.models import Consultation
from involve.officer import officer
from involve.officer.consultation_forms import DocumentForm, LinkForm
from involve.officer.consultation_routes import consultation_or_404
from involve.services import documents
from involve.services.errors import NotFound


def _to_documents(consultation: Consultation) -> Response:
    return redirect(url_for("officer.consultation_documents", consultation_id=consultation.id))


def _page(
    consultation: Consultation, document_form: DocumentForm, link_form: LinkForm, form: object
) -> str:
    return render_template(
        "officer/consultations/documents.html",
        consultation=consultation,
        document_form=document_form,
        link_form=link_form,
        form=form,
        max_size=documents.size_text(documents.max_bytes()),
    )


@officer.route("/consultations/<int:consultation_id>/documents")
@require_permission(Permission.READ_REPORTS)
def consultation_documents(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    return _page(consultation, DocumentForm(formdata=None), LinkForm(formdata=None), None)


@officer.route("/consultations/<int:consultation_id>/documents/upload", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def upload_document(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    form = DocumentForm()
    if form.validate_on_submit():
        upload = form.document.data
        try:
            documents.store_document(
                actor=current_user,
                consultation=consultation,
                title=form.document_title.data,
                filename=upload.filename or "",
                stream=upload.stream,
            )
        except documents.DocumentRejected as error:
            form.document.errors = [str(error)]
        else:
            flash(f"{form.document_title.data} has been uploaded", "success")
            return _to_documents(consultation)
    return _page(consultation, form, LinkForm(formdata=None), form)


@officer.route("/consultations/<int:consultation_id>/documents/<int:document_id>/download")
@require_permission(Permission.READ_REPORTS)
def download_document(consultation_id: int, document_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    try:
        document = documents.get_document(consultation, document_id)
        path, content_type, download_name = documents.open_document(document)
    except NotFound:
        abort(404)
    return send_stored_file(path, content_type, download_name)


@officer.route(
    "/consultations/<int:consultation_id>/documents/<int:document_id>/remove", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def remove_document(consultation_id: int, document_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        document = documents.get_document(consultation, document_id)
    except NotFound:
        abort(404)
    documents.remove_document(actor=current_user, document=document)
    flash(f"{document.title} has been removed", "success")
    return _to_documents(consultation)


@officer.route("/consultations/<int:consultation_id>/links", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def add_link(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    form = LinkForm()
    if form.validate_on_submit():
        documents.add_link(
            actor=current_user,
            consultation=consultation,
            title=form.link_title.data,
            url=form.url.data,
        )
        flash(f"Link {form.link_title.data} added", "success")
        return _to_documents(consultation)
    return _page(consultation, DocumentForm(formdata=None), form, form)


@officer.route("/consultations/<int:consultation_id>/links/<int:link_id>/remove", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def remove_link(consultation_id: int, link_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        link = documents.get_link(consultation, link_id)
    except NotFound:
        abort(404)
    documents.remove_link(actor=current_user, link=link)
    flash(f"Link {link.title} removed", "success")
    return _to_documents(consultation)
