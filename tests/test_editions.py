"""Editions of one article: whatever order they arrive in, the latest (by updated time, else
posted time, else arrival) is the record, the others are its versions, and search finds the
latest text."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive import Archive
from newsarchive.ingest import Summary, ingest_paths

CANONICAL = "https://news.example.com/2026/harbour-quay"
PARAGRAPHS = [
    "The harbour authority said on Monday that the new quay will open next spring, after two "
    "years of work on the breakwater and the cranes.",
    "Ships of up to forty thousand tonnes will be able to berth there, the authority said, and "
    "the old quay will close for repairs.",
    "Later on Monday the authority added that the cranes had been tested over the weekend.",
    "In the afternoon the port's pilots said the dredging of the channel was finished.",
]


def edition(updated: str | None, paragraphs: int) -> str:
    modified = f'<meta property="article:modified_time" content="{updated}">' if updated else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:paragraphs])
    return (
        "<html><head><title>Harbour quay to open next spring</title>"
        f'<link rel="canonical" href="{CANONICAL}">'
        '<meta property="article:published_time" content="2026-03-02T09:00:00+00:00">'
        f"{modified}</head><body><article><h1>Harbour quay to open next spring</h1>{body}"
        "</article></body></html>"
    )


EDITIONS = {
    "v1": edition(None, 2),  # posted 09:00, never updated
    "v2": edition("2026-03-02T12:00:00+00:00", 3),
    "v3": edition("2026-03-02T15:00:00+00:00", 4),
}


def ingest_in_order(
    archive: Archive, folder: Path, pages: dict[str, str], order: tuple[str, ...]
) -> list[Summary]:
    """Ingest the named pages one run each, in this order (each saved as NAME.html)."""
    summaries = []
    for name in order:
        path = folder / f"{name}.html"
        path.write_text(pages[name])
        summaries.append(ingest_paths(archive, [str(path)]))
    return summaries


@pytest.mark.parametrize("order", list(itertools.permutations(EDITIONS)), ids="-".join)
def test_the_latest_edition_is_the_record_in_any_order(
    order: tuple[str, ...], tmp_path: Path, db_url: str
) -> None:
    with Archive.open(db_url) as archive:
        ingest_in_order(archive, tmp_path, EDITIONS, order)
        assert archive.counts()["articles"] == 1
        record = archive.get(1)
        assert record.updated_at == "2026-03-02T15:00:00+00:00"
        assert PARAGRAPHS[3] in record.body
        versions = archive.versions(1)
        assert [v["updated_at"] for v in versions] == [None, "2026-03-02T12:00:00+00:00"]
        assert archive.counts()["inputs"] == 3  # every edition's bytes kept
        hits = archive.search("dredging channel")
        assert [h.id for h in hits] == [1]


def capture(body: str) -> str:
    """A text capture of a site newsarchive does not know: no address, no source."""
    return (
        "Tram line to reach the airport by 2030\n"
        "Posted 2026-04-10 08:30\n\n"
        "The city council approved the extension of the tram line to the airport on Thursday, "
        "after a debate that lasted most of the night.\n\n" + body
    )


def test_editions_without_a_source_are_one_article(tmp_path: Path, db_url: str) -> None:
    first = tmp_path / "first.txt"
    first.write_text(capture("Work on the first section will start in the autumn.\n"))
    second = tmp_path / "second.txt"
    second.write_text(
        capture(
            "Work on the first section will start in the autumn.\n\n"
            "The council's transport committee will publish the timetable next month.\n"
        )
    )
    other = tmp_path / "other.txt"
    other.write_text(
        capture("Work on the first section will start in the autumn.\n").replace(
            "2026-04-10 08:30", "2026-05-22 10:00"
        )
    )
    with Archive.open(db_url) as archive:
        summary = ingest_paths(archive, [str(first), str(second), str(other)])
        assert (summary.added, summary.updated) == (2, 1)
        record = archive.get(1)
        assert record.source is None
        assert "transport committee" in record.body
        assert len(archive.versions(1)) == 1
        # Same headline, another posting time: another article.
        assert archive.get(2).posted_at is not None


def test_show_prints_the_earlier_editions_or_says_they_exist(tmp_path: Path, db_url: str) -> None:
    from click.testing import CliRunner

    from newsarchive.cli import cli

    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("v1", "v2", "v3"):
        (pages / f"{name}.html").write_text(EDITIONS[name])
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "ingest", str(pages)]).exit_code == 0
    plain = runner.invoke(cli, ["--db", db_url, "show", "1"])
    assert plain.exit_code == 0
    # Each edition's file is kept too: the three originals, listed by --inputs.
    assert plain.stderr == (
        "(2 earlier editions: show 1 --versions)\n(3 originals kept: show 1 --inputs)\n"
    )
    assert "earlier" not in plain.stdout
    full = runner.invoke(cli, ["--db", db_url, "show", "1", "--versions"])
    assert full.exit_code == 0
    current, first, second = full.stdout.split("--- earlier edition ")
    assert PARAGRAPHS[3] in current.replace("\n", " ")
    assert first.startswith("1 of 2 ---") and "updated" not in first.splitlines()[2]
    assert second.startswith("2 of 2 ---") and "updated 2026-03-02T12:00:00+00:00" in second
    assert PARAGRAPHS[2][:40] in second.replace("\n", " ")
    assert PARAGRAPHS[2][:40] not in first.replace("\n", " ")


RESTAMPED = {
    # The same text under three update times: each an edition of its own.
    "a": edition("2026-03-02T12:00:00+00:00", 3),
    "b": edition("2026-03-02T13:00:00+00:00", 3),
    "c": edition("2026-03-02T14:00:00+00:00", 3),
}


@pytest.mark.parametrize("order", list(itertools.permutations(RESTAMPED)), ids="-".join)
def test_an_edition_whose_only_change_is_its_update_time_is_kept(
    order: tuple[str, ...], tmp_path: Path, db_url: str
) -> None:
    with Archive.open(db_url) as archive:
        statuses = ingest_in_order(archive, tmp_path, RESTAMPED, order)
        assert archive.counts()["articles"] == 1
        assert archive.get(1).updated_at == "2026-03-02T14:00:00+00:00"
        assert [v["updated_at"] for v in archive.versions(1)] == [
            "2026-03-02T12:00:00+00:00",
            "2026-03-02T13:00:00+00:00",
        ]
    # Each one is counted as what it was: the first added, a later one an update, an older
    # one arriving after the record kept as an earlier edition.
    counts = [(s.added, s.updated, s.earlier, s.unchanged) for s in statuses]
    assert counts[0] == (1, 0, 0, 0)
    for k, name in enumerate(order[1:], start=1):
        later = name > max(order[:k])  # the names sort as their update times
        assert counts[k] == ((0, 1, 0, 0) if later else (0, 0, 1, 0))


def test_ingest_says_an_older_edition_was_kept_not_that_the_record_was_updated(
    tmp_path: Path, db_url: str
) -> None:
    from click.testing import CliRunner

    from newsarchive.cli import cli

    runner = CliRunner()
    for name in ("v2", "v1"):
        (tmp_path / f"{name}.html").write_text(EDITIONS[name])
    first = runner.invoke(cli, ["--db", db_url, "ingest", str(tmp_path / "v2.html")])
    assert first.stdout.endswith("1 added, 0 unchanged, 0 updated, 0 failed\n")
    older = runner.invoke(cli, ["--db", db_url, "ingest", str(tmp_path / "v1.html")])
    assert older.exit_code == 0
    assert older.stdout.endswith(
        "0 added, 0 unchanged, 0 updated, 1 earlier edition kept, 0 failed\n"
    )


def test_an_earlier_edition_shows_its_byline() -> None:
    from newsarchive.render import edition_text

    record = {
        "headline": "Harbour quay to open next spring",
        "byline": "By Jane Roe and John Doe",
        "authors": [{"name": "Jane Roe"}, {"name": "John Doe"}],
        "posted_at": "2026-03-02T09:00:00+00:00",
        "body": "The harbour authority said on Monday that the new quay will open.",
    }
    shown = edition_text(record, 1, 2).splitlines()
    assert shown[2] == "By Jane Roe and John Doe"
    # Without a printed byline, the authors' names.
    shown = edition_text({**record, "byline": None}, 1, 2).splitlines()
    assert shown[2] == "Jane Roe, John Doe"


@pytest.mark.parametrize("order", [("n", "b"), ("b", "n")], ids="-".join)
def test_a_copy_without_an_update_time_and_one_with_are_two_editions_in_either_order(
    order: tuple[str, ...], tmp_path: Path, db_url: str
) -> None:
    pages = {"n": edition(None, 3), "b": edition("2026-03-02T13:00:00+00:00", 3)}
    with Archive.open(db_url) as archive:
        ingest_in_order(archive, tmp_path, pages, order)
        assert archive.counts()["articles"] == 1
        assert archive.get(1).updated_at == "2026-03-02T13:00:00+00:00"
        assert [v["updated_at"] for v in archive.versions(1)] == [None]


def test_an_earlier_edition_from_other_bytes_is_not_kept_twice(tmp_path: Path, db_url: str) -> None:
    a = edition("2026-03-02T12:00:00+00:00", 3)
    pages = {"a": a, "b": edition("2026-03-02T13:00:00+00:00", 3), "a2": a + "<!-- saved -->"}
    with Archive.open(db_url) as archive:
        results = []
        for name in ("a", "b", "a2"):
            (tmp_path / f"{name}.html").write_text(pages[name])
            results.append(ingest_paths(archive, [str(tmp_path / f"{name}.html")]))
        assert (results[2].unchanged, results[2].earlier) == (1, 0)
        assert [v["updated_at"] for v in archive.versions(1)] == ["2026-03-02T12:00:00+00:00"]
        assert archive.counts()["inputs"] == 3  # every original kept


def test_editions_match_on_the_posting_instant_whatever_its_offset(
    tmp_path: Path, db_url: str
) -> None:
    # No address: the same site's pages match by headline and posting time. The second
    # gives its update in +01:00, and so its posting (the same instant) too.
    def saved(modified: str, paragraphs: int) -> str:
        body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:paragraphs])
        return (
            '<html><head><meta property="og:site_name" content="Metro Daily">'
            '<meta property="article:published_time" content="2026-03-02T15:20:00Z">'
            f"{modified}</head><body><h1>Harbour quay to open next spring</h1>{body}"
            "</body></html>"
        )

    first = saved("", 3)
    second = saved('<meta property="article:modified_time" content="2026-03-02T18:00:00+01:00">', 4)
    with Archive.open(db_url) as archive:
        for name, page in (("first", first), ("second", second)):
            (tmp_path / f"{name}.html").write_text(page)
            ingest_paths(archive, [str(tmp_path / f"{name}.html")])
        assert archive.counts()["articles"] == 1
        assert archive.get(1).posted_at == "2026-03-02T16:20:00+01:00"


@pytest.mark.parametrize("one_batch", [True, False])
def test_the_same_text_from_two_outlets_is_two_records(
    one_batch: bool, tmp_path: Path, db_url: str
) -> None:
    # A wire story: the same words on two publishers' sites, each found by its source. The
    # same page saved again (other bytes), or saved without its address, is the same record.
    page = edition(None, 3)
    wire = page.replace("news.example.com", "www.valley-gazette.example.org")
    unaddressed = page.replace(f'<link rel="canonical" href="{CANONICAL}">', "")
    named = unaddressed.replace("<title>", '<meta property="og:site_name" content="Harbour News">'
                                "<title>")  # fmt: skip
    assert page != unaddressed != named
    copies = [("again", page), ("saved", unaddressed), ("named", named)]
    paths = []
    for name, text in [("harbour", page), ("valley", wire), *copies]:
        path = tmp_path / f"{name}.html"
        path.write_text(text.replace("<title>", f"<!-- {name} --><title>"))
        paths.append(str(path))
    with Archive.open(db_url) as archive:
        if one_batch:
            summaries = [ingest_paths(archive, paths)]
        else:
            summaries = [ingest_paths(archive, [p]) for p in paths]
        assert sum(s.added for s in summaries) == 2
        assert sum(s.unchanged for s in summaries) == len(copies)
        sources = sorted(archive.get(i).source.domain for i in (1, 2))  # type: ignore[union-attr]
        assert sources == ["example.com", "example.org"]


def test_a_copy_joins_its_own_outlets_record_before_a_record_without_a_source(
    tmp_path: Path, db_url: str
) -> None:
    # The same text stored twice: an outlet's record, and a record without a source (an
    # import that brought its earlier edition). A third copy from the outlet joins the
    # outlet's record on every engine (PostgreSQL sorts NULL first where SQLite sorts it last).
    from newsarchive.parse import parse_bytes

    page = edition(None, 3).encode()
    unaddressed = page.replace(f'<link rel="canonical" href="{CANONICAL}">'.encode(), b"")
    older = edition(None, 2).replace(f'<link rel="canonical" href="{CANONICAL}">', "").encode()
    with Archive.open(db_url) as archive:
        writer = archive.writer()
        writer.add_many([(parse_bytes(page, "a.html"), page)])
        imported = parse_bytes(unaddressed, "b.html")
        earlier = [(parse_bytes(older, "o.html"), older)]
        writer.add_many([(imported, unaddressed)], versions=[earlier])
        assert archive.counts()["articles"] == 2 and archive.get(2).source is None
        again = page.replace(b"<title>", b"<!-- again --><title>")
        [outcome] = writer.add_many([(parse_bytes(again, "c.html"), again)])
        assert (outcome.status, outcome.article_id) == ("unchanged", 1)


@pytest.mark.parametrize("order", [("first", "updated"), ("updated", "first")], ids="-".join)
def test_of_two_editions_dated_to_the_day_the_updated_one_is_the_record(
    order: tuple[str, str], tmp_path: Path, db_url: str
) -> None:
    # Times known to the day alone tie: the edition that says it was updated is the later.
    def dated(page: str) -> str:
        return page.replace("2026-03-02T09:00:00+00:00", "2026-03-02").replace(
            "2026-03-02T12:00:00+00:00", "2026-03-02"
        )

    pages = {
        "first": dated(edition(None, 2)),
        "updated": dated(edition("2026-03-02T12:00:00+00:00", 3)),
    }
    with Archive.open(db_url) as archive:
        ingest_in_order(archive, tmp_path, pages, order)
        assert archive.counts()["articles"] == 1
        record = archive.get(1)
        assert record.updated_at == "2026-03-02" and len(record.body.split("\n\n")) == 3
        assert [v["updated_at"] for v in archive.versions(1)] == [None]


@pytest.mark.parametrize("stamped_first", [False, True])
def test_a_modified_time_equal_to_the_posting_time_makes_no_new_edition(
    stamped_first: bool, tmp_path: Path, db_url: str
) -> None:
    # Much JSON-LD states dateModified as the publication time: the same text saved with and
    # without it is one edition, in either order.
    plain = edition(None, 3)
    stamped = edition("2026-03-02T09:00:00+00:00", 3)
    order = (stamped, plain) if stamped_first else (plain, stamped)
    with Archive.open(db_url) as archive:
        summaries = []
        for n, page in enumerate(order):
            path = tmp_path / f"p{n}.html"
            path.write_text(page)
            summaries.append(ingest_paths(archive, [str(path)]))
        assert [(s.added, s.unchanged) for s in summaries] == [(1, 0), (0, 1)]
        assert archive.versions(1) == []


def crawl(path: Path, captures: list[tuple[str, int]]) -> Path:
    """A WARC with a capture of the page (never updated) per (WARC-Date, paragraphs)."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for when, paragraphs in captures:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                CANONICAL,
                "response",
                payload=io.BytesIO(edition(None, paragraphs).encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": when},
            )
            writer.write_record(record)
    return path


