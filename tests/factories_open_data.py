"""Demo-like data for the open-data API tests: a closed consultation with every question kind
answered by 30 respondents (with known counts, small ones included), themes and moderated
quotes; an open, a scheduled and a draft consultation; activities with attendance; and personal
data planted where the API must never show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from involve.extensions import db
from involve.models import (
    AGREE_SCALE,
    ActivityFormat,
    AttendanceDimension,
    Channel,
    Consultation,
    ConsultationDocument,
    ConsultationLink,
    DecisionRecord,
    ElectedStatus,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    OrganisationType,
    QuestionKind,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
    Ward,
)
from involve.models.base import utc_now
from involve.services.theming_items import start_codeframe
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)
from tests.factories_activities import (
    ActivityFactory,
    AttendanceCountFactory,
    FeedbackItemFactory,
)
from tests.factories_theming import ThemeFactory, code

RESPONDENTS = 30
THEME_SIZES = {"Buses": 14, "Trains": 11, "Parking": 4}  # texts coded with each; 1 left uncoded
WARD = ("E05010986", "Stroud Central")
# Personal data planted where the API must never show it.
PLANTED_EMAIL = "planted.person@example.com"
PLANTED_PHONE = "07700 900123"
PLANTED_NAME = "Zebedee Plantagenet"
PLANTED_POSTCODE = "GL5 4UB"
PLANTED_BIRTH_DATE = "1990-01-01"
CONTACT_EMAIL = "casey.officer@example.gov.uk"
OFFICER_NOTE = "Internal note about Zebedee"
PENDING_TEXT = f"Call me on {PLANTED_PHONE} about this."
WITHHELD_TEXT = "Words an officer withheld"
HIDDEN_QUESTION = "A question nobody may see yet"
APPROVED_QUOTE = "The buses are never on time, says a resident."
EDITED_QUOTE = "More buses please."
PLANTED = [
    PLANTED_EMAIL,
    PLANTED_PHONE,
    "07700900123",
    PLANTED_NAME,
    "Zebedee",
    PLANTED_POSTCODE,
    "GL54UB",
    PLANTED_BIRTH_DATE,
    CONTACT_EMAIL,
    "01453 111222",
    "Casey Officer",
    OFFICER_NOTE,
    WITHHELD_TEXT,
    "Other answer text",
]


@dataclass
class OpenData:
    closed: Consultation
    open: Consultation
    scheduled: Consultation
    draft: Consultation
    questions: dict[str, object] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)
    activities: dict[str, object] = field(default_factory=dict)
    codeframe: object = None
    themes: dict[str, object] = field(default_factory=dict)


def _channel(index: int) -> Channel:
    """20 online, 6 by phone, 4 on paper."""
    if index < 20:
        return Channel.ONLINE
    return Channel.PHONE if index < 26 else Channel.PAPER


def _closed_consultation() -> Consultation:
    now = utc_now()
    db.session.merge(
        Ward(code=WARD[0], name=WARD[1], district_code="E07000082", district_name="Stroud")
    )
    consultation = ConsultationFactory(
        title="Town centre buses",
        topics=["Transport", "Buses"],
        whole_area=False,
        ward_codes=[WARD[0]],
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=2),
        published_at=now - timedelta(days=41),
        decision_due_on=date.today() + timedelta(days=30),
        contact_name="Casey Officer",
        contact_email=CONTACT_EMAIL,
        contact_phone="01453 111222",
        other_ways_to_respond="Ring Casey Officer",
    )
    db.session.add_all(
        [
            ConsultationDocument(
                consultation=consultation,
                title="The proposal in full",
                original_filename="proposal.pdf",
                stored_name=f"open-data-{consultation.id}",
                content_type="application/pdf",
                size_bytes=1234,
                uploaded_at=now,
            ),
            ConsultationLink(
                consultation=consultation, title="Bus strategy", url="https://example.org/bus"
            ),
        ]
    )
    return consultation


def _questions(consultation: Consultation) -> dict[str, object]:
    first = QuestionPageFactory(consultation=consultation, position=0, title="Your views")
    second = QuestionPageFactory(consultation=consultation, position=1, title="About your trip")

    def ask(page, kind, text, **extra):  # type: ignore[no-untyped-def]
        return QuestionFactory(page=page, kind=kind, text=text, **extra)

    return {
        "single": ask(
            first,
            QuestionKind.SINGLE_CHOICE,
            "Which option do you prefer?",
            options=["Option A", "Option B", "Option C"],
        ),
        "multiple": ask(
            first,
            QuestionKind.MULTIPLE_CHOICE,
            "How do you travel?",
            options=["Bus", "Car", "Walk"],
            allow_other=True,
        ),
        "scale": ask(first, QuestionKind.AGREE_SCALE, "Do you agree with the plan?"),
        "grid": ask(first, QuestionKind.GRID, "How are the stops?", statements=["Clean", "Safe"]),
        "ranking": ask(
            second, QuestionKind.RANKING, "Rank these", options=["Price", "Speed", "Comfort"]
        ),
        "number": ask(second, QuestionKind.NUMBER, "How many people live in your home?"),
        "few_numbers": ask(second, QuestionKind.NUMBER, "How many cars do you own?"),
        "long": ask(second, QuestionKind.LONG_TEXT, "Tell us why"),
        "date": ask(second, QuestionKind.DATE, "When were you born?"),
        "postcode": ask(second, QuestionKind.POSTCODE, "What is your postcode?"),
    }


def _answers(index: int) -> dict[str, object]:
    """Respondent `index`'s answers: counts are known from the index alone."""
    choices = [
        name
        for name, chosen in (("Bus", index % 2 == 0), ("Car", index % 3 == 0), ("Walk", index < 12))
        if chosen
    ]
    multiple: dict[str, object] = {"choices": choices}
    if index in (1, 7):
        multiple["other"] = "Other answer text"
    answers = {
        # Option A 15, Option B 12, Option C 3 (a small number).
        "single": "Option A" if index < 15 else "Option B" if index < 27 else "Option C",
        "multiple": multiple,
        "scale": AGREE_SCALE[0 if index < 12 else 1 if index < 24 else 3],  # 12, 12, 0, 6, 0
        "grid": {
            "Clean": "Agree" if index < 20 else "Disagree",
            "Safe": "Agree" if index < 28 else "Strongly disagree",
        },
        "ranking": ["Price", "Speed", "Comfort"] if index < 20 else ["Speed", "Comfort", "Price"],
        "number": index % 4 + 1,
        "long": PENDING_TEXT if index == 0 else f"The buses are never on time, number {index}",
        "date": PLANTED_BIRTH_DATE,
        "postcode": "GL54UB",
    }
    if index < 4:
        answers["few_numbers"] = 2
    return answers


