"""`newsarchive copy`: whole archives between engines, losslessly, resumable."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ENGINES, new_database
from golden import fixture_pages
from newsarchive import Archive
from newsarchive.cli import cli
from newsarchive.errors import ArchiveError
from newsarchive.ingest import Job, ingest_jobs, ingest_paths
from newsarchive.record import content_hash
from newsarchive.store.check import PG_SEARCH_INDEXES
from newsarchive.store.copy import TABLES, archive_digest, copy_archive


def _filled(url: str, seed_path: Path) -> Archive:
    """An archive with every fixture page, a duplicate input and a new edition (a version)."""
    archive = Archive.open(url)
    ingest_paths(archive, [str(p) for p in fixture_pages()])
    data = seed_path.read_bytes()
    edition = data.replace(b"in a difficult situation.", b"in a difficult situation, he said.")
    ingest_jobs(archive, [Job("crlf.txt", data.replace(b"\n", b"\r\n")), Job("e.txt", edition)])
    counts = archive.counts()
    assert counts["versions"] >= 1 and counts["inputs"] > counts["articles"]
    return archive


def _records(archive: Archive) -> list[dict[str, object]]:
    out = []
    for i in range(1, archive.counts()["articles"] + 1):
        record = archive.get(i).to_dict()
        record["versions"] = archive.versions(i)
        out.append(record)
    return out


@pytest.mark.parametrize("there", ENGINES)
def test_copy_there_and_back_is_identical(
    tmp_path: Path, seed_path: Path, db_url: str, there: str
) -> None:
    source = _filled(db_url, seed_path)
    with new_database(there, tmp_path / "there") as there_url:
        (tmp_path / "there").mkdir(exist_ok=True)
        runner = CliRunner()
        out = runner.invoke(cli, ["--db", db_url, "copy", "--to", there_url])
        assert out.exit_code == 0, out.output
        assert "verified" in out.stdout
        back = str(tmp_path / "back.db")
        out = runner.invoke(cli, ["--db", back, "copy", "--from", there_url])
        assert out.exit_code == 0, out.output
        returned = Archive.open(back)
        assert archive_digest(returned) == archive_digest(source)
        assert _records(returned) == _records(source)
        # The copy is a working archive: search, and new ids after the copied ones.
        assert returned.search("Kim Jong Un")[0].headline.startswith("Trump team")
        there_archive = Archive.open(there_url)
        assert there_archive.search("Kim Jong Un")[0].id == source.search("Kim Jong Un")[0].id
        page = tmp_path / "new.txt"
        page.write_text("A new headline for the copy\n\n" + "A sentence of plain prose. " * 12)
        ingest_paths(there_archive, [str(page)])
        assert there_archive.counts()["articles"] == source.counts()["articles"] + 1
        there_archive.close()
        returned.close()
    source.close()


class _Stop(Exception):
    pass


def _stop_in(name: str) -> Callable[[str, int], None]:
    """A copy's progress callback that stops it in the first batch of table `name`."""

    def stop(table: str, _n: int) -> None:
        if table == name:
            raise _Stop

    return stop


def test_an_interrupted_copy_resumes(tmp_path: Path, seed_path: Path, db_url: str) -> None:
    source = _filled(db_url, seed_path)
    dest = Archive.open(str(tmp_path / "dest.db"))
    with pytest.raises(_Stop):
        copy_archive(source, dest, batch=5, on_rows=_stop_in("inputs"))
    partial = dest.counts()
    assert 0 < partial["inputs"] < source.counts()["inputs"]
    report = copy_archive(source, dest, batch=5)
    assert report.present["articles"] == source.counts()["articles"]
    assert report.copied["articles"] == 0 and report.copied["inputs"] > 0
    assert archive_digest(dest) == archive_digest(source)
    assert set(TABLES) <= set(archive_digest(dest))


def test_copy_refuses_a_destination_holding_another_archive(
    tmp_path: Path, seed_path: Path, db_url: str
) -> None:
    source = _filled(db_url, seed_path)
    other = Archive.open(str(tmp_path / "other.db"))
    page = tmp_path / "other.txt"
    page.write_text("Another archive's own article\n\n" + "Prose sentence of some length. " * 12)
    ingest_paths(other, [str(page)])
    before = other.counts()
    with pytest.raises(ArchiveError, match="already holds other data"):
        copy_archive(source, other)
    result = CliRunner().invoke(cli, ["--db", db_url, "copy", "--to", str(tmp_path / "other.db")])
    assert result.exit_code == 1 and "already holds other data" in result.stderr
    # Refused untouched: the tables before the one that tells (its sources) gained nothing.
    assert other.counts() == before and before["articles"] == 1


def test_a_copy_that_differs_says_in_which_tables(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsarchive.store.copy as copy_module

    _filled(str(tmp_path / "source.db"), seed_path).close()
    calls: list[dict[str, str]] = []

    def digest_with_a_row_lost(archive: Archive) -> dict[str, str]:
        digests = archive_digest(archive)
        calls.append(digests)
        if len(calls) == 2:  # the copy's: one article fewer, and an original changed
            rows = int(digests["articles"].split(":")[0])
            digests["articles"] = f"{rows - 1}:0"
            digests["inputs"] = digests["inputs"].split(":")[0] + ":0"
        return digests

    monkeypatch.setattr(copy_module, "archive_digest", digest_with_a_row_lost)
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "source.db"), "copy", "--to", str(tmp_path / "copy.db")]
    )
    rows = int(calls[0]["articles"].split(":")[0])
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        "error: the copy differs from the source in table articles"
        f" ({rows} rows in the source, {rows - 1} in the copy), table inputs"
    ]


