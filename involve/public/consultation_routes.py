"""A consultation's public page (what is proposed and why, dates, documents, how to respond)
and its document downloads. Drafts do not exist for the public."""

from __future__ import annotations

from datetime import datetime

from flask import abort, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from involve.downloads import send_stored_file
from involve.extensions import db
from involve.models import Consultation, ConsultationDocument, Phase
from involve.public.journey_state import current_response
from involve.public.routes import public
from involve.services import errors as service_errors
from involve.services.documents import open_document, size_text
from involve.services.lifecycle import days_left, days_left_text, is_public, phase_of
from involve.services.moderation_public import published_quotes
from involve.services.responses import pages_for


def public_consultation_or_404(slug: str) -> Consultation:
    if not slug.isprintable():  # PostgreSQL refuses NUL in a query: no slug holds one anyway
        abort(404)
    consultation = db.session.scalars(select(Consultation).where(Consultation.slug == slug)).first()
    if consultation is None or not is_public(consultation):
        abort(404)
    return consultation


def closed_at(consultation: Consultation) -> datetime | None:
    return consultation.closed_early_at or consultation.closes_at


@public.route("/consultations/<slug>")
def consultation(slug: str) -> str:
    consultation = public_consultation_or_404(slug)
    phase = phase_of(consultation)
    has_started = current_response(consultation) is not None
    start_url = None
    if phase == Phase.OPEN and pages_for(consultation, None):
        # Starting goes through the privacy notice first; carrying on goes straight back.
        start_url = (
            url_for("public.question_page", slug=slug, page_number=1)
            if has_started
            else url_for("public.consultation_privacy_notice", slug=slug)
        )
    return render_template(
        "public/consultation.html",
        consultation=consultation,
        phase=phase,
        days_left_text=days_left_text(days_left(consultation)),
        closed_at=closed_at(consultation),
        start_url=start_url,
        has_started=has_started,
        # What people said is published only once the consultation has closed, and only texts
        # approved in the moderation queue.
        published=published_quotes(consultation)
        if phase in (Phase.CLOSED, Phase.OUTCOME_PUBLISHED)
        else [],
        documents=[
            (document, size_text(document.size_bytes)) for document in consultation.documents
        ],
    )


@public.route("/consultations/<slug>/documents/<int:document_id>")
def download_document(slug: str, document_id: int) -> WerkzeugResponse:
    consultation = public_consultation_or_404(slug)
    document = db.session.get(ConsultationDocument, document_id)
    if document is None or document.consultation_id != consultation.id:
        abort(404)
    try:
        path, content_type, download_name = open_document(document)
    except service_errors.NotFound:
        abort(404)
    return send_stored_file(path, content_type, download_name)
