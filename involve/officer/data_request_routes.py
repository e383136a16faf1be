"""Subject access requests: find everything held on a person, export it as JSON or a readable
page, erase it, or withdraw their equality answers.

The search is a POST: the e-mail address never appears in a URL, a server log or the browser's
history. Results, exports and confirmations are rendered from what the form posts back, so no
personal data is kept in the session cookie either.
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.models.base import utc_now
from involve.officer import officer
from involve.officer.data_request_forms import ConfirmForm, ErasureForm, SearchForm, WithdrawalForm
from involve.services import response_labels, subject_access, subject_access_export
from involve.services.authority import get_settings
from involve.services.email_data import (
    email_kind_label,
    email_status_label,
    find_email_data,
)
from involve.services.equality_withdrawal import withdraw_equality_answers
from involve.services.erasure import Erasure, addresses_of, erase_responses, find_responses
from involve.services.subject_access import SearchRefused, SubjectAccessResult, parse_search
from involve.services.subject_access_export import (
    MODERATION_SOURCE_LABELS,
    MODERATION_STATUS_LABELS,
    STATUS_LABELS,
    export_filename,
    subject_access_document,
    subject_access_json,
)

_PRIVATE = {"Cache-Control": "no-store"}  # pages and files with personal data stay uncached


def _private(body: str, status: int = 200) -> HttpResponse:
    response = make_response(body, status)
    response.headers.update(_PRIVATE)
    return response


def _searched(form: SearchForm) -> SubjectAccessResult:
    assert form.parsed is not None  # set by a successful validate()
    return subject_access.find_subject_data(form.parsed)


def _labels() -> dict[str, object]:
    return {
        "labels": response_labels,
        "rows": subject_access_export,
        "status_labels": STATUS_LABELS,
        "moderation_sources": MODERATION_SOURCE_LABELS,
        "moderation_statuses": MODERATION_STATUS_LABELS,
        "email_kind": email_kind_label,
        "email_status": email_status_label,
    }


@officer.route("/data-requests", methods=["GET", "POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def data_requests() -> str | HttpResponse:
    form = SearchForm()
    if not form.validate_on_submit():
        return render_template("officer/data_requests/search.html", form=form)
    result = _searched(form)
    reason = form.request_reference.data or ""
    subject_access.record_search(officer=current_user, result=result, reason=reason)
    return _private(
        render_template(
            "officer/data_requests/results.html",
            result=result,
            search=form.search.data,
            request_reference=reason,
            **_labels(),
        )
    )


def _export_form() -> SearchForm:
    """The search posted back from the results page; a tampered one is refused."""
    form = SearchForm()
    if not form.validate_on_submit():
        abort(400)
    return form


@officer.route("/data-requests/export.json", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def data_request_json() -> HttpResponse:
    form = _export_form()
    result = _searched(form)
    reason = form.request_reference.data or ""
    subject_access.record_export(
        officer=current_user, result=result, reason=reason, file_format="json"
    )
    now = utc_now()
    document = subject_access_document(
        result, settings=get_settings(), request_reference=reason, now=now
    )
    filename = export_filename(next(iter(result.references), ""), "json", now=now)
    response = HttpResponse(subject_access_json(document), mimetype="application/json")
    response.headers.update(
        {**_PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    )
    return response


@officer.route("/data-requests/readable-page", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def data_request_page() -> HttpResponse:
    form = _export_form()
    result = _searched(form)
    reason = form.request_reference.data or ""
    subject_access.record_export(
        officer=current_user, result=result, reason=reason, file_format="page"
    )
    return _private(
        render_template(
            "officer/data_requests/readable.html",
            result=result,
            request_reference=reason,
            generated_at=utc_now(),
            **_labels(),
        )
    )


def _confirmation(form: ConfirmForm, template: str) -> str | HttpResponse:
    responses = find_responses(form.reference_list())
    if not responses:
        flash("Those responses were not found. Search again.")
        return redirect(url_for("officer.data_requests"))
    return render_template(template, form=form, responses=responses)


def _searched_email(form: ConfirmForm) -> str:
    """The e-mail address the person was found by, posted back with the erase form; "" when
    they were found by reference (or the field was tampered with)."""
    try:
        search = parse_search(form.search.data or "")
    except SearchRefused:
        return ""
    return search.value if search.kind == "email" else ""


def _erase_confirmation(form: ErasureForm) -> str | HttpResponse:
    """The responses, subscriptions and e-mails an erasure would remove."""
    responses = find_responses(form.reference_list())
    email_data = find_email_data(addresses_of(responses, _searched_email(form)))
    if not responses and not email_data:
        flash("Nothing to erase was found. Search again.")
        return redirect(url_for("officer.data_requests"))
    return render_template(
        "officer/data_requests/erase.html",
        form=form,
        responses=responses,
        email_data=email_data,
        **_labels(),
    )


def _erased_message(erased: Erasure) -> str:
    parts = []
    if erased.responses:
        count = len(erased.responses)
        references = ", ".join(item.reference for item in erased.responses)
        parts.append(
            f"Personal data erased from {count} response{'s' if count != 1 else ''}: {references}"
        )
    subscriptions = erased.email_data.subscriptions_deleted
    emails = erased.email_data.emails_blanked
    if subscriptions or emails:
        parts.append(
            f"{subscriptions} subscription{'s' if subscriptions != 1 else ''} deleted and "
            f"{emails} e-mail{'s' if emails != 1 else ''} erased"
        )
    return ". ".join(parts)


@officer.route("/data-requests/erase", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def erase_data() -> str | HttpResponse:
    """The confirmation page; nothing is erased until it is sent with a reason."""
    form = ErasureForm()
    form.reason.data = form.reason.data or form.request_reference.data
    return _erase_confirmation(form)


@officer.route("/data-requests/erase/confirm", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def erase_data_confirm() -> str | HttpResponse:
    form = ErasureForm()
    if not form.validate_on_submit():
        return _erase_confirmation(form)
    erased = erase_responses(
        actor=current_user,
        references=form.reference_list(),
        reason=form.reason.data or "",
        searched_email=_searched_email(form),
    )
    if not erased:
        flash("Nothing to erase was found. Search again.")
    else:
        flash(_erased_message(erased), "success")
    return redirect(url_for("officer.data_requests"))


@officer.route("/data-requests/withdraw-equality", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def withdraw_equality_for() -> str | HttpResponse:
    form = WithdrawalForm()
    form.reason.data = form.reason.data or form.request_reference.data
    return _confirmation(form, "officer/data_requests/withdraw_equality.html")


@officer.route("/data-requests/withdraw-equality/confirm", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def withdraw_equality_for_confirm() -> str | HttpResponse:
    form = WithdrawalForm()
    if not form.validate_on_submit():
        return _confirmation(form, "officer/data_requests/withdraw_equality.html")
    withdrawn = [
        response.reference
        for response in find_responses(form.reference_list())
        if withdraw_equality_answers(
            response=response, actor=current_user, reason=form.reason.data or ""
        )
    ]
    if withdrawn:
        flash(f"Equality answers withdrawn from response {', '.join(withdrawn)}", "success")
    else:
        flash("No equality answers were held for that response.")
    return redirect(url_for("officer.data_requests"))