def test_copy_needs_one_direction(db_url: str) -> None:
    for args in (["copy"], ["copy", "--to", "a.db", "--from", "b.db"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "one of --to or --from" in result.stderr


def test_copy_to_the_same_archive_is_refused(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["copy", "--to", db_url])
    assert result.exit_code == 1 and "same archive" in result.stderr
    info = CliRunner().invoke(cli, ["info", "--json"])
    assert info.exit_code == 1 and "no archive at" in info.stderr  # nothing was made


@pytest.mark.parametrize("there", ENGINES)
def test_the_destination_of_an_interrupted_copy_takes_new_articles(
    tmp_path: Path, seed_path: Path, there: str
) -> None:
    source = _filled(str(tmp_path / "source.db"), seed_path)
    with new_database(there, tmp_path) as dest_url:
        dest = Archive.open(dest_url)

        def stop_in_inputs(table: str, _n: int) -> None:
            if table == "inputs":
                raise _Stop

        with pytest.raises(_Stop):
            copy_archive(source, dest, batch=5, on_rows=stop_in_inputs)
        page = tmp_path / "new.txt"
        page.write_text("A new headline after the copy stopped\n\n" + "Plain prose, again. " * 12)
        summary = ingest_paths(dest, [str(page)])
        assert (summary.added, summary.failed) == (1, 0), summary.failures
        assert dest.get(source.counts()["articles"] + 1).headline.startswith("A new headline")
        dest.close()
    source.close()


@pytest.mark.postgresql
def test_nul_characters_from_an_older_archive_are_found_and_removed(
    tmp_path: Path, seed_path: Path
) -> None:
    """An archive an older newsarchive filled with NUL (from JSON-LD) is refused by a copy to
    PostgreSQL before anything is written; `check --repair` removes them."""
    db = str(tmp_path / "old.db")
    with Archive.open(db) as archive:
        ingest_paths(archive, [str(seed_path)])
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE articles SET body = body || char(0) || ' tail', byline = 'A' || char(0)"
        )
        # As that newsarchive stored it: the text's hash is of the text with its NUL.
        headline, body = conn.execute("SELECT headline, body FROM articles").fetchone()
        conn.execute("UPDATE articles SET content_sha256 = ?", (content_hash(headline, body),))
    check = CliRunner().invoke(cli, ["--db", db, "check"])
    assert check.exit_code == 1 and "NUL" in check.stderr and "changed" not in check.stderr
    with new_database("postgresql", tmp_path / "pg") as url:
        refused = CliRunner().invoke(cli, ["--db", db, "copy", "--to", url])
        assert refused.exit_code == 1 and "check --repair" in refused.stderr
        with Archive.open(url) as dest:
            assert dest.counts()["articles"] == 0
        repaired = CliRunner().invoke(cli, ["--db", db, "check", "--repair"])
        assert repaired.exit_code == 0 and "NUL characters removed from 1 rows" in repaired.stdout
        assert CliRunner().invoke(cli, ["--db", db, "check"]).exit_code == 0
        copied = CliRunner().invoke(cli, ["--db", db, "copy", "--to", url])
        assert copied.exit_code == 0, copied.output
    with Archive.open(db) as archive:
        assert archive.get(1).body.endswith(" tail") and "\x00" not in archive.get(1).body
        assert [h.id for h in archive.search("tail")] == [1]


def _search_indexes(archive: Archive) -> dict[str, str]:
    # The definitions are filtered here, not in SQL: a condition on indexdef may be evaluated
    # on other schemas' indexes first, and one dropped meanwhile by a test running beside this
    # one fails the whole statement ("could not open relation with OID").
    with archive.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = 'articles'"
        )
        return {name: definition for name, definition in rows if " USING gin " in definition}


@pytest.mark.postgresql
def test_the_copy_builds_postgresqls_search_indexes_after_the_articles(
    tmp_path: Path, seed_path: Path
) -> None:
    source = _filled(str(tmp_path / "source.db"), seed_path)
    with new_database("postgresql", tmp_path) as url:
        fresh = Archive.open(url)
        made = _search_indexes(fresh)
        # The copy's definitions are a new archive's (the migrations make them).
        assert set(made) == set(PG_SEARCH_INDEXES)
        for name, column in PG_SEARCH_INDEXES.items():  # the column check and copy index
            assert made[name].endswith(f" USING gin ({column})")
        with pytest.raises(_Stop):
            copy_archive(source, fresh, batch=3, on_rows=_stop_in("articles"))
        assert _search_indexes(fresh) == {}  # dropped for the copy, and the copy stopped
        copy_archive(source, fresh, batch=3)  # carried on: they are built again
        assert _search_indexes(fresh) == made
        with fresh.engine.connect() as conn:  # the planner has the copied tables' statistics
            analyzed = conn.exec_driver_sql(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                " WHERE schemaname = current_schema() AND relname = 'articles'"
            ).scalar_one()
        assert analyzed
        assert fresh.search("Kim Jong Un")[0].id == source.search("Kim Jong Un")[0].id
        fresh.close()
    source.close()


@pytest.mark.postgresql
def test_a_schema_that_does_not_exist_is_named_as_the_reason() -> None:
    import os
    import uuid

    from sqlalchemy.engine import make_url

    from conftest import PG_ENV, SEED

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    missing = f"missing_{uuid.uuid4().hex[:12]}"
    target = make_url(base).update_query_dict({"options": f"-csearch_path={missing}"})
    url = target.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["--db", url, "ingest", str(SEED)])
    assert result.exit_code == 1
    assert "CREATE SCHEMA" in result.stderr
