"""Search: every query form, filter, order and output, Korean included."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, text

from conftest import ENGINES, new_database
from golden import fixture_pages
from newsarchive import Archive, ArchiveError, QueryError
from newsarchive.cli import cli
from newsarchive.ingest import ingest_paths
from newsarchive.store.query import parse, to_fts5
from newsarchive.store.reader import search_file
from newsarchive.store.search import (
    PG_SEARCH_PLANNER,
    SearchOptions,
    parse_when,
    search_statements,
)


@pytest.fixture(scope="module", params=ENGINES)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    """An archive of every fixture page: Dong-A English and Korean, KBS, Daum, a blog, ...
    on each engine."""
    with new_database(request.param, tmp_path_factory.mktemp("search")) as url:
        archive = Archive.open(url)
        summary = ingest_paths(archive, [str(p) for p in fixture_pages()])
        assert summary.failed == 0 and summary.added >= 15
        yield archive
        archive.close()


def headlines(archive: Archive, **options: object) -> list[str]:
    return [h.headline for h in archive.search(SearchOptions(**options))]  # type: ignore[arg-type]


def test_plain_words_must_all_match(archive: Archive) -> None:
    assert headlines(archive, query="Kim Jong Un") == [
        "Trump team may pursue direct talks with Kim Jong Un"
    ]
    assert headlines(archive, query="Kim Jong zebra") == []


def test_phrase(archive: Archive) -> None:
    assert headlines(archive, query='"direct talks"')
    assert headlines(archive, query='"talks direct"') == []


def test_or_and_exclusion(archive: Archive) -> None:
    both = headlines(archive, query="subway OR taxi")
    assert any("subway" in h.lower() for h in both) and any("taxi" in h.lower() for h in both)
    without = headlines(archive, query="subway OR taxi -fares")
    assert all("subway fares" not in h.lower() for h in without)
    assert len(without) < len(both)


def test_not_excludes_the_next_term() -> None:
    query = parse('ferry NOT busan NOT "sea port" not')
    assert [[t.words for t in g] for g in query.groups] == [[("ferry",)], [("not",)]]
    assert [t.words for t in query.excluded] == [("busan",), ("sea", "port")]
    assert parse("NOT").words() == ["NOT"]  # nothing after it: the word itself


def test_prefix(archive: Archive) -> None:
    assert headlines(archive, query="denucleariz*")
    assert headlines(archive, query="denucleariz") == []
    # A bracket or a comma typed after the star leaves it a prefix.
    assert headlines(archive, query="(denucleariz*)") == headlines(archive, query="denucleariz*")
    assert parse("denucleariz*,").groups == parse("denucleariz*").groups


def test_parentheses_are_said_not_to_group(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSARCHIVE_DB", archive.url)
    grouped = CliRunner().invoke(cli, ["search", "(Kim OR Trump) -Busan"])
    assert grouped.exit_code == 0 and "parentheses do not group" in grouped.stderr
    quoted = CliRunner().invoke(cli, ["search", '"Kim (Jong) Un"'])
    assert "parentheses" not in quoted.stderr  # inside a phrase they are its text


def test_korean_particles_attach(archive: Archive) -> None:
    # The Korean Dong-A fixture prints 김정은과; 북한 appears as 북한; 전셋값이 as 전셋값이.
    assert headlines(archive, query="김정은") == ["트럼프 측, 김정은과 직접 대화 추진 검토"]
    assert headlines(archive, query="전셋값")
    assert headlines(archive, query="북한 대화")
    # A word typed with a particle finds it with any other: 김정은을 finds 김정은과.
    assert headlines(archive, query="김정은을") == headlines(archive, query="김정은")
    assert headlines(archive, query="북한에서 대화를") == headlines(archive, query="북한 대화")


def test_a_korean_phrase_is_its_words_in_order_side_by_side(archive: Archive) -> None:
    # The headline prints 김정은과 직접 대화: a phrase of those words, each with its particle,
    # matches; the same words reversed, or apart, are no phrase (on either engine).
    found = ["트럼프 측, 김정은과 직접 대화 추진 검토"]
    assert headlines(archive, query='"김정은 직접 대화"') == found
    assert headlines(archive, query='"직접 김정은"') == []
    assert headlines(archive, query='"김정은 대화"') == []


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("광주시는", "광주시"),
        ("부산에서", "부산"),
        ("부산에서는", "부산"),  # the longest particle
        ("서울에는", "서울"),
        ("마을을", "마을"),
        # A noun or a name that ends like a particle, or a stem of one syllable, stays whole.
        ("김정은", "김정은"),
        ("어린이", "어린이"),
        ("정상회의", "정상회의"),
        ("피부과", "피부과"),
        ("오타와", "오타와"),
        ("가을", "가을"),
        # A quoted phrase is searched as typed.
        ('"서울에서 봄"', "서울에서 봄"),
    ],
)
def test_a_korean_word_is_searched_without_its_particle(typed: str, searched: str) -> None:
    from newsarchive.store.query import parse

    assert " ".join(parse(typed).words()) == searched
    # An exclusion is searched as typed: it takes out no more than it says.
    if not typed.startswith('"'):
        assert [t.words for t in parse(f"정상 -{typed}").excluded] == [(typed,)]


@pytest.mark.parametrize(
    ("typed", "loose"),
    [
        ("요금이", "요금"),
        ("서울시가 요금은", "서울시 요금"),
        ("전셋값이 OR 월세", "전셋값 OR 월세"),
        ("김정은", "김정"),
        ("가을", None),  # a stem of one syllable: nothing to take off
        ('"요금이" -세금이', None),  # phrases and exclusions stay as typed
        ("ferry", None),
    ],
)
def test_a_second_try_takes_off_particles_that_also_end_nouns(
    typed: str, loose: str | None
) -> None:
    from newsarchive.store.query import loosened

    assert loosened(typed) == loose


def test_search_tries_again_without_the_particle_when_nothing_matched(
    archive: Archive,
) -> None:
    # The Korean fixture prints 북한 and 대화 (never 북한이 or 대화가).
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", archive.url, "search", "북한이", "대화가"])
    assert result.exit_code == 0
    assert "note: no matches as typed; showing matches for: 북한 대화" in result.stderr
    assert "김정은과 직접 대화" in result.stdout
    typed = runner.invoke(cli, ["--db", archive.url, "search", "김정은"])
    assert "note:" not in typed.stderr  # it matched as typed
    phrase = runner.invoke(cli, ["--db", archive.url, "search", '"북한이"'])
    assert "no matches" in phrase.stderr and "note:" not in phrase.stderr


def test_a_japanese_word_found_nowhere_is_explained(archive: Archive) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", archive.url, "search", "給食費"])
    assert result.exit_code == 0 and "no matches" in result.stderr
    assert "the index does not split a run of kanji and kana into words" in result.stderr
    for form in ("--json", "--csv"):  # the note on standard error, whatever the output's form
        formed = runner.invoke(cli, ["--db", archive.url, "search", form, "給食費"])
        assert "kanji and kana" in formed.stderr and "kanji" not in formed.stdout
    english = runner.invoke(cli, ["--db", archive.url, "search", "zzzyqx"])
    assert "kanji" not in english.stderr
    # A filter may be why: the note is not given then.
    filtered = runner.invoke(cli, ["--db", archive.url, "search", "給食費", "--lang", "ja"])
    assert "no matches" in filtered.stderr and "kanji" not in filtered.stderr


@pytest.mark.parametrize(
    ("capture", "query", "author", "typed"),
    [
        (
            "Stadtrat beschließt neue Radwege\n\nVon Jürgen Schäfer\n\n"
            "Der Stadtrat hat am Mittwochabend mit großer Mehrheit den Bau von zwölf neuen"
            " Radwegen beschlossen, die bis zum Sommer des kommenden Jahres fertig sein sollen."
            "\n\nDie Kosten von rund vier Millionen Euro teilen sich Stadt und Land, sagte die"
            " Bürgermeisterin nach der Sitzung am Abend.",
            "Radwege",
            "Jürgen Schäfer",
            {"Jurgen Schafer": 1, "schafer": 1, "SCHÄFER": 1, "Jürgen": 1, "Schaefer": 0},
        ),
        # A Korean name is matched as written, syllable by syllable.
        (
            "시, 심야버스 노선 확대\n\n입력 2025-01-14 06:00\n\n"
            "서울시가 밤늦게 귀가하는 시민을 위해 심야버스 노선 10개를 새로 만든다고"
            " 14일 밝혔다.\n\n"
            "새 노선은 강남과 홍대, 신촌 등 밤 시간 이동이 많은 지역을 중심으로 운행한다.\n\n"
            "김정은 기자 jekim@example.co.kr",
            "심야버스",
            "김정은",
            {"김정은": 1, "정은": 1, "저": 0, "김저": 0},
        ),
    ],
    ids=["de", "ko"],
)
def test_the_author_filter_folds_case_and_diacritics_as_search_does(
    db_url: str, tmp_path: Path, capture: str, query: str, author: str, typed: dict[str, int]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(capture)
    with Archive.open(db_url) as archive:
        ingest_paths(archive, [str(page)])
        stored = archive.get(1)
        assert [a.name for a in stored.authors] == [author]
        for name, found in typed.items():
            hits = archive.search(SearchOptions(query=query, authors=(name,)))
            assert len(hits) == found, name


def test_mixed_korean_and_english(archive: Archive) -> None:
    assert headlines(archive, query="트럼프 Reuters") == []  # the Korean page says 로이터통신
    assert headlines(archive, query="김정은 Trump") == []
    assert headlines(archive, query="KBS 벚꽃") or headlines(archive, query="벚꽃")


def test_headline_ranks_above_body(archive: Archive) -> None:
    hits = archive.search(SearchOptions(query="Kim"))
    assert hits[0].headline.endswith("Kim Jong Un")


def test_headline_matches_come_first_then_the_rest_page_by_page(archive: Archive) -> None:
    everything = archive.search(SearchOptions(query="North", limit=50))
    in_headline = ["north" in h.headline.lower() for h in everything]
    assert in_headline[0] and not in_headline[-1]
    assert in_headline == sorted(in_headline, reverse=True)  # no headline hit after a body hit
    pages = [
        hit.id
        for offset in range(len(everything))
        for hit in archive.search(SearchOptions(query="North", limit=1, offset=offset))
    ]
    assert pages == [h.id for h in everything]


def test_exclusions_reach_the_body_in_the_headline_phase(archive: Archive) -> None:
    # The seed's headline holds "Kim"; "Reuters" is in its body only.
    assert "Trump team may pursue direct talks with Kim Jong Un" in headlines(archive, query="Kim")
    assert "Trump team may pursue direct talks with Kim Jong Un" not in headlines(
        archive, query="Kim -Reuters"
    )


def test_filters(archive: Archive) -> None:
    assert all(
        h.posted_at is None or h.posted_at >= "2024"
        for h in archive.search(SearchOptions(query="the", since=parse_when("2024-01-01")))
    )
    old = headlines(archive, query="the", until=parse_when("2012-12-31", end=True))
    assert sorted(old) == ["", "Exporters brace for a stronger won"]  # 2008 and 2011 pages
    assert headlines(archive, query="Seoul", sources=("donga",))
    assert headlines(archive, query="Seoul", sources=("no-such-source",)) == []
    # An address or a host names its publisher's domain, at any level.
    by_name = headlines(archive, query="Seoul", sources=("donga",))
    for host in ("www.donga.com", "english.donga.com", "https://www.donga.com/en/article/1"):
        assert headlines(archive, query="Seoul", sources=(host,)) == by_name
    assert headlines(archive, query="Seoul", sources=("www.nosuchsite.com",)) == []
    korean = headlines(archive, query="서울*", languages=("ko",))
    assert korean and all(any("\uac00" <= c <= "\ud7a3" for c in h) or h == "" for h in korean)
    assert headlines(archive, query="library", authors=("Maria",)) == [
        "Local library to open on Sundays"
    ]
    assert headlines(archive, query="library", authors=("Nobody",)) == []
    # A name typed as a byline prints it, with its closing full stop.
    assert headlines(archive, query="library", authors=("Maria Lopez.",)) == [
        "Local library to open on Sundays"
    ]


def test_sort_orders_and_paging(archive: Archive) -> None:
    newest = archive.search(SearchOptions(query="the", sort="newest", limit=50))
    dates = [h.posted_at[:10] for h in newest if h.posted_at]
    assert dates == sorted(dates, reverse=True)
    oldest = archive.search(SearchOptions(query="the", sort="oldest", limit=50))
    assert [h.id for h in oldest if h.posted_at] == [h.id for h in reversed(newest) if h.posted_at]
    first = archive.search(SearchOptions(query="the", sort="newest", limit=2))
    second = archive.search(SearchOptions(query="the", sort="newest", limit=2, offset=2))
    assert [h.id for h in first + second] == [h.id for h in newest[:4]]


@pytest.mark.parametrize(
    ("text", "fts5"),
    [
        ("Kim Jong Un", '"Kim" AND "Jong" AND "Un"'),
        ('"Kim Jong Un" talks', '"Kim Jong Un" AND "talks"'),
        ("a OR b -c", '(("a" OR "b")) NOT "c"'),
        ("nuclea*", '"nuclea"*'),
        ("김정은", '"김정은"*'),
        ("U.S. trade", '"U S" AND "trade"'),
        ("NEAR( a:b", '"NEAR" AND "a b"'),
        # An operator of nothing is the word, whichever it is.
        ("NOT", '"NOT"'),
        ("OR AND", '"OR" AND "AND"'),
        ("ferry AND", '"ferry"'),
    ],
)
def test_query_language(text: str, fts5: str) -> None:
    assert to_fts5(parse(text)) == fts5


@pytest.mark.parametrize("text", ["", "   ", "!!!", "-only -excluded", "-only OR"])
def test_queries_with_nothing_to_search(text: str) -> None:
    with pytest.raises(QueryError):
        parse(text)


def test_bad_dates_are_query_errors() -> None:
    with pytest.raises(QueryError):
        parse_when("yesterday")
    with pytest.raises(QueryError):
        SearchOptions(
            query="x", since=parse_when("2024-02-01"), until=parse_when("2024-01-01")
        ).check()


def test_since_and_until_the_same_instant_keep_what_was_posted_then(archive: Archive) -> None:
    # --until is "on or before": an instant on both ends is that instant, not an error.
    seed = archive.search(SearchOptions(query="Kim Jong Un"))[0]
    assert seed.posted_at == "2024-11-28T07:37:00+09:00"
    moment = parse_when("2024-11-27T22:37:00Z")
    same = SearchOptions(query="Kim Jong Un", since=moment, until=moment)
    same.check()
    assert seed.id in [h.id for h in archive.search(same)]


def test_cli_outputs(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSARCHIVE_DB", archive.url)
    runner = CliRunner()
    table = runner.invoke(cli, ["search", "Kim", "Jong", "Un"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SOURCE", "HEADLINE"]
    assert "Trump team may pursue" in lines[1] and "**Kim**" in lines[2]
    as_json = runner.invoke(cli, ["search", "--json", "김정은"])
    hit = json.loads(as_json.stdout.splitlines()[0])
    assert "<mark>김정은" in hit["snippet"]
    as_csv = runner.invoke(cli, ["search", "--csv", "--sort", "newest", "Seoul"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and set(rows[0]) >= {"id", "posted_at", "source", "headline", "score", "snippet"}
    filtered = runner.invoke(
        cli, ["search", "--lang", "ko", "--since", "2024-01-01", "--json", "서울*"]
    )
    assert filtered.exit_code == 0
    bad = runner.invoke(cli, ["search", "--since", "soon", "x"])
    assert bad.exit_code == 2 and "not a date" in bad.stderr
    dash = runner.invoke(cli, ["search", "--", "-Kim"])
    assert dash.exit_code == 2 and "not excluded" in dash.stderr
    # An exclusion as a word of its own is the query's, as inside quotes; a misspelt long
    # option is still refused, with the option meant.
    quoted = runner.invoke(cli, ["search", "--json", "Seoul -subway"])
    apart = runner.invoke(cli, ["search", "Seoul", "-subway", "--json"])
    assert apart.exit_code == 0 and apart.stdout == quoted.stdout
    assert runner.invoke(cli, ["search", "Seoul", "--json"]).stdout != quoted.stdout
    # Words that begin like the command's short options (-n for --limit, -h for --help).
    for word in ("-nuclear", "-housing", "-n5x", "-h5"):
        quoted = runner.invoke(cli, ["search", "--json", f"Seoul {word}"])
        first = runner.invoke(cli, ["search", word, "Seoul", "-n", "3", "--json"])
        assert first.exit_code == 0, first.output
        assert first.stdout.splitlines() == quoted.stdout.splitlines()[:3]
    # The words keep their order, which OR reads.
    ordered = runner.invoke(cli, ["search", "--json", "subway", "OR", "-taxi", "Seoul"])
    assert (
        ordered.stdout == runner.invoke(cli, ["search", "--json", "subway OR -taxi Seoul"]).stdout
    )
    limited = runner.invoke(cli, ["search", "Seoul", "-n2", "--json"])
    assert len(limited.stdout.splitlines()) == 2
    helped = runner.invoke(cli, ["search", "Seoul", "-h"])
    assert helped.exit_code == 0 and helped.stdout.startswith("Usage:")
    misspelt = runner.invoke(cli, ["search", "Seoul", "--limt", "5"])
    assert misspelt.exit_code == 2 and "Did you mean '--limit'" in misspelt.stderr


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40), st.sampled_from(["relevance", "newest", "oldest"]))
def test_the_cli_reader_finds_what_the_archive_finds(
    archive: Archive, text: str, sort: str
) -> None:
    """`newsarchive search` reads the archive with its driver alone (sqlite3, psycopg): the
    same hits, in order."""
    options = SearchOptions(query=text, sort=sort, limit=5)  # type: ignore[arg-type]
    try:
        expected = archive.search(options)
    except QueryError:
        with pytest.raises(QueryError):
            search_file(archive.url, options)
        return
    assert search_file(archive.url, options) == expected


def test_named_parameters_become_psycopgs() -> None:
    from newsarchive.store.search import pyformat

    sql = "SELECT x::regconfig, '10:30', :a, f(:b_2) FROM t WHERE y LIKE '%' || :a"
    assert pyformat(sql) == (
        "SELECT x::regconfig, '10:30', %(a)s, f(%(b_2)s) FROM t WHERE y LIKE '%%' || %(a)s"
    )
    assert pyformat("SELECT :q::tsquery, :name::text") == "SELECT %(q)s::tsquery, %(name)s::text"


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80), st.sampled_from(["relevance", "newest", "oldest"]))
def test_any_string_is_results_or_a_query_error(archive: Archive, text: str, sort: str) -> None:
    with contextlib.suppress(QueryError):
        archive.search(SearchOptions(query=text, sort=sort))  # type: ignore[arg-type]


@pytest.mark.postgresql
def test_postgresql_searches_are_planned_on_the_search_index(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # PostgreSQL's planner prices testing a row's (out-of-line) search vector as cheap and
    # scans the table instead of the GIN index; a search runs with settings that price that
    # right (PG_SEARCH_PLANNER). On a small archive the plain plans scan the table.
    with new_database("postgresql", tmp_path_factory.mktemp("plans")) as url:
        archive = Archive.open(url)
        try:
            assert ingest_paths(archive, [str(p) for p in fixture_pages()]).failed == 0
            options = SearchOptions(query="Kim")
            with archive.engine.connect() as conn:
                assert not all(map(_on_search_index, _plans(conn, options)))
            with archive._searching() as conn:
                assert all(map(_on_search_index, _plans(conn, options)))
                for name, value in PG_SEARCH_PLANNER.items():
                    assert conn.execute(text(f"SHOW {name}")).scalar_one() == value
            with archive.engine.connect() as conn:  # local to the search's transaction
                assert conn.execute(text("SHOW work_mem")).scalar_one() != "64MB"
        finally:
            archive.close()


def _plans(conn: Connection, options: SearchOptions) -> list[str]:
    return [
        "\n".join(
            row[0] for row in conn.execute(text("EXPLAIN " + statement.sql), statement.params)
        )
        for statement in search_statements("postgresql", options)
    ]


def _on_search_index(plan: str) -> bool:
    return "Seq Scan on articles" not in plan and (
        "ix_articles_search" in plan or "ix_articles_headline_search" in plan
    )


def test_a_search_the_engine_refuses_is_the_archives_error(db_url: str, seed_path: Path) -> None:
    # The statements run through the driver's own connection: its errors must still reach the
    # caller as the archive's problem, with the way to repair it, never as a driver exception.
    archive = Archive.open(db_url)
    ingest_paths(archive, [str(seed_path)])
    with archive.engine.begin() as conn:
        if archive.dialect == "sqlite":
            conn.execute(text("DROP TABLE articles_fts"))
        else:
            conn.execute(text("ALTER TABLE articles DROP COLUMN search_vector CASCADE"))
    with pytest.raises(ArchiveError, match="check --repair"):
        archive.search("Kim Jong Un")
    archive.close()


def test_a_full_page_of_results_says_how_to_see_more(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSARCHIVE_DB", archive.url)
    runner = CliRunner()
    several = runner.invoke(cli, ["search", "Seoul", "-n", "2"])
    assert several.exit_code == 0 and len(several.stdout.splitlines()) == 1 + 2 * 2
    assert several.stderr == "(2 shown: --offset 2 -n 2 shows the next)\n"
    # The next page's command keeps the filters, the order and --exact.
    kept = runner.invoke(cli, ["search", "Seoul", "-n", "1", "--sort", "newest", "--exact"])
    assert kept.stderr == "(1 shown: --offset 1 -n 1 --sort newest --exact shows the next)\n"
    count = len(archive.search(SearchOptions(query="Seoul", limit=100)))
    last = runner.invoke(cli, ["search", "Seoul", "-n", "2", "--offset", str(count - 2)])
    assert last.exit_code == 0 and last.stderr == ""  # the last two: nothing more to say
    as_json = runner.invoke(cli, ["search", "Seoul", "-n", "2", "--json"])
    assert len(as_json.stdout.splitlines()) == 2
    listed = runner.invoke(cli, ["list", "-n", "3"])
    assert (
        len(listed.stdout.splitlines()) == 3
        and listed.stderr == "(3 shown: --offset 3 -n 3 shows the next)\n"
    )
    everything = runner.invoke(cli, ["list", "-n", str(archive.counts()["articles"])])
    assert everything.stderr == ""
    # list pages as search does: the next page starts where the hint says.
    first = runner.invoke(cli, ["list", "-n", "3", "--json"]).stdout.splitlines()
    second = runner.invoke(cli, ["list", "-n", "3", "--offset", "3", "--json"]).stdout
    both = runner.invoke(cli, ["list", "-n", "6", "--json"]).stdout.splitlines()
    assert first + second.splitlines() == both
    past = runner.invoke(cli, ["list", "--offset", "100000"])
    assert past.stderr == "no records past --offset 100000\n"
    # A web archive none of whose records is here is an error, on any page.
    unknown = runner.invoke(cli, ["list", "--offset", "100000", "--container", "x.warc"])
    assert unknown.exit_code == 1
    assert unknown.stderr == "error: no record in this archive came out of x.warc\n"


@pytest.mark.postgresql
def test_planner_settings_refused_are_the_archives_error(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The settings go through the driver too: its error must not escape as a traceback.
    import newsarchive.store.archive as archive_module

    with new_database("postgresql", tmp_path) as url:
        archive = Archive.open(url)
        ingest_paths(archive, [str(seed_path)])
        monkeypatch.setattr(archive_module, "PG_SEARCH_SETTINGS", "SELECT no_such_function()")
        with pytest.raises(ArchiveError, match="the search could not run"):
            archive.search("Kim Jong Un")
        with pytest.raises(ArchiveError, match="the search could not run"):
            archive.count_records(SearchOptions(query="Kim"))
        archive.close()
