"""Administrators add, change and delete the council's pre-election periods, audited; every
report reader can see them; bad input gets GOV.UK errors, never a 500."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, ElectionPeriod
from tests.pages import error_summary, field_error, heading, title

LIST = "/officer/settings/election-periods"
NEW = f"{LIST}/new"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Local elections, 6 May 2027",
        "starts_on": ["29", "3", "2027"],
        "ends_on": ["6", "5", "2027"],
    }
    data.update(overrides)
    return data


def _period(**kwargs) -> ElectionPeriod:  # type: ignore[no-untyped-def]
    period = ElectionPeriod(
        name=kwargs.get("name", "County elections"),
        starts_on=kwargs.get("starts_on", date(2029, 3, 26)),
        ends_on=kwargs.get("ends_on", date(2029, 5, 3)),
    )
    db.session.add(period)
    db.session.commit()
    return period


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_an_administrator_adds_a_period_and_it_is_listed_and_audited(pages, sign_in_as):
    admin = sign_in_as("admin")
    page = pages.get(LIST)
    assert heading(page) == "Pre-election periods"
    assert "No pre-election periods have been entered." in page.get_text()
    assert page.find("a", href=NEW).get_text(strip=True) == "Add a pre-election period"
    assert heading(pages.get(NEW)) == "Add a pre-election period"
    pages.post(NEW, _form(), expected_status=302)
    period = db.session.scalars(select(ElectionPeriod)).one()
    assert (period.name, period.starts_on, period.ends_on) == (
        "Local elections, 6 May 2027",
        date(2027, 3, 29),
        date(2027, 5, 6),
    )
    assert period.created_by_id == admin.id
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "election_period.created")
    ).one()
    assert event.officer_id == admin.id and "2027-03-29 to 2027-05-06" in event.summary
    cells = [td.get_text(strip=True) for td in pages.get(LIST).select("#election-periods td")]
    assert cells[:3] == ["Local elections, 6 May 2027", "29 March 2027", "6 May 2027"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the election"),
        ({"name": "x" * 201}, "name", "Name of the election must be 200 characters or fewer"),
        ({"starts_on": ["", "", ""]}, "starts_on", "Enter the start date"),
        ({"ends_on": ["", "", ""]}, "ends_on", "Enter the end date"),
        ({"starts_on": ["31", "2", "2027"]}, "starts_on", "The start date must be a real date"),
        ({"ends_on": ["6", "5", ""]}, "ends_on", "The end date must include a year"),
        ({"ends_on": ["6", "5", "2207"]}, "ends_on", "The end date must be between 2000 and 2100"),
        ({"ends_on": ["28", "3", "2027"]}, "ends_on", "The end date must be the same as or after the start date"),
    ],
)  # fmt: skip
def test_invalid_periods_are_refused_with_gov_uk_errors(
    pages, sign_in_as, overrides, field, message
):
    sign_in_as("admin")
    page = pages.post(NEW, _form(**overrides))
    assert title(page).startswith("Error: ")
    assert message in error_summary(page)
    assert field_error(page, field) == message
    assert db.session.scalars(select(ElectionPeriod)).all() == []


def test_hostile_input_is_refused_or_stored_safely(pages, sign_in_as):
    sign_in_as("admin")
    pages.post(NEW, _form(name="<script>alert(1)</script>\x00 elections"), expected_status=302)
    period = db.session.scalars(select(ElectionPeriod)).one()
    assert period.name == "<script>alert(1)</script> elections"
    page = pages.get(LIST)
    assert (
        "<script>alert(1)</script> elections" in page.select_one("#election-periods td").get_text()
    )
    assert page.find("script", string="alert(1)") is None
    pages.post(NEW, _form(starts_on=["9" * 50, "1", "2027"]))  # not a 500


def test_an_administrator_changes_a_period(pages, sign_in_as):
    sign_in_as("admin")
    period = _period()
    page = pages.get(f"{LIST}/{period.id}")
    assert heading(page) == "Change a pre-election period"
    assert page.select_one("#name")["value"] == "County elections"
    pages.post(f"{LIST}/{period.id}", _form(name="County elections 2029", ends_on=["4", "5", "2029"], starts_on=["26", "3", "2029"]), expected_status=302)  # fmt: skip
    db.session.refresh(period)
    assert period.name == "County elections 2029" and period.ends_on == date(2029, 5, 4)
    assert "election_period.updated" in _actions()
    invalid = pages.post(f"{LIST}/{period.id}", _form(ends_on=["1", "1", "2020"]))
    assert "The end date must be the same as or after the start date" in error_summary(invalid)


def test_deleting_asks_for_confirmation_then_deletes_and_audits(pages, sign_in_as):
    sign_in_as("admin")
    period_id = _period().id
    page = pages.get(f"{LIST}/{period_id}/delete")
    assert heading(page) == "Delete County elections?"
    assert db.session.get(ElectionPeriod, period_id) is not None
    pages.post(f"{LIST}/{period_id}/delete", {}, expected_status=302)
    assert db.session.get(ElectionPeriod, period_id) is None
    assert "election_period.deleted" in _actions()
    pages.post(f"{LIST}/{period_id}/delete", {}, expected_status=404)
    pages.get(f"{LIST}/99999", expected_status=404)


def test_changes_need_a_csrf_token(pages, sign_in_as):
    sign_in_as("admin")
    period = _period()
    pages.post(f"{LIST}/{period.id}/delete", {}, csrf=False, expected_status=400)
    pages.post(NEW, _form(), csrf=False, expected_status=400)
    assert db.session.get(ElectionPeriod, period.id) is not None


@pytest.mark.parametrize("role", ["auditor", "analyst", "engagement_officer"])
def test_other_roles_read_the_periods_but_cannot_change_them(pages, sign_in_as, role):
    sign_in_as(role)
    period = _period()
    page = pages.get(LIST)
    assert "County elections" in page.select_one("#election-periods").get_text()
    assert page.find("a", href=NEW) is None
    assert page.find("a", href=f"{LIST}/{period.id}/delete") is None
    pages.get(NEW, expected_status=403)
    pages.post(NEW, _form(), expected_status=403)
    pages.get(f"{LIST}/{period.id}", expected_status=403)
    pages.post(f"{LIST}/{period.id}/delete", {}, expected_status=403)
    assert db.session.get(ElectionPeriod, period.id) is not None


def test_signed_out_visitors_are_sent_to_sign_in(pages):
    pages.get(LIST, expected_status=302)