@pytest.mark.parametrize("newest_first", [True, False])
def test_of_two_crawls_of_a_page_without_an_update_time_the_later_is_the_record(
    newest_first: bool, tmp_path: Path, db_url: str
) -> None:
    later = ("2026-03-04T09:00:00Z", 3)
    earlier = ("2026-03-03T17:00:00Z", 2)
    first, second = (later, earlier) if newest_first else (earlier, later)
    with Archive.open(db_url) as archive:
        ingest_paths(archive, [str(crawl(tmp_path / "one.warc.gz", [first]))])
        ingest_paths(archive, [str(crawl(tmp_path / "two.warc.gz", [second]))])
        both = crawl(tmp_path / "both.warc.gz", [first, second])  # in one crawl, either order
        ingest_paths(archive, [str(both)])
        assert archive.counts()["articles"] == 1
        record = archive.get(1)
        assert PARAGRAPHS[2] in record.body
        assert record.input.captured_at is not None
        assert record.input.captured_at.startswith("2026-03-04")
        assert len(archive.versions(1)) == 1


@pytest.mark.parametrize(
    "saved_as",
    [
        CANONICAL + "?utm_source=newsletter&utm_campaign=daily",
        CANONICAL + "#comments",
        CANONICAL.replace("https://", "http://"),
        CANONICAL.replace("https://news.", "https://www.news."),
    ],
)
def test_a_page_saved_from_another_form_of_its_address_is_an_edition(
    saved_as: str, tmp_path: Path, db_url: str
) -> None:
    first, later = tmp_path / "v1.html", tmp_path / "v3.html"
    first.write_text(EDITIONS["v1"])
    later.write_text(
        EDITIONS["v3"].replace("Harbour quay to open next spring", "Harbour quay opens in spring")
    )
    with Archive.open(db_url) as archive:
        ingest_paths(archive, [str(first)], url=saved_as)
        assert archive.get(1).url == saved_as.split("?")[0].split("#")[0]  # the page's own
        ingest_paths(archive, [str(later)], url=CANONICAL)
        assert archive.counts()["articles"] == 1
        assert archive.get(1).headline == "Harbour quay opens in spring"
        assert len(archive.versions(1)) == 1


