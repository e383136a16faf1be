"""The retention screen's one form: the confirmation, carrying the consultations it listed."""

from __future__ import annotations

from wtforms import HiddenField

from involve.forms import InvolveForm


class ConfirmRetentionForm(InvolveForm):
    # The consultations listed on the confirmation page: only those are touched, so a
    # consultation that falls due between the page and the button waits for the next run.
    consultations = HiddenField()

    def consultation_ids(self) -> set[int]:
        parts = (self.consultations.data or "").split(",")
        return {
            int(part) for part in parts if part.isascii() and part.isdigit() and len(part) <= 18
        }
