"""Ingest: batches, parallel parsing, duplicates and editions inside one batch, re-runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from golden import fixture_pages
from newsarchive import Archive
from newsarchive.ingest import Job, Summary, ingest_jobs, ingest_paths


@pytest.fixture
def archive(db_url: str) -> Archive:
    return Archive.open(db_url)


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    pages = [str(p) for p in fixture_pages()]
    serial = Archive.open(str(tmp_path / "serial.db"))
    parallel = Archive.open(str(tmp_path / "parallel.db"))
    a = ingest_paths(serial, pages, workers=1)
    b = ingest_paths(parallel, pages, workers=2)
    assert (a.added, a.updated, a.failed) == (b.added, b.updated, b.failed)
    assert a.failed == 0 and a.added + a.updated == len(pages)
    for article_id in range(1, a.added + 1):
        left, right = serial.get(article_id).to_dict(), parallel.get(article_id).to_dict()
        left.pop("ingested_at"), right.pop("ingested_at")
        assert left == right


def test_rerun_skips_seen_bytes_before_parsing(archive: Archive, seed_path: Path) -> None:
    first = ingest_paths(archive, [str(seed_path)], workers=2)
    again = ingest_paths(archive, [str(seed_path)] * 3, workers=2)
    assert (first.added, again.unchanged, again.added) == (1, 3, 0)
    assert archive.counts()["articles"] == 1


def test_duplicates_and_editions_in_one_batch(archive: Archive, seed_path: Path) -> None:
    data = seed_path.read_bytes()
    crlf = data.replace(b"\n", b"\r\n")  # other bytes, same article
    edition = data.replace(b"in a difficult situation.", b"in a difficult situation, he said.")
    jobs = [Job("a.txt", data), Job("b.txt", data), Job("c.txt", crlf), Job("d.txt", edition)]
    results = []
    summary = ingest_jobs(archive, jobs, batch_size=10, on_result=results.append)
    assert [r.status for r in results] == ["added", "unchanged", "unchanged", "updated"]
    assert {r.article_id for r in results} == {1}
    assert (summary.added, summary.unchanged, summary.updated) == (1, 2, 1)
    assert archive.counts()["inputs"] == 3  # the bytes of a, c and d; b's are a's
    assert archive.get(1).body.endswith("he said.")
    assert len(archive.versions(1)) == 1


def test_failures_are_reported_in_order_with_the_rest(archive: Archive, seed_path: Path) -> None:
    jobs = [Job("empty.txt", b""), Job("seed.txt", seed_path.read_bytes()), Job("missing.txt")]
    results = []
    ingest_jobs(archive, jobs, on_result=results.append)
    # Failures are reported at once, stored articles when their batch is written.
    assert sorted((r.path, r.status) for r in results) == [
        ("empty.txt", "failed"),
        ("missing.txt", "failed"),
        ("seed.txt", "added"),
    ]
    assert archive.counts()["articles"] == 1


def test_an_earlier_ingest_into_another_archive_does_not_count_as_seen(
    tmp_path: Path, seed_path: Path, db_url: str
) -> None:
    first = Archive.open(str(tmp_path / "first.db"))
    second = Archive.open(db_url)
    assert ingest_paths(first, [str(seed_path)], workers=1).added == 1
    assert ingest_paths(second, [str(seed_path)], workers=1).added == 1
    assert second.counts()["articles"] == 1


def test_many_windows_keep_order_and_lose_nothing(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsarchive.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "WINDOW", 3)  # ten pages: four windows, two in flight
    pages = [str(p) for p in fixture_pages()][:10]
    results = []
    summary = ingest_jobs(
        archive, [Job(p) for p in pages], workers=2, batch_size=4, on_result=results.append
    )
    assert summary.added == 10 and summary.failed == 0
    assert [r.path for r in results] == pages
    assert archive.counts()["articles"] == 10


def test_each_input_is_heard_of_as_parsed_before_its_batch_is_stored(archive: Archive) -> None:
    # The progress a caller shows: it moves as inputs are parsed, not only when a batch of
    # thousands is written.
    pages = [str(p) for p in fixture_pages()][:4]
    events: list[str] = []
    summary = ingest_jobs(
        archive,
        (Job(p) for p in pages),
        batch_size=100,
        on_parsed=lambda parsed: events.append("parsed"),
        on_result=lambda result: events.append(result.status),
    )
    assert summary.added + summary.updated == len(pages)
    assert events[: len(pages)] == ["parsed"] * len(pages)
    assert len(events) == 2 * len(pages)


def test_ctrl_c_stores_what_was_parsed_before_it_goes_on(archive: Archive) -> None:
    # Ctrl-C while the fourth input is read: the three parsed before it are stored (a batch
    # is thousands of articles: they would have waited for it), and the interrupt goes on up.
    pages = [str(p) for p in fixture_pages()][:6]

    def jobs() -> Iterator[Job]:
        for n, page in enumerate(pages):
            if n == 3:
                raise KeyboardInterrupt
            yield Job(page)

    summary = Summary()
    with pytest.raises(KeyboardInterrupt):
        ingest_jobs(archive, jobs(), summary=summary)
    assert summary.added + summary.updated == 3
    assert archive.counts()["inputs"] == 3


def test_a_site_first_met_by_its_domain_takes_the_name_a_later_page_gives(
    archive: Archive, tmp_path: Path
) -> None:
    # In one run: a page of example-ledger.com that does not name its site, then one that
    # does (og:site_name). The source is named, whatever page came first.
    def page(n: int, named: bool) -> str:
        name = '<meta property="og:site_name" content="Harbor Ledger">' if named else ""
        body = "".join(
            f"<p>Paragraph {i} of story {n} says enough to be prose, with a clause, and ends.</p>"
            for i in range(5)
        )
        return (
            f'<html><head><title>Story {n} on the bridge</title>{name}<link rel="canonical"'
            f' href="https://www.example-ledger.com/2024/story-{n}"></head>'
            f"<body><article><h1>Story {n} on the bridge</h1>{body}</article></body></html>"
        )

    paths = []
    for n, named in ((1, False), (2, True), (3, False)):
        path = tmp_path / f"story{n}.html"
        path.write_text(page(n, named))
        paths.append(str(path))
    summary = ingest_paths(archive, paths)
    assert summary.added == 3
    names = {archive.get(i).source.name for i in (1, 2, 3)}  # type: ignore[union-attr]
    assert names == {"Harbor Ledger"}
