"""Abuse limits: a script guessing references, resume codes or passwords is stopped with a
GOV.UK "Too many attempts" page, counted by a hashed key, never by the stored address."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from involve import abuse_limits
from involve.extensions import db
from involve.models import Base
from tests.factories import ConsultationFactory
from tests.pages import heading, title


def _limit(text: str) -> int:
    return int(text.split()[0])


@pytest.mark.parametrize(
    ("path", "form", "limit"),
    [
        (
            "/withdraw-equality-answers",
            {"reference": "AAA-BBB-CCC"},
            abuse_limits.WITHDRAW_EQUALITY,
        ),
        ("/sign-in", {"email": "nobody@example.gov.uk", "password": "x"}, abuse_limits.SIGN_IN),
    ],
)
def test_guessing_is_stopped_after_the_limit(pages, path, form, limit):
    for _ in range(_limit(limit)):
        assert (
            pages.client.post(path, data={**form, "csrf_token": pages.csrf_token()}).status_code
            != 429
        )
    page = pages.post(path, {**form}, expected_status=429)
    assert heading(page) == "Too many attempts"
    assert title(page).startswith("Too many attempts")
    assert "Wait 10 minutes, then try again" in page.get_text()
    # Reading the page is never limited.
    assert pages.client.get(path).status_code == 200


def test_resume_codes_cannot_be_guessed_quickly(pages):
    consultation = ConsultationFactory()
    db.session.commit()
    path = f"/consultations/{consultation.slug}/resume"
    for _ in range(_limit(abuse_limits.RESUME)):
        pages.client.post(path, data={"code": "ABCDE-FGHJK", "csrf_token": pages.csrf_token()})
    pages.post(path, {"code": "ABCDE-FGHJK"}, expected_status=429)


def test_one_client_at_the_limit_does_not_stop_another(pages):
    path = "/withdraw-equality-answers"

    def attempt(address: str) -> int:
        return pages.client.post(
            path,
            data={"reference": "AAA-BBB-CCC", "csrf_token": pages.csrf_token()},
            environ_base={"REMOTE_ADDR": address},
        ).status_code

    statuses = [attempt("203.0.113.9") for _ in range(_limit(abuse_limits.WITHDRAW_EQUALITY) + 1)]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]
    assert attempt("198.51.100.4") == 200


def test_the_address_used_for_limits_is_never_stored(pages):
    for _ in range(3):
        pages.client.post(
            "/withdraw-equality-answers",
            data={"reference": "AAA-BBB-CCC", "csrf_token": pages.csrf_token()},
            environ_base={"REMOTE_ADDR": "203.0.113.77"},
        )
    for table in Base.metadata.sorted_tables:
        for row in db.session.execute(select(table)).all():
            assert "203.0.113.77" not in repr(row), table.name


def test_successful_sign_ins_never_count_against_the_limit(pages):
    from tests.factories import DEFAULT_PASSWORD, OfficerFactory

    officer = OfficerFactory(email="busy@example.gov.uk")
    db.session.commit()
    for _ in range(_limit(abuse_limits.SIGN_IN) + 5):
        response = pages.client.post(
            "/sign-in",
            data={
                "email": officer.email,
                "password": DEFAULT_PASSWORD,
                "csrf_token": pages.csrf_token(),
            },
        )
        assert response.status_code == 302
        pages.client.post("/sign-out", data={"csrf_token": pages.csrf_token()})
