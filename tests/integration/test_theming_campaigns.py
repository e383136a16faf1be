"""Campaign and duplicate responses: the suggestions job groups near-identical texts, officers
confirm or dismiss each group with one click, and a later run keeps their decisions; confirmed
campaigns are counted apart on the hub and handed out once by code next."""

from __future__ import annotations

import random

from sqlalchemy import delete, func, select

from involve.extensions import db
from involve.models import (
    Answer,
    AuditEvent,
    DuplicateGroup,
    DuplicateStatus,
    Role,
    ThemeCoding,
    ThemeItem,
)
from involve.services.theme_summary import build_summary
from involve.services.theming_campaigns import (
    campaign_item_ids,
    duplicate_summary,
    regroup_duplicates,
)
from involve.services.theming_coding_claims import claim_next_item, left_to_code
from involve.services.theming_items import item_texts
from tests.factories import AnswerFactory, OfficerFactory, ResponseFactory
from tests.factories_theming import code, codeframe_with_items
from tests.pages import error_summary, heading, statements_for

LETTER = (
    "Dear Council, I object to the closure of Stroud library. It is a lifeline for older "
    "people, for children doing homework and for anyone without the internet at home. "
    "Please keep it open six days a week. Yours faithfully, {name}"
)
NAMES = ["Ann", "Bob", "Cath", "Dev", "Eve", "Femi", "Gus", "Hana", "Ivo", "Jo"]
OTHERS = [
    "The bus station needs a proper roof before winter comes.",
    "I would like more evening events for teenagers at the leisure centre.",
    "Potholes on the Cainscross road are getting worse every month.",
    "Could the market run on Sundays as well as Saturdays in summer?",
    "No",
    "No",
    "No",
    "No",
]


def _letters(count: int, seed: int = 3) -> list[str]:
    """Near-identical campaign letters: the same text, signed by different people, some with
    a small edit or the odd typo."""
    rng = random.Random(seed)
    letters = []
    for number in range(count):
        text = LETTER.format(name=f"{NAMES[number % len(NAMES)]} {number}")
        if rng.random() < 0.3:
            text = text.replace("lifeline", "real lifeline")
        if rng.random() < 0.3:
            text = text.replace("homework", "homewrok")
        letters.append(text)
    return letters


def _campaign_codeframe(letters: int = 20):  # type: ignore[no-untyped-def]
    codeframe, items, _ = codeframe_with_items(_letters(letters) + OTHERS, ["Library", "Roads"])
    db.session.commit()
    return codeframe, items


def _update(pages, codeframe) -> None:  # type: ignore[no-untyped-def]
    pages.post(f"/officer/theming/{codeframe.id}/suggestions/update", expected_status=302)


def _group() -> DuplicateGroup:
    return db.session.scalars(select(DuplicateGroup)).one()


def test_twenty_pasted_letters_form_one_group_and_short_answers_none(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, items = _campaign_codeframe()
    _update(pages, codeframe)
    group = _group()
    assert group.size == 20
    assert group.status == DuplicateStatus.SUSPECTED
    assert group.example_text.startswith("Dear Council")
    members = {item.id for item in items if item.duplicate_group_id == group.id}
    assert members == {item.id for item in items[:20]}
    assert all(item.duplicate_group_id is None for item in items[20:])  # four "No"s too

    page = pages.get(f"/officer/theming/{codeframe.id}/campaigns")
    assert heading(page) == "Campaigns and duplicates"
    card = page.select_one(f"#group-{group.id}")
    assert "20 responses" in card.select_one("h3").get_text()
    assert "Not checked yet" in card.select_one(".govuk-tag").get_text()
    assert "Dear Council" in card.get_text()
    labels = [button.get_text(" ", strip=True) for button in card.select("button")]
    assert [label.split(":")[0].strip() for label in labels] == [
        "Confirm campaign",
        "Not a campaign",
    ]


def test_confirming_a_campaign_is_audited_and_survives_a_new_run(pages, sign_in_as):
    analyst = sign_in_as("analyst")
    codeframe, items = _campaign_codeframe()
    _update(pages, codeframe)
    group = _group()
    pages.post(
        f"/officer/theming/{codeframe.id}/campaigns/{group.id}",
        {"decision": "campaign"},
        expected_status=302,
    )
    db.session.refresh(group)
    assert (group.status, group.decided_by_id) == (DuplicateStatus.CAMPAIGN, analyst.id)
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theming.campaign_decided")
    ).one()
    assert event.officer_id == analyst.id and event.detail["status"] == "campaign"
    assert campaign_item_ids(codeframe) == {item.id for item in items[:20]}

    # One more letter arrives; the next run finds the same group, larger, still a campaign.
    question = codeframe.question
    late = _letters(21, seed=9)[20]
    AnswerFactory(
        response=ResponseFactory(consultation=question.page.consultation),
        question=question,
        value=late,
        text=late,
    )
    db.session.commit()
    _update(pages, codeframe)
    regrouped = _group()
    assert regrouped.id == group.id
    assert (regrouped.size, regrouped.status) == (21, DuplicateStatus.CAMPAIGN)
    assert len(campaign_item_ids(codeframe)) == 21
    summary = duplicate_summary(codeframe)
    assert (summary.groups, summary.campaigns, summary.campaign_items, summary.suspected) == (
        1,
        1,
        21,
        0,
    )
    page = pages.get(f"/officer/theming/{codeframe.id}/campaigns")
    assert "Campaign" in page.select_one(f"#group-{group.id} .govuk-tag").get_text()
    assert analyst.full_name in page.select_one(f"#group-{group.id}").get_text()


