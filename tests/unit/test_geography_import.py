"""Importing the ONS ward and postcode lookups, and finding a postcode's ward."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from involve.extensions import db
from involve.models import PostcodeLookup, Ward
from involve.services import geography
from involve.services.geography import UnrecognisedColumns
from tests.factories import AuthoritySettingsFactory

WARD_CSV = (
    "\ufeffFID,WD23CD,WD23NM,WD23NMW,LAD23CD,LAD23NM\n"
    "1,E05010986,Stroud Central,,E07000082,Stroud\n"
    "2,E05010980,Nailsworth,,E07000082,Stroud\n"
    '3,E05012285,"Meadows, North",,E06000018,Nottingham\n'
)
POSTCODE_CSV = (
    "pcd,pcds,doterm,laua,osward\n"
    "GL5 1AB,GL5 1AB,,E07000082,E05010986\n"
    "GL6 0AB,GL6 0AB,,E07000082,E05010980\n"
    "GL6 0AD,GL6 0AD,202001,E07000082,E05010980\n"
    "NG7 1AA,NG7 1AA,,E06000018,E05012285\n"
    "GL5 1AD,GL5 1AD,,E07000082,E05010986\n"
    "GL5 1AE,GL5 1AE,,E07000082,E05010986\n"
)


def test_ward_columns_are_found_by_prefix_for_any_year():
    columns = geography.detect_ward_columns(
        ["\ufeffWD23CD", "WD23NM", "WD23NMW", "LAD23CD", "LAD23NM"]
    )
    assert columns.code == "\ufeffWD23CD"
    assert (columns.name, columns.district_code, columns.district_name) == (
        "WD23NM",
        "LAD23CD",
        "LAD23NM",
    )


def test_a_file_without_ward_columns_is_refused_with_the_missing_names():
    with pytest.raises(UnrecognisedColumns) as error:
        geography.detect_ward_columns(["pcds", "osward", "laua"])
    assert "no WDxxCD, WDxxNM, LADxxCD, LADxxNM column" in str(error.value)


def test_postcode_columns_prefer_pcds_and_accept_new_style_names():
    columns = geography.detect_postcode_columns(["pcd7", "pcds", "wd24cd", "lad24cd"])
    assert (columns.postcode, columns.ward_code, columns.district_code) == (
        "pcds",
        "wd24cd",
        "lad24cd",
    )
    assert columns.terminated is None


def test_postcode_rows_skip_terminated_and_other_districts():
    import csv
    import io

    reader = csv.DictReader(io.StringIO(POSTCODE_CSV))
    columns = geography.detect_postcode_columns(reader.fieldnames or [])
    rows = list(geography.postcode_rows(reader, columns, "E07000082"))
    assert [row["postcode"] for row in rows] == ["GL51AB", "GL60AB", "GL51AD", "GL51AE"]
    assert rows[0] == {"postcode": "GL51AB", "ward_code": "E05010986", "district_code": "E07000082"}


def test_import_wards_keeps_the_district_and_updates_without_duplicating(tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text(WARD_CSV, encoding="utf-8")
    first = geography.import_ward_file(path=path, district_code="E07000082")
    assert (first.added, first.updated, first.skipped) == (2, 0, 1)
    path.write_text(WARD_CSV.replace("Nailsworth", "Nailsworth Town"), encoding="utf-8")
    second = geography.import_ward_file(path=path, district_code="E07000082")
    assert (second.added, second.updated) == (0, 1)
    assert [ward.name for ward in geography.list_wards("e07000082")] == [
        "Nailsworth Town",
        "Stroud Central",
    ]
    assert db.session.scalar(select(func.count()).select_from(Ward)) == 2


def test_import_wards_command_reports_wrong_columns_without_a_traceback(app, tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text(POSTCODE_CSV, encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["involve", "import-wards", "--file", str(path), "--all"]
    )
    assert result.exit_code == 1
    assert "Error: This is not an ONS ward to local authority lookup" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_import_wards_command_reports_a_missing_file(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["involve", "import-wards", "--file", str(tmp_path / "nope.csv"), "--all"]
    )
    assert result.exit_code == 1
    assert "There is no file at" in result.output


def test_import_wards_command_uses_the_authority_district_by_default(app, tmp_path):
    AuthoritySettingsFactory()
    path = tmp_path / "wards.csv"
    path.write_text(WARD_CSV, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["involve", "import-wards", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated" in result.output
    assert set(db.session.scalars(select(Ward.district_code))) == {"E07000082"}


def test_import_postcodes_writes_in_batches_and_updates_moved_postcodes(tmp_path):
    path = tmp_path / "nspl.csv"
    path.write_text(POSTCODE_CSV, encoding="utf-8")
    inserts: list[str] = []

    def count_inserts(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO postcode_lookup"):
            inserts.append(statement)

    engine_connection = db.session.connection()
    event.listen(engine_connection, "before_cursor_execute", count_inserts)
    try:
        counts = geography.import_postcode_file(path=path, district_code=None, batch_size=2)
    finally:
        event.remove(engine_connection, "before_cursor_execute", count_inserts)
    assert (counts.added, counts.updated) == (5, 0)
    assert len(inserts) == 3  # 2 + 2 + 1 rows

    path.write_text(
        POSTCODE_CSV.replace("GL5 1AE,,E07000082,E05010986", "GL5 1AE,,E07000082,E05010971")
    )
    again = geography.import_postcode_file(path=path, district_code="E07000082", batch_size=2)
    assert (again.added, again.updated, again.skipped) == (0, 1, 3)
    moved = db.session.get(PostcodeLookup, "GL51AE")
    db.session.refresh(moved)
    assert moved.ward_code == "E05010971"
    assert db.session.scalar(select(func.count()).select_from(PostcodeLookup)) == 5


def test_import_postcodes_command_refuses_a_ward_lookup(app, tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text(WARD_CSV, encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["involve", "import-postcodes", "--file", str(path), "--all"]
    )
    assert result.exit_code == 1
    assert "This is not an ONS postcode directory: no postcode (pcds or pcd)" in result.output


def test_ward_for_postcode_finds_the_ward_however_the_postcode_is_typed(tmp_path):
    wards = tmp_path / "wards.csv"
    wards.write_text(WARD_CSV, encoding="utf-8")
    postcodes = tmp_path / "nspl.csv"
    postcodes.write_text(POSTCODE_CSV, encoding="utf-8")
    geography.import_ward_file(path=wards, district_code=None)
    geography.import_postcode_file(path=postcodes, district_code=None)
    for typed in ("GL5 1AB", "gl51ab", " gl5  1ab "):
        ward = geography.ward_for_postcode(typed)
        assert ward is not None and ward.name == "Stroud Central"
    assert geography.ward_for_postcode("GL6 0AD") is None  # terminated, not imported
    assert geography.ward_for_postcode("") is None
