"""Rate limits on responding, saving for later and submitting: a class of pupils sharing one
school address is never stopped, a flood is, and the 429 page says what to do without losing
anything typed."""

from __future__ import annotations

import secrets

from limits import parse
from sqlalchemy import func, select

from involve import abuse_limits
from involve.extensions import db
from involve.models import Answer, Response, ResponseStatus
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.pages import PageClient, heading, title

SCHOOL = "198.51.100.20"


def _per_ten_minutes(limit: str) -> int:
    item = parse(limit)
    return item.amount * 600 // item.get_expiry()


def _consultation(pages_count: int = 1):
    consultation = ConsultationFactory(about_you_enabled=False, equality_questions_enabled=False)
    questions = []
    for position in range(1, pages_count + 1):
        page = QuestionPageFactory(consultation=consultation, position=position)
        questions.append(
            QuestionFactory(page=page, text=f"What should change ({position})?", required=True)
        )
    db.session.commit()
    return consultation, questions


def _page_url(consultation, number: int = 1) -> str:
    return f"/consultations/{consultation.slug}/questions/{number}"


def _check_url(consultation) -> str:
    return f"/consultations/{consultation.slug}/check-answers"


def _post(pages: PageClient, url: str, data: dict, address: str = SCHOOL):  # type: ignore[no-untyped-def]
    return pages.client.post(
        url, data={**data, "csrf_token": pages.csrf_token()}, environ_base={"REMOTE_ADDR": address}
    )


def test_the_limits_leave_room_for_a_whole_class_and_stop_a_flood():
    """30 pupils x 15 pages, half of them fixing one error a page: 675 page saves, each save
    once or twice, and one submit each; a script at 10 posts a second sends 6,000."""
    class_page_saves = 30 * 15 + 30 * 15 // 2
    assert class_page_saves < _per_ten_minutes(abuse_limits.RESPOND) < 6_000
    assert 30 * 2 < _per_ten_minutes(abuse_limits.SAVE_FOR_LATER) < 6_000
    assert 30 * 3 < _per_ten_minutes(abuse_limits.SUBMIT) < 6_000


def test_a_class_on_one_school_address_all_respond_without_being_stopped(app):
    consultation, questions = _consultation(pages_count=3)
    pupils = [PageClient(app, app.test_client()) for _ in range(30)]
    for pupil_number, pupil in enumerate(pupils):
        for number, question in enumerate(questions, start=1):
            if pupil_number % 2:  # half the class makes a mistake first
                assert _post(pupil, _page_url(consultation, number), {}).status_code == 200
            answer = {f"q{question.id}": f"Pupil {pupil_number} answer {number}"}
            assert _post(pupil, _page_url(consultation, number), answer).status_code == 302
        submit = {"submission_key": secrets.token_hex(32)}
        assert _post(pupil, _check_url(consultation), submit).status_code == 302
    submitted = db.session.scalar(
        select(func.count(Response.id)).where(Response.status == ResponseStatus.SUBMITTED)
    )
    assert submitted == 30


def test_a_flood_of_page_saves_is_stopped_and_the_page_reads_back_what_was_typed(
    pages, monkeypatch
):
    monkeypatch.setattr(abuse_limits, "RESPOND", "3 per 10 minutes")
    consultation, (question,) = _consultation()
    for _ in range(3):
        assert _post(pages, _page_url(consultation), {}).status_code == 200
    typed = {f"q{question.id}": "Keep the <b>library</b> open"}
    page = pages.post(
        _page_url(consultation),
        typed,
        expected_status=429,
        environ_base={"REMOTE_ADDR": SCHOOL},
    )
    assert heading(page) == "Too many answers sent from your internet connection"
    assert title(page).startswith("Too many answers sent from your internet connection")
    read_back = page.select_one("#your-answers")
    assert "What should change (1)?" in read_back.get_text()
    assert "Keep the <b>library</b> open" in read_back.get_text()  # shown, escaped
    assert read_back.find("b") is None
    text = page.get_text(" ", strip=True)
    assert "The answers on this page have not been saved yet" in text
    assert "Wait 10 minutes" in text
    assert page.find("a", string="go back to the page")["href"] == _page_url(consultation)
    assert int(pages.last_response.headers["Retry-After"]) > 0
    assert db.session.scalar(select(func.count(Answer.id))) == 0
    # Reading a page is never limited, and another address is not stopped.
    assert pages.client.get(_page_url(consultation)).status_code == 200
    assert _post(pages, _page_url(consultation), typed, address="203.0.113.5").status_code == 302


