"""Recording an event: attendance counts, notes and outcome, materials and the points raised."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    ActivityFormat,
    ActivityMaterial,
    AttendanceCount,
    AttendanceDimension,
    AuditEvent,
    FeedbackItem,
)
from involve.services.events import split_points
from tests.factories_activities import ActivityFactory, FeedbackItemFactory
from tests.pages import error_summary, field_error, heading

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def _event(**kwargs):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(**kwargs)
    db.session.commit()
    return activity


def _stored_counts(activity) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    rows = db.session.scalars(
        select(AttendanceCount).where(AttendanceCount.activity_id == activity.id)
    )
    return {(row.dimension.value, row.group_value): row.count for row in rows}


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_attendance_is_saved_without_zero_rows_and_the_total_is_shown(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    url = f"/officer/activities/{activity.id}/event"
    pages.post(
        f"{url}/attendance",
        {
            "category_residents": "30",
            "category_service_users": "5",
            "category_not_known": "0",
            "age_band_65_74": "20",
            "age_band_18_24": "3",
            "age_band_not_known": "12",
        },
        expected_status=302,
    )
    assert _stored_counts(activity) == {
        ("category", "residents"): 30,
        ("category", "service_users"): 5,
        ("age_band", "65_74"): 20,
        ("age_band", "18_24"): 3,
        ("age_band", "not_known"): 12,
    }
    assert "activity.attendance_recorded" in _actions()
    page = pages.get(url)
    assert heading(page) == "Attendance and points raised"
    assert page.find(id="attendance-total").get_text(" ", strip=True) == "Total attendance: 35"
    assert page.find("input", attrs={"name": "category_residents"})["value"] == "30"


def test_saving_attendance_again_replaces_the_earlier_counts(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    url = f"/officer/activities/{activity.id}/event/attendance"
    pages.post(url, {"category_residents": "30", "age_band_50_64": "30"}, expected_status=302)
    pages.post(url, {"category_visitors": "4", "category_residents": ""}, expected_status=302)
    assert _stored_counts(activity) == {("category", "visitors"): 4}
    page = pages.get(f"/officer/activities/{activity.id}/event")
    assert "Total attendance: 4" in page.find(id="attendance-total").get_text(" ", strip=True)


def test_negative_and_non_numeric_counts_are_refused_with_gov_uk_errors(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    page = pages.post(
        f"/officer/activities/{activity.id}/event/attendance",
        {
            "category_residents": "-3",
            "category_students": "lots",
            "age_band_under_16": "100001",
            "age_band_35_49": "2.5",
        },
    )
    assert error_summary(page) == [
        "Number of residents must be 0 or more",
        "Enter the number of students as a whole number, like 12",
        "Number of people aged under 16 must be 100,000 or fewer",
        "Enter the number of people aged 35 to 49 as a whole number, like 12",
    ]
    assert "must be 0 or more" in field_error(page, "category_residents")
    assert _stored_counts(activity) == {}


def test_points_are_added_one_per_line_and_listed_with_who_raised_them(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    page = pages.post(
        f"/officer/activities/{activity.id}/event/points",
        {
            "points": "The hall is hard to reach by bus\nOpen on Saturdays\r\n  More seating\n",
            "raised_by": "residents",
        },
        expected_status=302,
    )
    items = list(db.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)))
    assert [item.text for item in items] == [
        "The hall is hard to reach by bus",
        "Open on Saturdays",
        "More seating",
    ]
    assert {item.raised_by_group for item in items} == {"residents"}
    page = pages.get(f"/officer/activities/{activity.id}/event")
    rows = page.find(id="points-table").find("tbody").find_all("tr")
    cells = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")[:2]] for row in rows]
    assert cells[0] == ["The hall is hard to reach by bus", "Residents"]
    assert len(cells) == 3
    assert "activity.points_added" in _actions()


def test_paragraphs_separated_by_blank_lines_are_one_point_each():
    text = "Parking is hard\nnear the station.\n\nThe toilets\nwere closed."
    assert split_points(text) == ["Parking is hard near the station.", "The toilets were closed."]
    assert split_points("one\ntwo") == ["one", "two"]
    assert split_points("   \n ") == []
    assert split_points("First\n   \nSecond\nline") == ["First", "Second line"]


def test_an_empty_point_is_refused(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    for text in ("", "   \n  "):
        page = pages.post(f"/officer/activities/{activity.id}/event/points", {"points": text})
        assert error_summary(page) == ["Enter at least one point raised"]
    assert db.session.scalars(select(FeedbackItem)).all() == []


def test_a_point_can_be_removed(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = ActivityFactory()
    keep = FeedbackItemFactory(activity=activity, text="Keep this")
    gone = FeedbackItemFactory(activity=activity, text="Remove this")
    db.session.commit()
    pages.post(
        f"/officer/activities/{activity.id}/event/points/{gone.id}/remove", expected_status=302
    )
    assert [item.id for item in db.session.scalars(select(FeedbackItem))] == [keep.id]
    other = _event()
    pages.post(f"/officer/activities/{other.id}/event/points/{keep.id}/remove", expected_status=404)


def test_notes_and_outcome_are_saved(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    pages.post(
        f"/officer/activities/{activity.id}/event/notes",
        {"notes": "Forty chairs were not enough.", "outcome_summary": "We will open on Sundays."},
        expected_status=302,
    )
    db.session.refresh(activity)
    assert activity.notes == "Forty chairs were not enough."
    assert activity.outcome_summary == "We will open on Sundays."
    assert "activity.notes_saved" in _actions()


def _upload(pages, activity, filename, data, status=302):  # type: ignore[no-untyped-def]
    return pages.post(
        f"/officer/activities/{activity.id}/event/materials",
        {"material_title": "Flipchart", "material": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        expected_status=status,
    )


def test_materials_are_checked_by_content_downloaded_as_attachments_and_removed(
    app, pages, sign_in_as
):
    sign_in_as("engagement_officer")
    activity = _event()
    _upload(pages, activity, "table 2.png", PNG_BYTES)
    _upload(pages, activity, "slides.pdf", PDF_BYTES)
    _upload(pages, activity, "board.jpeg", JPEG_BYTES)
    materials = list(db.session.scalars(select(ActivityMaterial).order_by(ActivityMaterial.id)))
    assert [m.content_type for m in materials] == ["image/png", "application/pdf", "image/jpeg"]
    png = materials[0]
    png_id = png.id
    stored = Path(app.instance_path) / "uploads" / png.stored_name
    assert stored.read_bytes() == PNG_BYTES

    pages.post("/sign-out", expected_status=302)
    sign_in_as("auditor")
    response = pages.client.get(
        f"/officer/activities/{activity.id}/event/materials/{png.id}/download"
    )
    assert response.status_code == 200
    assert response.data == PNG_BYTES
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()
    pages.post(
        f"/officer/activities/{activity.id}/event/materials/{png.id}/remove", expected_status=403
    )

    pages.post("/sign-out", expected_status=302)
    sign_in_as("engagement_officer")
    pages.post(
        f"/officer/activities/{activity.id}/event/materials/{png.id}/remove", expected_status=302
    )
    assert not stored.exists()
    assert db.session.get(ActivityMaterial, png_id) is None
    assert "activity.material_removed" in _actions()


def test_a_file_whose_bytes_are_not_an_accepted_type_is_refused(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    page = _upload(pages, activity, "photo.png", b"<script>alert(1)</script>", status=200)
    assert error_summary(page) == ["The selected file must be a PDF, DOCX, ODT, JPEG or PNG"]
    page = _upload(pages, activity, "photo.pdf", PNG_BYTES, status=200)
    assert error_summary(page) == ["The selected file must be a PDF, DOCX, ODT, JPEG or PNG"]
    page = pages.post(
        f"/officer/activities/{activity.id}/event/materials",
        {"material_title": ""},
        content_type="multipart/form-data",
    )
    assert error_summary(page) == ["Enter a title for the material", "Select a file"]
    assert db.session.scalars(select(ActivityMaterial)).all() == []


def test_an_activity_that_is_not_an_event_explains_and_refuses_changes(pages, sign_in_as):
    sign_in_as("engagement_officer")
    campaign = _event(format=ActivityFormat.INFORMATION_CAMPAIGN)
    page = pages.get(f"/officer/activities/{campaign.id}/event")
    assert heading(page) == "Attendance is only recorded for events"
    assert (
        page.find("form", attrs={"action": f"/officer/activities/{campaign.id}/event/attendance"})
        is None
    )
    pages.post(
        f"/officer/activities/{campaign.id}/event/attendance",
        {"category_residents": "3"},
        expected_status=404,
    )
    assert _stored_counts(campaign) == {}


def test_readers_see_the_record_but_cannot_change_it(pages, sign_in_as):
    activity = ActivityFactory(notes="Private note")
    db.session.add(
        AttendanceCount(
            activity=activity,
            dimension=AttendanceDimension.AGE_BAND,
            group_value="75_84",
            count=9,
        )
    )
    db.session.commit()
    sign_in_as("analyst")
    page = pages.get(f"/officer/activities/{activity.id}/event")
    assert "Total attendance: 9" in page.find(id="attendance-total").get_text(" ", strip=True)
    assert (
        page.find("form", attrs={"action": f"/officer/activities/{activity.id}/event/notes"})
        is None
    )
    assert "Private note" in page.get_text()
    pages.post(
        f"/officer/activities/{activity.id}/event/attendance",
        {"category_residents": "3"},
        expected_status=403,
    )


def test_an_absurdly_long_count_is_an_error_not_a_crash(pages, sign_in_as):
    sign_in_as("engagement_officer")
    activity = _event()
    page = pages.post(
        f"/officer/activities/{activity.id}/event/attendance", {"category_residents": "9" * 5000}
    )
    assert error_summary(page) == ["Number of residents must be 100,000 or fewer"]
