"""The demo consultations and responses that `flask involve seed-demo` creates."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from involve.demo_consultations import seed_demo_consultations, seed_demo_geography
from involve.extensions import db
from involve.models import (
    Activity,
    AgeBand,
    Answer,
    AudienceCategory,
    Channel,
    Consultation,
    DecisionRecord,
    ElectedStatus,
    EqualityAnswers,
    Phase,
    PostcodeLookup,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
    Ward,
)
from involve.models.base import utc_now
from involve.questionnaire.answers import parse_answer, submitted_from_value
from involve.questionnaire.routing import visible_pages
from involve.services.activities import ensure_consultation_activities
from involve.services.lifecycle import phase_of
from tests.factories import OfficerFactory

# Census 2021 (ONS TS009, data/ons in the shared data folder): Stroud (E07000082) has 121,108
# usual residents, of whom 30,862 are aged 0 to 24 (25.5%) and 28,229 are 65 or over (23.3%).
STROUD_UNDER_25_SHARE = 30_862 / 121_108
STROUD_65_PLUS_SHARE = 28_229 / 121_108
YOUNG = {AgeBand.UNDER_16, AgeBand.AGE_16_17, AgeBand.AGE_18_24}
OLDER = {AgeBand.AGE_65_74, AgeBand.AGE_75_84, AgeBand.AGE_85_PLUS}


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def _seed() -> dict[str, Consultation]:
    seed_demo_geography()
    seed_demo_consultations()
    return {c.slug: c for c in db.session.scalars(select(Consultation))}


def test_seed_demo_twice_creates_the_demo_consultations_once(app, monkeypatch):
    monkeypatch.setenv("INVOLVE_DEMO_PASSWORD", "a demo passphrase")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["involve", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Created the demo consultation 'Library opening hours'" in first.output
    models = (Consultation, QuestionPage, Question, Response, Answer, RespondentProfile)
    counts = [_count(model) for model in (*models, EqualityAnswers, Ward, PostcodeLookup)]
    second = runner.invoke(args=["involve", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert "Created the demo consultation" not in second.output
    assert [_count(model) for model in (*models, EqualityAnswers, Ward, PostcodeLookup)] == counts
    assert counts[0] >= 3
    assert _count(Ward) == 27 and _count(PostcodeLookup) == 81
    submitted = db.session.scalar(
        select(func.count(Response.id)).where(Response.status == ResponseStatus.SUBMITTED)
    )
    assert submitted >= 500
    # One outcome state: a consultation's outcome is published exactly when its record is.
    outcomes = db.session.execute(
        select(Consultation.outcome_published_at, DecisionRecord.published_at)
        .join(Activity, Activity.consultation_id == Consultation.id)
        .outerjoin(DecisionRecord, DecisionRecord.activity_id == Activity.id)
    ).all()
    assert len(outcomes) == counts[0]
    assert all(outcome == published for outcome, published in outcomes), outcomes


def test_the_demo_consultations_are_in_the_phases_described():
    consultations = _seed()
    now = utc_now()
    library = consultations["library-opening-hours"]
    assert phase_of(library) == Phase.OPEN
    assert timedelta(days=20) < now - library.opens_at < timedelta(days=22)
    assert timedelta(days=20) < library.closes_at - now < timedelta(days=22)
    assert 55 <= (library.decision_due_on - now.date()).days <= 62
    parking = consultations["town-centre-parking-plan"]
    assert phase_of(parking) == Phase.CLOSED and parking.outcome_published_at is None
    assert timedelta(days=6) < now - parking.closes_at < timedelta(days=8)
    assert 28 <= (parking.decision_due_on - now.date()).days <= 32
    youth = consultations["redesign-of-youth-services"]
    assert phase_of(youth) == Phase.OPEN
    assert AudienceCategory.CHILDREN_AND_YOUNG_PEOPLE.value in youth.audiences
    assert timedelta(days=34) < youth.closes_at - now < timedelta(days=36)
    assert phase_of(consultations["garden-waste-collections"]) == Phase.SCHEDULED
    assert phase_of(consultations["housing-allocations-policy"]) == Phase.DRAFT
    assert library.service is None or library.service.name == "Libraries and culture"
    for consultation in (library, parking, youth):
        assert len(consultation.proposal.split("\n\n")) >= 2 and consultation.reasons
        assert consultation.topics and consultation.contact_email
        assert consultation.other_ways_to_respond


def test_the_scheduled_demo_consultation_is_for_officers_only_until_it_opens(pages, sign_in_as):
    garden = _seed()["garden-waste-collections"]
    ensure_consultation_activities()
    db.session.commit()
    assert phase_of(garden) == Phase.SCHEDULED
    pages.get(f"/consultations/{garden.slug}", expected_status=404)
    for listing in ("/", "/?q=garden", "/activities"):
        assert garden.title not in pages.get(listing).get_text(), listing
    sign_in_as("engagement_officer")
    overview = pages.get(f"/officer/consultations/{garden.id}")
    assert overview.select_one("main .govuk-tag").get_text(strip=True) == "Scheduled"
    assert "residents cannot see it yet" in overview.select_one("#scheduled-explained").get_text()
    preview = pages.get(f"/officer/consultations/{garden.id}/preview")
    assert "Do you subscribe to the garden waste service?" in preview.get_text()


def test_every_question_kind_is_used_and_one_page_is_routed():
    consultations = _seed()
    library = consultations["library-opening-hours"]
    kinds = {q.kind for page in library.pages for q in page.questions}
    assert kinds == set(QuestionKind)
    routed = [page for page in library.pages if page.show_if_question_id is not None]
    assert [(page.title, page.show_if_value) for page in routed] == [("The mobile library", "Yes")]
    condition = db.session.get(Question, routed[0].show_if_question_id)
    assert condition.text == "Do you use the mobile library?"
    assert condition.page.position < routed[0].position


def test_every_answer_parses_back_through_the_questionnaire_engine():
    consultations = _seed()
    for consultation in consultations.values():
        responses = db.session.scalars(
            select(Response).where(Response.consultation_id == consultation.id)
        ).all()
        for response in responses:
            by_question = {answer.question_id: answer.value for answer in response.answers}
            shown = {
                q.id for p in visible_pages(consultation.pages, by_question) for q in p.questions
            }
            assert set(by_question) <= shown, response.reference
            for answer in response.answers:
                question = answer.question
                form = submitted_from_value(question, answer.value)
                parsed = parse_answer(question, form, long_text_max=10_000)
                assert parsed.error is None, (question.text, answer.value)
                assert parsed.value == answer.value
                assert parsed.text == answer.text
            if response.status == ResponseStatus.SUBMITTED:
                required = [
                    q.id
                    for page in visible_pages(consultation.pages, by_question)
                    for q in page.questions
                    if q.required
                ]
                assert set(required) <= set(by_question)


def test_respondents_are_spread_but_not_representative_of_stroud():
    _seed()
    profiles = db.session.scalars(
        select(RespondentProfile).join(Response).where(Response.status == ResponseStatus.SUBMITTED)
    ).all()
    ages = Counter(
        p.age_band for p in profiles if p.age_band not in (None, AgeBand.PREFER_NOT_TO_SAY)
    )
    total = sum(ages.values())
    young = sum(ages[band] for band in YOUNG) / total
    older = sum(ages[band] for band in OLDER) / total
    assert 0 < young < STROUD_UNDER_25_SHARE / 2
    assert older > STROUD_65_PLUS_SHARE
    organisations = sum(p.responding_as == RespondingAs.ORGANISATION for p in profiles)
    assert 0 < organisations / len(profiles) < 0.08
    assert sum(p.elected_status == ElectedStatus.COUNCILLOR for p in profiles) >= 2
    wards = Counter(p.ward_code for p in profiles if p.ward_code)
    assert len(wards) >= 20
    assert set(wards) <= set(db.session.scalars(select(Ward.code)))
    assert all(p.age_band != AgeBand.UNDER_16 or not p.email for p in profiles)


def test_responses_have_channels_equality_answers_and_unfinished_drafts():
    officer = OfficerFactory(email="officer@example.gov.uk")
    consultations = _seed()
    responses = db.session.scalars(select(Response)).all()
    submitted = [r for r in responses if r.status == ResponseStatus.SUBMITTED]
    channels = Counter(r.channel for r in submitted)
    assert channels[Channel.PAPER] >= 2 and channels[Channel.PHONE] >= 1
    offline = [r for r in submitted if r.channel != Channel.ONLINE]
    assert all(r.received_on and r.entered_by_id == officer.id for r in offline)
    equality = db.session.scalars(select(EqualityAnswers)).all()
    assert 0.6 < len(equality) / len(submitted) < 0.8
    assert any("Prefer not to say" in (e.sex, e.ethnic_group, e.disability) for e in equality)
    drafts = [r for r in responses if r.status == ResponseStatus.IN_PROGRESS]
    assert drafts and all(r.submitted_at is None and r.profile is None for r in drafts)
    for response in submitted:
        consultation = consultations[response.consultation.slug]
        assert response.submitted_at.tzinfo is not None
        assert consultation.opens_at <= response.submitted_at <= consultation.closes_at
        assert response.submitted_at <= utc_now()
    references = [r.reference for r in responses]
    assert len(set(references)) == len(references)


def test_demo_responses_are_the_same_every_time(db_session):
    def snapshot() -> list[tuple[str, str]]:
        rows = db.session.execute(
            select(Response.reference, Answer.text).join(Answer).order_by(Answer.id)
        )
        return [tuple(row) for row in rows]

    nested = db.session.begin_nested()
    _seed()
    first = snapshot()
    nested.rollback()
    assert _count(Response) == 0
    _seed()
    assert snapshot() == first
    texts = [text for _, text in first if len(text) > 40]
    assert len(set(texts)) > 300  # varied comments, not a handful repeated


@pytest.mark.parametrize("slug", ["library-opening-hours", "town-centre-parking-plan"])
def test_agree_scale_answers_follow_what_people_wrote(slug):
    consultations = _seed()
    consultation = consultations[slug]
    support = next(
        q
        for page in consultation.pages
        for q in page.questions
        if q.kind == QuestionKind.AGREE_SCALE and q.required
    )
    answers = db.session.scalars(select(Answer).where(Answer.question_id == support.id)).all()
    against = Counter(a.value for a in answers)
    assert (
        against["Strongly disagree"] + against["Disagree"]
        > against["Strongly agree"] + against["Agree"]
    )
    comment_question = next(
        q for page in consultation.pages for q in page.questions if q.kind == QuestionKind.LONG_TEXT
    )
    comments = {
        a.response_id: a.text
        for a in db.session.scalars(select(Answer).where(Answer.question_id == comment_question.id))
    }
    negative = [
        comments[a.response_id]
        for a in answers
        if a.value == "Strongly disagree" and a.response_id in comments
    ]
    positive = [
        comments[a.response_id]
        for a in answers
        if a.value == "Strongly agree" and a.response_id in comments
    ]
    opposed_words = sum("disagree" in c.lower() or "against" in c.lower() for c in negative)
    assert opposed_words / len(negative) > sum(
        "disagree" in c.lower() or "against" in c.lower() for c in positive
    ) / max(len(positive), 1)
