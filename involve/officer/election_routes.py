"""The council's pre-election periods: everyone who reads reports can see them (the fairness
checks cite them as evidence); administrators add, change and delete them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.models import ElectionPeriod
from involve.officer import officer
from involve.officer.election_forms import DeleteElectionPeriodForm, ElectionPeriodForm
from involve.services import election_periods
from involve.services.errors import NotFound


def _period_or_404(period_id: int) -> ElectionPeriod:
    try:
        return election_periods.get_election_period(period_id)
    except NotFound:
        abort(404)


def _to_list() -> Response:
    return redirect(url_for("officer.election_periods"))


@officer.route("/settings/election-periods", endpoint="election_periods")
@require_permission(Permission.READ_REPORTS)
def election_periods_list() -> str:
    return render_template(
        "officer/elections/list.html", periods=election_periods.list_election_periods()
    )


@officer.route("/settings/election-periods/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def new_election_period() -> str | Response:
    form = ElectionPeriodForm()
    if form.validate_on_submit():
        period = election_periods.add_election_period(actor=current_user, details=form.details())
        flash(f"{period.name} has been added", "success")
        return _to_list()
    return render_template("officer/elections/form.html", form=form, period=None)


@officer.route("/settings/election-periods/<int:period_id>", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def edit_election_period(period_id: int) -> str | Response:
    period = _period_or_404(period_id)
    form = ElectionPeriodForm(
        data={"name": period.name, "starts_on": period.starts_on, "ends_on": period.ends_on}
    )
    if form.validate_on_submit():
        changed = election_periods.update_election_period(
            actor=current_user, period=period, details=form.details()
        )
        flash(f"{period.name} has been saved" if changed else "No changes to save", "success")
        return _to_list()
    return render_template("officer/elections/form.html", form=form, period=period)


@officer.route("/settings/election-periods/<int:period_id>/delete", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_SETTINGS)
@require_recent_authentication
def delete_election_period(period_id: int) -> str | Response:
    period = _period_or_404(period_id)
    form = DeleteElectionPeriodForm()
    if form.validate_on_submit():
        name = period.name
        election_periods.delete_election_period(actor=current_user, period=period)
        flash(f"{name} has been deleted", "success")
        return _to_list()
    return render_template("officer/elections/delete.html", form=form, period=period)
