"""A closed consultation's published results: response totals by channel, closed questions'
counts, published themes and moderated quotes, all suppressed for small numbers; questions and
themes leave out the answers of any part of the responses that the channel table leaves out.
Built for many consultations at once (the bulk download) from a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from involve.api.serialisers import closed_at, when
from involve.models import Consultation
from involve.services.counted_parts import counted_parts, left_out
from involve.services.lifecycle import phase_of
from involve.services.open_data_results import question_results, response_totals
from involve.services.open_data_themes import published_quotes
from involve.services.open_data_themes import published_themes as themes_of


def results_for(
    consultations: Sequence[Consultation], *, threshold: int
) -> dict[int, dict[str, Any]]:
    """Consultation id -> its results object (closed consultations only, the caller checks)."""
    ids = [consultation.id for consultation in consultations]
    counted = counted_parts(ids, threshold=threshold)  # whose answers questions and themes count
    questions = question_results(ids, threshold=threshold, counted=counted)
    totals = response_totals(ids, threshold=threshold)
    themes = themes_of(consultations, threshold=threshold, counted=counted)
    quotes = published_quotes(ids)
    return {
        consultation.id: {
            "consultation": consultation.slug,
            "status": phase_of(consultation).value,
            "closed_at": when(closed_at(consultation)),
            "small_number_threshold": threshold,
            "responses": totals[consultation.id],
            "answers_leave_out": left_out(counted[consultation.id]),
            "questions": questions.get(consultation.id, []),
            "themes_published": bool(themes.get(consultation.id)),
            "themes": themes.get(consultation.id, []),
            "quotes": quotes.get(consultation.id, []),
        }
        for consultation in consultations
    }
