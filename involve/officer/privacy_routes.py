"""Officer screens for a consultation's privacy notice: read it as respondents will, rewrite a
section or go back to the generated text, and set how long personal data is kept."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import Consultation
from involve.officer import officer
from involve.officer.consultation_routes import consultation_or_404
from involve.officer.privacy_forms import NoticeSectionForm, RetentionForm
from involve.services import privacy_notice
from involve.services.lifecycle import is_public
from involve.services.privacy_notice import NoticeSection


def withdraw_url() -> str:
    return url_for("public.withdraw_equality", _external=True)


def _section_or_404(section: str) -> NoticeSection:
    try:
        return NoticeSection(section)
    except ValueError:
        abort(404)


def _to_notice(consultation: Consultation) -> Response:
    return redirect(url_for("officer.consultation_privacy_notice", consultation_id=consultation.id))


@officer.route("/consultations/<int:consultation_id>/privacy-notice")
@require_permission(Permission.READ_REPORTS)
def consultation_privacy_notice(consultation_id: int) -> str:
    consultation = consultation_or_404(consultation_id)
    return render_template(
        "officer/consultations/privacy_notice.html",
        consultation=consultation,
        parts=privacy_notice.build_notice(consultation, withdraw_url=withdraw_url()),
        removal_month=privacy_notice.removal_month(consultation),
        is_public=is_public(consultation),
    )


@officer.route(
    "/consultations/<int:consultation_id>/privacy-notice/sections/<section>",
    methods=["GET", "POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def edit_privacy_notice_section(consultation_id: int, section: str) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    chosen = _section_or_404(section)
    parts = privacy_notice.build_notice(consultation, withdraw_url=withdraw_url())
    part = next(each for each in parts if each.section == chosen)
    form = NoticeSectionForm(data={"text": part.text})
    if form.validate_on_submit():
        privacy_notice.save_section(
            actor=current_user, consultation=consultation, section=chosen, text=form.text.data
        )
        flash(f"\u201c{chosen.heading}\u201d saved", "success")
        return _to_notice(consultation)
    return render_template(
        "officer/consultations/privacy_notice_section.html",
        consultation=consultation,
        part=part,
        form=form,
    )


@officer.route(
    "/consultations/<int:consultation_id>/privacy-notice/sections/<section>/use-generated",
    methods=["POST"],
)
@require_permission(Permission.RUN_ACTIVITIES)
def reset_privacy_notice_section(consultation_id: int, section: str) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    chosen = _section_or_404(section)
    if privacy_notice.reset_section(actor=current_user, consultation=consultation, section=chosen):
        flash(f"\u201c{chosen.heading}\u201d now uses the generated text", "success")
    return _to_notice(consultation)


@officer.route(
    "/consultations/<int:consultation_id>/privacy-notice/retention", methods=["GET", "POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def privacy_notice_retention(consultation_id: int) -> str | Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    form = RetentionForm(data={"months": str(consultation.retention_months)})
    if form.validate_on_submit():
        try:
            changed = privacy_notice.set_retention_months(
                actor=current_user, consultation=consultation, months=form.month_count
            )
        except privacy_notice.RetentionOutOfRange as error:
            form.months.errors = [str(error)]
        else:
            flash("Retention period saved" if changed else "No changes to save", "success")
            return _to_notice(consultation)
    return render_template(
        "officer/consultations/privacy_notice_retention.html",
        consultation=consultation,
        form=form,
    )
