"""Outreach prompts: what to do when a group is under-represented, naming channels that reach it.

The defaults below are a starting point; the council changes the wording on the settings screen
and its version is stored in OutreachPrompt. `ensure_default_prompts` writes the defaults as rows
(seed-demo and import-census call it) so the council can see and edit every one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from involve.extensions import db
from involve.models import Officer, OutreachPrompt
from involve.services.audit import record_event
from involve.services.economic_activity import EconomicActivity
from involve.services.reference_groups import (
    AGE_GROUPS,
    CATEGORY_GROUPS,
    DIMENSION_LABELS,
    DISABILITY_GROUPS,
    ECONOMIC_ACTIVITY_GROUPS,
    ETHNIC_GROUPS,
    SEX_GROUPS,
    Dimension,
)

ANY_GROUP = "*"  # the prompt for any group of a dimension without one of its own (wards)
PROMPT_MAX = 1000

DEFAULT_PROMPTS: dict[tuple[str, str], str] = {
    (Dimension.AGE, "0-15"): "Work with schools, youth clubs, the youth council and uniformed "
    "groups; offer a short version of the questions in class or at a youth session.",
    (Dimension.AGE, "16-24"): "Go to schools and colleges (sixth forms, the further education "
    "college), apprenticeship providers, youth services and student unions; promote on the "
    "social media young people use and at events they already attend.",
    (Dimension.AGE, "25-34"): "Reach working-age people through employers, nurseries and "
    "parent groups, evening and weekend sessions, and social media.",
    (Dimension.AGE, "35-49"): "Use employers, parents' groups at schools, sports clubs and "
    "evening or online sessions that fit round work and caring.",
    (Dimension.AGE, "50-64"): "Ask employers, community centres, sports and social clubs, "
    "and carers' groups to pass it on.",
    (Dimension.AGE, "65-74"): "Use libraries, community centres, U3A and social clubs, and "
    "offer paper copies and a phone line.",
    (Dimension.AGE, "75-84"): "Visit GP surgeries, libraries, care homes, sheltered housing, "
    "lunch clubs and Age UK; offer paper and phone responses and help to fill in the form.",
    (Dimension.AGE, "85+"): "Visit GP surgeries, libraries, care homes and sheltered housing "
    "with paper copies; work with carers, home-care providers and Age UK.",
    (Dimension.SEX, "Female"): "Use parent and toddler groups, women's groups, community "
    "centres and health visitors' clinics.",
    (Dimension.SEX, "Male"): "Use sports clubs, men's sheds, workplaces, trade bodies and "
    "pubs' and clubs' noticeboards.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.EMPLOYED.value): "Reach people in work "
    "through employers, the chamber of commerce, trade unions and staff newsletters; offer "
    "evening, weekend and online sessions.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.UNEMPLOYED.value): "Work with Jobcentre Plus, "
    "employment and skills programmes, adult learning providers, Citizens Advice and food banks.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.FULL_TIME_STUDENT.value): "Go to colleges and "
    "sixth forms, the university and its students' union; use student societies, campus "
    "noticeboards and the social media students use, and avoid exam and holiday periods.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.RETIRED.value): "Use libraries, community "
    "centres, U3A, social clubs and parish magazines; offer paper copies and a phone line.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.LOOKING_AFTER_HOME.value): "Use nurseries, "
    "parent and toddler groups, family hubs, the school gate and carers' groups; offer sessions "
    "with a creche or online in the evening.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.LONG_TERM_SICK.value): "Work with disability "
    "groups and disabled people's organisations, carers' groups, GP surgeries and pharmacies; "
    "offer easy read, large print, BSL, phone and home-visit responses.",
    (Dimension.ECONOMIC_ACTIVITY, EconomicActivity.OTHER.value): "Ask advice centres, community "
    "and faith groups and the council's customer service centre to pass it on.",
    (Dimension.ETHNIC_GROUP, "Asian or Asian British"): "Work with community and faith "
    "groups (mosques, gurdwaras, temples), community radio and translated materials.",
    (Dimension.ETHNIC_GROUP, "Black, Black British, Caribbean or African"): "Work with "
    "community and faith groups (churches), Black-led organisations and community radio.",
    (Dimension.ETHNIC_GROUP, "Mixed or multiple ethnic groups"): "Work with community and "
    "faith groups, schools and youth organisations, and community media.",
    (Dimension.ETHNIC_GROUP, "White"): "Use parish and town councils, community centres, "
    "libraries and local newsletters.",
    (Dimension.ETHNIC_GROUP, "Other ethnic group"): "Work with community and faith groups, "
    "migrant and refugee support groups, Gypsy and Traveller liaison, and translated materials.",
    (Dimension.DISABILITY, "Yes, limited a lot"): "Work with disabled people's organisations, "
    "carers' groups, day centres and GP surgeries; offer easy read, large print, BSL and "
    "phone or home-visit responses.",
    (Dimension.DISABILITY, "Yes, limited a little"): "Work with disabled people's "
    "organisations, patient participation groups and pharmacies; offer accessible formats.",
    (Dimension.DISABILITY, "No"): "Use the usual channels: the website, social media, "
    "libraries and community centres.",
    (Dimension.CATEGORY, "residents"): "Use residents' associations, parish and town councils, "
    "a leaflet drop, libraries and the council's social media.",
    (Dimension.CATEGORY, "children_and_young_people"): "Go to schools and colleges, youth "
    "clubs and the youth council; run a session with young people rather than a long survey.",
    (Dimension.CATEGORY, "students"): "Go to schools and colleges (sixth forms, the FE "
    "college, university campuses) and student unions.",
    (Dimension.CATEGORY, "workers"): "Ask employers, the chamber of commerce and trade unions "
    "to pass it on; offer lunchtime and evening sessions.",
    (Dimension.CATEGORY, "visitors"): "Use the tourist information centre, visitor "
    "attractions, hotels and the events programme.",
    (Dimension.CATEGORY, "service_users"): "Ask the service to hand it out at the point of "
    "use, and go to user panels and the groups that represent users.",
    (Dimension.CATEGORY, "businesses"): "Go to business forums, the chamber of commerce, "
    "Business Improvement Districts (BIDs), traders' associations and the Federation of Small "
    "Businesses; visit shops and offices in person.",
    (Dimension.CATEGORY, "voluntary_and_community_groups"): "Use the council for voluntary "
    "service, the voluntary sector alliance, community and faith groups' networks and "
    "newsletters.",
    (Dimension.CATEGORY, "others_affected"): "Ask partners (health, police, housing "
    "associations) to pass it on to the people they work with.",
    (Dimension.WARD, ANY_GROUP): "Ask the ward's councillors, parish or town council and "
    "community centre to promote it; put up posters and hold a drop-in in the ward.",
}
GROUP_LABELS: dict[str, dict[str, str]] = {
    Dimension.AGE: AGE_GROUPS,
    Dimension.SEX: SEX_GROUPS,
    Dimension.ECONOMIC_ACTIVITY: ECONOMIC_ACTIVITY_GROUPS,
    Dimension.ETHNIC_GROUP: ETHNIC_GROUPS,
    Dimension.DISABILITY: DISABILITY_GROUPS,
    Dimension.CATEGORY: CATEGORY_GROUPS,
    Dimension.WARD: {ANY_GROUP: "Any ward"},
}


@dataclass(frozen=True)
class PromptRow:
    dimension: str
    dimension_label: str
    group_key: str
    group_label: str
    text: str
    is_default: bool


def _stored() -> dict[tuple[str, str], OutreachPrompt]:
    return {
        (row.dimension, row.group_key): row for row in db.session.scalars(select(OutreachPrompt))
    }


def prompt_texts() -> dict[tuple[str, str], str]:
    """(dimension, group) -> the council's wording, or the default."""
    texts = dict(DEFAULT_PROMPTS)
    texts.update({key: row.text for key, row in _stored().items()})
    return texts


