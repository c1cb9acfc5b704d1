"""The archive opened by other tools: sqlite-utils finds its full-text index (after `db upgrade`
of an archive made before revision 0008), and Datasette answers a search with the metadata
`newsarchive datasette-metadata` prints."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import Archive, parse_bytes
from newsarchive.cli import cli

SEED_HEADLINE = "Trump team may pursue direct talks with Kim Jong Un"


def test_sqlite_utils_searches_an_upgraded_archive(tmp_path: Path, seed_path: Path) -> None:
    sqlite_utils_cli = pytest.importorskip("sqlite_utils.cli").cli
    from alembic import command

    from newsarchive.store.schema import alembic_config

    db = tmp_path / "archive.db"
    archive = Archive.open(str(db))
    data = seed_path.read_bytes()
    archive.add(parse_bytes(data, str(seed_path)), data)
    cfg = alembic_config()
    with archive.engine.begin() as conn:  # back to the schema newsarchive made before 0008
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.downgrade(cfg, "0007")  # type: ignore[arg-type]
    archive.close()
    runner = CliRunner()
    before = runner.invoke(sqlite_utils_cli, ["search", str(db), "articles", "Kim Jong Un"])
    assert before.exit_code != 0  # not configured for full-text search, in its eyes
    assert runner.invoke(cli, ["--db", str(db), "db", "upgrade"]).exit_code == 0
    found = runner.invoke(sqlite_utils_cli, ["search", str(db), "articles", "Kim Jong Un"])
    assert found.exit_code == 0, found.output
    assert [row["headline"] for row in json.loads(found.stdout)] == [SEED_HEADLINE]
    # The index is the one newsarchive keeps: in step with the table, searched as before.
    assert runner.invoke(cli, ["--db", str(db), "check"]).exit_code == 0
    assert SEED_HEADLINE in runner.invoke(cli, ["--db", str(db), "search", "Kim"]).stdout


def test_datasette_searches_with_the_metadata(tmp_path: Path, seed_path: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    db = tmp_path / "news.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(seed_path)]).exit_code == 0
    printed = runner.invoke(cli, ["--db", str(db), "datasette-metadata"])
    assert printed.exit_code == 0
    metadata = json.loads(printed.stdout)

    async def ask() -> tuple[list[dict[str, object]], dict[str, object], list[object]]:
        ds = datasette_app.Datasette([str(db)], metadata=metadata)
        found = await ds.client.get("/news/articles.json?_search=Kim+Jong+Un&_shape=array")
        table = await ds.client.get("/news/articles.json?_shape=objects&_size=1")
        months = await ds.client.get("/news/articles_per_month.json?_shape=array")
        return found.json(), table.json(), months.json()

    found, table, months = asyncio.run(ask())
    assert [row["headline"] for row in found] == [SEED_HEADLINE]
    assert {"source_id", "language"} <= {f for f in table["facet_results"]}
    assert months == [{"month": "2024-11", "articles": 1}]


def test_datasette_metadata_needs_a_sqlite_archive(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "datasette-metadata"])
    assert missing.exit_code == 1 and "no archive" in missing.stderr
    other = runner.invoke(cli, ["--db", "postgresql://u@h/db", "datasette-metadata"])
    assert other.exit_code == 2 and "SQLite" in other.stderr