def test_a_capture_under_a_new_headline_is_an_edition(tmp_path: Path, db_url: str) -> None:
    """No address to match: the same posting minute and opening paragraph make it one."""
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    opening = capture("Work on the first section will start in the autumn.\n").replace(
        "2026-04-10 08:30", "2026-04-10 08:30 UTC"
    )
    first.write_text(opening)
    later.write_text(
        opening.replace("Tram line to reach the airport by 2030", "Tram to the airport by 2030")
        + "\nThe council's transport committee will publish the timetable next month.\n"
    )
    another_day = tmp_path / "another.txt"
    another_day.write_text(
        opening.replace("Tram line to reach", "Tram line will reach").replace(
            "2026-04-10 08:30", "2026-04-11 08:30"
        )
    )
    with Archive.open(db_url) as archive:
        summary = ingest_paths(archive, [str(first), str(later), str(another_day)])
        assert (summary.added, summary.updated) == (2, 1)
        assert archive.get(1).headline == "Tram to the airport by 2030"
        assert len(archive.versions(1)) == 1


def test_two_articles_that_open_alike_are_not_editions(tmp_path: Path, db_url: str) -> None:
    note = (
        "Editor's note: this article appeared in the print edition of the Harbour Gazette "
        "on Wednesday, April 10."
    )
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        capture("Work on the first section will start in the autumn.\n")
        .replace("2026-04-10 08:30", "2026-04-10 08:30 UTC")
        .replace("The city council approved", note + "\n\nThe city council approved")
    )
    second.write_text(
        "School board approves the new library budget\nPosted 2026-04-10 08:30 UTC\n\n"
        + note
        + "\n\nThe school board approved next year's library budget on Wednesday, with money "
        "for longer opening hours at the three branches.\n\nThe board will vote on the "
        "teachers' contracts next month, its chair said.\n"
    )
    with Archive.open(db_url) as archive:
        summary = ingest_paths(archive, [str(first), str(second)])
        assert (summary.added, summary.updated) == (2, 0)
        assert [h.id for h in archive.search("library budget")] == [2]


