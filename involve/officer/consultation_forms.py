"""Forms for a consultation's details, its lifecycle and its supporting documents and links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError

from involve.forms import GovRadioField, InvolveForm, strip_whitespace
from involve.models import AudienceCategory, Consultation, Service, Ward
from involve.officer.consultation_fields import (
    GovCheckboxesField,
    GovDateField,
    GovSelectField,
    local_to_utc,
    parse_time,
    time_text,
)
from involve.services import consultation_dates
from involve.services.consultations import ConsultationDetails
from involve.services.fairness_records import is_name, is_reason
from involve.templating import UK

TOPIC_MAX = 60
OPTIONS_TOO_SHORT = "Describe the options still open in 3 words or more"
SHORT_PERIOD_TOO_SHORT = "Give the reason it is open for less than 6 weeks in 3 words or more"
AGREED_BY_NOT_A_NAME = "Enter the name or role of who agreed the consultation"


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


class ConsultationForm(InvolveForm):
    title = _text("Title", 200, required="Enter a title")
    summary = _area(
        "Summary", 1000, description="One or two sentences shown in lists and search results"
    )
    proposal = _area(
        "What is proposed",
        20_000,
        description="Give enough detail for people to respond intelligently",
    )
    reasons = _area(
        "Why it is proposed", 20_000, description="The reasons, and the options considered"
    )
    service_id = GovSelectField("Service", select_message="Select a service", default="")
    area = GovRadioField(
        "Area",
        choices=[
            SelectChoice("whole", "The whole authority"),
            SelectChoice("wards", "Chosen wards"),
        ],
        widget=GovRadioInput(),
        select_message="Select the area the consultation covers",
        default="whole",
    )
    ward_codes = GovCheckboxesField("Wards", select_message="Select wards from the list")
    topics = _text(
        "Topics", 500, description="Separate topics with commas, like parking, libraries"
    )
    audiences = GovCheckboxesField(
        "Who it is aimed at",
        choices=[SelectChoice(item.value, item.label) for item in AudienceCategory],
        select_message="Select who the consultation is aimed at from the list",
    )
    opens_on = GovDateField(
        "Opening date", noun="the opening date", description="For example, 27 3 2026"
    )
    opens_time = _text(
        "Opening time",
        20,
        description="For example, 9am or 17:30. Leave blank for the start of the day",
    )
    closes_on = GovDateField(
        "Closing date", noun="the closing date", description="For example, 28 4 2026"
    )
    closes_time = _text(
        "Closing time", 20, description="For example, 5pm or 23:59. Leave blank for 11:59pm"
    )
    decision_due_on = GovDateField("Date the decision is due", noun="the decision date")
    contact_name = _text("Contact name", 200)
    contact_email = StringField(
        "Contact email address",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=254, message="Contact email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.gov.uk"),
        ],
    )
    contact_phone = _text("Contact phone number", 40)
    other_ways_to_respond = _area(
        "Other ways to respond",
        5000,
        description="For example, by post, at a drop-in session or by phone",
    )
    about_you_enabled = BooleanField(
        "Ask the \u201cAbout you\u201d questions", widget=GovCheckboxInput(), default=True
    )
    equality_questions_enabled = BooleanField(
        "Ask the equality monitoring questions", widget=GovCheckboxInput(), default=True
    )
    options_still_open = _area(
        "Options still open",
        5000,
        description="What could still change as a result of the consultation: shows the decision "
        "has not already been made. Record them before it opens; the fairness checks say when "
        "they were recorded",
    )
    short_period_reason = _area(
        "Why it is open for less than 6 weeks",
        5000,
        description="Only if it is. The fairness checks count a reason for less than 14 days "
        "only if it is recorded before the consultation opens",
    )
    agreed_by = _text(
        "Agreed by", 200, description="Who signed off the consultation before it was published"
    )
    agreed_on = GovDateField("Date it was agreed", noun="the date it was agreed")
    submit = SubmitField("Save", widget=GovSubmitInput())
    # The consultation being changed (None when creating one): its past dates are facts.
    consultation: Consultation | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.area.data == "wards" and not self.ward_codes.data and not self.ward_codes.errors:
            message = (
                "Select at least one ward"
                if self.ward_codes.choices
                else ("Wards have not been imported yet, so select the whole authority")
            )
            self.ward_codes.errors = [message]
            valid = False
        for name in ("opens_time", "closes_time"):
            field = self[name]
            if field.data and parse_time(field.data) is None and not field.errors:
                field.errors = [
                    f"Enter the {field.label.text.lower()} in the correct format, like 9am or 17:30"
                ]
                valid = False
        topics = self.topic_list()
        if any(len(topic) > TOPIC_MAX for topic in topics) and not self.topics.errors:
            self.topics.errors = [f"Each topic must be {TOPIC_MAX} characters or fewer"]
            valid = False
        in_order, agreed = self._validate_order(), self._validate_agreement()
        return self._validate_facts() and in_order and agreed and valid

    def _validate_facts(self) -> bool:
        """An opening or closing that has happened cannot be moved (consultation_dates)."""
        if self.consultation is None:
            return True
        problems = consultation_dates.date_problems(
            self.consultation, opens_at=self.opens_at(), closes_at=self.closes_at()
        )
        typed = {"opens_on": "opens_time", "closes_on": "closes_time"}
        for name, message in problems.items():
            if not self[name].errors and not self[typed[name]].errors:
                self[name].errors = [message]
        return not problems

    # Fairness evidence must say something: "." or "n/a" is not a reason (fairness_records).
    def validate_options_still_open(self, field: TextAreaField) -> None:
        if not field.errors and not is_reason(field.data or ""):
            raise ValidationError(OPTIONS_TOO_SHORT)

    def validate_short_period_reason(self, field: TextAreaField) -> None:
        if not field.errors and not is_reason(field.data or ""):
            raise ValidationError(SHORT_PERIOD_TOO_SHORT)

    def validate_agreed_by(self, field: StringField) -> None:
        if not field.errors and not is_name(field.data or ""):
            raise ValidationError(AGREED_BY_NOT_A_NAME)

    def _validate_agreement(self) -> bool:
        """The sign-off is a name and a date together, and cannot be in the future."""
        agreed_on = self.agreed_on.data
        if self.agreed_on.errors:
            return False
        if agreed_on and agreed_on > datetime.now(UK).date():
            self.agreed_on.errors = ["The date it was agreed must be today or in the past"]
            return False
        if agreed_on and not self.agreed_by.data and not self.agreed_by.errors:
            self.agreed_by.errors = ["Enter who agreed the consultation"]
            return False
        if self.agreed_by.data and not agreed_on:
            self.agreed_on.errors = ["Enter the date it was agreed"]
            return False
        return True

    def _validate_order(self) -> bool:
        opens, closes = self.opens_at(), self.closes_at()
        if opens and closes and closes <= opens and not self.closes_on.errors:
            self.closes_on.errors = ["The closing date must be after the opening date"]
            return False
        due = self.decision_due_on.data
        if due and closes and due < closes.date() and not self.decision_due_on.errors:
            self.decision_due_on.errors = ["The decision date must be on or after the closing date"]
            return False
        return True

    def topic_list(self) -> list[str]:
        seen: list[str] = []
        for topic in (self.topics.data or "").split(","):
            topic = " ".join(topic.split())
            if topic and topic.lower() not in (item.lower() for item in seen):
                seen.append(topic)
        return seen

    def opens_at(self) -> datetime | None:
        return self._moment(self.opens_on, self.opens_time, time(0, 0))

    def closes_at(self) -> datetime | None:
        return self._moment(self.closes_on, self.closes_time, time(23, 59))

    @staticmethod
    def _moment(day: GovDateField, at: StringField, default: time) -> datetime | None:
        if not day.data:
            return None
        return local_to_utc(day.data, parse_time(at.data or "") or default)

    def details(self) -> ConsultationDetails:
        whole = self.area.data != "wards"
        return ConsultationDetails(
            title=self.title.data,
            summary=self.summary.data or "",
            proposal=self.proposal.data or "",
            reasons=self.reasons.data or "",
            service_id=int(self.service_id.data) if self.service_id.data else None,
            whole_area=whole,
            ward_codes=[] if whole else list(self.ward_codes.data or []),
            topics=self.topic_list(),
            audiences=list(self.audiences.data or []),
            opens_at=self.opens_at(),
            closes_at=self.closes_at(),
            decision_due_on=self.decision_due_on.data,
            contact_name=self.contact_name.data or "",
            contact_email=self.contact_email.data or "",
            contact_phone=self.contact_phone.data or "",
            other_ways_to_respond=self.other_ways_to_respond.data or "",
            about_you_enabled=bool(self.about_you_enabled.data),
            equality_questions_enabled=bool(self.equality_questions_enabled.data),
            options_still_open=self.options_still_open.data or "",
            short_period_reason=self.short_period_reason.data or "",
            agreed_by=self.agreed_by.data or "",
            agreed_on=self.agreed_on.data,
        )


def build_consultation_form(
    *, services: Sequence[Service], wards: Sequence[Ward], consultation: Consultation | None = None
) -> ConsultationForm:
    """The details form with its choices, filled from the consultation when changing one."""
    data = None
    if consultation is not None:
        data = {
            **{name: getattr(consultation, name) for name in _COPIED},
            "service_id": str(consultation.service_id or ""),
            "area": "whole" if consultation.whole_area else "wards",
            "topics": ", ".join(consultation.topics or []),
            "opens_on": consultation.opens_at and consultation.opens_at.astimezone(UK).date(),
            "opens_time": time_text(consultation.opens_at),
            "closes_on": consultation.closes_at and consultation.closes_at.astimezone(UK).date(),
            "closes_time": time_text(consultation.closes_at),
        }
    form = ConsultationForm(data=data)
    form.consultation = consultation
    form.service_id.choices = [SelectChoice("", "Not set")] + [
        SelectChoice(str(service.id), service.name)
        for service in services
        if service.is_active or (consultation is not None and service.id == consultation.service_id)
    ]
    form.ward_codes.choices = [SelectChoice(ward.code, ward.name) for ward in wards]
    return form


_COPIED = [
    "title",
    "summary",
    "proposal",
    "reasons",
    "ward_codes",
    "audiences",
    "decision_due_on",
    "contact_name",
    "contact_email",
    "contact_phone",
    "other_ways_to_respond",
    "about_you_enabled",
    "equality_questions_enabled",
    "options_still_open",
    "short_period_reason",
    "agreed_by",
    "agreed_on",
]


class CloseEarlyForm(InvolveForm):
    reason = TextAreaField(
        "Why are you closing this consultation early?",
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter the reason for closing the consultation early"),
            Length(max=1000, message="Reason must be 1,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Close consultation", widget=GovSubmitInput())


class DocumentForm(InvolveForm):
    document_title = _text("Document title", 200, required="Enter a title for the document")
    document = FileField(
        "Upload a file", widget=GovFileInput(), description="PDF, DOCX or ODT, smaller than 10MB"
    )
    upload = SubmitField("Upload document", widget=GovSubmitInput())

    def validate_document(self, field: FileField) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a file")


class LinkForm(InvolveForm):
    link_title = _text("Link text", 200, required="Enter the link text")
    url = StringField(
        "Web address",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter the web address"),
            Length(max=1000, message="Web address must be 1,000 characters or fewer"),
            Regexp(
                r"^https://[^\s/]+\.[^\s]+$",
                message="Enter a web address starting with https://, like https://www.example.gov.uk",
            ),
        ],
    )
    add_link = SubmitField("Add link", widget=GovSubmitInput())
