"""What the decision record and the public "You said, we did" page say: a warning before an
outcome goes out with no approved quotes, with the ways to get some; numbers agreeing with
their nouns and verbs; and the decision's paragraphs kept apart, escaped."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import Answer, ModerationSource
from involve.models.base import utc_now
from involve.models.outcomes import Subscription, SubscriptionKind
from involve.services.moderation import approve
from involve.services.moderation_queueing import queue_text
from tests.factories import OfficerFactory
from tests.factories_decisions import decision_record, past_event_with_points, themed_consultation


def _url(activity) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{activity.id}/decision"


def _follower(email: str, consultation) -> None:  # type: ignore[no-untyped-def]
    db.session.add(
        Subscription(
            email=email,
            kind=SubscriptionKind.CONSULTATION,
            consultation_id=consultation.id,
            token=f"token-{email}",
            confirmed_at=utc_now(),
        )
    )


def test_publishing_warns_when_no_quote_is_approved_and_says_where_to_get_some(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    decision_record(themed.activity, published=False)
    db.session.commit()
    sign_in_as("engagement_officer")
    page = pages.get(_url(themed.activity))
    warning = page.select_one("#publishing #no-quotes")
    assert warning is not None
    text = warning.get_text(" ", strip=True)
    assert "No quotes are approved for publication yet" in text
    links = {link["href"] for link in warning.select("a")}
    assert f"/officer/theming/{themed.codeframe.id}/summary" in links
    assert f"/officer/moderation?consultation={themed.consultation.id}" in links

    answer = db.session.scalars(
        select(Answer).where(Answer.question_id == themed.codeframe.question_id)
    ).first()
    item = queue_text(actor=None, source=ModerationSource.QUOTE, answer=answer)
    approve(actor=OfficerFactory(), item=item)
    db.session.commit()
    assert pages.get(_url(themed.activity)).select_one("#no-quotes") is None


def test_an_event_without_published_points_is_warned_too(pages, sign_in_as):
    themed = past_event_with_points(["More benches"], {"Seating": 1})
    decision_record(themed.activity, published=False)
    db.session.commit()
    sign_in_as("engagement_officer")
    warning = pages.get(_url(themed.activity)).select_one("#no-quotes")
    links = {link["href"] for link in warning.select("a")}
    assert f"/officer/activities/{themed.activity.id}/event#points" in links
    assert f"/officer/moderation?activity={themed.activity.id}" in links


def test_one_person_waiting_for_the_outcome_has_not_been_told_yet(pages, sign_in_as):
    themed = themed_consultation({"Buses": 12})
    decision_record(themed.activity, published=False)
    _follower("one@example.com", themed.consultation)
    db.session.commit()
    sign_in_as("engagement_officer")
    hint = pages.get(_url(themed.activity)).select_one("#publish-hint").get_text(" ", strip=True)
    assert "e-mails the 1 person who asked to hear about it and has not been told yet" in hint
    _follower("two@example.com", themed.consultation)
    db.session.commit()
    hint = pages.get(_url(themed.activity)).select_one("#publish-hint").get_text(" ", strip=True)
    assert "e-mails the 2 people who asked to hear about it and have not been told yet" in hint


def test_we_did_keeps_the_decisions_paragraphs_apart_and_escaped(pages):
    themed = themed_consultation({"Buses": 12})
    decision_record(
        themed.activity,
        decision="Run a bus every 15 minutes.\n\nAdd a late bus on Fridays.\r\nFrom <b>May</b>.",
        how_responses_considered="We read every response.\n\nThe report lists each theme.",
        published_at=utc_now() - timedelta(days=1),
    )
    db.session.commit()
    page = pages.get(f"/consultations/{themed.consultation.slug}/you-said-we-did")
    decided = page.select("#what-was-decided p")
    assert [p.get_text(" ", strip=True) for p in decided] == [
        "Run a bus every 15 minutes.",
        "Add a late bus on Fridays. From <b>May</b>.",
    ]
    assert decided[1].find("br") is not None and decided[1].find("b") is None  # escaped
    considered = [p.get_text(strip=True) for p in page.select("#how-considered p")]
    assert considered == ["We read every response.", "The report lists each theme."]
