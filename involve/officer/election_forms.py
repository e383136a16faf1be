"""Forms for the council's pre-election periods."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from involve.forms import InvolveForm, strip_whitespace
from involve.officer.consultation_fields import GovDateField
from involve.services.election_periods import ElectionPeriodDetails

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class ElectionPeriodForm(InvolveForm):
    name = StringField(
        "Name of the election",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="For example, Stroud District Council elections, 6 May 2027",
        validators=[
            InputRequired(message="Enter the name of the election"),
            Length(max=200, message="Name of the election must be 200 characters or fewer"),
        ],
    )
    starts_on = GovDateField(
        "Start of the pre-election period",
        noun="the start date",
        description="Usually the day the notice of election is published. For example, 29 3 2027",
    )
    ends_on = GovDateField(
        "End of the pre-election period",
        noun="the end date",
        description="Usually polling day. For example, 6 5 2027",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field, missing in (
            (self.starts_on, "Enter the start date"),
            (self.ends_on, "Enter the end date"),
        ):
            if field.errors:
                continue
            if field.data is None:
                field.errors = [missing]
                valid = False
            elif not EARLIEST_YEAR <= field.data.year <= LATEST_YEAR:
                field.errors = [
                    f"{field.noun.capitalize()} must be between {EARLIEST_YEAR} and {LATEST_YEAR}"
                ]
                valid = False
        starts, ends = self.starts_on.data, self.ends_on.data
        if valid and isinstance(starts, date) and isinstance(ends, date) and ends < starts:
            self.ends_on.errors = ["The end date must be the same as or after the start date"]
            valid = False
        return valid

    def details(self) -> ElectionPeriodDetails:
        assert self.starts_on.data is not None and self.ends_on.data is not None
        return ElectionPeriodDetails(
            name=self.name.data or "", starts_on=self.starts_on.data, ends_on=self.ends_on.data
        )


class DeleteElectionPeriodForm(InvolveForm):
    delete = SubmitField("Delete the period", widget=GovSubmitInput())