def test_a_decided_group_that_lost_members_is_checked_again(app, sign_in_as):
    officer = sign_in_as("analyst")
    codeframe, items = _campaign_codeframe()
    regroup_duplicates(codeframe, item_texts(codeframe))
    group = _group()
    group.status, group.decided_by_id = DuplicateStatus.NOT_CAMPAIGN, officer.id
    # A member's text changes beyond recognition (in life: an answer corrected on import).
    db.session.get(Answer, items[0].answer_id).text = "Something else entirely, about parking."
    db.session.flush()
    result = regroup_duplicates(codeframe, item_texts(codeframe))
    assert (result.reopened, result.kept_decisions) == (1, 0)
    assert (group.status, group.decided_by_id, group.size) == (DuplicateStatus.SUSPECTED, None, 19)


def test_groups_no_longer_found_are_removed(app, sign_in_as):
    codeframe, items = _campaign_codeframe(letters=3)
    regroup_duplicates(codeframe, item_texts(codeframe))
    assert db.session.scalar(select(func.count(DuplicateGroup.id))) == 1
    db.session.get(Answer, items[0].answer_id).text = "A different point about bins entirely."
    db.session.flush()
    regroup_duplicates(codeframe, item_texts(codeframe))
    assert db.session.scalar(select(func.count(DuplicateGroup.id))) == 0
    assert (
        db.session.scalar(
            select(func.count(ThemeItem.id)).where(ThemeItem.duplicate_group_id.is_not(None))
        )
        == 0
    )