def test_every_page_of_the_journey_counts_against_one_limit(pages, monkeypatch):
    monkeypatch.setattr(abuse_limits, "RESPOND", "2 per 10 minutes")
    consultation = ConsultationFactory()  # with the about-you and equality pages
    db.session.commit()
    base = f"/consultations/{consultation.slug}"
    assert _post(pages, f"{base}/about-you", {}).status_code == 200
    assert _post(pages, f"{base}/about-you/age-and-postcode", {}).status_code == 200
    page = pages.post(
        f"{base}/equality",
        {"sex": "Female"},
        expected_status=429,
        environ_base={"REMOTE_ADDR": SCHOOL},
    )
    assert "The answers on this page have not been saved yet" in page.get_text()
    assert "Female" in page.select_one("#your-answers").get_text()


def test_saving_for_later_has_its_own_limit_and_continue_still_works(pages, monkeypatch):
    monkeypatch.setattr(abuse_limits, "SAVE_FOR_LATER", "2 per 10 minutes")
    consultation, (question,) = _consultation()
    answer = {f"q{question.id}": "More buses"}
    for _ in range(2):
        response = _post(pages, _page_url(consultation), {**answer, "action": "save"})
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/saved")
    page = pages.post(
        _page_url(consultation),
        {**answer, "action": "save"},
        expected_status=429,
        environ_base={"REMOTE_ADDR": SCHOOL},
    )
    assert "More buses" in page.select_one("#your-answers").get_text()
    # Answers saved before are kept, and "Continue" is not a save.
    assert "Answers you saved on earlier pages are kept" in page.get_text(" ", strip=True)
    assert _post(pages, _page_url(consultation), answer).status_code == 302


def test_a_flood_of_submits_is_stopped_and_the_answers_stay_saved(pages, monkeypatch):
    monkeypatch.setattr(abuse_limits, "SUBMIT", "1 per 10 minutes")
    consultation, (question,) = _consultation()
    other = PageClient(pages.app, pages.app.test_client())
    assert _post(other, _page_url(consultation), {f"q{question.id}": "First"}).status_code == 302
    key = {"submission_key": secrets.token_hex(32)}
    assert _post(other, _check_url(consultation), key).status_code == 302
    assert _post(pages, _page_url(consultation), {f"q{question.id}": "Second"}).status_code == 302
    page = pages.post(
        _check_url(consultation),
        {"submission_key": secrets.token_hex(32)},
        expected_status=429,
        environ_base={"REMOTE_ADDR": SCHOOL},
    )
    text = page.get_text(" ", strip=True)
    assert "Your response has not been submitted yet, but your answers are saved" in text
    assert page.find("a", string="go back to check your answers")["href"] == _check_url(
        consultation
    )
    statuses = db.session.scalars(select(Response.status).order_by(Response.id)).all()
    assert statuses == [ResponseStatus.SUBMITTED, ResponseStatus.IN_PROGRESS]


def test_subscribing_is_limited_with_the_too_many_attempts_page(pages):
    consultation = ConsultationFactory()
    db.session.commit()
    url = f"/consultations/{consultation.slug}/get-outcome-email"
    limit = parse(abuse_limits.SUBSCRIBE).amount
    for number in range(limit):
        response = _post(pages, url, {"email": f"person{number}@example.com"})
        assert response.status_code == 302
    page = pages.post(
        url,
        {"email": "one.more@example.com"},
        expected_status=429,
        environ_base={"REMOTE_ADDR": SCHOOL},
    )
    assert heading(page) == "Too many attempts"
