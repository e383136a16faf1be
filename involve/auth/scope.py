"""Whose work an officer may change (issue 9): the one rule for service-scoped officers, and the
403 page that says whose work it is and who to ask.

The rule: administrators, and officers given no service (small councils), change work across
the council. An officer given one or more services changes only the consultations and
activities (and their codeframes and moderation) of those services, plus work that belongs to
no service: council-wide consultations, and work recorded before services were assigned, which
would otherwise be stranded until an administrator sorted it. Reading is never scoped: reports,
exports and audit need the whole council. The permission itself (role) is checked first by
require_permission; this only narrows which objects a permitted officer may change.
"""

from __future__ import annotations

from typing import Any

from flask import abort, make_response, render_template, url_for
from flask_login import current_user
from wtforms import SelectField

from involve.extensions import db
from involve.models import Activity, Codeframe, Consultation, ModerationItem, Role, Service
from involve.services import officer_services

Changeable = Consultation | Activity | Codeframe | ModerationItem


def scoped_service_ids(officer: Any) -> frozenset[int] | None:
    """The services an officer's changes are limited to; None when not limited."""
    if officer is None or not getattr(officer, "is_authenticated", False):
        return frozenset()
    if officer.role == Role.ADMIN or not officer.services:
        return None
    return frozenset(service.id for service in officer.services)


def _source_of(thing: Changeable) -> Consultation | Activity | None:
    """The consultation or activity a codeframe or a moderation item belongs to."""
    if isinstance(thing, Consultation | Activity):
        return thing
    if isinstance(thing, Codeframe):
        if thing.question is not None:
            return thing.question.page.consultation
        return thing.activity
    if thing.consultation_id is not None:
        return db.session.get(Consultation, thing.consultation_id)
    if thing.activity_id is not None:
        return db.session.get(Activity, thing.activity_id)
    return None


def can_change(officer: Any, thing: Changeable) -> bool:
    allowed = scoped_service_ids(officer)
    if allowed is None:
        return True
    source = _source_of(thing)
    return source is None or source.service_id is None or source.service_id in allowed


def require_can_change(thing: Changeable) -> None:
    """Call in every officer view that changes a consultation or activity, after loading it:
    answers 403 with a page naming the thing's service and who can change it."""
    if can_change(current_user, thing):
        return
    source = _source_of(thing)
    service = source.service if source is not None else None
    if source is None or service is None:
        # can_change allows work of no service, so this is a rule added later: still a 403,
        # with the plain page, since there is no service to name.
        abort(403)
    abort(make_response(_refusal_page(source, service), 403))


def _refusal_page(source: Consultation | Activity, service: Service) -> str:
    is_consultation = isinstance(source, Consultation)
    overview = (
        url_for("officer.consultation_overview", consultation_id=source.id)
        if is_consultation
        else url_for("officer.activity_overview", activity_id=source.id)
    )
    return render_template(
        "errors/403_service.html",
        noun="consultation" if is_consultation else "activity",
        title=source.title,
        service=service,
        own_services=list(current_user.services),
        service_officers=officer_services.list_service_officers(service),
        administrators=officer_services.list_administrators(),
        overview_url=overview,
    )


def limit_service_choices(
    field: SelectField, officer: Any, *, editing: Consultation | Activity | None
) -> None:
    """Offer a scoped officer only their own services in a service select (new work, or a
    change). "Not set" stays only on work that has no service yet, so a save never moves it."""
    allowed = scoped_service_ids(officer)
    if allowed is None:
        return
    keep = {str(service_id) for service_id in allowed}
    if editing is not None and editing.service_id is None:
        keep.add("")
    field.choices = [choice for choice in field.choices or [] if _value(choice) in keep]


def _value(choice: Any) -> str:
    return str(choice.value if hasattr(choice, "value") else choice[0])
