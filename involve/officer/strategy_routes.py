"""Officer screens for the strategy lists: SCS priorities, LAA targets and JSNA themes."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from werkzeug.wrappers import Response
from wtforms import StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from involve.auth.permissions import Permission, require_permission
from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.models import StrategyItem, StrategyKind
from involve.officer import officer
from involve.officer.consultation_fields import GovSelectField
from involve.services import strategy
from involve.services.authority import list_partners
from involve.services.errors import NotFound


class StrategyItemForm(InvolveForm):
    kind = GovRadioField(
        "Which list is it on?",
        choices=[SelectChoice(kind.value, kind.label) for kind in StrategyKind],
        widget=GovRadioInput(),
        select_message="Select which list it is on",
    )
    title = StringField(
        "Title",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter a title"),
            Length(max=300, message="Title must be 300 characters or fewer"),
        ],
    )
    reference_code = StringField(
        "Reference",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, NI 110 or SCS 3",
        validators=[Optional(), Length(max=40, message="Reference must be 40 characters or fewer")],
    )
    lead_partner_id = GovSelectField(
        "Lead partner",
        select_message="Select a lead partner from the list",
        description="Local Area Agreement targets only",
        default="",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def details(self) -> strategy.StrategyDetails:
        return strategy.StrategyDetails(
            kind=StrategyKind(self.kind.data),
            title=self.title.data,
            reference_code=self.reference_code.data or "",
            lead_partner_id=int(self.lead_partner_id.data) if self.lead_partner_id.data else None,
        )


def _form(item: StrategyItem | None = None) -> StrategyItemForm:
    data: dict[str, Any] | None = None
    if item is not None:
        data = {
            "kind": item.kind.value,
            "title": item.title,
            "reference_code": item.reference_code,
            "lead_partner_id": str(item.lead_partner_id or ""),
        }
    form = StrategyItemForm(data=data)
    form.lead_partner_id.choices = [SelectChoice("", "None")] + [
        SelectChoice(str(partner.id), partner.name)
        for partner in list_partners()
        if partner.is_active or (item is not None and partner.id == item.lead_partner_id)
    ]
    return form


def _item_or_404(item_id: int) -> StrategyItem:
    try:
        return strategy.get_strategy_item(item_id)
    except NotFound:
        abort(404)


@officer.route("/strategy")
@require_permission(Permission.READ_REPORTS)
def list_strategy_items() -> str:
    groups = strategy.group_by_kind(strategy.list_strategy_items())
    return render_template("officer/strategy/list.html", groups=groups)


@officer.route("/strategy/new", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def new_strategy_item() -> str | Response:
    form = _form()
    if form.validate_on_submit():
        item = strategy.add_strategy_item(actor=current_user, details=form.details())
        flash(f"{item.title} has been added", "success")
        return redirect(url_for("officer.list_strategy_items"))
    return render_template("officer/strategy/form.html", form=form, item=None)


@officer.route("/strategy/<int:strategy_item_id>", methods=["GET", "POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def edit_strategy_item(strategy_item_id: int) -> str | Response:
    item = _item_or_404(strategy_item_id)
    form = _form(item)
    if form.validate_on_submit():
        strategy.update_strategy_item(actor=current_user, item=item, details=form.details())
        flash(f"{item.title} has been saved", "success")
        return redirect(url_for("officer.list_strategy_items"))
    return render_template("officer/strategy/form.html", form=form, item=item)


@officer.route("/strategy/<int:strategy_item_id>/deactivate", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def deactivate_strategy_item(strategy_item_id: int) -> Response:
    item = _item_or_404(strategy_item_id)
    strategy.set_strategy_item_active(actor=current_user, item=item, is_active=False)
    flash(f"{item.title} is no longer offered for new links", "success")
    return redirect(url_for("officer.list_strategy_items"))


@officer.route("/strategy/<int:strategy_item_id>/reactivate", methods=["POST"])
@require_permission(Permission.RUN_ACTIVITIES)
def reactivate_strategy_item(strategy_item_id: int) -> Response:
    item = _item_or_404(strategy_item_id)
    strategy.set_strategy_item_active(actor=current_user, item=item, is_active=True)
    flash(f"{item.title} is offered again", "success")
    return redirect(url_for("officer.list_strategy_items"))
