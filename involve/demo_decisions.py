"""Demo decision: Cabinet's decision on the closed town centre parking plan, recorded by the demo
engagement officer, citing the theme summary of its free-text question with what was done about
each theme. It is complete but not published: the consultation is closed, and an officer trying
the demo publishes its outcome ("Publish the outcome" on the consultation's page, or on this
decision record), which puts "We asked, you said, we did" at
/consultations/town-centre-parking-plan/you-said-we-did and e-mails the demo subscribers.
Publishing the record is publishing the outcome: the demo never has one without the other.
No quote is approved here: the moderation demo leaves that to the officer, and whatever they
approve appears on the page. Idempotent: nothing happens once the record exists.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, Consultation, Officer
from involve.models.base import utc_now
from involve.services import decisions
from involve.templating import UK

DEMO_SLUG = "town-centre-parking-plan"
DEMO_OFFICER = "officer@example.gov.uk"
DECISION = (
    "Cabinet agreed three of the four changes.\n\n"
    "Evening charges at Cornhill and Church Street car parks will end at 7pm, not 8pm, and cost "
    "£1 for the evening. The residents' permit zone around Slad Road starts in April. The first "
    "30 minutes at Merrywalks car park will be free.\n\n"
    "The coach drop-off at London Road is put off while we look for a site that keeps more "
    "parking spaces."
)
CONSIDERED = (
    "Officers read every response, including the paper ones, and grouped the comments by theme. "
    "The report to Cabinet set out each theme, how many people raised it and what they said, "
    "with the full comments in an appendix, and compared who responded with the people who live "
    "in the area.\n\n"
    "Most comments were about parking charges and the number of spaces. Cabinet moved the end "
    "of evening charges to 7pm because of what people said about the evening economy and "
    "hospitality staff, and put off the coach drop-off because of the spaces it would take."
)
# Theme name (as the demo theming names it) -> what the council did about it.
WHAT_WE_DID = {
    "Parking charges": "Evening charges end at 7pm instead of 8pm and stay at £1 for the "
    "evening. Sunday parking stays free.",
    "Parking spaces": "The coach drop-off is put off, so the 40 spaces at London Road stay as "
    "they are for now.",
    "Public transport": "We have asked Gloucestershire County Council to review evening bus "
    "times into the town centre.",
    "Town centre businesses": "The first 30 minutes at Merrywalks car park will be free from "
    "April, as traders asked.",
    "Accessibility": "Every pay machine will keep taking cash as well as cards, and blue badge "
    "holders keep parking free in all our car parks.",
    "Walking, cycling and air quality": "We will measure air quality on Slad Road before and "
    "after the permit zone starts.",
}


def seed_demo_decisions() -> list[str]:
    activity = db.session.scalar(
        select(Activity)
        .join(Consultation, Consultation.id == Activity.consultation_id)
        .where(Consultation.slug == DEMO_SLUG)
    )
    if activity is None or decisions.get_record(activity) is not None:
        return []
    if not decisions.has_closed(activity):
        return []
    officer = db.session.scalar(select(Officer).where(Officer.email == DEMO_OFFICER))
    codeframes = decisions.citable_codeframes(activity)
    themes = {name: theme_id for codeframe in codeframes for theme_id, name in codeframe.themes}
    closed = decisions.closed_on(activity)
    today = utc_now().astimezone(UK).date()
    decided_on = max(closed, today - timedelta(days=2)) if closed else today
    record, _ = decisions.save_record(
        actor=officer,
        activity=activity,
        details=decisions.DecisionDetails(
            decision=DECISION,
            decided_on=decided_on,
            decision_maker="Cabinet",
            report_title="Town centre parking plan: what people told us and our recommendations",
            report_url="https://www.example.gov.uk/council-meetings/cabinet/town-centre-parking",
            how_responses_considered=CONSIDERED,
            codeframe_ids=[codeframe.id for codeframe in codeframes],
            theme_responses={
                str(themes[name]): text for name, text in WHAT_WE_DID.items() if name in themes
            },
        ),
    )
    return [
        f"Decision on {activity.title} recorded, for an officer to publish as its outcome: "
        f"/officer/activities/{record.activity_id}/decision"
    ]
