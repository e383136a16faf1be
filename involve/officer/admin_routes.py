"""Admin screens: officers and their roles, the authority's settings, services and partners."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.models import PartnerKind, Role
from involve.officer import officer
from involve.officer.admin_forms import (
    NewOfficerForm,
    PartnerForm,
    ServiceForm,
    SettingsForm,
    build_edit_officer_form,
)
from involve.services import authority, officer_services, officers
from involve.services.errors import DomainError, DuplicateEmail, NotFound
from involve.services.password_policy import WeakPassword


@officer.route("/officers")
@require_permission(Permission.MANAGE_OFFICERS)
def list_officers() -> str:
    return render_template("officer/officers.html", officers=officers.list_officers())


@officer.route("/officers/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_OFFICERS)
@require_recent_authentication
def new_officer() -> str | Response:
    form = NewOfficerForm()
    if form.validate_on_submit():
        try:
            added = officers.create_officer(
                actor=current_user,
                email=form.email.data,
                full_name=form.full_name.data,
                role=Role(form.role.data),
                password=form.password.data,
            )
        except DuplicateEmail as error:
            form.email.errors = [str(error)]
        except WeakPassword as error:
            form.password.errors = [str(error)]
        else:
            flash(f"{added.full_name} has been added as {added.role.label}", "success")
            return redirect(url_for("officer.list_officers"))
    return render_template("officer/officer_new.html", form=form)


@officer.route("/officers/<int:officer_id>", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_OFFICERS)
@require_recent_authentication
def edit_officer(officer_id: int) -> str | Response:
    try:
        subject = officers.get_officer(officer_id)
    except NotFound:
        abort(404)
    form = build_edit_officer_form(
        role=subject.role,
        active=subject.active,
        held=list(subject.services),
        services=list(officer_services.assignable_services(subject)),
    )
    if form.validate_on_submit():
        try:
            changes = officers.update_officer(
                actor=current_user,
                officer=subject,
                role=Role(form.role.data),
                active=form.active.data,
            )
            changes += officer_services.set_officer_services(
                actor=current_user,
                officer=subject,
                service_ids=[int(value) for value in form.services.data or []],
            )
        except NotFound as error:
            form.services.errors = [str(error)]
        except DomainError as error:
            form.role.errors = [str(error)]
        else:
            flash(f"{subject.full_name}: {', '.join(changes) or 'no changes'}", "success")
            return redirect(url_for("officer.list_officers"))
    return render_template("officer/officer_edit.html", form=form, subject=subject)


@officer.route("/settings", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def settings() -> str | Response:
    current = authority.get_settings()
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        authority.save_settings(
            actor=current_user,
            name=form.name.data,
            ons_code=form.ons_code.data,
            contact_email=form.contact_email.data,
            contact_phone=form.contact_phone.data or "",
            postal_address=form.postal_address.data or "",
            website_url=form.website_url.data or "",
            dpo_contact=form.dpo_contact.data or "",
            redaction_names=form.redaction_names.data or "",
        )
        flash("Settings saved", "success")
        return redirect(url_for("officer.settings"))
    return render_template(
        "officer/settings.html",
        form=form,
        services=authority.list_services(),
        partners=authority.list_partners(),
    )


@officer.route("/settings/services/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def new_service() -> str | Response:
    form = ServiceForm()
    if form.validate_on_submit():
        try:
            added = authority.add_service(actor=current_user, name=form.name.data)
        except DomainError as error:
            form.name.errors = [str(error)]
        else:
            flash(f"Service {added.name} added", "success")
            return redirect(url_for("officer.settings"))
    return render_template("officer/service_new.html", form=form)


@officer.route("/settings/partners/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def new_partner() -> str | Response:
    form = PartnerForm()
    if form.validate_on_submit():
        try:
            added = authority.add_partner(
                actor=current_user, name=form.name.data, kind=PartnerKind(form.kind.data)
            )
        except DomainError as error:
            form.name.errors = [str(error)]
        else:
            flash(f"Partner {added.name} added", "success")
            return redirect(url_for("officer.settings"))
    return render_template("officer/partner_new.html", form=form)
