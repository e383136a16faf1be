"""`flask involve import-census`: the shipped extracts, any ONS bulk CSV, idempotency, bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuditEvent, ReferenceDistribution, Ward
from involve.services.census_import import (
    CensusFileError,
    import_census_file,
    import_shipped_census,
)
from involve.services.reference_groups import (
    age_from_age_sex,
    disability_from_bulk,
    ethnic_from_quiz,
)
from tests.factories import AuthoritySettingsFactory

TS038 = (
    "date,geography,geography code,"
    "Disability: Total: All usual residents,"
    "Disability: Disabled under the Equality Act,"
    "Disability: Disabled under the Equality Act: Day-to-day activities limited a lot,"
    "Disability: Disabled under the Equality Act: Day-to-day activities limited a little,"
    "Disability: Not disabled under the Equality Act,"
    "Disability: Not disabled under the Equality Act: Has long term physical or mental health "
    "condition but day-to-day activities are not limited,"
    "Disability: Not disabled under the Equality Act: No long term physical or mental health "
    "conditions\n"
    "2021,Stroud,E07000082,1000,200,80,120,800,100,700\n"
    "2021,Hartlepool,E06000001,900,250,100,150,650,50,600\n"
)


def _write(tmp_path: Path, text: str, name: str = "ts038.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rows() -> int:
    return db.session.scalar(select(func.count()).select_from(ReferenceDistribution)) or 0


def test_a_bulk_file_is_read_by_its_header_and_imported_once(tmp_path):
    path = _write(tmp_path, TS038)
    first = import_census_file(path=path, area_codes={"E07000082"})
    assert (first.added, first.updated, first.tables) == (1, 0, {"TS038"})
    row = db.session.scalars(select(ReferenceDistribution)).one()
    assert (row.scope, row.dimension, row.table_code, row.total) == (
        "E07000082",
        "disability",
        "TS038",
        1000,
    )
    assert row.counts["Disabled under the Equality Act: Day-to-day activities limited a lot"] == 80
    assert "Open Government Licence" in row.licence
    assert disability_from_bulk(row.counts).counts == {
        "Yes, limited a lot": 80,
        "Yes, limited a little": 120,
        "No": 800,
    }

    again = import_census_file(path=path, area_codes={"E07000082"})
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert _rows() == 1

    _write(tmp_path, TS038.replace(",80,120,", ",81,119,"))
    changed = import_census_file(path=path, area_codes={"E07000082"})
    assert (changed.added, changed.updated) == (0, 1)
    assert _rows() == 1
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("reference.census_imported") == 2  # the unchanged run records nothing


def test_every_area_is_imported_with_no_filter(tmp_path):
    summary = import_census_file(path=_write(tmp_path, TS038), area_codes=None)
    assert summary.added == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,value\nStroud,3\n", "not an ONS bulk CSV"),
        ("", "not an ONS bulk CSV"),
        (
            "date,geography,geography code,Pets: Total,Pets: Cats\n2021,Stroud,E07000082,3,2\n",
            "give its ONS code with --table",
        ),
        (TS038.replace(",80,", ",eighty,"), "line 2"),
        (TS038.replace("2021,Stroud,E07000082,1000,", "2021,Stroud,E07000082,"), "columns"),
        (TS038.splitlines()[0] + "\n", "no rows"),
    ],
)
def test_a_bad_file_gives_a_clear_error(tmp_path, text, message):
    with pytest.raises(CensusFileError, match=message):
        import_census_file(path=_write(tmp_path, text), area_codes={"E07000082"})
    assert _rows() == 0


def test_a_table_we_do_not_know_goes_in_with_its_code(tmp_path):
    text = "date,geography,geography code,Pets: Total,Pets: Cats,Pets: Dogs\n2021,Stroud,E07000082,5,2,3\n"
    summary = import_census_file(
        path=_write(tmp_path, text), area_codes={"E07000082"}, table="ts999"
    )
    assert summary.tables == {"TS999"}
    row = db.session.scalars(select(ReferenceDistribution)).one()
    assert (row.dimension, row.counts, row.total) == ("pets", {"Cats": 2, "Dogs": 3}, 5)


def test_an_area_not_in_the_file_is_an_error(tmp_path):
    with pytest.raises(CensusFileError, match="no rows for E09000001"):
        import_census_file(path=_write(tmp_path, TS038), area_codes={"E09000001"})


def test_a_file_by_ward_becomes_the_area_s_ward_reference(tmp_path):
    db.session.add_all(
        [
            Ward(
                code="E05010986",
                name="Stroud Central",
                district_code="E07000082",
                district_name="Stroud",
            ),
            Ward(
                code="E05010985",
                name="Stonehouse",
                district_code="E07000082",
                district_name="Stroud",
            ),
        ]
    )
    text = (
        "date,geography,geography code,Sex: All persons,Sex: Female,Sex: Male\n"
        "2021,Stroud Central,E05010986,4000,2100,1900\n"
        "2021,Stonehouse,E05010985,8000,4100,3900\n"
    )
    summary = import_census_file(path=_write(tmp_path, text), area_codes={"E07000082"})
    assert summary.tables == {"TS008 by ward"}
    row = db.session.scalars(select(ReferenceDistribution)).one()
    assert (row.scope, row.dimension) == ("E07000082", "ward")
    assert row.counts == {"E05010986": 4000, "E05010985": 8000}
    # Titled from what it is (each ward's residents), not from the table it was summed from.
    assert row.title == "Census 2021: usual residents by ward (the totals of TS008)"


def test_the_shipped_extracts_give_stroud_its_profile():
    summary = import_shipped_census(area_codes={"E07000082"})
    assert summary.tables == {"TS009", "TS007A", "TS008", "TS066", "census-quiz"}
    rows = {
        row.table_code: row
        for row in db.session.scalars(
            select(ReferenceDistribution).where(ReferenceDistribution.scope == "E07000082")
        )
    }
    age = age_from_age_sex(rows["TS009"].counts).counts
    # By default the comparison is with residents aged 16 and over: no under-16 group.
    assert "0-15" not in age
    assert age["16-24"] == 2365 + 2417 + 2571 + 2596
    # With children and young people in the audiences, 10-15s (both sexes) stand for under-16s.
    assert age_from_age_sex(rows["TS009"].counts, min_age=10).counts["0-15"] == 4192 + 4415
    assert rows["TS008"].counts == {"Female": 61869, "Male": 59235}
    assert rows["TS008"].total == 121104
    ethnic = ethnic_from_quiz(rows["census-quiz"].counts).counts
    assert ethnic["White"] == 96.4
    assert ethnic["Other ethnic group"] == pytest.approx(100 - 96.4 - 1.8 - 1.0 - 0.4)
    again = import_shipped_census(area_codes={"E07000082"})
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)


def test_the_command_loads_the_authority_s_figures_and_says_where_they_come_from(app, tmp_path):
    AuthoritySettingsFactory()
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["involve", "import-census", "--file", str(_write(tmp_path, TS038))]
    )
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    assert "Open Government Licence v.3.0" in result.output
    bad = runner.invoke(
        args=["involve", "import-census", "--file", str(_write(tmp_path, "x\n1\n", "x.csv"))]
    )
    assert bad.exit_code != 0
    assert "not an ONS bulk CSV" in bad.output


def test_an_ethnic_group_table_maps_its_top_level_groups_onto_the_questions_we_ask(tmp_path):
    import csv

    from involve.services.reference_groups import ethnic_from_bulk

    header = [
        "date",
        "geography",
        "geography code",
        "Ethnic group: Total: All usual residents",
        "Ethnic group: Asian, Asian British or Asian Welsh",
        "Ethnic group: Asian, Asian British or Asian Welsh: Indian",
        "Ethnic group: Black, Black British, Black Welsh, Caribbean or African",
        "Ethnic group: Mixed or Multiple ethnic groups",
        "Ethnic group: White",
        "Ethnic group: White: Irish",
        "Ethnic group: Other ethnic group",
    ]
    path = tmp_path / "ts021.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["2021", "Stroud", "E07000082", 1000, 10, 6, 5, 20, 960, 8, 5])
    import_census_file(path=path, area_codes={"E07000082"})
    row = db.session.scalars(select(ReferenceDistribution)).one()
    assert (row.table_code, row.dimension) == ("TS021", "ethnic_group")
    assert ethnic_from_bulk(row.counts).counts == {
        "Asian or Asian British": 10,
        "Black, Black British, Caribbean or African": 5,
        "Mixed or multiple ethnic groups": 20,
        "White": 960,
        "Other ethnic group": 5,
    }


AGE_SEX_HEADER = "ltla21_code,ltla21_name,country,sex,age_band,count\n"
QUIZ_HEADER = "code,name,ethnicity_white_perc,ethnicity_asian_perc\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A short row of each layout (they raised IndexError and printed a traceback).
        (AGE_SEX_HEADER + "E07000082,Stroud,England,Female\n", "line 2: 4 columns, expected 6"),
        (QUIZ_HEADER + "E07000082,Stroud\n", "line 2: 2 columns, expected 4"),
        (
            "date,geography,geography code,Sex: All persons,Sex: Female\n2021,Stroud,E07000082,5\n",
            "line 2: 4 columns, expected 5",
        ),
        # A required column missing (KeyError before): name it.
        ("ltla21_code,sex,age_band,count\nE07000082,Female,0-4,5\n", "no ltla21_name column"),
        ("code,ethnicity_white_perc\nE07000082,96\n", "no name column"),
        # A count with hundreds of digits (every page 500'd once it was stored).
        (TS038.replace(",80,", "," + "9" * 400 + ","), "line 2: .* too large a count"),
        (AGE_SEX_HEADER + "E07000082,Stroud,England,Female,0-4,100000001\n", "too large a count"),
        # A field over the csv module's limit (131,072 characters).
        (
            TS038.splitlines()[0] + "\n2021,Stroud," + "E" * 140_000 + "\n",
            "cannot be read as a CSV",
        ),
    ],
    ids=[
        "short-age-sex-row",
        "short-quiz-row",
        "short-bulk-row",
        "age-sex-without-name",
        "quiz-without-name",
        "huge-bulk-count",
        "age-sex-count-over-the-cap",
        "field-over-the-csv-limit",
    ],
)
def test_the_command_explains_a_malformed_file_without_a_traceback(app, tmp_path, text, message):
    AuthoritySettingsFactory()
    db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["involve", "import-census", "--file", str(_write(tmp_path, text, "bad.csv"))]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: bad.csv")
    assert re.search(message, result.output), result.output
    assert _rows() == 0
