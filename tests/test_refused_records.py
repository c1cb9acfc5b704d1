"""A record the database refuses fails alone: ingest and import store the rest of its batch and
name the one that failed (Writer.add_each)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli
from newsarchive.errors import ArchiveError
from newsarchive.record import Article
from newsarchive.store.writer import Writer

REFUSED = "A headline the database refuses"


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The database refuses any batch holding an article with the REFUSED headline."""
    add_many = Writer.add_many

    def picky(
        self: Writer, items: Sequence[tuple[Article, bytes]], versions: object = None
    ) -> list[object]:
        if any(article.headline == REFUSED for article, _ in items):
            raise ValueError("refused by the database")
        return list(add_many(self, items, versions))  # type: ignore[arg-type]

    monkeypatch.setattr(Writer, "add_many", picky)


def _pages(folder: Path) -> list[Path]:
    folder.mkdir()
    pages = []
    for i, headline in enumerate(["Harbour reopens", REFUSED, "Ferry returns"]):
        page = folder / f"{i}.txt"
        body = f"Paragraph {i}: the council voted on Tuesday to reopen the harbour to ferries."
        page.write_text(f"{headline}\n\n{body}\n\nIt will reopen in May, the council said.\n")
        pages.append(page)
    return pages


@pytest.mark.usefixtures("refusing")
def test_ingest_stores_the_rest_of_a_batch_and_names_the_refused_file(
    db_url: str, tmp_path: Path
) -> None:
    pages = _pages(tmp_path / "in")
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", *map(str, pages)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "1.txt" in errors[0] and "cannot store" in errors[0]
    assert result.stdout.startswith("2 added, 0 unchanged, 0 updated, 1 failed")


@pytest.mark.usefixtures("refusing")
def test_import_stores_the_rest_and_names_the_refused_line(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    records = tmp_path / "records.jsonl"
    lines = [
        runner.invoke(cli, ["parse", "--json", str(p)]).stdout for p in _pages(tmp_path / "in")
    ]
    records.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(cli, ["--db", db_url, "import", str(records)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {records}: line 2: cannot store it: ValueError"]
    assert result.stdout.startswith("2 added")


def test_an_archive_that_cannot_be_written_still_stops_the_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def unwritable(self: Writer, items: object, versions: object = None) -> list[object]:
        raise ArchiveError("cannot write to the archive: disk full")

    monkeypatch.setattr(Writer, "add_many", unwritable)
    from newsarchive import Archive

    archive = Archive.open(str(tmp_path / "a.db"))
    with pytest.raises(ArchiveError):
        archive.writer().add_each([])


def test_a_refused_version_refuses_its_line_whole(
    monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path
) -> None:
    """A record and the versions it carries go in together or not at all."""
    import json

    from newsarchive import Archive

    add_many = Writer.add_many

    def picky(self: Writer, items: Sequence[tuple[Article, bytes]], versions: object = None):  # type: ignore[no-untyped-def]
        if any(a.headline == REFUSED for kept in versions or [] for a, _ in kept):  # type: ignore[attr-defined]
            raise ValueError("refused by the database")
        return list(add_many(self, items, versions))  # type: ignore[arg-type]

    monkeypatch.setattr(Writer, "add_many", picky)
    edition = {"headline": REFUSED, "body": "Old text.", "input": {"sha256": "b" * 64}}
    records = [
        {
            "headline": "Ferry",
            "body": "New text.",
            "input": {"sha256": "a" * 64},
            "versions": [edition],
        },
        {"headline": "Harbour", "body": "Text.", "input": {"sha256": "c" * 64}},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = CliRunner().invoke(cli, ["--db", db_url, "import", str(path)])
    assert result.stderr.splitlines() == [f"error: {path}: line 1: cannot store it: ValueError"]
    with Archive.open(db_url) as archive:
        assert archive.counts()["articles"] == 1 and archive.counts()["inputs"] == 1
