"""All models, imported here so Alembic and the app see one complete metadata."""

from involve.models.audit import AuditEvent
from involve.models.authority import AuthoritySettings, PartnerKind, PartnerOrganisation, Service
from involve.models.base import Base
from involve.models.consultations import (
    AGREE_SCALE,
    AudienceCategory,
    Consultation,
    ConsultationDocument,
    ConsultationLink,
    Phase,
    Question,
    QuestionKind,
    QuestionPage,
)
from involve.models.geography import PostcodeLookup, Ward
from involve.models.officers import Officer, Role
from involve.models.responses import (
    AgeBand,
    Answer,
    Channel,
    Connection,
    ElectedStatus,
    EqualityAnswers,
    OrganisationType,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)

__all__ = [
    "AGREE_SCALE",
    "AgeBand",
    "Answer",
    "AudienceCategory",
    "AuditEvent",
    "AuthoritySettings",
    "Base",
    "Channel",
    "Connection",
    "Consultation",
    "ConsultationDocument",
    "ConsultationLink",
    "ElectedStatus",
    "EqualityAnswers",
    "Officer",
    "OrganisationType",
    "PartnerKind",
    "PartnerOrganisation",
    "Phase",
    "PostcodeLookup",
    "Question",
    "QuestionKind",
    "QuestionPage",
    "RespondentProfile",
    "RespondingAs",
    "Response",
    "ResponseStatus",
    "Role",
    "Service",
    "Ward",
]
