"""`salesplus processing-record`: the Art. 30(2) record of processing for one tenant, generated
from the policy, the schema's declared categories, the sub-processor register and the code in
force (accountability/processing_record.py)."""

import json

import click

from accountability import processing_record, subprocessors
from cli.common import no_traceback, run_with_db, tenant_by_slug
from policies.engine import PolicyEngine


def _list(values) -> str:
    return ", ".join(values) if values else "—"


def markdown(record: dict) -> str:
    controller, processor = record["controller"], record["processor"]
    lines = [f"# Record of processing activities (GDPR Art. 30(2)) — {controller['name']}", "",
             f"Generated {record['generatedAt']} from the system's own declarations.", "",
             "## Controller and processor", "",
             f"- Controller: {controller['name']} (tenant `{controller['tenant']}`)",
             "- Processor: " + "; ".join(f"{k}: {v}" for k, v in processor.items()),
             f"- Data subjects: {record['dataSubjects']}", "",
             "## Purposes of the processing carried out on the controller's behalf", "",
             "| purpose | lawful basis | built in | roles | categories read | categories written |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {p['purpose']} | {p['lawfulBasis']} | {'yes' if p['builtIn'] else 'no'} | "
              f"{_list(p['roles'])} | {_list(p['categoriesRead'])} | {_list(p['categoriesWritten'])} |"
              for p in record["purposes"]]
    lines += ["", "## Data categories and the fields they cover", "",
              "| category | fields |", "|---|---|"]
    lines += [f"| {c['category']} | {_list(c['fields'])} |" for c in record["categories"]]
    lines += ["", "## Sub-processors", "",
              "| name | service | purposes | categories | location | safeguards |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {s['name']} | {s['service']} | {_list(s['purposes'])} | "
              f"{_list(s['categories'])} | {s['location']} | {s['safeguards']} |"
              for s in record["subprocessors"]]
    lines += ["", "## Transfers outside the EEA", ""]
    lines += [f"- {t['recipient']} ({t['country']}): {t['safeguards']}"
              for t in record["transfersOutsideEea"]] or ["- none"]
    lines += ["", "## Technical and organisational measures", "",
              "| measure | in force | detail |", "|---|---|---|"]
    lines += [f"| {m['measure']} | {'yes' if m['inForce'] else '**no**'} | {m['detail']} |"
              for m in record["technicalMeasures"]]
    return "\n".join(lines) + "\n"


@click.command("processing-record")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--format", "output", type=click.Choice(["md", "json"]), default="md",
              show_default=True)
@no_traceback
def processing_record_command(slug: str, output: str) -> None:
    """The record of processing (GDPR Art. 30(2)) the processor keeps for this tenant: controller
    and processor, purposes with their lawful bases, data categories and their fields,
    sub-processors, transfers outside the EEA, technical measures in force."""
    async def work():
        tenant = await tenant_by_slug(slug)
        register = subprocessors.load()
        await subprocessors.record(register)
        return await processing_record.build(tenant, await PolicyEngine.load(), register=register)

    record = run_with_db(work)
    click.echo(json.dumps(record, indent=2, ensure_ascii=False) if output == "json"
               else markdown(record), nl=output == "json")
