"""What a careless or hostile user does to the command line and the archive: options out of
range, unknown databases, archives that are missing, read-only, foreign or damaged. Each ends in
one line of error (exit 2 for usage, 1 otherwise) or in the right answer, never a traceback, an
SQL statement or a library's help link."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import new_database
from newsarchive import Archive
from newsarchive.cli import cli
from newsarchive.errors import ArchiveError

ARTICLE = (
    "Ferry timetable changes for the winter\n\n"
    + "The ferry company said on Tuesday that the winter timetable will start in November, "
    "with two fewer crossings on weekdays and one more on Sundays.\n\n" * 3
)


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def assert_clean_error(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    for noise in ("Traceback", "[SQL:", "sqlalche.me", "Background on this error"):
        assert noise not in result.output


@pytest.fixture
def stored(tmp_path: Path, db_url: str) -> str:
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    assert run("ingest", str(page)).exit_code == 0
    return db_url


# -- options ---------------------------------------------------------------------------------


def test_url_names_one_input(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("Tuesday", name))
    result = run("ingest", "--url", "https://example.com/a", str(tmp_path))
    assert_clean_error(result, 2)
    assert "--url" in result.output
    assert not (tmp_path / "archive.db").exists() or Archive.open().counts()["articles"] == 0
    assert_clean_error(run("parse", "--url", "https://example.com/a", str(tmp_path)), 2)


@pytest.mark.parametrize("url", ["notaurl", "www.example.com/a", "ftp://example.com/a", "https://"])
def test_url_must_be_a_whole_web_address(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    for command in ("ingest", "parse"):
        result = run(command, "--url", url, str(tmp_path / "a.txt"))
        assert_clean_error(result, 2)
        assert "is not a web address" in result.output
    assert not (tmp_path / "archive.db").exists() or Archive.open().counts()["articles"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["search", "ferry", "--source"],
        ["search", "ferry", "--author"],
        ["search", "ferry", "--db"],
        ["export", "ferry", "--lang"],
        ["timeline", "ferry", "--since"],
    ],
)
def test_an_option_left_without_its_value_is_a_usage_error(stored: str, args: list[str]) -> None:
    # Not the query's "--" taken for its value, and a run on it.
    result = run(*args)
    assert_clean_error(result, 2)
    assert f"Option '{args[-1]}' requires an argument" in result.output


def test_a_db_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    # A mistyped path makes no archive, and no folders, anywhere.
    (tmp_path / "a.txt").write_text(ARTICLE)
    missing = tmp_path / "no" / "such" / "folder"
    for args in (["ingest", str(tmp_path / "a.txt")], ["db", "upgrade"]):
        result = run("--db", str(missing / "x.db"), *args)
        assert_clean_error(result, 1)
        assert f"no folder {missing}" in result.output
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("url", ["mysql://root@127.0.0.1/test", "oracle://x@y/z", "nosuch://a"])
def test_an_engine_newsarchive_cannot_search_is_named_as_such(url: str) -> None:
    # Not "install a driver", with psycopg suggested: no driver makes it an archive.
    result = run("--db", url, "list")
    assert_clean_error(result, 1)
    assert "is not a database newsarchive can use" in result.output


def test_json_and_csv_exclude_each_other(stored: str) -> None:
    assert_clean_error(run("search", "ferry", "--json", "--csv"), 2)


@pytest.mark.parametrize(
    "option", [["--until", "9999-12-31T23:59:59-14:00"], ["--since", "0001-01-01T00:00+14:00"]]
)
def test_dates_past_the_ends_of_time(stored: str, option: list[str]) -> None:
    result = run("search", "ferry", *option)
    assert_clean_error(result, 2)
    assert "range" in result.output


@pytest.mark.parametrize("number", [str(2**31), str(2**63), str(10**30)])
def test_huge_numbers(stored: str, number: str) -> None:
    assert run("search", "ferry", "--limit", number).exit_code == 0
    assert run("list", "--limit", number).exit_code == 0
    offset = run("search", "ferry", "--offset", number)
    assert offset.exit_code == 0 and "no matches" in offset.output
    result = run("show", number)
    assert_clean_error(result, 1)
    assert "no article with id" in result.output


def test_workers_are_capped(tmp_path: Path) -> None:
    from newsarchive.ingest import worker_count

    assert worker_count(99999, 3) <= 3
    assert worker_count(99999, 10**6) <= (os.cpu_count() or 1)
    assert worker_count(None, 0) == 1
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    assert run("ingest", "-j", "99999", str(page)).exit_code == 0


# -- databases -------------------------------------------------------------------------------


def test_postgres_urls_mean_postgresql() -> None:
    from newsarchive.store.engine import resolve_url

    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


@pytest.mark.postgresql
def test_a_postgres_url_opens_postgresql(tmp_path: Path) -> None:
    with new_database("postgresql", tmp_path) as db_url:
        url = db_url.replace("postgresql+psycopg://", "postgres://", 1)
        result = run("--db", url, "ingest", "-")  # stdin is empty: one failure, no traceback
        assert_clean_error(result, 1)
        info = run("--db", url, "info", "--json")
        assert info.exit_code == 0 and '"engine": "postgresql"' in info.output


def test_a_server_that_refuses_is_asked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """search's own PostgreSQL path reports a refused connection as the usual path words it
    (password masked), instead of leaving the usual path to ask the server again."""
    import psycopg

    calls: list[str] = []

    def refuse(conninfo: str, **_: object) -> None:
        calls.append(conninfo)
        raise psycopg.OperationalError("connection failed: Connection refused")

    monkeypatch.setattr(psycopg, "connect", refuse)
    result = run("--db", "postgresql://jane:secret@127.0.0.1:1/news", "search", "ferry")
    assert_clean_error(result, 1)
    assert len(calls) == 1
    assert "cannot open the archive at postgresql+psycopg://jane:***@127.0.0.1:1/news" in (
        result.output
    )
    assert "Connection refused" in result.output and "secret" not in result.output


@pytest.mark.parametrize("db", ["foo://bar", "sqlite://", "sqlite:///:memory:"])
def test_databases_that_cannot_hold_an_archive(tmp_path: Path, db: str) -> None:
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    result = run("--db", db, "ingest", str(page))
    assert_clean_error(result, 1)
    assert "1 added" not in result.output


@pytest.mark.parametrize("command", [["search", "ferry"], ["list"], ["show", "1"], ["info"]])
def test_reading_a_missing_archive_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "typo" / "archve.db"
    result = run("--db", str(db), *command)
    assert_clean_error(result, 1)
    assert "no archive at" in result.output
    assert not (tmp_path / "typo").exists()


def test_reading_an_empty_postgresql_database_creates_nothing(db_url: str) -> None:
    result = run("--db", db_url, "list")
    assert_clean_error(result, 1)
    assert "no archive at" in result.output
    with Archive.open(db_url, check_schema=False) as archive:
        from sqlalchemy import inspect

        with archive.engine.connect() as conn:
            assert inspect(conn).get_table_names() == []


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Jane Roe')")
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    result = run("--db", str(db), "ingest", str(page))
    assert_clean_error(result, 1)
    assert "another application" in result.output
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["customers"]


# -- damaged archives -------------------------------------------------------------------------


@pytest.fixture
def stored_sqlite(tmp_path: Path) -> str:
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    assert run("ingest", str(page)).exit_code == 0  # into NEWSARCHIVE_DB, a SQLite file
    return os.environ["NEWSARCHIVE_DB"]


def _drop_search_table(db: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE articles_fts")


def test_search_without_its_index_is_an_archive_problem(stored_sqlite: str) -> None:
    _drop_search_table(stored_sqlite)
    result = run("search", "ferry")
    assert_clean_error(result, 1)
    assert "check --repair" in result.output


def test_check_repair_remakes_a_dropped_search_table(stored_sqlite: str) -> None:
    _drop_search_table(stored_sqlite)
    assert_clean_error(run("check"), 1)
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "re-created" in repaired.output
    assert run("check").exit_code == 0
    assert "Ferry timetable" in run("search", "winter timetable").output
    # The triggers are back too: a new article is found.
    page = Path(stored_sqlite).parent / "second.txt"
    page.write_text(ARTICLE.replace("Ferry timetable", "Bus timetable").replace("ferry", "bus"))
    assert run("ingest", str(page)).exit_code == 0
    assert "Bus timetable" in run("search", "bus").output


# -- read-only archives -----------------------------------------------------------------------


@pytest.fixture
def read_only_copy(tmp_path: Path) -> Iterator[Path]:
    """A finished archive in a folder that its reader cannot write (nor the file)."""
    folder = Path(tempfile.mkdtemp(prefix="newsarchive-ro-"))  # not under a private tmp_path
    os.chmod(folder, 0o755)
    db = folder / "archive.db"
    page = tmp_path / "ferry.txt"
    page.write_text(ARTICLE)
    assert run("--db", str(db), "ingest", str(page)).exit_code == 0
    for leftover in folder.glob("archive.db-*"):  # a cleanly closed archive has none
        leftover.unlink()
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    try:
        yield db
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def _as_reader(
    db: Path, *args: str, mount_read_only: bool = False
) -> subprocess.CompletedProcess[str]:
    """The CLI as a user who cannot write the archive: as nobody when the tests run as root
    (who may write anything), else as ourselves; or behind a read-only bind mount."""
    command = [sys.executable, "-m", "newsarchive", "--db", str(db), *args]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    if mount_read_only:
        folder = str(db.parent)
        script = f'mount --bind -o ro {folder} {folder} && exec "$@"'
        command = ["unshare", "-rm", "sh", "-c", script, "sh", *command]
    elif os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


READ_COMMANDS = [["list"], ["show", "1"], ["info"], ["search", "ferry"], ["search", "--json", "x"]]


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_read_only_archive_can_be_read(read_only_copy: Path, command: list[str]) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop root")
    result = _as_reader(read_only_copy, *command)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if command[-1] == "ferry":
        assert "Ferry timetable" in result.stdout


def test_a_read_only_mount_can_be_read(read_only_copy: Path) -> None:
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("no unprivileged mount namespaces here")
    os.chmod(read_only_copy.parent, 0o755)  # writable but for the mount
    os.chmod(read_only_copy, 0o644)
    for command in READ_COMMANDS:
        result = _as_reader(read_only_copy, *command, mount_read_only=True)
        assert result.returncode == 0, (command, result.stderr)
    assert stat.S_IMODE(read_only_copy.stat().st_mode) == 0o644
    written = _as_reader(read_only_copy, "ingest", "-", mount_read_only=True)
    assert written.returncode == 1 and "Traceback" not in written.stderr


def test_sqlite_file_errors_are_archive_errors(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(ArchiveError):
        Archive.open(str(db))
    assert_clean_error(run("--db", str(db), "list"), 1)


def test_library_search_without_its_index_is_an_archive_problem(stored_sqlite: str) -> None:
    # Archive.search runs its statements on the driver's own connection on SQLite: the
    # driver's error becomes the same ArchiveError as through SQLAlchemy.
    _drop_search_table(stored_sqlite)
    with Archive.open(stored_sqlite) as archive, pytest.raises(ArchiveError, match="--repair"):
        archive.search("ferry")


@pytest.mark.parametrize("command", [["search", "ferry"], ["ingest", "-"], ["list"], ["check"]])
def test_a_folder_as_the_archive_says_so(tmp_path: Path, command: list[str]) -> None:
    result = run("--db", str(tmp_path), *command, input=ARTICLE)
    assert_clean_error(result, 1)
    assert f"{tmp_path} is a folder, not an archive" in result.output
    assert list(tmp_path.iterdir()) == []  # nothing made in it


def test_ingesting_only_files_that_do_not_exist_makes_no_archive(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "ingest", str(tmp_path / "nope.txt"), str(tmp_path / "gone")]
    )
    assert result.exit_code == 1
    assert result.stderr.count(": no such file") == 2
    assert result.stdout.strip() == "0 added, 0 unchanged, 0 updated, 2 failed"
    assert not db.exists()
