"""The form for an involvement activity's details: every field the statute and guidance ask
councils to record, worded the GOV.UK way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import Field, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.models import (
    Activity,
    ActivityFormat,
    AgeBand,
    AudienceCategory,
    CommissioningStage,
    OpportunityType,
    PartnerOrganisation,
    Service,
    StrategyItem,
    StrategyKind,
    Way,
)
from involve.officer.consultation_fields import (
    GovCheckboxesField,
    GovDateField,
    GovSelectField,
    local_to_utc,
    parse_time,
    time_text,
)
from involve.services.activities import ActivityDetails
from involve.templating import UK

AGE_GROUP_LABELS = {
    AgeBand.UNDER_16: "Under 16 (children and young people)",
    AgeBand.AGE_16_17: "16 to 17 (young people)",
    AgeBand.AGE_18_24: "18 to 24",
    AgeBand.AGE_25_34: "25 to 34",
    AgeBand.AGE_35_49: "35 to 49",
    AgeBand.AGE_50_64: "50 to 64",
    AgeBand.AGE_65_74: "65 to 74",
    AgeBand.AGE_75_84: "75 to 84",
    AgeBand.AGE_85_PLUS: "85 and over",
}
STRATEGY_FIELDS = {
    StrategyKind.SCS_PRIORITY: "scs_priorities",
    StrategyKind.LAA_TARGET: "laa_targets",
    StrategyKind.JSNA_THEME: "jsna_themes",
}
_WHOLE_NUMBER = re.compile(r"^\d{1,9}$")


def _text(label: str, limit: int, *, required: str = "", **kwargs: Any) -> StringField:
    first = InputRequired(message=required) if required else Optional()
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            first,
            Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"),
        ],
        **kwargs,
    )


def _area(label: str, limit: int, **kwargs: Any) -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=limit, message=f"{label} must be {limit:,} characters or fewer"),
        ],
        **kwargs,
    )


class WholeNumberField(Field):
    """A whole number of pounds or hours; "£1,200" is read as 1200. Blank means not known."""

    widget = GovTextInput()

    def __init__(self, label: str, *, example: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.example = example

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = valuelist[0] if valuelist and isinstance(valuelist[0], str) else ""
        self.raw_data = [text]
        cleaned = text.strip().replace(",", "").removeprefix("£").strip()
        self.data = None
        if not cleaned:
            return
        if not _WHOLE_NUMBER.match(cleaned):
            raise ValueError(f"{self.label.text} must be a whole number, like {self.example}")
        self.data = int(cleaned)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else str(self.data)


def _optional_radios(label: str, choices: list[SelectChoice], message: str) -> GovRadioField:
    return GovRadioField(
        label,
        choices=choices,
        widget=GovRadioInput(),
        select_message=message,
        validators=[Optional()],
    )


class ActivityForm(InvolveForm):
    title = _text("Title", 200, required="Enter a title")
    summary = _area("Summary", 1000, description="One or two sentences shown in lists")
    way = GovRadioField(
        "Which way of involving people is it?",
        choices=[SelectChoice(way.value, way.label) for way in Way],
        widget=GovRadioInput(),
        select_message="Select which way of involving people it is",
    )
    opportunity_types = GovCheckboxesField(
        "What opportunities does it give people?",
        choices=[SelectChoice(item.value, item.label) for item in OpportunityType],
        select_message="Select the opportunities it gives people from the list",
    )
    format = GovRadioField(
        "Format",
        choices=[SelectChoice(item.value, item.label) for item in ActivityFormat],
        widget=GovRadioInput(),
        select_message="Select the format",
    )
    service_id = GovSelectField("Service", select_message="Select a service", default="")
    starts_on = GovDateField(
        "Start date", noun="the start date", description="For example, 27 3 2026"
    )
    starts_time = _text("Start time", 20, description="For example, 6pm or 18:00")
    ends_on = GovDateField(
        "End date", noun="the end date", description="Leave blank if it ends the same day"
    )
    ends_time = _text("End time", 20, description="For example, 8pm or 20:00")
    venue_name = _text("Venue", 200)
    venue_address = _area("Venue address", 500)
    access_information = _area(
        "Access information",
        5000,
        description="For example, step-free access, hearing loop, parking, nearest bus stop",
    )
    how_to_take_part = _area(
        "How to take part", 5000, description="For example, just turn up, or book a place"
    )
    audiences = GovCheckboxesField(
        "Who it is aimed at",
        choices=[SelectChoice(item.value, item.label) for item in AudienceCategory],
        select_message="Select who it is aimed at from the list",
    )
    age_groups = GovCheckboxesField(
        "Age groups",
        choices=[SelectChoice(band.value, label) for band, label in AGE_GROUP_LABELS.items()],
        select_message="Select age groups from the list",
    )
    named_communities = _text(
        "Named communities",
        500,
        description="For example, Gypsy and Traveller families, Polish community",
    )
    partner_ids = GovCheckboxesField(
        "Partner organisations taking part",
        select_message="Select partner organisations from the list",
    )
    estimated_cost_pounds = WholeNumberField("Estimated cost in pounds", example="250")
    actual_cost_pounds = WholeNumberField("Actual cost in pounds", example="250")
    estimated_staff_hours = WholeNumberField("Estimated staff time in hours", example="12")
    actual_staff_hours = WholeNumberField("Actual staff time in hours", example="12")
    commissioning_stage = _optional_radios(
        "Which commissioning stage does it serve?",
        [SelectChoice(stage.value, stage.label) for stage in CommissioningStage],
        "Select the commissioning stage",
    )
    scs_priorities = GovCheckboxesField(
        StrategyKind.SCS_PRIORITY.label + "s",
        select_message="Select priorities from the list",
    )
    laa_targets = GovCheckboxesField(
        StrategyKind.LAA_TARGET.label + "s", select_message="Select targets from the list"
    )
    jsna_themes = GovCheckboxesField(
        StrategyKind.JSNA_THEME.label + "s", select_message="Select themes from the list"
    )
    outcome_summary = _area(
        "What happened as a result",
        10_000,
        description="Shown on the public page once the activity is over",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.opportunity_types.data and not self.opportunity_types.errors:
            self.opportunity_types.errors = ["Select at least one opportunity it gives people"]
            valid = False
        for name in ("starts_time", "ends_time"):
            field = self[name]
            if field.data and parse_time(field.data) is None and not field.errors:
                field.errors = [
                    f"Enter the {field.label.text.lower()} in the correct format, like 6pm or 18:00"
                ]
                valid = False
        if self.starts_time.data and not self.starts_on.data and not self.starts_on.errors:
            self.starts_on.errors = ["Enter the start date"]
            valid = False
        if self._is_event() and not self.starts_on.data and not self.starts_on.errors:
            self.starts_on.errors = ["Enter the start date of the event"]
            valid = False
        return self._validate_order() and valid

    def _is_event(self) -> bool:
        return self.format.data in ActivityFormat._value2member_map_ and (
            ActivityFormat(self.format.data).is_event
        )

    def _validate_order(self) -> bool:
        starts, ends = self.starts_at(), self.ends_at()
        if (
            starts
            and ends
            and ends <= starts
            and not (self.ends_on.errors or self.ends_time.errors)
        ):
            target = self.ends_time if self.ends_time.data else self.ends_on
            target.errors = ["The end must be after the start"]
            return False
        return True

    def starts_at(self) -> datetime | None:
        if not self.starts_on.data:
            return None
        return local_to_utc(self.starts_on.data, parse_time(self.starts_time.data or "") or time(0))

    def ends_at(self) -> datetime | None:
        at = parse_time(self.ends_time.data or "")
        day = self.ends_on.data or (self.starts_on.data if at else None)
        if not day:
            return None
        return local_to_utc(day, at or time(23, 59))

    def details(self) -> ActivityDetails:
        return ActivityDetails(
            title=self.title.data,
            summary=self.summary.data or "",
            way=Way(self.way.data),
            opportunity_types=list(self.opportunity_types.data or []),
            format=ActivityFormat(self.format.data),
            service_id=int(self.service_id.data) if self.service_id.data else None,
            starts_at=self.starts_at(),
            ends_at=self.ends_at(),
            venue_name=self.venue_name.data or "",
            venue_address=self.venue_address.data or "",
            access_information=self.access_information.data or "",
            how_to_take_part=self.how_to_take_part.data or "",
            audiences=list(self.audiences.data or []),
            age_groups=list(self.age_groups.data or []),
            named_communities=self.named_communities.data or "",
            partner_ids=[int(value) for value in self.partner_ids.data or []],
            estimated_cost_pounds=self.estimated_cost_pounds.data,
            actual_cost_pounds=self.actual_cost_pounds.data,
            estimated_staff_hours=self.estimated_staff_hours.data,
            actual_staff_hours=self.actual_staff_hours.data,
            commissioning_stage=(
                CommissioningStage(self.commissioning_stage.data)
                if self.commissioning_stage.data
                else None
            ),
            strategy_item_ids=[
                int(value) for name in STRATEGY_FIELDS.values() for value in self[name].data or []
            ],
            outcome_summary=self.outcome_summary.data or "",
        )


def build_activity_form(
    *,
    services: Sequence[Service],
    partners: Sequence[PartnerOrganisation],
    strategy_items: Sequence[StrategyItem],
    activity: Activity | None = None,
) -> ActivityForm:
    """The form with its choices (active ones, plus any the activity already uses), filled from
    the activity when changing one."""
    data = None
    if activity is not None:
        data = _data_of(activity)
    form = ActivityForm(data=data)
    service_used = activity.service_id if activity else None
    form.service_id.choices = [SelectChoice("", "Not set")] + [
        SelectChoice(str(service.id), service.name)
        for service in services
        if service.is_active or service.id == service_used
    ]
    partners_used = {partner.id for partner in activity.partners} if activity else set()
    form.partner_ids.choices = [
        SelectChoice(str(partner.id), partner.name)
        for partner in partners
        if partner.is_active or partner.id in partners_used
    ]
    items_used = {item.id for item in activity.strategy_items} if activity else set()
    for kind, name in STRATEGY_FIELDS.items():
        form[name].choices = [
            SelectChoice(str(item.id), _strategy_label(item))
            for item in strategy_items
            if item.kind == kind and (item.is_active or item.id in items_used)
        ]
    return form


def _strategy_label(item: StrategyItem) -> str:
    return f"{item.reference_code}: {item.title}" if item.reference_code else item.title


def _data_of(activity: Activity) -> dict[str, Any]:
    local_start = activity.starts_at.astimezone(UK) if activity.starts_at else None
    local_end = activity.ends_at.astimezone(UK) if activity.ends_at else None
    same_day = local_start and local_end and local_start.date() == local_end.date()
    strategy_ids = {
        name: [str(item.id) for item in activity.strategy_items if item.kind == kind]
        for kind, name in STRATEGY_FIELDS.items()
    }
    return {
        **{
            name: getattr(activity, name)
            for name in (
                "title",
                "summary",
                "opportunity_types",
                "venue_name",
                "venue_address",
                "access_information",
                "how_to_take_part",
                "audiences",
                "age_groups",
                "named_communities",
                "estimated_cost_pounds",
                "actual_cost_pounds",
                "estimated_staff_hours",
                "actual_staff_hours",
                "outcome_summary",
            )
        },
        **strategy_ids,
        "way": activity.way.value,
        "format": activity.format.value,
        "service_id": str(activity.service_id or ""),
        "partner_ids": [str(partner.id) for partner in activity.partners],
        "commissioning_stage": activity.commissioning_stage.value
        if activity.commissioning_stage
        else None,
        "starts_on": local_start.date() if local_start else None,
        "starts_time": time_text(activity.starts_at),
        "ends_on": None if same_day else (local_end.date() if local_end else None),
        "ends_time": time_text(activity.ends_at),
    }
