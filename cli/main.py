"""The `salesplus` command line (console script `salesplus = "cli.main:main"`)."""

import click

import logs
from cli.audit import audit_group
from cli.breach import breach_group
from cli.data import demo_group, import_command, migrate_command
from cli.export import export_command
from cli.keys import keys_group
from cli.policy import policy_group
from cli.processing_record import processing_record_command
from cli.retention import retention_group
from cli.serve import serve
from cli.tokens import token_group
from cli.users import user_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="salesplus")
def cli() -> None:
    """Sales Plus CRM API: server and administration commands.

    The database is DATABASE_URL (default: the SQLite file ./salesplus.db); settings may also come
    from a .env file."""


for command in (serve, import_command, user_group, migrate_command, demo_group, export_command,
                audit_group, token_group, policy_group, retention_group, breach_group,
                processing_record_command, keys_group):
    cli.add_command(command)


def main() -> None:
    logs.configure()
    cli(prog_name="salesplus")
