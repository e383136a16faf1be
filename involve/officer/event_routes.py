"""Officer screen for what happened at an event: attendance, notes and outcome, materials and the
points people raised."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.scope import require_can_change
from involve.downloads import send_stored_file
from involve.models import Activity
from involve.officer import officer
from involve.officer.event_forms import (
    AttendanceFormBase,
    MaterialForm,
    NotesForm,
    PointsForm,
    build_attendance_form,
)
from involve.services import documents, events
from involve.services.errors import NotFound
from involve.services.theming_items import codeframe_for_activity


def _activity_or_404(activity_id: int) -> Activity:
    try:
        return events.get_activity(activity_id)
    except NotFound:
        abort(404)


def _event_or_404(activity_id: int) -> Activity:
    """Changes are only for events; the GET page explains why instead of refusing."""
    activity = _activity_or_404(activity_id)
    if not events.is_event(activity):
        abort(404)
    return activity


def _to_event(activity: Activity, anchor: str = "") -> Response:
    return redirect(
        url_for("officer.activity_event", activity_id=activity.id, _anchor=anchor or None)
    )


def _page(activity: Activity, *, form: Any = None, **forms: Any) -> str:
    stored = events.attendance_by_group(activity)
    return render_template(
        "officer/events/event.html",
        activity=activity,
        form=form,
        attendance_form=forms.get("attendance_form")
        or build_attendance_form(stored, formdata=None),
        notes_form=forms.get("notes_form") or NotesForm(formdata=None, obj=activity),
        points_form=forms.get("points_form") or PointsForm(formdata=None),
        material_form=forms.get("material_form") or MaterialForm(formdata=None),
        totals=events.attendance_totals(activity),
        codeframe=codeframe_for_activity(activity),
        raised_by_labels=events.RAISED_BY_LABELS,
        max_size=documents.size_text(documents.max_bytes()),
    )


@officer.route("/activities/<int:activity_id>/event")
@require_permission(Permission.READ_REPORTS)
def activity_event(activity_id: int) -> str:
    activity = _activity_or_404(activity_id)
    if not events.is_event(activity):
        return render_template("officer/events/not_an_event.html", activity=activity)
    return _page(activity)


@officer.route("/activities/<int:activity_id>/event/attendance", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def save_event_attendance(activity_id: int) -> str | Response:
    activity = _event_or_404(activity_id)
    require_can_change(activity)
    form: AttendanceFormBase = build_attendance_form({})
    if not form.validate_on_submit():
        return _page(activity, form=form, attendance_form=form)
    totals = events.save_attendance(actor=current_user, activity=activity, counts=form.counts())
    flash(f"Attendance saved: {totals.total:,} in total", "success")
    return _to_event(activity, "attendance")


@officer.route("/activities/<int:activity_id>/event/notes", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def save_event_notes(activity_id: int) -> str | Response:
    activity = _event_or_404(activity_id)
    require_can_change(activity)
    form = NotesForm()
    if not form.validate_on_submit():
        return _page(activity, form=form, notes_form=form)
    events.save_notes(
        actor=current_user,
        activity=activity,
        notes=form.notes.data or "",
        outcome_summary=form.outcome_summary.data or "",
    )
    flash("Notes and outcome saved", "success")
    return _to_event(activity, "notes")


@officer.route("/activities/<int:activity_id>/event/points", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def add_event_points(activity_id: int) -> str | Response:
    activity = _event_or_404(activity_id)
    require_can_change(activity)
    form = PointsForm()
    if form.validate_on_submit():
        points = events.split_points(form.points.data or "")
        if points:
            added = events.add_points(
                actor=current_user,
                activity=activity,
                points=points,
                raised_by_group=form.raised_by.data,
            )
            flash(f"{len(added)} point{'s' if len(added) != 1 else ''} added", "success")
            return _to_event(activity, "points")
        form.points.errors = ["Enter at least one point raised"]
    return _page(activity, form=form, points_form=form)


@officer.route("/activities/<int:activity_id>/event/points/<int:point_id>/remove", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def remove_event_point(activity_id: int, point_id: int) -> Response:
    activity = _event_or_404(activity_id)
    require_can_change(activity)
    try:
        item = events.get_point(activity, point_id)
    except NotFound:
        abort(404)
    events.remove_point(actor=current_user, item=item)
    flash("Point removed", "success")
    return _to_event(activity, "points")


@officer.route("/activities/<int:activity_id>/event/materials", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def upload_event_material(activity_id: int) -> str | Response:
    activity = _event_or_404(activity_id)
    require_can_change(activity)
    form = MaterialForm()
    if form.validate_on_submit():
        upload = form.material.data
        try:
            events.store_material(
                actor=current_user,
                activity=activity,
                title=form.material_title.data,
                filename=upload.filename or "",
                stream=upload.stream,
            )
        except events.MaterialRejected as error:
            form.material.errors = [str(error)]
        else:
            flash(f"{form.material_title.data} has been uploaded", "success")
            return _to_event(activity, "materials")
    return _page(activity, form=form, material_form=form)


@officer.route("/activities/<int:activity_id>/event/materials/<int:material_id>/download")
@require_permission(Permission.READ_REPORTS)
def download_event_material(activity_id: int, material_id: int) -> Response:
    activity = _activity_or_404(activity_id)
    try:
        material = events.get_material(activity, material_id)
        path, content_type, download_name = events.open_material(material)
    except NotFound:
        abort(404)
    return send_stored_file(path, content_type, download_name)


@officer.route(
    "/activities/<int:activity_id>/event/materials/<int:material_id>/remove", methods=["POST"]
)
@require_permission(Permission.RUN_ACTIVITIES)
def remove_event_material(activity_id: int, material_id: int) -> Response:
    activity = _activity_or_404(activity_id)
    require_can_change(activity)
    try:
        material = events.get_material(activity, material_id)
    except NotFound:
        abort(404)
    events.remove_material(actor=current_user, material=material)
    flash(f"{material.title} has been removed", "success")
    return _to_event(activity, "materials")
