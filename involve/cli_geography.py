"""`flask involve import-wards | import-postcodes`: load ONS lookups so postcodes find wards."""

from __future__ import annotations

from pathlib import Path

import click

from involve.cli import involve_cli
from involve.extensions import db
from involve.services import authority, geography
from involve.services.audit import record_event
from involve.services.errors import DomainError


def _district(district: str | None, include_all: bool) -> str | None:
    """The district to keep: --district, else the authority's own; None with --all."""
    if include_all:
        return None
    if district:
        return district.strip().upper()
    settings = authority.get_settings()
    if settings is None or not settings.ons_code:
        raise click.ClickException(
            "Set the authority's ONS code first (or pass --district CODE or --all)"
        )
    return settings.ons_code


@involve_cli.command("import-wards")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=geography.WARD_LOOKUP_FILE,
    show_default=True,
    help="An ONS ward to local authority district lookup CSV (WDxxCD, WDxxNM, LADxxCD, LADxxNM).",
)
@click.option("--district", help="Import this district's wards (default: the authority's).")
@click.option("--all", "include_all", is_flag=True, help="Import every ward in the file.")
def import_wards_command(path: Path, district: str | None, include_all: bool) -> None:
    """Add or update wards from an ONS lookup (safe to run again)."""
    district_code = _district(district, include_all)
    try:
        counts = geography.import_ward_file(path=path, district_code=district_code)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    if district_code is not None and not geography.list_wards(district_code):
        raise click.ClickException(f"{path.name} has no wards in district {district_code}")
    record_event(
        actor=None,
        action="geography.wards_imported",
        object_type="ward",
        summary=f"Imported wards from {path.name}: {counts.added} added, {counts.updated} updated",
        detail={"file": path.name, "district": district_code or "all"},
    )
    db.session.commit()
    click.echo(f"Wards from {path.name}: {counts.added} added, {counts.updated} updated")


@involve_cli.command("import-postcodes")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="An ONS Postcode Directory or NSPL CSV (pcds, osward or wdxxcd, laua or ladxxcd).",
)
@click.option("--district", help="Import this district's postcodes (default: the authority's).")
@click.option("--all", "include_all", is_flag=True, help="Import every postcode in the file.")
def import_postcodes_command(path: Path, district: str | None, include_all: bool) -> None:
    """Add or update postcode to ward lookups, 10,000 rows at a time (safe to run again)."""
    district_code = _district(district, include_all)
    try:
        counts = geography.import_postcode_file(path=path, district_code=district_code)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    record_event(
        actor=None,
        action="geography.postcodes_imported",
        object_type="postcode_lookup",
        summary=(
            f"Imported postcodes from {path.name}: {counts.added} added, {counts.updated} updated"
        ),
        detail={"file": path.name, "district": district_code or "all"},
    )
    db.session.commit()
    click.echo(
        f"Postcodes from {path.name}: {counts.added} added, {counts.updated} updated, "
        f"{counts.skipped} unchanged"
    )
