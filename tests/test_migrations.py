"""Schema versions: new archives at the head, older ones refused until `db upgrade`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsarchive import Archive, parse_bytes
from newsarchive.cli import cli
from newsarchive.store.schema import HEAD_REVISION, REVISIONS, upgrade


def test_revisions_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    from newsarchive.store.schema import alembic_config

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    ordered = [s.revision for s in script.walk_revisions()][::-1]
    assert tuple(ordered) == REVISIONS and REVISIONS[-1] == HEAD_REVISION


def test_an_older_archive_is_refused_then_upgraded(db_url: str, seed_path: Path) -> None:
    old = Archive.open(db_url, check_schema=False)
    upgrade(old.engine, "0001")
    data = seed_path.read_bytes()
    old.add(parse_bytes(data, str(seed_path)), data)  # written by the 0001 newsarchive
    old.close()

    runner = CliRunner()
    refused = runner.invoke(cli, ["search", "Kim"])
    assert refused.exit_code == 1
    assert "schema 0001" in refused.stderr and "newsarchive db upgrade" in refused.stderr

    done = runner.invoke(cli, ["db", "upgrade"])
    assert done.exit_code == 0 and f"0001 -> {HEAD_REVISION}: upgraded" in done.stdout
    again = runner.invoke(cli, ["db", "upgrade"])
    assert f"schema {HEAD_REVISION}: already current" in again.stdout

    info = json.loads(runner.invoke(cli, ["info", "--json"]).stdout)
    assert (info["schema_version"], info["articles"]) == (HEAD_REVISION, 1)
    # What was stored before the upgrade is found by the upgraded search.
    assert "Trump team" in runner.invoke(cli, ["search", "Kim Jong Un"]).stdout
    assert "Trump team" in runner.invoke(cli, ["search", "문병기"]).stdout


def test_db_upgrade_creates_a_new_archive(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0 and "created at schema" in result.stdout


def test_an_archive_from_a_newer_newsarchive_is_refused(db_url: str) -> None:
    archive = Archive.open(db_url)
    with archive.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    archive.close()
    for args in (["info"], ["db", "upgrade"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and "newer than this newsarchive" in result.stderr
