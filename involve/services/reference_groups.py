"""The groups each representativeness dimension compares, and how census categories and "About
you" answers fall into them.

Age: the "About you" bands (AgeBand) and the Census 2021 age x sex table (TS009, reshaped in
data/ons/census2021_ltla_age_sex.csv) nest once 16-17 and 18-24 are merged into 16-24 and the
census 0-4, 5-9 and 10-15 into under 16, so age is compared on eight bands that both sides can
fill exactly. The census-quiz bands used for the target mix (reference_mix.AGE_COLUMNS: 0-14,
15-24, 35-44 …) straddle AgeBand boundaries, so they are never used for a comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from involve.models import AgeBand, AudienceCategory
from involve.services.about_you import DISABILITY_OPTIONS, ETHNIC_GROUP_OPTIONS, PREFER_NOT_TO_SAY
from involve.services.economic_activity import ECONOMIC_ACTIVITY_GROUPS, EconomicActivity

OGL_ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
)
NOT_GIVEN = "not_given"


class Dimension:
    CATEGORY = "category"
    AGE = "age"
    SEX = "sex"
    ECONOMIC_ACTIVITY = "economic_activity"
    ETHNIC_GROUP = "ethnic_group"
    DISABILITY = "disability"
    WARD = "ward"


DIMENSION_LABELS = {
    Dimension.CATEGORY: "Local-person category",
    Dimension.AGE: "Age",
    Dimension.SEX: "Sex",
    Dimension.ECONOMIC_ACTIVITY: "Economic activity",
    Dimension.ETHNIC_GROUP: "Ethnic group",
    Dimension.DISABILITY: "Disability",
    Dimension.WARD: "Ward",
}

AGE_GROUPS = {
    "0-15": "Under 16",
    "16-24": "16 to 24",
    "25-34": "25 to 34",
    "35-49": "35 to 49",
    "50-64": "50 to 64",
    "65-74": "65 to 74",
    "75-84": "75 to 84",
    "85+": "85 or over",
}
AGE_BAND_GROUP = {
    AgeBand.UNDER_16.value: "0-15",
    AgeBand.AGE_16_17.value: "16-24",
    AgeBand.AGE_18_24.value: "16-24",
    AgeBand.AGE_25_34.value: "25-34",
    AgeBand.AGE_35_49.value: "35-49",
    AgeBand.AGE_50_64.value: "50-64",
    AgeBand.AGE_65_74.value: "65-74",
    AgeBand.AGE_75_84.value: "75-84",
    AgeBand.AGE_85_PLUS.value: "85+",
}
# Census age bands of the age x sex table -> the compared group.
CENSUS_AGE_GROUP = {
    "0-4": "0-15",
    "5-9": "0-15",
    "10-15": "0-15",
    "16-19": "16-24",
    "20-24": "16-24",
    "25-34": "25-34",
    "35-49": "35-49",
    "50-64": "50-64",
    "65-74": "65-74",
    "75-84": "75-84",
    "85+": "85+",
}
# Where each census band starts, so a comparison can keep only the people who could take part.
CENSUS_AGE_START = {
    "0-4": 0,
    "5-9": 5,
    "10-15": 10,
    "16-19": 16,
    "20-24": 20,
    "25-34": 25,
    "35-49": 35,
    "50-64": 50,
    "65-74": 65,
    "75-84": 75,
    "85+": 85,
}
ADULT_AGE = 16  # the default comparison base: residents aged 16 and over
CHILD_AGE = 10  # with children and young people in the audiences: residents aged 10 and over
UNDER_16 = "0-15"
AGE_NOTE = (
    "The census counts ages 16 to 19 and 20 to 24 while we ask 16 to 17 and 18 to 24, so both are "
    "compared as 16 to 24. Every other band matches."
)
UNDER_16_NOTE = (
    " Children and young people are among the consultation's audiences, so under-16s who took "
    "part are compared with the census count of 10 to 15 year olds."
)


def age_base_text(min_age: int) -> str:
    return f"residents aged {min_age} and over"


SEX_GROUPS = {"Female": "Female", "Male": "Male"}
ETHNIC_GROUPS = {option: option for option in ETHNIC_GROUP_OPTIONS if option != PREFER_NOT_TO_SAY}
DISABILITY_GROUPS = {option: option for option in DISABILITY_OPTIONS if option != PREFER_NOT_TO_SAY}
CATEGORY_GROUPS = {category.value: category.label for category in AudienceCategory}
CATEGORY_NOTE = (
    "Each respondent is counted once, in the first of these that applies: an organisation by its "
    "type (a business, a voluntary or community group, or anyone else affected); someone who runs "
    "a business here; a young person under 25; a student; a resident; someone who works here; a "
    "service user; a visitor; anyone else affected."
)
# Words in a census category label -> the "About you" option it matches (first match wins).
_ETHNIC_WORDS = (
    ("mixed", "Mixed or multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("white", "White"),
    ("other", "Other ethnic group"),
)


@dataclass(frozen=True)
class CensusFigures:
    """A reference mapped onto a dimension's groups, with anything worth saying about how."""

    counts: dict[str, float]
    note: str = ""
    base: str = "residents of all ages"  # who the figures count, said on the page


def top_level(counts: Mapping[str, float]) -> dict[str, float]:
    """The first level of an ONS bulk table's categories (labels without a ": " below them)."""
    return {label: value for label, value in counts.items() if ": " not in label}


def age_groups(min_age: int = ADULT_AGE) -> dict[str, str]:
    """The age groups compared: under 16 only when under-16s could take part."""
    if min_age < ADULT_AGE:
        return dict(AGE_GROUPS)
    return {key: label for key, label in AGE_GROUPS.items() if key != UNDER_16}


