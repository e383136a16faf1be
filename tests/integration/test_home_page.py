"""The public home page: open and decided consultations, search and filters. Drafts and
scheduled consultations (published, not open yet) are never listed, searched or offered."""

from datetime import datetime, time, timedelta

from involve.extensions import db
from involve.models import PostcodeLookup, Ward
from involve.models.base import utc_now
from involve.templating import UK
from tests.factories import AuthoritySettingsFactory, ConsultationFactory
from tests.factories_decisions import publish_outcome
from tests.pages import error_summary, field_error, heading


def _titles(page, section_id):
    section = page.select_one(f"#{section_id}")
    if section is None:
        return []
    return [link.get_text(strip=True) for link in section.select("h3 a")]


def _scheduled(**overrides):
    """Published, opening in a week."""
    now = utc_now()
    fields = {"opens_at": now + timedelta(days=7), "closes_at": now + timedelta(days=60)}
    return ConsultationFactory(**(fields | overrides))


def _stroud_wards():
    db.session.add_all(
        [
            Ward(
                code="E05010970",
                name="Stroud Central",
                district_code="E07000082",
                district_name="Stroud",
            ),
            Ward(
                code="E05010950",
                name="Nailsworth",
                district_code="E07000082",
                district_name="Stroud",
            ),
            PostcodeLookup(postcode="GL51AA", ward_code="E05010970", district_code="E07000082"),
        ]
    )
    db.session.flush()


def test_home_lists_open_soonest_closing_first_then_decided_and_nothing_not_open_yet(pages):
    now = utc_now()
    ConsultationFactory(title="Closes later", closes_at=now + timedelta(days=20))
    # Noon, three UK calendar days on: "now + 3 days 1 hour" is four calendar days after 11pm.
    in_three_days = datetime.combine(
        now.astimezone(UK).date() + timedelta(days=3), time(12), tzinfo=UK
    )
    ConsultationFactory(title="Closes soon", closes_at=in_three_days)
    ConsultationFactory(
        title="Starts next month",
        opens_at=now + timedelta(days=30),
        closes_at=now + timedelta(days=60),
    )
    decided = ConsultationFactory(
        title="Decided", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=10)
    )
    publish_outcome(decided, at=now - timedelta(days=2))
    ConsultationFactory(
        title="Closed awaiting outcome",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=10),
    )
    ConsultationFactory(title="Closed early", closed_early_at=now - timedelta(hours=1))
    ConsultationFactory(title="Secret draft", published_at=None)

    page = pages.get("/")

    assert heading(page).startswith("Have your say in")
    assert _titles(page, "open-consultations") == ["Closes soon", "Closes later"]
    assert _titles(page, "closed-consultations") == ["Decided"]
    assert [h2.get_text(strip=True) for h2 in page.select("main h2")] == [
        "Find consultations",
        "Open consultations",
        "Closed consultations: what we decided",
        "Events and other ways to get involved",
        "Other ways to take part",
    ]
    text = page.get_text(" ", strip=True)
    assert "3 days left" in text
    assert "Secret draft" not in text
    assert "Starts next month" not in text
    assert "Opens " not in text
    assert "Closed awaiting outcome" not in text
    assert "There are no open consultations" not in text
    link = page.select_one("#open-consultations h3 a")
    assert link["href"].startswith("/consultations/consultation-")


def test_home_says_there_are_none_when_only_drafts_exist(pages):
    ConsultationFactory(title="Secret draft", published_at=None)
    page = pages.get("/")
    assert "There are no open consultations at the moment" in page.get_text()
    assert "Secret draft" not in page.get_text()


def test_search_by_word_matches_title_summary_and_topics(pages):
    ConsultationFactory(title="Library opening hours", summary="Books.", topics=["Culture"])
    ConsultationFactory(title="Bins", summary="Changes to the library van route.", topics=[])
    ConsultationFactory(title="Parks", summary="Grass.", topics=["Libraries and leisure"])
    ConsultationFactory(title="Parking charges", summary="Cars.", topics=["Transport"])

    page = pages.get("/?q=LIBRAR")

    assert sorted(_titles(page, "open-consultations")) == ["Bins", "Library opening hours", "Parks"]
    assert page.select_one("#q")["value"] == "LIBRAR"


def test_search_treats_like_wildcards_as_plain_text(pages):
    ConsultationFactory(title="Council tax", summary="A 5% rise.")
    ConsultationFactory(title="Bins", summary="Fortnightly.")
    page = pages.get("/?q=%25")
    assert _titles(page, "open-consultations") == ["Council tax"]