def test_a_bad_decision_is_explained_and_changes_nothing(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _ = _campaign_codeframe()
    _update(pages, codeframe)
    group = _group()
    page = pages.post(
        f"/officer/theming/{codeframe.id}/campaigns/{group.id}", {"decision": "maybe"}
    )
    assert error_summary(page) == ["Select whether these responses are a campaign"]
    db.session.refresh(group)
    assert group.status == DuplicateStatus.SUSPECTED
    pages.post(
        f"/officer/theming/{codeframe.id}/campaigns/999999",
        {"decision": "campaign"},
        expected_status=404,
    )


def test_readers_see_campaigns_but_cannot_decide(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _ = _campaign_codeframe()
    _update(pages, codeframe)
    group = _group()
    pages.post("/sign-out", expected_status=302)
    sign_in_as("auditor")
    page = pages.get(f"/officer/theming/{codeframe.id}/campaigns")
    assert page.select_one(f"#group-{group.id}") is not None
    assert not page.select("main form[method=post]")
    pages.post(
        f"/officer/theming/{codeframe.id}/campaigns/{group.id}",
        {"decision": "campaign"},
        expected_status=403,
    )


def test_no_groups_yet_says_so(pages, sign_in_as):
    sign_in_as("analyst")
    codeframe, _ = _campaign_codeframe(letters=0)
    page = pages.get(f"/officer/theming/{codeframe.id}/campaigns")
    assert (
        "No groups of near-identical responses found"
        in page.select_one("#campaign-summary").get_text()
    )
    assert duplicate_summary(codeframe).groups == 0
    assert campaign_item_ids(codeframe) == set()


# -- confirmed campaigns in the other pages ---------------------------------------------------
def _confirmed_campaign():  # type: ignore[no-untyped-def]
    """Six texts: three others, then a confirmed campaign of three (items 3 to 5). Coded:
    item 0 Library, item 1 no theme fits, items 3 and 4 (in the campaign) Library."""
    codeframe, items, (library, _) = codeframe_with_items(
        OTHERS[:3] + _letters(3), ["Library", "Roads"]
    )
    group = DuplicateGroup(
        codeframe_id=codeframe.id, example_text="x", size=3, status=DuplicateStatus.CAMPAIGN
    )
    db.session.add(group)
    db.session.flush()
    for item in items[3:]:
        item.duplicate_group_id = group.id
    code(items[0], library)
    code(items[1])
    items[1].no_theme_fits = True
    code(items[3], library)
    code(items[4], library)
    db.session.commit()
    return codeframe, items


def test_hub_and_themes_count_confirmed_campaigns_apart_as_the_summary_does(pages, sign_in_as):
    """Found in review: the hub counted campaign texts as coded and in each theme's count,
    disagreeing with the theme summary."""
    sign_in_as("analyst")
    codeframe, _ = _confirmed_campaign()

    page = pages.get(f"/officer/theming/{codeframe.id}")

    figures = page.find(id="figures").get_text(" ", strip=True)
    for expected in ("Texts to theme 6", "Coded 2", "In confirmed campaigns 3", "Still to code 1"):
        assert expected in figures
    rows = page.find(id="theme-counts").find("tbody").find_all("tr")
    assert [[cell.get_text(strip=True) for cell in row.find_all("td")] for row in rows] == [
        ["Library", "1", "2"],
        ["Roads", "0", "0"],
    ]
    summary = build_summary(codeframe, with_quotes=False)
    assert (summary.coded, summary.uncoded, summary.campaign_texts) == (2, 1, 3)
    assert [(theme.count, theme.campaign_count) for theme in summary.themes] == [(1, 2), (0, 0)]
    themes_page = pages.get(f"/officer/theming/{codeframe.id}/themes")
    library_row = themes_page.select_one("#themes-table tbody tr")
    assert [td.get_text(strip=True) for td in library_row.select("td")][2:4] == ["1", "2"]


def test_code_next_hands_out_only_the_first_text_of_a_confirmed_campaign(pages, sign_in_as):
    analyst = sign_in_as("analyst")
    codeframe, items = _confirmed_campaign()
    db.session.get(ThemeItem, items[3].id).reviewed_at = None  # its campaign not yet coded
    db.session.execute(delete(ThemeCoding).where(ThemeCoding.item_id == items[3].id))
    db.session.commit()
    assert left_to_code(codeframe) == 2  # item 2, and item 3 for the whole campaign

    handed_out = set()
    for _ in range(3):
        officer = OfficerFactory(role=Role.ANALYST)
        claimed = claim_next_item(actor=officer, codeframe=codeframe)
        if claimed is not None:
            handed_out.add(claimed.id)
    assert handed_out == {items[2].id, items[3].id}  # never item 5, a copy in the campaign

    page = pages.get(f"/officer/theming/{codeframe.id}/items/{items[5].id}")
    tag = page.select_one("#campaign-size").get_text(" ", strip=True)
    assert tag == "Part of a confirmed campaign of 3"
    assert (
        pages.get(f"/officer/theming/{codeframe.id}/items/{items[2].id}").select_one(
            "#campaign-tag"
        )
        is None
    )
    assert analyst.id not in {item.claimed_by_id for item in items}


def _groups_of_three(codeframe, items, groups: int) -> None:  # type: ignore[no-untyped-def]
    for number in range(groups):
        group = DuplicateGroup(codeframe_id=codeframe.id, example_text=items[0].text, size=3)
        db.session.add(group)
        db.session.flush()
        for item in items[number * 3 : number * 3 + 3]:
            item.duplicate_group_id = group.id
    db.session.commit()


def test_the_campaigns_page_reads_every_groups_other_versions_in_one_query(pages, sign_in_as):
    """Found in review: one query per group for the texts that differ from the example."""
    sign_in_as("analyst")
    few, few_items, _ = codeframe_with_items(_letters(6))
    many, many_items, _ = codeframe_with_items(_letters(30, seed=4))
    _groups_of_three(few, few_items, 2)
    _groups_of_three(many, many_items, 10)

    url = "/officer/theming/{}/campaigns"
    assert statements_for(pages, url.format(many.id)) == statements_for(pages, url.format(few.id))
    page = pages.get(url.format(many.id))
    first = db.session.scalars(
        select(DuplicateGroup)
        .where(DuplicateGroup.codeframe_id == many.id)
        .order_by(DuplicateGroup.id)  # PostgreSQL returns rows in no set order without one
    ).first()
    card = page.select_one(f"#group-{first.id}").get_text(" ", strip=True)
    assert many_items[1].text[-20:] in card  # a member that differs from the example
