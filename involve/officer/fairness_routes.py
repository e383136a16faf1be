"""A consultation's fairness checklist (Gunning, the Consultation Principles and the duty to
involve), each check with its evidence, and the same as CSV."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.officer import officer
from involve.officer.consultation_routes import consultation_or_404
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_export import checklist_csv, checklist_filename

# Colour with the status's word in the tag, never colour alone.
STATUS_TAG_CLASSES = {
    Status.PASS: "govuk-tag--green",
    Status.WARNING: "govuk-tag--yellow",
    Status.FAIL: "govuk-tag--red",
    Status.NOT_APPLICABLE: "govuk-tag--grey",
}


@officer.route("/consultations/<int:consultation_id>/fairness")
@require_permission(Permission.READ_REPORTS)
def consultation_fairness(consultation_id: int) -> str:
    checklist = fairness_checklist(consultation_or_404(consultation_id))
    return render_template(
        "officer/fairness/checklist.html",
        checklist=checklist,
        consultation=checklist.consultation,
        tag_classes=STATUS_TAG_CLASSES,
        statuses=list(Status),
    )


@officer.route("/consultations/<int:consultation_id>/fairness.csv")
@require_permission(Permission.READ_REPORTS)
def consultation_fairness_csv(consultation_id: int) -> Response:
    checklist = fairness_checklist(consultation_or_404(consultation_id))
    return Response(
        "".join(checklist_csv(checklist)),  # a few dozen rows: no need to stream
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{checklist_filename(checklist)}"'},
    )
