from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_16c5aa2c841b19d8.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

# Storage and CLI tests run on every engine: SQLite always, PostgreSQL when this names a server
# (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); each test gets a schema of its own.
PG_ENV = "NEWSARCHIVE_TEST_DATABASE_URL"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@contextmanager
def new_database(engine: str, folder: Path) -> Iterator[str]:
    """A new, empty archive location on `engine`: a file for SQLite, a schema on PostgreSQL."""
    if engine == "sqlite":
        yield str(folder / "archive.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '20s'")
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own archive and data directory; nothing touches the user's."""
    db = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARCHIVE_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    # Tables fit the terminal: the same width wherever the tests run (a narrow terminal, a
    # pytest-xdist worker) unless a test sets its own.
    monkeypatch.setenv("COLUMNS", "100")
    return db


@pytest.fixture(params=ENGINES)
def db_url(
    request: pytest.FixtureRequest,
    isolated_archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """The test's archive on each engine in turn; NEWSARCHIVE_DB names it for the CLI too."""
    with new_database(request.param, tmp_path) as url:
        monkeypatch.setenv("NEWSARCHIVE_DB", url)
        yield url


@pytest.fixture
def seed_path() -> Path:
    return SEED


_pg_outcomes: dict[str, int] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    on_pg = "postgresql" in report.keywords  # the marker, from ENGINES or the module
    if on_pg and (report.when == "call" or report.outcome != "passed"):
        _pg_outcomes[report.outcome] = _pg_outcomes.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _pg_outcomes:
        return
    line = ", ".join(f"{n} {outcome}" for outcome, n in sorted(_pg_outcomes.items()))
    where = "on " + os.environ[PG_ENV] if os.environ.get(PG_ENV) else f"skipped: set {PG_ENV}"
    terminalreporter.write_line(f"PostgreSQL tests ({where}): {line}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # With a server named, a skipped PostgreSQL test is a failure: CI must not go green on a
    # PostgreSQL run that did not run.
    if os.environ.get(PG_ENV) and _pg_outcomes.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