def test_search_never_finds_a_consultation_before_it_opens(pages):
    ConsultationFactory(title="Library opening hours")
    _scheduled(title="Library closures", summary="Which libraries close.", topics=["Library"])
    ConsultationFactory(title="Library review", published_at=None)
    page = pages.get("/?q=library")
    assert _titles(page, "open-consultations") == ["Library opening hours"]
    assert "Library closures" not in page.get_text()
    assert "Library review" not in page.get_text()
    page = pages.get("/?q=closures")
    assert _titles(page, "open-consultations") == []
    assert "No open consultations match your search" in page.get_text()


def test_search_with_no_match_says_so(pages):
    ConsultationFactory(title="Bins")
    page = pages.get("/?q=zebra")
    assert _titles(page, "open-consultations") == []
    assert "No open consultations match your search" in page.get_text()


def test_topic_filter_shows_only_that_topic_and_offers_known_topics(pages):
    ConsultationFactory(title="Buses", topics=["Transport"])
    ConsultationFactory(title="Swimming pool", topics=["Leisure", "Health"])
    ConsultationFactory(title="Hidden draft", topics=["Secret topic"], published_at=None)
    _scheduled(title="Not open yet", topics=["Leisure", "Unannounced topic"])

    page = pages.get("/?topic=Leisure")

    assert _titles(page, "open-consultations") == ["Swimming pool"]
    assert "Not open yet" not in page.get_text()
    options = [option.get_text(strip=True) for option in page.select("#topic option")]
    assert options == ["All topics", "Health", "Leisure", "Transport"]
    assert page.select_one("#topic option[selected]").get_text(strip=True) == "Leisure"


def test_area_filter_shows_that_ward_and_whole_area_consultations(pages):
    _stroud_wards()
    ConsultationFactory(title="Everywhere", whole_area=True)
    ConsultationFactory(title="Town centre", whole_area=False, ward_codes=["E05010970"])
    ConsultationFactory(title="Nailsworth market", whole_area=False, ward_codes=["E05010950"])
    _scheduled(title="Not open yet", whole_area=False, ward_codes=["E05010970"])

    page = pages.get("/?area=E05010970")

    assert sorted(_titles(page, "open-consultations")) == ["Everywhere", "Town centre"]
    options = [option.get_text(strip=True) for option in page.select("#area option")]
    assert options == ["All areas", "Nailsworth", "Stroud Central"]


def test_postcode_shows_whole_area_and_local_ward_consultations(pages):
    _stroud_wards()
    ConsultationFactory(title="Everywhere", whole_area=True)
    ConsultationFactory(title="Town centre", whole_area=False, ward_codes=["E05010970"])
    ConsultationFactory(title="Nailsworth market", whole_area=False, ward_codes=["E05010950"])

    page = pages.get("/?postcode=gl5+1aa")

    assert sorted(_titles(page, "open-consultations")) == ["Everywhere", "Town centre"]
    assert "Stroud Central ward" in page.select_one(".govuk-inset-text").get_text()
    assert page.select_one("#postcode")["value"] == "GL5 1AA"


def test_unknown_postcode_says_ward_not_found_and_shows_whole_area_ones(pages):
    _stroud_wards()
    ConsultationFactory(title="Everywhere", whole_area=True)
    ConsultationFactory(title="Town centre", whole_area=False, ward_codes=["E05010970"])

    page = pages.get("/?postcode=GL6+9ZZ")

    assert _titles(page, "open-consultations") == ["Everywhere"]
    assert (
        "We could not find the ward for GL6 9ZZ" in page.select_one(".govuk-inset-text").get_text()
    )


def test_invalid_postcode_is_a_field_error_not_a_crash(pages):
    ConsultationFactory(title="Everywhere")
    page = pages.get("/?postcode=not+a+postcode")
    assert error_summary(page) == ["Enter a full UK postcode, like GL5 4UB"]
    assert field_error(page, "postcode") == "Enter a full UK postcode, like GL5 4UB"
    assert page.find("title").get_text().startswith("Error:")
    assert _titles(page, "open-consultations") == ["Everywhere"]


def test_titles_and_summaries_are_escaped(pages):
    AuthoritySettingsFactory()
    ConsultationFactory(title="<script>alert(1)</script>", summary="<b>bold</b>")
    page = pages.get("/")
    assert page.find("script", string="alert(1)") is None
    assert page.find("b", string="bold") is None
    assert _titles(page, "open-consultations") == ["<script>alert(1)</script>"]
