"""Respondents with an "about you" profile and equality answers, for representativeness tests."""

from __future__ import annotations

from collections.abc import Sequence

from involve.extensions import db
from involve.models import (
    ActivityFormat,
    Channel,
    Consultation,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from tests.factories import ConsultationFactory, ResponseFactory
from tests.factories_activities import ActivityFactory


def consultation_activity(**kwargs):  # type: ignore[no-untyped-def]
    """An online consultation's activity, as the builder makes it."""
    consultation = kwargs.pop("consultation", None) or ConsultationFactory()
    kwargs.setdefault("format", ActivityFormat.ONLINE_CONSULTATION)
    return ActivityFactory(consultation=consultation, starts_at=None, ends_at=None, **kwargs)


def respondent(
    consultation: Consultation,
    *,
    age_band: str | None = "50_64",
    connections: Sequence[str] = ("live",),
    organisation: OrganisationType | None = None,
    elected: ElectedStatus = ElectedStatus.NEITHER,
    sex: str = "",
    ethnic_group: str = "",
    disability: str = "",
    ward_code: str = "",
    economic_activity: str = "",
    channel: Channel = Channel.ONLINE,
    status: ResponseStatus = ResponseStatus.SUBMITTED,
    profile: bool = True,
) -> Response:
    response = ResponseFactory(consultation=consultation, channel=channel, status=status)
    if profile:
        db.session.add(
            RespondentProfile(
                response_id=response.id,
                responding_as=RespondingAs.ORGANISATION
                if organisation
                else RespondingAs.INDIVIDUAL,
                organisation_type=organisation,
                organisation_name="A business" if organisation else "",
                connections=list(connections),
                elected_status=elected,
                age_band=age_band,
                ward_code=ward_code,
                economic_activity=economic_activity,
            )
        )
    if sex or ethnic_group or disability:
        db.session.add(
            EqualityAnswers(
                response_id=response.id, sex=sex, ethnic_group=ethnic_group, disability=disability
            )
        )
    db.session.flush()
    return response


def many(consultation: Consultation, count: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):
        respondent(consultation, **kwargs)