def test_a_page_saved_today_is_later_than_an_old_crawl_of_it(tmp_path: Path, db_url: str) -> None:
    """A file has no capture time: when it came in stands for one (it existed then)."""
    saved = tmp_path / "saved.html"
    saved.write_text(edition(None, 4))
    with Archive.open(db_url) as archive:
        ingest_paths(archive, [str(crawl(tmp_path / "old.warc.gz", [("2019-01-01T00:00:00Z", 2)]))])
        summary = ingest_paths(archive, [str(saved)], url=CANONICAL)
        assert summary.updated == 1
        assert PARAGRAPHS[3] in archive.get(1).body
        # And a crawl older than the file's coming in is an earlier edition.
        ingest_paths(
            archive, [str(crawl(tmp_path / "older.warc.gz", [("2018-01-01T00:00:00Z", 3)]))]
        )
        assert PARAGRAPHS[3] in archive.get(1).body
        assert len(archive.versions(1)) == 2


def test_an_address_matches_as_given_and_whatever_case_its_host() -> None:
    from newsarchive.parse.sources import url_variants

    assert "HTTPS://News.Example.com/a?" in url_variants("HTTPS://News.Example.com/a?")
    assert "https://news.example.com/a" in url_variants("https://WWW.News.Example.com/a")


def test_one_headline_at_one_time_on_two_addresses_is_two_articles(
    tmp_path: Path, db_url: str
) -> None:
    # A standing headline ("Weather forecast") posted at the same minute for two cities.
    pages = {}
    for city in ("seoul", "busan"):
        pages[city] = (
            "<html><head><title>Weather forecast</title>"
            f'<link rel="canonical" href="https://news.example.com/weather/{city}">'
            '<meta property="article:published_time" content="2026-03-02T22:00:00+00:00">'
            "</head><body><article><h1>Weather forecast</h1>"
            f"<p>Rain is expected in {city.title()} through Tuesday morning, with clearing "
            "skies by the afternoon and a high of eleven degrees.</p>"
            f"<p>The weather service said winds in {city.title()} would ease overnight.</p>"
            "</article></body></html>"
        )
    with Archive.open(db_url) as archive:
        summaries = ingest_in_order(archive, tmp_path, pages, ("seoul", "busan"))
        assert [s.added for s in summaries] == [1, 1]
        assert [h.id for h in archive.search("Seoul")] and [h.id for h in archive.search("Busan")]


