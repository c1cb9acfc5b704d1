"""Crash safety: an ingest killed with SIGKILL at random points leaves a sound archive holding
only whole records, and running the same ingest again completes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from newsarchive import Archive

# Kill points per engine (more with NEWSARCHIVE_CRASH_POINTS; CI keeps its run under 8 minutes):
# fewer on PostgreSQL, whose transactions are the server's (the SQLite file is ours to keep).
CRASH_POINTS = os.environ.get("NEWSARCHIVE_CRASH_POINTS")


def kills(db: str) -> int:
    if CRASH_POINTS:
        return int(CRASH_POINTS)
    return 2 if db.startswith("postgresql") else 4


PER_RUN = 600  # new files before each run, so that every run has work to be killed in


def _corpus(folder: Path, seed_path: Path, first: int, count: int) -> None:
    text = seed_path.read_text()
    for i in range(first, first + count):
        # Another article each: its own headline and opening (one under a new headline
        # only would be an edition of the first).
        page = text.replace(
            "Trump team may pursue direct talks with Kim Jong Un",
            f"Trump team may pursue direct talks, report number {i} says",
        ).replace("North Korean leader", f"North Korean leader (report {i})")
        (folder / f"{i:04d}.txt").write_text(page)


def _wait_for_archive(db: str, process: subprocess.Popen[str]) -> None:
    """Until the run has made its archive (its schema is there) or has ended."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if Path(db).exists():
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    return
            except sqlite3.Error:
                pass  # being made
            finally:
                con.close()
        time.sleep(0.05)


def _sound(db: str) -> int:
    """Check the archive is whole and return how many articles it holds."""
    if not db.startswith("postgresql"):
        if not Path(db).exists():
            return 0  # stopped before it made the archive
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return 0  # stopped while making it: its schema is one transaction, undone
            con.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        finally:
            con.close()
    archive = Archive.open(db)
    try:
        with archive.engine.connect() as conn:
            articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
            whole = conn.execute(
                text(
                    "SELECT count(*) FROM articles AS a JOIN inputs AS i ON i.id = a.input_id"
                    " AND i.article_id = a.id"
                )
            ).scalar_one()
        assert whole == articles, "an article without its original"
        assert archive.check().ok
        return int(articles)
    finally:
        archive.close()


def test_sigkill_at_random_points(tmp_path: Path, seed_path: Path, db_url: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    db = db_url
    Archive.open(db).close()
    command = [sys.executable, "-m", "newsarchive", "--db", db, "ingest", "-q", str(folder)]
    rng = random.Random(42)
    counts = []
    started = time.monotonic()
    for run in range(kills(db)):
        _corpus(folder, seed_path, run * PER_RUN, PER_RUN)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 3.0))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)  # the whole group: workers die with the parent
        process.wait(timeout=30)
        counts.append(_sound(db))
        assert time.monotonic() - started < 240, "the crash test must stay bounded"
    print(f"articles after each kill: {counts}")
    assert counts == sorted(counts), "a kill never loses what an earlier run stored"
    final = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert _sound(db) == kills(db) * PER_RUN


def test_ctrl_c_stops_the_ingest_and_says_what_is_stored(tmp_path: Path, seed_path: Path) -> None:
    # Ctrl-C reaches the whole process group, the parsing workers with the parent. The run must
    # stop at once (no worker left holding the pool's lock for the parent to wait on), print no
    # worker's traceback, say what it stored, and leave a sound archive the next run completes.
    folder = tmp_path / "pages"
    folder.mkdir()
    _corpus(folder, seed_path, 0, 1500)
    db = str(tmp_path / "archive.db")
    command = [sys.executable, "-m", "newsarchive", "--db", db, "ingest", "--workers", "2"]
    rng = random.Random(7)
    interrupted = 0
    stored = 0
    for _ in range(3):
        process = subprocess.Popen(
            [*command, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a group of its own, as a terminal's foreground job
        )
        # Past Python's start-up and the archive's making (a Ctrl-C while Python imports
        # newsarchive is Python's to report): however long they take on this machine.
        _wait_for_archive(db, process)
        time.sleep(rng.uniform(0.0, 1.5))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            interrupted += 1
        # A hang fails here (a minute: the run first stores what it parsed, on a busy machine).
        out, err = process.communicate(timeout=60)
        assert "Traceback" not in err and "ForkPoolWorker" not in err, err
        if process.returncode == 130:
            assert "interrupted: the files counted above are stored" in err
        elif process.returncode == -signal.SIGINT:
            # The Ctrl-C came after the run had finished and said so, while Python was exiting
            # (its own handler already gone): the default action ends the process, harmlessly.
            assert " added, " in out and not err, (out, err)
        else:
            assert process.returncode == 0, err
        # What it says it added is what the archive gained.
        added = int(out.strip().splitlines()[-1].split(" added")[0])
        stored, before = _sound(db), stored
        assert added == stored - before, (out, stored, before)
    assert interrupted, "every run ended before its Ctrl-C: give the runs more to do"
    final = subprocess.run([*command, "-q", str(folder)], capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert _sound(db) == 1500


def _ctrl_c_in_worker() -> tuple[bool, bool]:
    return (
        signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
        signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set()),
    )


def test_parsing_workers_ignore_ctrl_c_and_the_parent_gets_it_back() -> None:
    # Workers are forked with Ctrl-C held back and ignore it from their start; the parent
    # holds it back only while it forks them.
    from newsarchive.ingest import _pool

    with _pool(2, None) as pool:
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
        assert pool.apply(_ctrl_c_in_worker) == (True, False)
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
