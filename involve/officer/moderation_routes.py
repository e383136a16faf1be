"""The moderation queue: every free text is approved, edited or withheld here before the public
sees it; and the buttons that send a consultation's consented responses or an event's points
raised to the queue. Viewing the queue shows people's own words, so each view is in the access
log."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.models import AccessAction, ModerationItem, ModerationStatus
from involve.officer import officer
from involve.officer.consultation_routes import consultation_or_404
from involve.officer.moderation_forms import ApproveForm, edit_form, withhold_form
from involve.services import events, moderation, moderation_listing, moderation_queueing
from involve.services.access_log import record_access
from involve.services.errors import NotFound
from involve.services.moderation import ModerationRejected

# Status filter links, in the order an officer works through them.
STATUS_TABS = [
    ModerationStatus.PENDING,
    ModerationStatus.APPROVED,
    ModerationStatus.EDITED,
    ModerationStatus.WITHHELD,
]


def _item_or_404(item_id: int) -> ModerationItem:
    try:
        return moderation.get_item(item_id)
    except NotFound:
        abort(404)


def _to_queue(filters: moderation_listing.QueueFilters, anchor: str = "") -> Response:
    return redirect(
        url_for("officer.moderation_queue", **filters.as_args(), _anchor=anchor or None)
    )


@officer.get("/moderation")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_queue() -> str:
    filters = moderation_listing.parse_filters(request.args)
    queue = moderation_listing.list_queue(filters)
    record_access(
        officer=current_user,
        action=AccessAction.MODERATION_VIEW,
        object_type="moderation_queue",
        consultation_id=filters.consultation_id,
        detail={
            "status": str(filters.status or "all"),
            "activity_id": filters.activity_id,
            "page": queue.page,
            "items_shown": len(queue.entries),
        },
    )
    return render_template(
        "officer/moderation/queue.html",
        queue=queue,
        filters=filters,
        scopes=moderation_listing.list_scopes(),
        status_tabs=STATUS_TABS,
        labels=moderation.STATUS_LABELS,
        pii_labels=moderation.PII_LABELS,
        source_labels=moderation.SOURCE_LABELS,
    )


def _item_page(item: ModerationItem, *, form: Any = None, **forms: Any) -> str:
    filters = moderation_listing.parse_filters(request.args)
    entry = moderation_listing.get_entry(item)
    return render_template(
        "officer/moderation/item.html",
        entry=entry,
        item=item,
        filters=filters,
        form=form,
        labels=moderation.STATUS_LABELS,
        pii_labels=moderation.PII_LABELS,
        source_labels=moderation.SOURCE_LABELS,
        approve_form=forms.get("approve_form") or ApproveForm(formdata=None),
        edit_form=forms.get("edit_form")
        or edit_form(formdata=None, data={"text": item.published_text or item.redacted_text}),
        withhold_form=forms.get("withhold_form") or withhold_form(formdata=None),
    )


@officer.get("/moderation/<int:item_id>")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_item(item_id: int) -> str:
    item = _item_or_404(item_id)
    require_can_change(item)
    record_access(
        officer=current_user,
        action=AccessAction.MODERATION_VIEW,
        object_type="moderation_item",
        object_id=item.id,
        consultation_id=item.consultation_id,
    )
    return _item_page(item)


@officer.post("/moderation/<int:item_id>/approve")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_approve(item_id: int) -> str | Response:
    item = _item_or_404(item_id)
    require_can_change(item)
    form = ApproveForm()
    if form.validate_on_submit():
        try:
            moderation.approve(actor=current_user, item=item)
        except ModerationRejected as error:
            form.approve.errors = [str(error)]
        else:
            flash(f"Text {item.id} approved: its redacted text can now be published", "success")
            return _to_queue(moderation_listing.parse_filters(request.args))
    return _item_page(item, form=form, approve_form=form)


@officer.post("/moderation/<int:item_id>/edit")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_edit(item_id: int) -> str | Response:
    item = _item_or_404(item_id)
    require_can_change(item)
    form = edit_form()
    if form.validate_on_submit():
        try:
            still = moderation.edit(
                actor=current_user,
                item=item,
                text=form.text.data or "",
                reason=form.reason.data or "",
            )
        except ModerationRejected as error:
            form.text.errors = [str(error)]
        else:
            if still:
                # The edit was redacted again before it went out: show the officer the result.
                flash(
                    f"Text {item.id} is published, but your edit still held personal data "
                    f"({moderation.describe_kinds(still)}), so that was removed. Check the "
                    "published text below.",
                    "warning",
                )
                return redirect(
                    url_for(
                        "officer.moderation_item",
                        item_id=item.id,
                        **moderation_listing.parse_filters(request.args).as_args(),
                    )
                )
            flash(f"Text {item.id} published as you edited it", "success")
            return _to_queue(moderation_listing.parse_filters(request.args))
    return _item_page(item, form=form, edit_form=form)


@officer.post("/moderation/<int:item_id>/withhold")
@require_permission(Permission.MODERATE_CONTENT)
def moderation_withhold(item_id: int) -> str | Response:
    item = _item_or_404(item_id)
    require_can_change(item)
    form = withhold_form()
    if form.validate_on_submit():
        try:
            moderation.withhold(actor=current_user, item=item, reason=form.reason.data or "")
        except ModerationRejected as error:
            form.reason.errors = [str(error)]
        else:
            flash(f"Text {item.id} withheld: it will not be published", "success")
            return _to_queue(moderation_listing.parse_filters(request.args))
    return _item_page(item, form=form, withhold_form=form)


# -- sending texts to the queue ---------------------------------------------------------------
@officer.post("/consultations/<int:consultation_id>/moderation/consented")
@require_permission(Permission.MODERATE_CONTENT)
def moderate_consented_responses(consultation_id: int) -> Response:
    consultation = consultation_or_404(consultation_id)
    require_can_change(consultation)
    try:
        queued = moderation_queueing.queue_consented_responses(
            actor=current_user, consultation=consultation
        )
    except ModerationRejected as error:
        flash(str(error), "warning")
        return redirect(url_for("officer.consultation_overview", consultation_id=consultation.id))
    flash(queued.message("answer"), "success")
    return _to_queue(moderation_listing.QueueFilters(consultation_id=consultation.id))


@officer.post("/activities/<int:activity_id>/event/points/moderate")
@require_permission(Permission.MODERATE_CONTENT)
def moderate_event_points(activity_id: int) -> Response:
    try:
        activity = events.get_activity(activity_id)
    except NotFound:
        abort(404)
    require_can_change(activity)
    try:
        queued = moderation_queueing.queue_points(actor=current_user, activity=activity)
    except ModerationRejected as error:
        flash(str(error), "warning")
        return redirect(
            url_for("officer.activity_event", activity_id=activity.id, _anchor="points")
        )
    flash(queued.message("point"), "success")
    return _to_queue(moderation_listing.QueueFilters(activity_id=activity.id))
