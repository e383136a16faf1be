"""Spam controls on the public forms, with no CAPTCHA (which fails people using assistive
technology): a honeypot box that people never see, and a time-to-complete check on the final
submit. Neither drops anything silently: the person is told what to do, and keeps what they typed.

The honeypot is a text box hidden the GOV.UK way (visually hidden, aria-hidden, out of the tab
order, autocomplete off, labelled "Leave this box empty"). Scripts that fill in every box fill it
in; the form is then shown again with the box visible and an error, so a person whose browser
filled it in by mistake can empty it and carry on.

Time to complete: a response submitted sooner than RESPONSE_MIN_SECONDS after its first page
was saved is not submitted. The person sees "Check your answers and submit again" (everything is
still saved); submitting again from that page is accepted. A council wants every real response
counted: holding fast responses for moderation would keep real people's answers out of the live
counts until an officer found time, in the busiest week of a campaign, while one more press of a
button costs a person a second and stops a script that posts a whole response in one go.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request, session
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import ValidationError

from involve.forms import InvolveForm
from involve.models import Response
from involve.models.base import utc_now
from involve.services.spam import HONEYPOT, TOO_FAST, record_spam_check

HONEYPOT_FIELD = "website"  # a name scripts fill in; people never see the box
HONEYPOT_LABEL = "Leave this box empty"
HONEYPOT_ERROR = (
    "Delete what is in the box labelled \u2018Leave this box empty\u2019, then send the form"
)
_RECHECK_KEY = "recheck_response"


def _leave_empty(form: Any, field: StringField) -> None:
    if field.data:
        raise ValidationError(HONEYPOT_ERROR)


class PublicForm(InvolveForm):
    """Base of every form residents send: CSRF, unprintable characters removed, and the
    honeypot box. A filled-in honeypot fails validation (so nothing is saved and what was typed
    is shown again) and is recorded for officers."""

    website = StringField(HONEYPOT_LABEL, widget=GovTextInput(), validators=[_leave_empty])

    def validate(self, extra_validators: Any = None) -> bool:
        is_valid = super().validate(extra_validators)
        if self.is_honeypot_filled:
            record_spam_check(check=HONEYPOT, form=request.endpoint or "", path=request.path)
        return is_valid

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.website.errors)


def is_submitted_too_fast(response: Response) -> bool:
    """True (and recorded) when the response is being submitted sooner after its first saved
    page than a person could. Asked once per response in this browser: the next submit passes,
    so a person is never stuck."""
    minimum = int(current_app.config.get("RESPONSE_MIN_SECONDS", 0))
    if minimum <= 0 or session.get(_RECHECK_KEY) == response.id:
        return False
    if (utc_now() - response.created_at).total_seconds() >= minimum:
        return False
    session[_RECHECK_KEY] = response.id
    record_spam_check(check=TOO_FAST, form=request.endpoint or "", path=request.path)
    return True
