"""Storage: dedupe, new editions with their earlier versions, FTS in step, migrations."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from newsarchive import Archive, NotFound, parse_bytes
from newsarchive.record import Article
from newsarchive.store.schema import HEAD_REVISION


@pytest.fixture
def archive(db_url: str) -> Archive:
    return Archive.open(db_url)


@pytest.fixture
def sqlite_archive(isolated_archive: Path) -> Archive:
    return Archive.open(str(isolated_archive))


def seed_article(seed_path: Path, data: bytes | None = None):  # type: ignore[no-untyped-def]
    data = data if data is not None else seed_path.read_bytes()
    return parse_bytes(data, str(seed_path)), data


def test_head_revision_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from newsarchive.store.schema import alembic_config

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    assert script.get_current_head() == HEAD_REVISION


def test_add_get_roundtrip(archive: Archive, seed_path: Path) -> None:
    article, data = seed_article(seed_path)
    outcome = archive.add(article, data)
    assert (outcome.status, outcome.article_id) == ("added", 1)
    stored = archive.get(1).to_dict()
    expected = article.to_dict()
    for key in ("id", "ingested_at"):
        stored.pop(key)
        expected.pop(key)
    assert stored == expected
    ((info, original),) = list(archive.input_bytes(1))
    assert original == data and info.sha256 == article.input.sha256


def test_same_bytes_twice_is_unchanged(archive: Archive, seed_path: Path) -> None:
    article, data = seed_article(seed_path)
    archive.add(article, data)
    assert archive.add(article, data).status == "unchanged"
    assert archive.counts()["articles"] == 1
    assert archive.counts()["inputs"] == 1


def test_same_article_in_other_bytes_is_unchanged_but_kept(
    archive: Archive, seed_path: Path
) -> None:
    archive.add(*seed_article(seed_path))
    crlf = seed_path.read_bytes().replace(b"\n", b"\r\n")
    outcome = archive.add(*seed_article(seed_path, crlf))
    assert outcome.status == "unchanged"
    assert archive.counts() | {} == archive.counts()
    assert archive.counts()["articles"] == 1
    assert archive.counts()["inputs"] == 2  # nothing lost: both originals are kept


def test_new_edition_updates_and_keeps_the_earlier_version(
    archive: Archive, seed_path: Path
) -> None:
    archive.add(*seed_article(seed_path))
    data = (
        seed_path.read_bytes()
        .replace(b"Updated November. 28, 2024 07:37", b"Updated November. 28, 2024 09:15")
        .replace(b"in a difficult situation.", b"in a difficult situation, officials said.")
    )
    outcome = archive.add(*seed_article(seed_path, data))
    assert (outcome.status, outcome.article_id) == ("updated", 1)
    current = archive.get(1)
    assert current.updated_at == "2024-11-28T09:15:00+09:00"
    assert current.body.endswith("officials said.")
    (earlier,) = archive.versions(1)
    assert earlier["updated_at"] == "2024-11-28T07:37:00+09:00"
    assert earlier["body"].endswith("in a difficult situation.")
    assert archive.counts()["articles"] == 1 and archive.counts()["versions"] == 1
    # The index follows the edition.
    assert [h.id for h in archive.search("officials")] == [1]


def test_different_article_same_source_is_added(archive: Archive, seed_path: Path) -> None:
    archive.add(*seed_article(seed_path))
    data = (
        seed_path.read_bytes()
        .replace(
            b"Trump team may pursue direct talks with Kim Jong Un", b"Another headline entirely"
        )
        .replace(b"November. 28", b"November. 29")
    )
    assert archive.add(*seed_article(seed_path, data)).status == "added"
    assert archive.counts()["articles"] == 2


def test_unknown_id(archive: Archive) -> None:
    with pytest.raises(NotFound):
        archive.get(42)


def test_fts_index_in_step(
    sqlite_archive: Archive, seed_path: Path, isolated_archive: Path
) -> None:
    archive = sqlite_archive
    archive.add(*seed_article(seed_path))
    with archive.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = 1"))
    assert archive.search("Kim") == []
    con = sqlite3.connect(isolated_archive)
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    con.close()


def test_headline_ranks_above_body(archive: Archive, seed_path: Path) -> None:
    first, data = seed_article(seed_path)
    archive.add(first, data)
    other = dataclasses.replace(
        first,
        headline="Pyongyang weather report",
        body="Kim mentioned once in passing. " + "Filler sentence about the weather. " * 30,
        input=dataclasses.replace(first.input, sha256="0" * 64),
    )
    archive.add(other, b"other")
    hits = archive.search("Kim")
    assert hits[0].id == 1


def test_wal_mode(sqlite_archive: Archive, isolated_archive: Path) -> None:
    con = sqlite3.connect(isolated_archive)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_a_source_known_by_its_domain_takes_the_name_a_later_page_gives(db_url: str) -> None:
    def page(title: str, site_name: str = "") -> bytes:
        named = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
        paragraphs = "".join(
            f"<p>{title}: paragraph {i} says enough to be prose, with commas and an end.</p>"
            for i in range(5)
        )
        return (
            f"<html><head><title>{title}</title>{named}</head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>"
        ).encode()

    with Archive.open(db_url) as archive:
        first = parse_bytes(page("Ferry fares"), url="https://riverside.example/a")
        second = parse_bytes(
            page("Tram works", "Riverside Gazette"), url="https://riverside.example/b"
        )
        archive.add(first, b"a")
        archive.add(second, b"b")
        names = {a.source.name for a in archive.recent(10) if a.source}
        assert names == {"Riverside Gazette"}
        assert archive.counts()["sources"] == 1


def test_the_writer_says_whether_the_very_bytes_were_stored(db_url: str, seed_path: Path) -> None:
    from newsarchive.parse import parse_bytes

    data = seed_path.read_bytes()
    with Archive.open(db_url) as archive:
        first = archive.add(parse_bytes(data, "seed.txt"), data)
        again = archive.add(parse_bytes(data, "seed.txt"), data)
        other = data + b"\n\n"  # other bytes, the same text
        copy = archive.add(parse_bytes(other, "copy.txt"), other)
    assert (first.status, first.seen) == ("added", False)
    assert (again.status, again.seen) == ("unchanged", True)
    assert (copy.status, copy.seen) == ("unchanged", False)


def test_a_writer_whose_remembered_author_was_deleted_elsewhere_stores_its_record(
    db_url: str, seed_path: Path
) -> None:
    from newsarchive.record import Author, Source

    data = seed_path.read_bytes()

    def article(tag: str, author: str, domain: str) -> tuple[Article, bytes]:
        seed = parse_bytes(data + tag.encode(), str(seed_path))  # its input: these bytes
        parsed = dataclasses.replace(
            seed,
            headline=f"Harbour news {tag}",
            body=f"The {tag} story opens here. " + seed.body,
            posted_at=None,  # nor a posting time another record shares: no edition of one
            updated_at=None,
            url=f"https://{domain}/{tag}",
            authors=[Author(author, f"{author.split()[0].lower()}@example.org")],
            source=Source(domain, domain),
        )
        return parsed, data + tag.encode()

    with Archive.open(db_url) as writing, Archive.open(db_url) as other:
        writer = writing.writer()  # as ingest's: it remembers ids between transactions
        (first,) = writer.add_many([article("one", "Jane Roe", "harbour.example")])
        other.delete([first.article_id])  # Jane Roe and harbour.example go with it
        assert other.counts()["authors"] == other.counts()["sources"] == 0
        # Another writer stores others: SQLite may give them the ids just freed.
        other.writer().add_many([article("two", "Omar Haddad", "quay.example")])
        (third,) = writer.add_many([article("three", "Jane Roe", "harbour.example")])
        stored = writing.get(third.article_id)
        assert [(a.name, a.email) for a in stored.authors] == [("Jane Roe", "jane@example.org")]
        assert stored.source == Source("harbour.example", "harbour.example")
