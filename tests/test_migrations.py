"""Schema versions: new archives at the head, older ones refused until `db upgrade`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import Archive, QueryError, parse_bytes
from newsarchive.cli import cli
from newsarchive.store.schema import HEAD_REVISION, REVISIONS, upgrade


def test_revisions_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    from newsarchive.store.schema import alembic_config

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    ordered = [s.revision for s in script.walk_revisions()][::-1]
    assert tuple(ordered) == REVISIONS and REVISIONS[-1] == HEAD_REVISION


def _write_as_0001(archive: Archive, data: bytes, path: str) -> None:
    """The seed stored as newsarchive 0001 stored it: its tables and columns, no newer ones."""
    from datetime import datetime

    from sqlalchemy import text

    article = parse_bytes(data, path)
    now = datetime(2024, 12, 1)
    with archive.engine.begin() as conn:
        source = conn.execute(
            text("INSERT INTO sources (name, domain) VALUES (:n, :d) RETURNING id"),
            {"n": "The Dong-A Ilbo", "d": "donga.com"},
        ).scalar_one()
        article_id = conn.execute(
            text(
                "INSERT INTO articles (source_id, headline, posted_at, byline, emails, body,"
                " language, word_count, content_sha256, version, ingested_at) VALUES (:s, :h,"
                " :p, :b, '[]', :body, :lang, :wc, :sha, 1, :now) RETURNING id"
            ),
            {
                "s": source,
                "h": article.headline,
                "p": article.posted_at,
                "b": article.byline,
                "body": article.body,
                "lang": article.language,
                "wc": article.word_count,
                "sha": article.sha256,
                "now": now,
            },
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO inputs (sha256, path, format, size, data, ingested_at, article_id)"
                " VALUES (:sha, :path, 'text', :size, :data, :now, :a)"
            ),
            {
                "sha": article.input.sha256,
                "path": path,
                "size": len(data),
                "data": data,
                "now": now,
                "a": article_id,
            },
        )


def test_an_older_archive_is_refused_then_upgraded(db_url: str, seed_path: Path) -> None:
    old = Archive.open(db_url, check_schema=False)
    upgrade(old.engine, "0001")
    _write_as_0001(old, seed_path.read_bytes(), str(seed_path))
    old.close()

    runner = CliRunner()
    refused = runner.invoke(cli, ["search", "Kim"])
    assert refused.exit_code == 1
    assert "schema 0001" in refused.stderr and "newsarchive db upgrade" in refused.stderr
    # Described, not refused: what it is, and what to run.
    described = runner.invoke(cli, ["info"])
    assert described.exit_code == 0, described.output
    assert "0001 (outdated: `newsarchive db upgrade`)" in described.stdout
    assert "articles: 1" in described.stdout
    old_info = json.loads(runner.invoke(cli, ["info", "--json"]).stdout)
    assert (old_info["schema_version"], old_info["schema_current"]) == ("0001", False)
    assert old_info["containers"] is None  # the same keys as a current archive's, unknown

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


def test_diacritics_fold_on_every_engine_and_survive_a_downgrade(db_url: str) -> None:
    """Revision 0006: PostgreSQL folds diacritics as FTS5's remove_diacritics does, in what is
    stored (the data before the upgrade included) and in the query; a downgrade to 0005 makes the
    vectors as they were."""
    from newsarchive.store.search import SearchOptions

    data = (
        "José Müller opens a café in Zürich\n\nPosted Mar. 05, 2024 10:00\n\n"
        "The new café near the Limmat serves crème brûlée and déjà-vu coffee every morning.\n"
    ).encode()
    archive = Archive.open(db_url)
    archive.add(parse_bytes(data, "cafe.txt"), data)

    def found(query: str) -> bool:
        return bool(archive.search(SearchOptions(query=query)))

    for query in ("Jose Muller", "josé müller", "ZURICH", "creme brulee", "deja*", "Zürich"):
        assert found(query), query
    # Words unaccent spells with quotes or brackets stay searchable words, not syntax errors.
    for query in ("ŉ", "⑴ café", "ʼcafé"):
        archive.search(SearchOptions(query=query))
    # On PostgreSQL a word unaccent makes punctuation alone is punctuation, as in the indexed
    # text: beside others it is left out; alone it leaves nothing to search for (a usage
    # error, not the engine's syntax error).
    if archive.dialect == "postgresql":
        assert found("café ʹ")
        with pytest.raises(QueryError):
            archive.search(SearchOptions(query="ʹ"))
    if archive.dialect == "postgresql":
        from alembic import command

        from newsarchive.store.schema import alembic_config

        cfg = alembic_config()
        with archive.engine.begin() as conn:
            cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
            command.downgrade(cfg, "0005")  # type: ignore[arg-type]
        with archive.engine.connect() as conn:  # the 0005 vector: the text as it is
            rows = conn.exec_driver_sql(
                "SELECT count(*) FROM articles WHERE search_vector @@ to_tsquery('simple', %s)",
                ("zurich",),
            ).scalar_one()
        assert rows == 0
        upgrade(archive.engine)
        assert found("Zurich")
    archive.close()