def _respond(consultation, questions, index: int, status=ResponseStatus.SUBMITTED) -> Response:  # type: ignore[no-untyped-def]
    response = ResponseFactory(consultation=consultation, channel=_channel(index), status=status)
    for key, value in _answers(index).items():
        text = value if key == "long" else value.get("other", "") if key == "multiple" else ""  # type: ignore[union-attr]
        AnswerFactory(response=response, question=questions[key], value=value, text=text)
    return response


def _moderate(data: OpenData) -> None:
    answers = {r.id: {a.question_id: a for a in r.answers} for r in data.responses}
    long_id = data.questions["long"].id  # type: ignore[attr-defined]

    def item(index, status, published, theme=None):  # type: ignore[no-untyped-def]
        answer = answers[data.responses[index].id][long_id]
        db.session.add(
            ModerationItem(
                consultation_id=data.closed.id,
                answer_id=answer.id,
                theme_id=theme.id if theme else None,
                source=ModerationSource.QUOTE,
                status=status,
                redacted_text=answer.text,
                published_text=published,
            )
        )

    item(0, ModerationStatus.PENDING, "")
    item(5, ModerationStatus.APPROVED, APPROVED_QUOTE, data.themes["Buses"])
    item(6, ModerationStatus.EDITED, EDITED_QUOTE)
    item(7, ModerationStatus.WITHHELD, WITHHELD_TEXT)  # a stale wording must not leak either


def _themes(data: OpenData) -> None:
    from involve.models import ThemeItem

    codeframe = start_codeframe(actor=None, question=data.questions["long"])  # type: ignore[arg-type]
    themes = {name: ThemeFactory(codeframe=codeframe, name=name) for name in THEME_SIZES}
    items = db.session.scalars(
        db.select(ThemeItem).where(ThemeItem.codeframe_id == codeframe.id).order_by(ThemeItem.id)
    ).all()
    coded = iter(items)
    for name, size in THEME_SIZES.items():
        for _ in range(size):
            code(next(coded), themes[name])
    data.codeframe = codeframe
    data.themes = themes


