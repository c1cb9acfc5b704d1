"""`newsarchive check`: integrity, the index in step with the tables, originals vs hashes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from newsarchive.cli import cli


def _ingest(seed_path: Path) -> None:
    assert CliRunner().invoke(cli, ["ingest", str(seed_path)]).exit_code == 0


def test_a_sound_archive_checks_clean(seed_path: Path) -> None:
    _ingest(seed_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert "1 originals checked, 0 problems" in result.stdout


def test_an_index_out_of_step_is_found_and_repaired(
    seed_path: Path, isolated_archive: Path
) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    headline, byline, body = con.execute("SELECT headline, byline, body FROM articles").fetchone()
    con.execute(
        "INSERT INTO articles_fts(articles_fts, rowid, headline, byline, body)"
        " VALUES ('delete', 1, ?, ?, ?)",
        (headline, byline, body),
    )
    con.commit()
    con.close()
    broken = CliRunner().invoke(cli, ["check"])
    assert broken.exit_code == 1 and "search index" in broken.stderr
    assert CliRunner().invoke(cli, ["search", "Kim"]).stdout == ""
    fixed = CliRunner().invoke(cli, ["check", "--repair"])
    assert fixed.exit_code == 0 and "repaired: search index rebuilt" in fixed.stdout
    assert "Trump team" in CliRunner().invoke(cli, ["search", "Kim"]).stdout


def test_changed_original_bytes_are_reported(seed_path: Path, isolated_archive: Path) -> None:
    _ingest(seed_path)
    con = sqlite3.connect(isolated_archive)
    con.execute("UPDATE inputs SET data = x'00'")
    con.commit()
    con.close()
    result = CliRunner().invoke(cli, ["check", "--repair"])
    assert result.exit_code == 1
    assert "original bytes do not match their hash" in result.stderr


def test_terminal_output_is_safe(tmp_path: Path) -> None:
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
    assert "\\u001b" in runner.invoke(cli, ["show", "1", "--json"]).stdout
