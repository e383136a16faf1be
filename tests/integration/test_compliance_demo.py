"""The demo gives Parking and transport a year the compliance report has something to say about:
an outcome published on time, one published late, and the 10-day car park consultation failing
Gunning 3, with the checks already run; seeding again adds nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import BackgroundJob, DecisionRecord, Service
from involve.models.base import utc_now
from involve.services.compliance_checks import KIND
from involve.services.compliance_period import financial_year_of
from tests.demo_seeding import seed_demo_twice


def _counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(DecisionRecord.id))),
        db.session.scalar(select(func.count(BackgroundJob.id)).where(BackgroundJob.kind == KIND)),
    )


def test_the_demo_year_for_parking_has_good_and_failing_activities(
    app, monkeypatch, pages, sign_in_as
):
    assert "Ran the compliance checks" in seed_demo_twice(app, monkeypatch, _counts)

    sign_in_as("auditor")
    parking = db.session.scalars(
        select(Service).where(Service.name == "Parking and transport")
    ).one()

    def report(days_ago: int):  # type: ignore[no-untyped-def]
        """The report for the year of something that happened that many days before seeding."""
        year = financial_year_of(utc_now() - timedelta(days=days_ago))
        return pages.get(f"/officer/reports/compliance?year={year}&service={parking.id}")

    on_time = report(210).select_one("#timing-on_time").get_text(" ", strip=True)
    assert "Town centre parking drop-in" in on_time  # the market drop-in, 210 days ago
    late = report(125).select_one("#timing-late").get_text(" ", strip=True)
    assert "Blue badge holders' focus group" in late  # 125 days ago
    page = report(30)  # the car park consultation opened 30 days ago
    failing = page.select_one("#check-gunning-3-length").get_text(" ", strip=True)
    assert "Church Street car park resurfacing" in failing and "Open for 10 days" in failing
