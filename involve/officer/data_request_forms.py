"""Forms for subject access requests: the search, and confirming an erasure or the withdrawal
of equality answers. The search and the request reference travel as hidden fields from the
results to the export and confirmation forms, so no personal data is kept in the session."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.services.erasure import REASON_MAX
from involve.services.references import normalise_reference
from involve.services.subject_access import SEARCH_MAX, Search, SearchRefused, parse_search

REQUEST_REFERENCE_MAX = 200
REFERENCES_MAX = 200  # responses in one erasure
# The reason is kept in the access log (and audit log) for years and never erased: it must
# point to the request, not name the person it is about.
NOT_THE_NAME = "Do not enter the person's name: this is kept in the access log."


class SearchForm(InvolveForm):
    search = StringField(
        "E-mail address or response reference",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, name@example.com or K7M-Q9P-2XD",
        validators=[
            DataRequired(message="Enter an e-mail address or a response reference"),
            Length(
                max=SEARCH_MAX,
                message=f"Search must be {SEARCH_MAX} characters or fewer",
            ),
        ],
    )
    request_reference = StringField(
        "Request reference or reason",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description=f"Give the request reference. For example, SAR 2026/014. {NOT_THE_NAME}",
        validators=[
            DataRequired(message="Enter the request reference or the reason for this search"),
            Length(
                max=REQUEST_REFERENCE_MAX,
                message=f"Request reference must be {REQUEST_REFERENCE_MAX} characters or fewer",
            ),
        ],
    )
    submit = SubmitField("Find personal data", widget=GovSubmitInput())
    parsed: Search | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        try:
            self.parsed = parse_search(self.search.data or "")
        except SearchRefused as refused:
            self.search.errors = [str(refused)]
            return False
        return True


class ConfirmForm(InvolveForm):
    """Erasure or withdrawal of the responses named in `references`, with a reason."""

    search = HiddenField(filters=[strip_whitespace])
    request_reference = HiddenField(filters=[strip_whitespace])
    references = HiddenField(filters=[strip_whitespace])
    reason = TextAreaField(
        "Reason",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message="Enter the reason"),
            Length(max=REASON_MAX, message=f"Reason must be {REASON_MAX} characters or fewer"),
        ],
    )

    def reference_list(self) -> list[str]:
        """The references posted, normalised, at most REFERENCES_MAX of them."""
        words = (self.references.data or "").split()[:REFERENCES_MAX]
        return list(dict.fromkeys(normalise_reference(word) for word in words))


class ErasureForm(ConfirmForm):
    reason = TextAreaField(
        "Why are you erasing this data?",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="Give the request reference. For example, erasure request SAR 2026/014. "
        "Do not enter the person's name: this is kept in the audit log and the access log.",
        validators=[
            DataRequired(message="Enter why you are erasing this data"),
            Length(max=REASON_MAX, message=f"Reason must be {REASON_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Erase personal data", widget=GovSubmitInput())


class WithdrawalForm(ConfirmForm):
    reason = TextAreaField(
        "Why are you withdrawing the equality answers?",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        description="Give the request reference. For example, SAR 2026/014, asked by phone. "
        "Do not enter the person's name: this is kept in the audit log and the access log.",
        validators=[
            DataRequired(message="Enter why you are withdrawing the equality answers"),
            Length(max=REASON_MAX, message=f"Reason must be {REASON_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Withdraw equality answers", widget=GovSubmitInput())