def _activities(data: OpenData) -> None:
    event = ActivityFactory(
        title="Bus station workshop", format=ActivityFormat.WORKSHOP, notes=OFFICER_NOTE
    )
    AttendanceCountFactory(activity=event, group_value="residents", count=12)
    AttendanceCountFactory(activity=event, group_value="workers", count=3)
    AttendanceCountFactory(
        activity=event, dimension=AttendanceDimension.AGE_BAND, group_value="25_34", count=15
    )
    FeedbackItemFactory(activity=event, text=f"Phone {PLANTED_NAME} on {PLANTED_PHONE}")
    small = ActivityFactory(title="Small drop-in", format=ActivityFormat.DROP_IN)
    AttendanceCountFactory(activity=small, group_value="residents", count=4)
    linked = ActivityFactory(
        title=data.closed.title,
        consultation=data.closed,
        format=ActivityFormat.ONLINE_CONSULTATION,
        outcome_summary="We will run more buses.",
    )
    data.activities = {
        "event": event,
        "small": small,
        "linked": linked,
        "draft": ActivityFactory(title="Draft activity", published_at=None),
        "scheduled": ActivityFactory(
            title="Scheduled consultation's activity", consultation=data.scheduled
        ),
    }


def publish_decision(data: OpenData, *, cite_codeframe: bool = True) -> DecisionRecord:
    decision = DecisionRecord(
        activity_id=data.activities["linked"].id,  # type: ignore[attr-defined]
        decision="Run a bus every 15 minutes",
        decided_on=date.today(),
        decision_maker="Cabinet",
        report_title="Bus review report",
        report_url="https://example.org/report",
        how_responses_considered="We read every response.",
        codeframe_ids=[data.codeframe.id] if cite_codeframe else [],  # type: ignore[attr-defined]
        theme_responses={},
        published_at=utc_now(),
    )
    db.session.add(decision)
    data.closed.outcome_published_at = decision.published_at  # one state, as the service keeps it
    db.session.flush()
    return decision


def build_open_data() -> OpenData:
    now = utc_now()
    closed = _closed_consultation()
    data = OpenData(
        closed=closed,
        open=ConsultationFactory(title="Open consultation", topics=["Parks"]),
        scheduled=ConsultationFactory(
            title="Scheduled consultation",
            opens_at=now + timedelta(days=5),
            closes_at=now + timedelta(days=50),
        ),
        draft=ConsultationFactory(title="Draft consultation", published_at=None),
    )
    data.questions = _questions(closed)
    data.responses = [_respond(closed, data.questions, index) for index in range(RESPONDENTS)]
    _respond(closed, data.questions, 29, status=ResponseStatus.IN_PROGRESS)  # never counted
    db.session.add(
        RespondentProfile(
            response_id=data.responses[0].id,
            name=PLANTED_NAME,
            email=PLANTED_EMAIL,
            postcode="GL54UB",
            ward_code=WARD[0],
        )
    )
    QuestionFactory(page=QuestionPageFactory(consultation=data.open), text="Open question")
    for hidden in (data.scheduled, data.draft):
        QuestionFactory(page=QuestionPageFactory(consultation=hidden), text=HIDDEN_QUESTION)
    db.session.flush()
    _themes(data)
    _moderate(data)
    _activities(data)
    db.session.flush()
    return data


# Respondents by index (0-19 online, 20-25 by phone, 26-29 on paper) who answered for a business
# and who are councillors: fewer than 10 of each, so both are left out of every published table.
SMALL_ORGANISATIONS = (5, 26, 27)  # one online, two on paper
SMALL_COUNCILLORS = (3, 4)  # both online


def add_respondent_groups(
    data: OpenData,
    *,
    organisations: tuple[int, ...] = SMALL_ORGANISATIONS,
    councillors: tuple[int, ...] = SMALL_COUNCILLORS,
) -> None:
    """Make these respondents organisations (businesses) and councillors."""
    for index in organisations:
        db.session.add(
            RespondentProfile(
                response_id=data.responses[index].id,
                responding_as=RespondingAs.ORGANISATION,
                organisation_type=OrganisationType.BUSINESS,
            )
        )
    for index in councillors:
        db.session.add(
            RespondentProfile(
                response_id=data.responses[index].id, elected_status=ElectedStatus.COUNCILLOR
            )
        )
    db.session.flush()
