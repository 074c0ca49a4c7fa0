"""One SQLite file per test module, created by the real migrations, in a Tortoise context of its
own (db.database): the session's server fixture, if any, keeps its own database untouched."""

import pytest

import db


@pytest.fixture(scope="module")
async def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("importer") / "import.db"
    async with db.database(f"sqlite:///{path}"):  # closes the connections in a finally
        yield path
