"""The default "balanced mix" a plan aims for: the area's population by age band and sex from the
Census 2021 (data/ons/ons_census_quiz_2021_ltla_subset.csv), plus the local-person categories,
which have no census figure and which the officer fills in.

Keys of ActivityPlan.target_mix: the census columns without "_perc" ("age_0-14" … "age_75plus",
"sex_female", "sex_male") and the AudienceCategory values ("residents", …); values are shares 0..1.

The census age bands are not the bands the "About you" questions ask (AgeBand). 25-34, 65-74
and 75+ (75-84 and 85+) line up; 0-14, 15-24, 35-44, 45-54 and 55-64 straddle an AgeBand
boundary (AGE_BAND_OVERLAPS), so a comparison with respondents must use the finer census table.
The target mix is kept in the census bands, the reference it came from.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from involve.models import AudienceCategory
from involve.models.responses import AgeBand
from involve.services.authority import get_settings

CENSUS_MIX_FILE = (
    Path(__file__).resolve().parents[2] / "data" / "ons" / "ons_census_quiz_2021_ltla_subset.csv"
)

AGE_COLUMNS = {
    "age_0-14": "Aged 0 to 14",
    "age_15-24": "Aged 15 to 24",
    "age_25-34": "Aged 25 to 34",
    "age_35-44": "Aged 35 to 44",
    "age_45-54": "Aged 45 to 54",
    "age_55-64": "Aged 55 to 64",
    "age_65-74": "Aged 65 to 74",
    "age_75plus": "Aged 75 and over",
}
SEX_COLUMNS = {"sex_female": "Female", "sex_male": "Male"}

# Which "About you" age bands each census band overlaps.
AGE_BAND_OVERLAPS = {
    "age_0-14": [AgeBand.UNDER_16],
    "age_15-24": [AgeBand.UNDER_16, AgeBand.AGE_16_17, AgeBand.AGE_18_24],
    "age_25-34": [AgeBand.AGE_25_34],
    "age_35-44": [AgeBand.AGE_35_49],
    "age_45-54": [AgeBand.AGE_35_49, AgeBand.AGE_50_64],
    "age_55-64": [AgeBand.AGE_50_64],
    "age_65-74": [AgeBand.AGE_65_74],
    "age_75plus": [AgeBand.AGE_75_84, AgeBand.AGE_85_PLUS],
}


class Dimension:
    AGE = "age"
    SEX = "sex"
    CATEGORY = "category"


DIMENSION_LABELS = {
    Dimension.AGE: "age bands",
    Dimension.SEX: "sex",
    Dimension.CATEGORY: "local-person categories",
}


@dataclass(frozen=True)
class MixRow:
    key: str
    label: str
    dimension: str
    census_percent: float | None  # None: no census default (the local-person categories)


@dataclass(frozen=True)
class ReferenceMix:
    ons_code: str
    area_name: str  # "" when the code is not in the census file
    population: int | None
    rows: list[MixRow]

    @property
    def has_census(self) -> bool:
        return bool(self.area_name)

    def default_target_mix(self) -> dict[str, float]:
        """The census shares (0..1) as a starting target mix; empty when the area is unknown."""
        return {
            row.key: round(row.census_percent / 100, 4)
            for row in self.rows
            if row.census_percent is not None
        }


@cache
def _census_rows() -> dict[str, dict[str, str]]:
    with CENSUS_MIX_FILE.open(newline="", encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def reference_mix_for(ons_code: str) -> ReferenceMix:
    """Rows for age bands, sex (with census shares when the district is in the file) and the
    local-person categories (never a census default)."""
    census = _census_rows().get(ons_code.strip().upper())

    def percent(key: str) -> float | None:
        return float(census[f"{key}_perc"]) if census is not None else None

    rows = [MixRow(key, label, Dimension.AGE, percent(key)) for key, label in AGE_COLUMNS.items()]
    rows += [MixRow(key, label, Dimension.SEX, percent(key)) for key, label in SEX_COLUMNS.items()]
    rows += [
        MixRow(category.value, category.label, Dimension.CATEGORY, None)
        for category in AudienceCategory
    ]
    return ReferenceMix(
        ons_code=ons_code,
        area_name=census["name"] if census else "",
        population=int(census["population_total"]) if census else None,
        rows=rows,
    )


def authority_reference_mix() -> ReferenceMix:
    """The reference mix for the authority this deployment serves (AuthoritySettings.ons_code)."""
    settings = get_settings()
    return reference_mix_for(settings.ons_code if settings is not None else "")
