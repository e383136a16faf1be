"""`flask involve import-census`: Census 2021 reference figures for the authority (or any area)."""

from __future__ import annotations

from pathlib import Path

import click

from involve.cli import involve_cli
from involve.cli_geography import _district
from involve.extensions import db
from involve.services import census_import
from involve.services.errors import DomainError
from involve.services.reference_groups import OGL_ATTRIBUTION


@involve_cli.command("import-census")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An ONS bulk CSV (date, geography, geography code, then one column per category). "
    "Without it, every Census 2021 extract shipped in data/ons/ is loaded.",
)
@click.option("--table", help="The ONS table code (TS038, TS021 …) when the header is not known.")
@click.option("--district", help="Load this area's figures (default: the authority's).")
@click.option("--all", "include_all", is_flag=True, help="Load every area in the file.")
def import_census_command(
    path: Path | None, table: str | None, district: str | None, include_all: bool
) -> None:
    """Load Census 2021 reference figures (safe to run again: unchanged rows are left alone)."""
    area = _district(district, include_all)
    areas = None if area is None else {area}
    try:
        if path is None:
            summary = census_import.import_shipped_census(area_codes=areas)
        else:
            summary = census_import.import_census_file(path=path, area_codes=areas, table=table)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Census figures: {summary.describe()}")
    click.echo(OGL_ATTRIBUTION)
