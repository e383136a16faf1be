"""The representativeness report over 1,000,000 responses: the observed counts are GROUP BY
queries, so the time is the database's.

Builds a throwaway database: a temporary SQLite file by default, or the PostgreSQL database named
by BENCH_DATABASE_URL (or TEST_DATABASE_URL), whose public schema is DROPPED and rebuilt, as the
test suite does. Bulk-inserts synthetic responses (profile, equality answers, one agree-scale
answer each), then times observed_counts, the whole report and the weighted estimates.

    .venv/bin/python bench/representativeness_report.py [--responses 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from involve import create_app
from involve.config import TestConfig
from involve.extensions import db
from involve.models import (
    AGREE_SCALE,
    Activity,
    ActivityFormat,
    ActivityPlan,
    Answer,
    AuthoritySettings,
    Consultation,
    EqualityAnswers,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    Response,
    Way,
)
from involve.models.base import utc_now
from involve.services.census_import import import_shipped_census
from involve.services.representativeness_counts import observed_counts
from involve.services.representativeness_report import build_report
from involve.services.representativeness_weighting import weighted_results

AGES = ["under_16", "16_17", "18_24", "25_34", "35_49", "50_64", "65_74", "75_84", "85_plus"]
AGE_WEIGHTS = [1, 1, 3, 8, 18, 25, 24, 14, 3]
CONNECTIONS = [["live"], ["live", "work"], ["live", "use_a_service"], ["work"], ["visit"]]
WARDS = [f"E050109{n}" for n in range(68, 95)]
BATCH = 50_000


def _fixtures() -> tuple[Activity, int]:
    db.session.add(
        AuthoritySettings(
            name="Stroud District Council",
            ons_code="E07000082",
            contact_email="bench@example.gov.uk",
            contact_phone="",
            postal_address="",
            website_url="",
        )
    )
    import_shipped_census(area_codes={"E07000082"})
    now = utc_now()
    consultation = Consultation(
        slug="bench",
        title="Benchmark consultation",
        opens_at=now,
        closes_at=now,
        published_at=now,
        contact_email="bench@example.gov.uk",
        ward_codes=[],
        topics=[],
        audiences=[],
    )
    page = QuestionPage(consultation=consultation, position=0, title="", show_if_value="")
    question = Question(
        page=page, position=0, kind=QuestionKind.AGREE_SCALE, text="Do you agree?", options=[]
    )
    activity = Activity(
        slug="bench",
        title="Benchmark consultation",
        way=Way.CONSULT,
        format=ActivityFormat.ONLINE_CONSULTATION,
        consultation=consultation,
        opportunity_types=[],
        audiences=[],
        age_groups=[],
        ward_codes=[],
    )
    db.session.add_all([consultation, page, question, activity])
    db.session.flush()
    db.session.add(
        ActivityPlan(activity=activity, target_mix={"residents": 0.8, "businesses": 0.2})
    )
    db.session.commit()
    return activity, question.id


def _insert(consultation_id: int, question_id: int, total: int) -> None:
    rng = random.Random(6)
    now = utc_now()
    for start in range(0, total, BATCH):
        ids = range(start + 1, min(start + BATCH, total) + 1)
        responses, profiles, equalities, answers = [], [], [], []
        for response_id in ids:
            responses.append(
                {
                    "id": response_id,
                    "consultation_id": consultation_id,
                    "reference": f"B{response_id:010d}",
                    "status": "submitted",
                    "channel": "online" if rng.random() < 0.93 else "paper",
                    "submitted_at": now,
                }
            )
            is_organisation = rng.random() < 0.03
            profiles.append(
                {
                    "response_id": response_id,
                    "responding_as": "organisation" if is_organisation else "individual",
                    "organisation_type": "business" if is_organisation else None,
                    "connections": ["run_a_business"]
                    if is_organisation
                    else rng.choice(CONNECTIONS),
                    "elected_status": "councillor" if rng.random() < 0.005 else "neither",
                    "age_band": None if is_organisation else rng.choices(AGES, AGE_WEIGHTS)[0],
                    "ward_code": rng.choice(WARDS),
                }
            )
            if rng.random() < 0.7:
                equalities.append(
                    {
                        "response_id": response_id,
                        "sex": rng.choice(("Female", "Male", "Prefer not to say")),
                        "ethnic_group": "White"
                        if rng.random() < 0.93
                        else "Asian or Asian British",
                        "disability": rng.choice(("No", "No", "No", "Yes, limited a little")),
                    }
                )
            answers.append(
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "value": rng.choice(AGREE_SCALE),
                    "text": "",
                }
            )
        for model, rows in (
            (Response, responses),
            (RespondentProfile, profiles),
            (EqualityAnswers, equalities),
            (Answer, answers),
        ):
            db.session.execute(insert(model), rows)
        db.session.commit()


def _timed(label: str, function):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    folder = Path(tempfile.mkdtemp(prefix="involve-bench-"))
    os.environ["INVOLVE_INSTANCE_DIR"] = str(folder)
    app = create_app(TestConfig(database_url=url or f"sqlite:///{folder / 'bench.db'}"))
    with app.app_context():
        dialect = db.engine.dialect.name
        if dialect == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        activity, question_id = _fixtures()
        assert activity.consultation_id is not None
        _timed(
            f"insert {arguments.responses:,} responses ({dialect})",
            lambda: _insert(activity.consultation_id, question_id, arguments.responses),
        )
        if dialect == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        for run in range(3):
            counts = _timed(f"observed_counts, run {run + 1}", lambda: observed_counts(activity))
        print(
            f"  responses {counts.responses:,}, individuals {counts.individuals:,}, "
            f"left out {counts.excluded_total:,}, organisations {counts.organisations_total:,}"
        )
        report = _timed("build_report (counts + compare + prompts)", lambda: build_report(activity))
        flagged = [f"{dim.label}: {row.label}" for dim, row in report.flagged]
        print(f"  flagged: {', '.join(flagged)}")
        weighted = _timed(
            "weighted_results (cells + rake + one agree-scale question)",
            lambda: weighted_results(activity, "E07000082", report.threshold),
        )
        print(f"  effective sample size {weighted.effective_n:,.0f} of {weighted.n:,}")


if __name__ == "__main__":
    main()