def test_a_standing_headline_dated_to_the_day_is_an_edition_only_if_it_keeps_the_text(
    tmp_path: Path, db_url: str
) -> None:
    def letters(*paragraphs: str) -> str:
        return "Letters to the editor\n\nPosted Mar. 3, 2026\n\n" + "\n\n".join(paragraphs)

    one = "Your article on the harbour dredging plan left out the fishermen who work there."
    two = "The reopening of the central library on Sundays is welcome news for readers."
    three = "I was sorry to read that the night bus to the university will stop in May."
    files = {
        "a.txt": letters(one, two),
        "b.txt": letters(three),  # other letters, printed the same day
        "c.txt": letters(one, two, "A correction: the plan was approved in February."),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with Archive.open(db_url) as archive:
        summary = ingest_paths(archive, [str(tmp_path / name) for name in files])
        assert (summary.added, summary.updated) == (2, 1)
        assert [h.id for h in archive.search("night bus")] == [2]
        assert "correction" in archive.get(1).body


def test_a_replaced_edition_saved_again_stays_a_version(tmp_path: Path, db_url: str) -> None:
    # Captures print no update time: the later one ingested is the record. A copy of the first
    # edition (other bytes, the same text) arriving after is that version's original, not a
    # newer edition that would bring the old text back.
    first, second, again = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "1-copy.txt"
    first.write_text(capture("The line will cost about 300 million euros.\n"))
    second.write_text(capture("The line will cost nearly 300 million euros.\n"))
    again.write_text(first.read_text() + "\n\n")
    with Archive.open(db_url) as archive:
        summaries = [ingest_paths(archive, [str(p)]) for p in (first, second, again)]
        assert [(s.added, s.updated, s.unchanged) for s in summaries] == [
            (1, 0, 0),
            (0, 1, 0),
            (0, 0, 1),
        ]
        assert "nearly 300" in archive.get(1).body
        assert len(archive.versions(1)) == 1


def test_a_page_saved_from_its_mobile_address_is_an_edition(tmp_path: Path, db_url: str) -> None:
    # Another form of the address than http/https and www.: the same headline and minute, and
    # the same text, make it the same article.
    mobile = EDITIONS["v2"].replace(CANONICAL, CANONICAL.replace("news.", "m.news."))
    pages = {"mobile": mobile, "v3": EDITIONS["v3"]}
    with Archive.open(db_url) as archive:
        summaries = ingest_in_order(archive, tmp_path, pages, ("mobile", "v3"))
        assert [(s.added, s.updated) for s in summaries] == [(1, 0), (0, 1)]
        assert len(archive.versions(1)) == 1
