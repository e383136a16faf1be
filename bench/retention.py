"""Speed of retention: seeds one expired consultation with N responses (each with a profile holding
a name, an e-mail address and a full postcode, a closed answer and a free-text answer, one in ten
of them mentioning a phone number or an e-mail address), then times the dry run and the real run,
and counts the SQL statements (they must grow per batch of responses, not per response).
Prints figures; not a test. Uses a fresh SQLite database in a temporary folder unless
DATABASE_URL is set (an empty PostgreSQL database).
Run: .venv/bin/python bench/retention.py [N]   (N defaults to 100,000)"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("INVOLVE_INSTANCE_DIR", tempfile.mkdtemp(prefix="involve-bench-"))

from flask_migrate import upgrade
from sqlalchemy import event, insert, select

from involve import create_app
from involve.extensions import db
from involve.models import (
    Answer,
    Consultation,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.services.retention import apply_retention

COMMENTS = (
    *(f"Comment number {n} about opening hours and the staff being helpful." for n in range(5)),
    "The library should open later on Thursdays so people who work can use it.",
    "Please keep the mobile library, my mother relies on it every fortnight.",
    "Call me on 07700 900123 if you want to hear more about the reading group.",
    "Ask Sam Patel at sam.patel@example.com, who runs the homework club.",
    "Parking at the library is impossible on Saturdays, which puts families off.",
)


def seed(count: int) -> Consultation:
    now = utc_now()
    consultation = Consultation(
        slug="bench-retention",
        title="Bench retention",
        opens_at=now - timedelta(days=1000),
        closes_at=now - timedelta(days=900),
        published_at=now - timedelta(days=1001),
        retention_months=24,
    )
    page = QuestionPage(position=0, title="", show_if_value="")
    consultation.pages.append(page)
    choice = Question(position=0, kind=QuestionKind.SINGLE_CHOICE, text="Do you agree?")
    choice.options = ["Yes", "No"]
    comment = Question(position=1, kind=QuestionKind.LONG_TEXT, text="Why?")
    page.questions.extend([choice, comment])
    db.session.add(consultation)
    db.session.flush()
    for start in range(0, count, 10_000):
        numbers = range(start, min(start + 10_000, count))
        db.session.execute(
            insert(Response),
            [
                {
                    "consultation_id": consultation.id,
                    "reference": f"B{n:010d}",
                    "status": ResponseStatus.SUBMITTED,
                    "submitted_at": now - timedelta(days=950),
                    "submission_key": f"key{n}",
                }
                for n in numbers
            ],
        )
        ids = dict(
            db.session.execute(
                select(Response.reference, Response.id).where(
                    Response.reference.in_([f"B{n:010d}" for n in numbers])
                )
            ).all()
        )
        profiles, answers = [], []
        for n in numbers:
            response_id = ids[f"B{n:010d}"]
            profiles.append(
                {
                    "response_id": response_id,
                    "name": f"Person {n}",
                    "email": f"person{n}@example.com",
                    "postcode": "GL5 4UB",
                    "ward_code": "E05010986",
                    "age_band": "35_49",
                }
            )
            text = COMMENTS[n % len(COMMENTS)]
            answers.append({"response_id": response_id, "question_id": choice.id, "value": "Yes"})
            answers.append(
                {"response_id": response_id, "question_id": comment.id, "value": text, "text": text}
            )
        db.session.execute(insert(RespondentProfile), profiles)
        db.session.execute(insert(Answer), answers)
    db.session.commit()
    return consultation


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = create_app()
    with app.app_context():
        upgrade()
        start = time.perf_counter()
        seed(count)
        print(f"seeded {count:,} responses in {time.perf_counter() - start:.1f} s")
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *_args: statements.append(1))

        start = time.perf_counter()
        (preview,) = apply_retention(dry_run=True)
        db.session.rollback()
        seconds = time.perf_counter() - start
        print(f"  dry run      {seconds:7.2f} s  {len(statements):,} SQL statements")
        print(f"               {preview.responses_anonymised:,} responses would be anonymised")

        statements.clear()
        start = time.perf_counter()
        (report,) = apply_retention()
        db.session.commit()
        seconds = time.perf_counter() - start
        print(f"  retention    {seconds:7.2f} s  {len(statements):,} SQL statements")
        print(f"               {count / seconds:,.0f} responses/s; removed {dict(report.removed)}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
