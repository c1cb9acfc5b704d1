from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_16c5aa2c841b19d8.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own archive and data directory; nothing touches the user's."""
    db = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARCHIVE_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return db


@pytest.fixture
def seed_path() -> Path:
    return SEED
