"""Ranking a bounded set: a query that matches more articles than the bound ranks the newest
stored, says so, and --exact ranks every match."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ENGINES, new_database
from newsarchive import Archive
from newsarchive.cli import cli
from newsarchive.parse import parse_bytes
from newsarchive.store import search as search_module
from newsarchive.store.search import Bound, SearchOptions, parse_when

COUNT = 40


def dump(i: int) -> bytes:
    # The first article says "harbour" most often, so full ranking puts it first; every
    # article says it at least once, in the body only.
    times = 12 if i == 0 else 1
    body = " ".join(["The harbour was quiet that morning."] * times)
    return (
        f"Report number {i} from the coast\n\nPosted Mar. 5, 2024 10:{i % 60:02d} UTC\n\n"
        f"{body} Fishing boats {i} stayed in port while the wind rose over the bay.\n"
    ).encode()


@pytest.fixture(scope="module", params=ENGINES)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    with new_database(request.param, tmp_path_factory.mktemp("bounded")) as url:
        archive = Archive.open(url)
        writer = archive.writer()
        items = [(parse_bytes(dump(i), f"report-{i}.txt"), dump(i)) for i in range(COUNT)]
        outcomes = writer.add_many(items)
        assert [o.status for o in outcomes] == ["added"] * COUNT
        yield archive
        archive.close()


def test_a_query_matching_more_than_the_bound_ranks_the_newest(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="harbour", bound=10, limit=5))
    assert hits.bound == Bound(10, COUNT)
    newest = {a.id for a in archive.recent(COUNT)}  # every id; the newest 10 stored are the top
    assert all(hit.id > max(newest) - 10 for hit in hits)
    assert str(hits.bound) == "ranked among the newest 10 of 40 matches (--exact ranks them all)"


def test_exact_ranking_reads_every_match(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="harbour", bound=None, limit=5))
    assert hits.bound is None
    assert hits[0].headline == "Report number 0 from the coast"


def test_fewer_matches_than_the_bound_are_all_ranked(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="harbour", bound=COUNT, limit=5))
    assert hits.bound is None and hits[0].headline == "Report number 0 from the coast"


def test_headline_matches_are_bounded_and_named_so(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="coast", bound=10, limit=5))
    assert hits.bound == Bound(10, COUNT, "headline ")


def test_a_page_past_the_bound_widens_it(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="harbour", bound=10, offset=10, limit=5))
    assert len(hits) == 5 and hits.bound == Bound(15, COUNT)


def test_date_orders_need_no_bound(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="harbour", bound=10, sort="newest", limit=3))
    assert hits.bound is None and len(hits) == 3


def test_the_cli_says_when_it_ranked_a_bounded_set(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSARCHIVE_DB", archive.url)
    monkeypatch.setattr(search_module, "RANK_BOUND", 10)
    monkeypatch.setattr(search_module, "PG_RANK_BOUND", 10)
    runner = CliRunner()
    bounded = runner.invoke(cli, ["search", "--limit", "5", "harbour"])
    assert bounded.exit_code == 0
    assert "note: ranked among the newest 10 of 40 matches" in bounded.stderr
    assert "Report number 0 " not in bounded.stdout
    exact = runner.invoke(cli, ["search", "--exact", "harbour"])
    assert exact.exit_code == 0 and "note:" not in exact.stderr
    assert "Report number 0 " in exact.stdout.splitlines()[1]


def test_the_help_names_the_bound() -> None:
    shown = " ".join(CliRunner().invoke(cli, ["search", "--help"]).stdout.split())
    assert f"{search_module.RANK_BOUND:,}" in shown
    assert f"{search_module.PG_RANK_BOUND:,} on PostgreSQL" in shown


def test_postgresql_ranks_fewer_by_default_and_keeps_a_bound_asked_for() -> None:
    default = SearchOptions(query="harbour")
    assert search_module.ranking_bound("sqlite", default) == search_module.RANK_BOUND
    assert search_module.ranking_bound("postgresql", default) == search_module.PG_RANK_BOUND
    asked = SearchOptions(query="harbour", bound=300)
    assert search_module.ranking_bound("postgresql", asked) == 300
    assert search_module.ranking_bound("postgresql", SearchOptions(query="a", bound=None)) is None
    wide = SearchOptions(query="harbour", bound=10, offset=40, limit=20)
    assert search_module.ranking_bound("sqlite", wide) == 60  # never less than the page


def test_the_bound_is_of_what_the_filters_let_through(archive: Archive) -> None:
    """Filters narrow the bounded set, not the newest matches after the fact: articles the
    filter keeps that are older than the newest `bound` matches are still found."""
    oldest = archive.search(SearchOptions(query="harbour", sort="oldest", limit=3))
    first = max(oldest, key=lambda h: h.id).posted_at
    assert first is not None
    hits = archive.search(SearchOptions(query="harbour", bound=5, until=parse_when(first)))
    assert len(hits) == 3 and all(h.posted_at and h.posted_at <= first for h in hits)
    assert hits.bound is None  # three matches pass the filter: fewer than the bound
    excluded = archive.search(SearchOptions(query="harbour -morning", bound=5))
    assert excluded == [] and excluded.bound is None


def test_a_date_order_walking_the_date_index_gives_the_same_page(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL follows the date index when the matches are many (MANY): the same rows, in
    the same order, with the same scores, as collecting and sorting them all."""
    for sort in ("newest", "oldest"):
        options = SearchOptions(query="harbour", sort=sort, offset=3, limit=5)  # type: ignore[arg-type]
        sorted_all = archive.search(options)
        monkeypatch.setattr(search_module, "MANY", 5)
        walked = archive.search(options)
        monkeypatch.undo()
        assert [(h.id, h.score) for h in walked] == [(h.id, h.score) for h in sorted_all]
        assert len(walked) == 5
