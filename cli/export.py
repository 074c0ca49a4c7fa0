"""`salesplus export`: everything held about one contact, as the JSON document of
exportContactData (docs/export.schema.json), for answering an access or portability request.

The command runs with the database's own access, outside the API's policy: it is for the
operator or the DPO at a terminal, not for partners. The file holds personal data: it is created
readable by its owner only."""

import json
import os
import sys
from pathlib import Path

import click

from cli.common import CliError, no_traceback, run_with_db
from data.scope import TenantScope
from models import Contact, Tenant
from rights.export import export_contact


async def _document(slug: str, contact_id: int | None, external_ref: str | None) -> dict:
    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise CliError(f"no tenant with slug {slug!r}")
    if external_ref is not None:
        contacts = TenantScope(tenant.id).rows(Contact)
        ids = await contacts.filter(external_ref=external_ref).values_list("id", flat=True)
        contact_id = ids[0] if ids else None
    document = await export_contact(tenant.id, contact_id) if contact_id is not None else None
    if document is None:
        which = f"externalRef {external_ref!r}" if external_ref is not None else f"id {contact_id}"
        raise CliError(f"tenant {slug!r} has no contact with {which} (or it was erased)")
    return document


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


@click.command("export")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="The contact's tenant.")
@click.option("--contact", "contact_id", type=int, metavar="ID", help="The contact's id.")
@click.option("--external-ref", metavar="REF", help="Or the contact's externalRef.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (mode 600) instead of standard output.")
@no_traceback
def export_command(slug: str, contact_id: int | None, external_ref: str | None,
                   output: Path | None) -> None:
    """Export everything held about one contact as JSON (schema: docs/export.schema.json).

    Name the contact by --contact ID or --external-ref REF."""
    if (contact_id is None) == (external_ref is None):
        raise CliError("name the contact with exactly one of --contact ID and --external-ref REF")
    document = run_with_db(lambda: _document(slug, contact_id, external_ref))
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text)
    click.echo(f"Exported contact {document['contact']['id']} of {slug} to {output} "
               f"({len(document['interactions'])} interactions).", err=True)
