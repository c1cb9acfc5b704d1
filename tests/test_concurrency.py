"""Two ingests and a search loop on one archive at once, on each engine: no 'database is locked'
reaches the user, no duplicate, nothing lost."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from newsarchive import Archive, QueryError


def _corpus(folder: Path, seed_path: Path, numbers: range) -> None:
    folder.mkdir()
    text = seed_path.read_text()
    for i in numbers:
        (folder / f"{i:04d}.txt").write_text(
            text.replace("Kim Jong Un", f"Kim Jong Un, dispatch {i}")
        )


def test_two_ingests_and_searches_at_once(tmp_path: Path, seed_path: Path, db_url: str) -> None:
    # The two folders overlap: files 300-399 are in both, so both processes race to store them.
    _corpus(tmp_path / "a", seed_path, range(0, 400))
    _corpus(tmp_path / "b", seed_path, range(300, 700))
    db = db_url
    Archive.open(db).close()  # the schema exists before the race starts
    command = [sys.executable, "-m", "newsarchive", "--db", db, "ingest", "-q"]
    searches = 0
    errors: list[str] = []
    stop = threading.Event()

    def search_loop() -> None:
        nonlocal searches
        archive = Archive.open(db)
        while not stop.is_set():
            try:
                archive.search("dispatch")
                searches += 1
            except QueryError:
                pass
            except Exception as exc:  # anything else is a failure a user would see
                errors.append(repr(exc))
        archive.close()

    searcher = threading.Thread(target=search_loop)
    searcher.start()
    started = time.monotonic()
    first = subprocess.Popen(
        [*command, str(tmp_path / "a")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = subprocess.Popen(
        [*command, str(tmp_path / "b")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    outputs = [p.communicate(timeout=180)[1] for p in (first, second)]
    stop.set()
    searcher.join(timeout=30)
    assert time.monotonic() - started < 180
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert not any("locked" in out for out in outputs), outputs
    assert not errors, errors[:3]
    assert searches > 0
    archive = Archive.open(db)
    counts = archive.counts()
    with archive.engine.connect() as conn:
        distinct = conn.exec_driver_sql(
            "SELECT count(DISTINCT content_sha256) FROM articles"
        ).scalar_one()
    assert counts["articles"] == distinct == 700  # nothing lost, no duplicate
    assert counts["inputs"] == 700
    print(f"two ingests and {searches} searches at once: {counts['articles']} articles")


_AT_ONCE = (
    "import sys, time\n"
    "from newsarchive.cli import main\n"
    "time.sleep(max(0.0, float(sys.argv[1]) - time.time()))\n"
    "sys.argv = ['newsarchive', *sys.argv[2:]]\n"
    "main()\n"
)


def test_four_ingests_create_a_new_archive_at_once(
    tmp_path: Path, seed_path: Path, db_url: str
) -> None:
    # No archive yet: the four race to create its schema, then to store their files.
    folders = []
    for n in range(4):
        folder = tmp_path / f"batch{n}"
        _corpus(folder, seed_path, range(n * 25, n * 25 + 25))
        folders.append(folder)
    # Each process loads newsarchive first, then waits for the same instant: the four reach
    # the missing schema together, not one import time apart.
    start_at = time.time() + 3
    command = [sys.executable, "-c", _AT_ONCE, str(start_at), "--db", db_url, "ingest", "-q"]
    processes = [
        subprocess.Popen(
            [*command, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for folder in folders
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], outputs
    assert all(out.startswith("25 added") for out, _err in outputs), outputs
    with Archive.open(db_url) as archive:
        counts = archive.counts()
        with archive.engine.connect() as conn:
            distinct = conn.exec_driver_sql(
                "SELECT count(DISTINCT content_sha256) FROM articles"
            ).scalar_one()
    assert counts["articles"] == counts["inputs"] == distinct == 100


def test_a_schema_committed_between_the_checks_reads_as_an_archive(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race of the test above, made certain: another process commits the schema after this
    # one found no revision and before it lists the tables. The check must read one snapshot,
    # and not call the half-seen archive "another application's database".
    from newsarchive.store import schema
    from newsarchive.store.engine import make_engine, resolve_url

    url = resolve_url(db_url)
    engine, other = make_engine(url), make_engine(url)
    real = schema.current_revision
    raced = False

    def revision_then_race(conn: Any) -> str | None:
        nonlocal raced
        revision = real(conn)
        if not raced:
            raced = True
            schema.upgrade(other)  # the other process, committing while this one looks
        return revision

    monkeypatch.setattr(schema, "current_revision", revision_then_race)
    schema.ensure_current(engine)
    assert raced
    with engine.connect() as conn:
        assert real(conn) == schema.HEAD_REVISION
    engine.dispose()
    other.dispose()


@pytest.mark.postgresql
def test_writers_of_two_schemas_do_not_wait_for_each_other(tmp_path: Path) -> None:
    # Advisory locks are per database: keyed by the constant alone, a long write in one schema
    # (a copy's index build) held every other schema's writers. Within a schema they queue.
    from sqlalchemy import Engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from conftest import new_database
    from newsarchive.store.engine import WRITER, make_engine

    with (
        new_database("postgresql", tmp_path) as first,
        new_database("postgresql", tmp_path) as second,
    ):

        def impatient(url: str) -> Engine:  # waits for a lock two seconds at most
            parsed = make_url(url)
            options = f"{parsed.query['options']} -clock_timeout=2s"
            return make_engine(parsed.update_query_dict({"options": options}).render_as_string())

        holder, other, same = make_engine(first), impatient(second), impatient(first)
        with holder.execution_options(**{WRITER: True}).begin():
            with other.execution_options(**{WRITER: True}).begin() as conn:
                conn.exec_driver_sql("SELECT 1")  # the second schema's lock, at once
            blocked = same.execution_options(**{WRITER: True}).connect()
            with pytest.raises(OperationalError, match="lock timeout"):
                blocked.begin()  # the first schema's lock, held above
            blocked.close()
        for engine in (holder, other, same):
            engine.dispose()
