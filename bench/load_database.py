"""The database side of bench/load_submissions.py: a fresh PostgreSQL database made and
dropped, the schema by the migrations, one open consultation seeded, and afterwards every
response read back as plain data to compare with what the residents were told."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

SLUG = "library-opening-hours-load-test"
_MARKER = re.compile(r"load-[0-9a-f]+-\d{6}-[0-9a-f]{8}")


@dataclass
class StoredResponse:
    reference: str
    status: str
    has_submission_key: bool
    has_submitted_at: bool
    answers: dict[str, Any] = field(default_factory=dict)  # field name (q12) -> stored value

    @property
    def markers(self) -> list[str]:
        return sorted(
            {m for v in self.answers.values() if isinstance(v, str) for m in _MARKER.findall(v)}
        )


def _server_and_name(database_url: str) -> tuple[str, str]:
    url = make_url(database_url)
    server = url.set(drivername="postgresql", database="postgres")
    return server.render_as_string(hide_password=False), url.database or ""


def create_postgresql_database(database_url: str) -> None:
    """Creates the database the URL names; refuses one that exists (the run needs it fresh)."""
    import psycopg

    server, name = _server_and_name(database_url)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise SystemExit(f"Name the database in lower case letters, digits and _, not {name!r}")
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone():
            raise SystemExit(f"Database {name} exists: give a new name (it is made and dropped)")
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgresql_database(database_url: str) -> None:
    import psycopg

    server, name = _server_and_name(database_url)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate_and_seed() -> dict[str, Any]:
    """In this process, with the environment the server will have: run the migrations and add
    the council's settings and one open consultation (two pages, three questions, no "about
    you" section). Returns its slug and its question fields."""
    from flask_migrate import upgrade

    from involve import create_app
    from involve.extensions import db

    app = create_app()
    with app.app_context():
        upgrade()
        consultation = _seed_consultation()
        db.session.commit()
        fields = _question_fields(consultation)
        db.session.remove()
        db.engine.dispose()
    return {"slug": SLUG, "fields": fields}


def _seed_consultation():  # type: ignore[no-untyped-def]
    from involve.demo_consultations import create_from_spec
    from involve.demo_specs import ConsultationSpec, PageSpec, QuestionSpec
    from involve.models import AudienceCategory, QuestionKind
    from involve.models.base import utc_now
    from involve.services import authority
    from involve.services.lifecycle import is_accepting_responses, publish_problems

    authority.save_settings(
        actor=None,
        name="Stroud District Council",
        ons_code="E07000082",
        contact_email="haveyoursay@example.gov.uk",
    )
    spec = ConsultationSpec(
        slug=SLUG,
        title="Library opening hours (load test)",
        service="",
        summary="We propose opening the main library on Sunday afternoons.",
        proposal="The main library would open from 1pm to 5pm on Sundays.",
        reasons="Visitors have asked for weekend opening; the cost is met from the events budget.",
        topics=("Libraries",),
        audiences=(AudienceCategory.RESIDENTS,),
        published_day=-2,
        opens_day=-1,
        closes_day=42,
        decision_day=70,
        other_ways_to_respond="",
        contact_name="Libraries team",
        pages=(
            PageSpec(
                "Your visits",
                (
                    QuestionSpec(
                        "visits",
                        QuestionKind.SINGLE_CHOICE,
                        "How often do you visit a library?",
                        required=True,
                        options=("Every week", "Every month", "A few times a year", "Never"),
                    ),
                    QuestionSpec(
                        "sundays",
                        QuestionKind.AGREE_SCALE,
                        "To what extent do you agree with opening on Sunday afternoons?",
                    ),
                ),
            ),
            PageSpec(
                "Your views",
                (QuestionSpec("why", QuestionKind.LONG_TEXT, "Tell us why", required=True),),
            ),
        ),
    )
    consultation, _ = create_from_spec(spec, utc_now(), {}, None)
    consultation.about_you_enabled = False
    consultation.equality_questions_enabled = False
    problems = publish_problems(consultation)
    if problems or not is_accepting_responses(consultation):
        raise SystemExit(f"The seeded consultation is not open: {problems}")
    return consultation


def _question_fields(consultation) -> list[str]:  # type: ignore[no-untyped-def]
    from involve.questionnaire.answers import field_name

    return [field_name(q) for page in consultation.pages for q in page.questions]


def read_back() -> tuple[list[StoredResponse], dict[str, bool]]:
    """Every response to the seeded consultation, and which question fields are required."""
    from involve import create_app
    from involve.extensions import db
    from involve.models import Answer, Consultation, Response
    from involve.questionnaire.answers import field_name

    app = create_app()
    with app.app_context():
        consultation = db.session.scalars(
            select(Consultation).where(Consultation.slug == SLUG)
        ).one()
        questions = [q for page in consultation.pages for q in page.questions]
        names = {q.id: field_name(q) for q in questions}
        required = {field_name(q): q.required for q in questions}
        stored: dict[int, StoredResponse] = {}
        rows = db.session.execute(
            select(
                Response.id,
                Response.reference,
                Response.status,
                Response.submission_key,
                Response.submitted_at,
            ).where(Response.consultation_id == consultation.id)
        )
        for id_, reference, status, key, submitted_at in rows:
            stored[id_] = StoredResponse(
                reference, str(status), key is not None, submitted_at is not None
            )
        answers = db.session.execute(
            select(Answer.response_id, Answer.question_id, Answer.value).where(
                Answer.response_id.in_(
                    select(Response.id).where(Response.consultation_id == consultation.id)
                )
            )
        )
        for response_id, question_id, value in answers:
            stored[response_id].answers[names[question_id]] = value
        db.session.remove()
        db.engine.dispose()
    return list(stored.values()), required