def _counted(band: str, min_age: int) -> bool:
    return band in CENSUS_AGE_START and CENSUS_AGE_START[band] >= min_age


def age_from_age_sex(counts: Mapping[str, float], min_age: int = ADULT_AGE) -> CensusFigures:
    """Residents by compared age group, from the bands that start at min_age or later."""
    groups = dict.fromkeys(age_groups(min_age), 0.0)
    for key, value in counts.items():
        band = key.partition("|")[2]
        if _counted(band, min_age):
            groups[CENSUS_AGE_GROUP[band]] += float(value)
    note = AGE_NOTE + (UNDER_16_NOTE if min_age < ADULT_AGE else "")
    return CensusFigures(groups, note, age_base_text(min_age))


def sex_from_age_sex(counts: Mapping[str, float], min_age: int = ADULT_AGE) -> CensusFigures:
    """Residents by sex, counting the ages from min_age up (the age x sex table allows it)."""
    groups = dict.fromkeys(SEX_GROUPS, 0.0)
    for key, value in counts.items():
        sex, _, band = key.partition("|")
        if sex in groups and _counted(band, min_age):
            groups[sex] += float(value)
    return CensusFigures(groups, base=age_base_text(min_age))


def sex_from_bulk(counts: Mapping[str, float]) -> CensusFigures:
    return CensusFigures({sex: float(counts.get(sex, 0)) for sex in SEX_GROUPS})


def ethnic_from_quiz(percentages: Mapping[str, float]) -> CensusFigures:
    """The census quiz gives four broad groups in percent; the rest of 100 is the other groups."""
    groups = dict.fromkeys(ETHNIC_GROUPS, 0.0)
    for word, value in percentages.items():
        groups[_ethnic_option(word)] += float(value)
    groups["Other ethnic group"] = max(0.0, 100.0 - sum(groups.values()))
    note = (
        "Broad ethnic groups from ONS's census quiz figures, rounded to one decimal place; "
        "'Other ethnic group' is what is left of 100%."
    )
    return CensusFigures(groups, note)


def ethnic_from_bulk(counts: Mapping[str, float]) -> CensusFigures:
    """TS021 (or any ethnic group table): its top-level groups matched by their words."""
    groups = dict.fromkeys(ETHNIC_GROUPS, 0.0)
    for label, value in top_level(counts).items():
        groups[_ethnic_option(label)] += float(value)
    return CensusFigures(groups)


def _ethnic_option(label: str) -> str:
    lowered = label.lower()
    return next((option for word, option in _ETHNIC_WORDS if word in lowered), "Other ethnic group")


def disability_from_bulk(counts: Mapping[str, float]) -> CensusFigures:
    """TS038: disabled and limited a lot / a little, and everyone not disabled."""
    groups = dict.fromkeys(DISABILITY_GROUPS, 0.0)
    for label, value in counts.items():
        lowered = label.lower()
        if ": " not in label and lowered.startswith("not disabled"):
            groups["No"] += float(value)
        elif "limited a lot" in lowered and ": " in label:
            groups["Yes, limited a lot"] += float(value)
        elif "limited a little" in lowered and ": " in label:
            groups["Yes, limited a little"] += float(value)
    return CensusFigures(groups)


# Economic activity: TS066's categories (as census_import stores them, levels joined by ": ")
# -> the compared group. Only the levels listed are read, so no one is counted twice: the
# census's finer breakdowns (employee or self-employed, part-time or full-time) sit below them.
# Every full-time student is a student here, working or not (see economic_activity.py).
CENSUS_ECONOMIC_ACTIVITY = {
    "economically active (excluding full-time students): in employment": (
        EconomicActivity.EMPLOYED.value
    ),
    "economically active (excluding full-time students): unemployed": (
        EconomicActivity.UNEMPLOYED.value
    ),
    "economically active and a full-time student": EconomicActivity.FULL_TIME_STUDENT.value,
    "economically inactive: student": EconomicActivity.FULL_TIME_STUDENT.value,
    "economically inactive: retired": EconomicActivity.RETIRED.value,
    "economically inactive: looking after home or family": (
        EconomicActivity.LOOKING_AFTER_HOME.value
    ),
    "economically inactive: long-term sick or disabled": EconomicActivity.LONG_TERM_SICK.value,
    "economically inactive: other": EconomicActivity.OTHER.value,
}
ECONOMIC_ACTIVITY_BASE = "usual residents aged 16 and over"
ECONOMIC_ACTIVITY_NOTE = (
    "The census table counts usual residents aged 16 and over, and the question is asked only "
    "of people aged 16 or over. Full-time students are one group, whether or not they also work "
    "(the census's 'economically active and a full-time student' and 'economically inactive: "
    "student' together); 'In work' is everyone else with a job."
)


def _census_key(label: str) -> str:
    return ": ".join(part.strip() for part in label.lower().split(":"))


def economic_activity_from_bulk(counts: Mapping[str, float]) -> CensusFigures:
    """TS066: the census's 20 categories gathered into the seven groups the question asks."""
    groups = dict.fromkeys(ECONOMIC_ACTIVITY_GROUPS, 0.0)
    for label, value in counts.items():
        group = CENSUS_ECONOMIC_ACTIVITY.get(_census_key(label))
        if group is not None:
            groups[group] += float(value)
    return CensusFigures(groups, ECONOMIC_ACTIVITY_NOTE, ECONOMIC_ACTIVITY_BASE)
