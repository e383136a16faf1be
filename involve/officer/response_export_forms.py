"""The form for exporting responses with personal data: a reason is always asked."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import SubmitField
from wtforms.fields import SelectChoice

from involve.forms import GovRadioField, InvolveForm
from involve.officer.moderation_forms import reason_field


class PersonalDataExportForm(InvolveForm):
    file_format = GovRadioField(
        "File type",
        choices=[SelectChoice("csv", "CSV"), SelectChoice("xlsx", "Excel (XLSX)")],
        widget=GovRadioInput(),
        select_message="Select the file type",
    )
    reason = reason_field(
        "Why do you need the personal data?",
        "Enter why you need the personal data",
        "Recorded in the access log with your name, for example “sending the outcome to people "
        "who asked for updates”",
    )
    download = SubmitField("Download with personal data", widget=GovSubmitInput())
