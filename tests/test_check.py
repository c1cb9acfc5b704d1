"""`newsarchive check`: integrity, the index in step with the tables, originals vs hashes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from conftest import new_database
from newsarchive import Archive
from newsarchive.cli import cli


def _ingest(seed_path: Path) -> None:
    assert CliRunner().invoke(cli, ["ingest", str(seed_path)]).exit_code == 0


def test_a_sound_archive_checks_clean(seed_path: Path, db_url: str) -> None:
    _ingest(seed_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert "1 original checked, 0 problems" in result.stdout
    repaired = CliRunner().invoke(cli, ["check", "--repair"])
    assert repaired.exit_code == 0 and "repaired:" not in repaired.stdout
    assert "nothing to repair" in repaired.stdout


@pytest.mark.parametrize(
    ("table", "columns", "word"),
    [
        # "Reuters" is in the seed's body only, "Trump" in its headline.
        ("articles_fts", "headline, byline, body", "Reuters"),
        ("articles_headline_fts", "headline", "Trump"),
    ],
)
def test_an_index_out_of_step_is_found_and_repaired(
    seed_path: Path, isolated_archive: Path, table: str, columns: str, word: str
) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    values = con.execute(f"SELECT {columns} FROM articles").fetchone()
    marks = ", ".join("?" for _ in values)
    con.execute(
        f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', 1, {marks})", values
    )
    con.commit()
    con.close()
    broken = CliRunner().invoke(cli, ["check"])
    assert broken.exit_code == 1 and f"search index: {table} not in step" in broken.stderr
    if table == "articles_fts":  # the headline's own index still finds headline words
        assert CliRunner().invoke(cli, ["search", word]).stdout == ""
    fixed = CliRunner().invoke(cli, ["check", "--repair"])
    assert fixed.exit_code == 0 and "repaired: search index rebuilt" in fixed.stdout
    assert "Trump team" in CliRunner().invoke(cli, ["search", word]).stdout


def test_changed_original_bytes_are_reported_and_restored_from_their_file(
    seed_path: Path, db_url: str, tmp_path: Path
) -> None:
    page = tmp_path / "seed\nproblem: fake.txt"  # a name with a line break: shown escaped
    page.write_bytes(seed_path.read_bytes())
    _ingest(page)
    archive = Archive.open(db_url)
    with archive.engine.begin() as conn:
        conn.execute(text("UPDATE inputs SET data = :data"), {"data": b"\x00"})
    archive.close()
    found = CliRunner().invoke(cli, ["check"])
    assert found.exit_code == 1
    shown = str(page).replace("\n", "\\n")
    assert f"record 1's original {shown}" in found.stderr, found.stderr
    assert len(found.stderr.splitlines()) == 1
    assert "its bytes do not match their hash" in found.stderr
    # The file changed since: nothing holds the ingested bytes, the problem stays.
    page.write_bytes(seed_path.read_bytes() + b"\n")
    kept = CliRunner().invoke(cli, ["check", "--repair"])
    assert kept.exit_code == 1 and "repaired" not in kept.stdout, kept.stdout
    # The file as ingested: its bytes are read back (their hash says they are the same).
    page.write_bytes(seed_path.read_bytes())
    fixed = CliRunner().invoke(cli, ["check", "--repair"])
    assert fixed.exit_code == 0 and f"original restored from {shown}" in fixed.stdout
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


@pytest.mark.postgresql
def test_a_missing_postgresql_index_is_found_and_repaired(tmp_path: Path, seed_path: Path) -> None:
    with new_database("postgresql", tmp_path) as url:
        assert CliRunner().invoke(cli, ["--db", url, "ingest", str(seed_path)]).exit_code == 0
        archive = Archive.open(url)
        with archive.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_articles_search"))
            conn.execute(text("DROP INDEX ix_articles_headline_search"))
        archive.close()
        broken = CliRunner().invoke(cli, ["--db", url, "check"])
        assert broken.exit_code == 1 and "ix_articles_search is missing" in broken.stderr
        assert "ix_articles_headline_search is missing" in broken.stderr
        fixed = CliRunner().invoke(cli, ["--db", url, "check", "--repair"])
        assert fixed.exit_code == 0 and "repaired: search index re-created" in fixed.stdout
        assert "re-created: ix_articles_headline_search" in fixed.stdout
        assert CliRunner().invoke(cli, ["--db", url, "check"]).exit_code == 0


def test_terminal_output_is_safe(tmp_path: Path, db_url: str) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "Headline with \x1b[31mred\x1b[0m and \x07 bell\n\n"
        "A paragraph that is long enough to be prose, with an escape \x1b]0;title\x07 inside."
        " It ends here.\n"
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(page)]).exit_code == 0
    for args in (["show", "1"], ["list"], ["search", "paragraph"]):
        out = runner.invoke(cli, args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
    # Nor are they stored: the record holds the words without them.
    record = runner.invoke(cli, ["show", "1", "--json"]).stdout
    assert "\\u001b" not in record and "\\u0007" not in record
    assert "Headline with red and" in record


def test_an_original_edited_into_text_is_reported_and_restored(
    seed_path: Path, isolated_archive: Path
) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    con.execute("UPDATE inputs SET data = 'edited by hand'")  # text, as a string edit leaves it
    con.commit()
    con.close()
    found = CliRunner().invoke(cli, ["check"])
    assert found.exit_code == 1 and "its bytes do not match their hash" in found.stderr
    fixed = CliRunner().invoke(cli, ["check", "--repair"])
    assert fixed.exit_code == 0 and "original restored from" in fixed.stdout


def test_a_damaged_database_page_is_a_problem_named_not_a_traceback(
    seed_path: Path, isolated_archive: Path
) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with isolated_archive.open("r+b") as db:  # the articles table's first page, zeroed
        db.seek((root - 1) * size)
        db.write(b"\x00" * size)
    for args in (["check"], ["check", "--repair"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no traceback
        assert "problem: database: " in result.stderr and ".recover" in result.stderr


def test_records_edited_by_hand_and_rows_naming_what_is_gone_are_reported(
    seed_path: Path, isolated_archive: Path, tmp_path: Path
) -> None:
    second = tmp_path / "second.txt"
    second.write_text(
        "Harbour quay to open next spring\n\nBy Jane Roe jane.roe@example.com\n\n"
        + "The harbour authority said the new quay will open next spring, after two years"
        " of work on the breakwater and the cranes. " * 3
    )
    _ingest(seed_path)
    _ingest(second)
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0
    con = sqlite3.connect(isolated_archive)  # another tool: no foreign keys enforced
    con.execute("UPDATE articles SET headline = 'Edited by hand' WHERE id = 1")
    con.execute("UPDATE articles SET emails = 'weappon@donga.com' WHERE id = 2")
    con.execute("UPDATE articles SET source_id = 99 WHERE id = 2")
    con.commit()
    con.close()
    found = CliRunner().invoke(cli, ["check"])
    assert found.exit_code == 1
    assert found.stderr.splitlines() == [
        "problem: articles: 1 row names sources that are not there",
        "problem: record 1: headline or body changed outside newsarchive (no longer matching"
        " the hash stored with it); `show ID --original` gives what was ingested",
        "problem: record 2: emails are no JSON list of addresses (edited by hand?)",
    ]
    # A list that holds something else than addresses is reported too.
    con = sqlite3.connect(isolated_archive)
    con.execute("""UPDATE articles SET emails = '["jane.roe@example.com", 5]' WHERE id = 1""")
    con.commit()
    con.close()
    again = CliRunner().invoke(cli, ["check"])
    assert "problem: records 1 and 2: emails are no JSON list of addresses" in again.stderr
    con = sqlite3.connect(isolated_archive)
    con.execute("UPDATE articles SET emails = '[]' WHERE id = 1")
    con.commit()
    con.close()
    # Reported, and still read: the address typed in is the record's email.
    shown = CliRunner().invoke(cli, ["show", "--json", "2"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["emails"] == ["weappon@donga.com"]


def test_repairing_nul_characters_keeps_a_hand_edit_reported(
    seed_path: Path, isolated_archive: Path
) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    con.execute("UPDATE articles SET headline = 'Edited by hand', body = body || char(0) || 'x'")
    con.commit()
    con.close()
    repaired = CliRunner().invoke(cli, ["check", "--repair"])
    assert repaired.exit_code == 1 and "NUL characters removed from 1 rows" in repaired.stdout
    assert "record 1: headline or body changed outside newsarchive" in repaired.stderr
    assert CliRunner().invoke(cli, ["check"]).exit_code == 1