def prompt_for(texts: dict[tuple[str, str], str], dimension: str, group: str) -> str:
    return texts.get((dimension, group)) or texts.get((dimension, ANY_GROUP), "")


def list_prompts() -> list[PromptRow]:
    stored = _stored()
    rows = []
    for (dimension, group), default in DEFAULT_PROMPTS.items():
        row = stored.get((dimension, group))
        rows.append(
            PromptRow(
                dimension=dimension,
                dimension_label=DIMENSION_LABELS[dimension],
                group_key=group,
                group_label=GROUP_LABELS[dimension].get(group, group),
                text=row.text if row is not None else default,
                is_default=row is None or row.text == default,
            )
        )
    return rows


def find_prompt(dimension: str, group: str) -> PromptRow | None:
    return next(
        (row for row in list_prompts() if (row.dimension, row.group_key) == (dimension, group)),
        None,
    )


def save_prompt(*, actor: Officer, dimension: str, group: str, text: str) -> OutreachPrompt:
    """Store the council's wording for one group's prompt (audited)."""
    if (dimension, group) not in DEFAULT_PROMPTS:
        raise ValueError(f"No outreach prompt for {dimension}/{group}")
    row = _stored().get((dimension, group))
    before = row.text if row is not None else DEFAULT_PROMPTS[(dimension, group)]
    if row is None:
        row = OutreachPrompt(dimension=dimension, group_key=group, text=text)
        db.session.add(row)
    row.text = text
    row.updated_by_id = actor.id
    db.session.flush()
    record_event(
        actor=actor,
        action="outreach_prompt.changed",
        object_type="outreach_prompt",
        object_id=row.id,
        summary=f"Changed the outreach prompt for {DIMENSION_LABELS[dimension].lower()}: "
        f"{GROUP_LABELS[dimension].get(group, group)}",
        detail={"dimension": dimension, "group": group, "before": before, "after": text},
    )
    return row


def ensure_default_prompts() -> int:
    """Write any default prompt that has no row yet; returns how many were added."""
    stored = _stored()
    added = [
        OutreachPrompt(dimension=dimension, group_key=group, text=text)
        for (dimension, group), text in DEFAULT_PROMPTS.items()
        if (dimension, group) not in stored
    ]
    db.session.add_all(added)
    db.session.flush()
    return len(added)
