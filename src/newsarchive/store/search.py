"""Search: options, results, and the ranked, filtered statements for each engine: FTS5 on
SQLite, tsvector and ts_rank on PostgreSQL.

Relevance puts articles whose headline matches first, ranked by their headline; then the rest,
ranked by headline, byline and body weighted in that order (bm25 on SQLite, ts_rank on
PostgreSQL). Ranking reads every match, so a query that matches a large share of a big archive
ranks a bounded set: the newest RANK_BOUND matches by the order they were stored in (found by
walking the index from its end, which costs little), and says so; `exact` ranks them all.

Filters and orders run inside the statements, which are plain SQL text with named
parameters: the Archive runs them through SQLAlchemy, `newsarchive search` on a SQLite file
through the standard library's sqlite3 (no SQLAlchemy to import), and the benchmark's floor as
bare statements. Snippets are made for the rows returned only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from ..errors import QueryError
from ..parse.sources import domains_named
from ..record import Source
from . import query as q
from .fts import WEIGHTS
from .snippets import make_snippet, matcher

Sort = Literal["relevance", "newest", "oldest"]
RANK_BOUND = 20_000  # matches a relevance search ranks at most, unless asked for exact ranking
# PostgreSQL's default: ranking a match there reads its vector out of line (about 16 us a
# match against FTS5's few), so the same bound cost a Korean prefix search over 41,805 of
# 520,000 articles 490 ms; a bound asked for explicitly is kept as asked.
PG_RANK_BOUND = 5_000
MANY = 2_000  # matches above which a date order walks the date index (PostgreSQL)
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class SearchOptions:
    """What to search for and how: one object rather than a pile of keyword arguments."""

    query: str
    limit: int = 20
    offset: int = 0
    since: datetime | None = None  # UTC, inclusive
    until: datetime | None = None  # UTC, inclusive (on or before)
    # Whole days, as the publisher dates them (a record's posted_at keeps the publisher's
    # offset): "--since 2024-03-01" takes an article posted at 00:30 in Seoul that day.
    since_day: date | None = None
    until_day: date | None = None
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    sort: Sort = "relevance"
    # Rank at most this many matches (the newest stored) of a query that matches more; None
    # ranks every match.
    bound: int | None = RANK_BOUND
    # No query: every article the filters keep (export and counts, which rank nothing).
    every: bool = False

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the search (dates, sources, languages, authors)."""
        dates = (self.since, self.until, self.since_day, self.until_day)
        return any(d is not None for d in dates) or bool(
            self.sources or self.languages or self.authors
        )

    def check(self) -> None:
        """Raise QueryError for a search that cannot run as asked (before any archive is
        opened: a usage error is the same on every archive)."""
        if self.every:
            if self.query.strip():
                raise QueryError("a query and 'every article' at once")
        else:
            q.parse(self.query)
        if self.limit < 1:
            raise QueryError("--limit must be at least 1")
        if self.offset < 0:
            raise QueryError("--offset must not be negative")
        if self.sort not in SORTS:
            raise QueryError(f"--sort must be one of {', '.join(SORTS)}")
        if self.since and self.until and self.since > self.until:
            raise QueryError("--since must not be after --until")
        if self.since_day and self.until_day and self.since_day > self.until_day:
            raise QueryError("--since must not be after --until")
        if self.until_day == date.max:
            raise QueryError("--until must be before 9999-12-31 (leave it out for no limit)")


@dataclass(frozen=True)
class SearchHit:
    id: int
    headline: str
    posted_at: str | None
    source: Source | None
    score: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "posted_at": self.posted_at,
            "source": self.source.to_dict() if self.source else None,
            "score": self.score,
            "snippet": self.snippet,
        }


def when_options(since: str | None, until: str | None) -> dict[str, Any]:
    """SearchOptions fields for --since and --until: a bare date is a whole local day (the
    publisher's), a datetime an instant."""
    found: dict[str, Any] = {}
    for name, value in (("since", since), ("until", until)):
        if not value:
            continue
        raw = value.strip()
        if len(raw) == 10:
            try:
                found[f"{name}_day"] = date.fromisoformat(raw)
            except ValueError as exc:
                raise QueryError(f"not a date or datetime: {value!r} ({_WHEN_FORMS})") from exc
        else:
            found[name] = parse_when(raw, end=name == "until")
    return found


def parse_when(value: str, *, end: bool = False) -> datetime:
    """A --since/--until value: a date (the whole day) or a datetime, as naive UTC."""
    raw = value.strip()
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            moment = datetime.combine(day, datetime.min.time())
            if end:
                moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
            return moment
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise QueryError(f"not a date or datetime: {value!r} ({_WHEN_FORMS})") from exc
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError as exc:  # 9999-12-31T23:00-14:00 is past the last UTC instant
            raise QueryError(f"out of the range of dates: {value!r}") from exc
    return moment


Params = dict[str, Any]
# Runs one statement with its named parameters and returns its rows as tuples.
Execute = Callable[[str, Params], Sequence[Sequence[Any]]]


@dataclass(frozen=True)
class Bound:
    """A search whose matches were too many to rank: it ranked the newest `ranked` of `matches`."""

    ranked: int
    matches: int
    scope: str = ""  # "headline ": the matches counted are of the headline

    def __str__(self) -> str:
        return (
            f"ranked among the newest {self.ranked:,} of {self.matches:,} {self.scope}matches"
            " (--exact ranks them all)"
        )


class Hits(list[SearchHit]):
    """A search's hits, best first, and the bound the ranking kept to, if any."""

    bound: Bound | None = None


@dataclass(frozen=True)
class Statement:
    """One ranked statement of a search: its rows are (id, score), best first; `enough` is how
    many rows make it the whole answer (0: always).

    A bounded statement on SQLite comes with `probe`, which gives the id below the newest
    `bound` matches (no row: there are not that many), `count`, which counts the matches, and
    `bounded`, the ranked statement restricted to ids above :floor. On PostgreSQL, `newest`
    does all of that in one statement: it ranks the newest :bound matches and gives every row
    the number of matches as a third column."""

    sql: str
    params: Params
    enough: int
    probe: str | None = None
    count: str | None = None
    bounded: str | None = None
    newest: str | None = None
    scope: str = ""
    # A date order on PostgreSQL: `many` tells (cheaply) whether the matches are many; then
    # `walk`, which follows the date index and tests each article, finds the page sooner than
    # collecting and sorting every match (which `sql` does, the right plan for a few).
    many: str | None = None
    walk: str | None = None


def run_statement(
    execute: Execute, statement: Statement, bound: int | None
) -> tuple[Sequence[Sequence[Any]], Bound | None]:
    """A statement's rows, ranking at most `bound` matches when it can bound them."""
    if statement.many is not None and statement.walk is not None:
        if len(execute(statement.many, statement.params)) >= MANY:
            rows = execute(statement.walk, statement.params)
            if len(rows) >= statement.params["limit"]:
                return rows, None
        return execute(statement.sql, statement.params), None
    if bound is not None and statement.newest is not None:
        rows = execute(statement.newest, {**statement.params, "bound": bound})
        matches = int(rows[0][2]) if rows else 0
        return rows, Bound(bound, matches, statement.scope) if matches > bound else None
    if bound is None or statement.probe is None:
        return execute(statement.sql, statement.params), None
    params = {**statement.params, "bound": bound}
    edge = execute(statement.probe, params)
    if not edge:
        return execute(statement.sql, statement.params), None
    assert statement.bounded is not None and statement.count is not None
    rows = execute(statement.bounded, {**params, "floor": edge[0][0]})
    matches = int(execute(statement.count, params)[0][0])
    return rows, Bound(bound, matches, statement.scope)


# PostgreSQL prices testing a row's search vector (@@) like any cheap operator and a scan of
# the articles by their heap alone, but the vectors are stored apart from the heap (TOAST)
# and each test reads and decompresses one: it scanned every row (250 ms for a word in 2 of
# 20,000 articles) or filtered a language index's rows by @@ (160 ms), where the GIN index
# answers in a few milliseconds. A search's statements run with sequential scans priced out
# and operators priced at what such a test costs, for their transaction only (SET LOCAL).
# Measured on 20,000 articles (benchmarks/bench_search.py): p50 326 -> 8 ms, max 421 -> 26 ms.
# The memory a statement may use is raised: a bitmap of the rows a word matches that outgrows
# it turns lossy (whole pages, not rows), and every row on a lossy page is tested again,
# reading and decompressing its vector. With the default 4 MB, a word in a large share of a
# million articles spans more pages than an exact bitmap holds (100,000 articles at 64 kB,
# which models it: 125 ms -> 3.6 s); 64 MB keeps it exact to several million articles.
# JIT compiling is off: the costs above pass its threshold, and compiling took 20 ms of a
# statement that ran in a few.
# Parallel workers are off too: starting them costs milliseconds a statement, more than most
# search statements take, and a search that fans out takes the cores other searches need
# (100,000 articles, under load: a word in 2,458 articles 61-92 -> 34-61 ms, every query of a
# set as fast or faster).
PG_SEARCH_PLANNER = {
    "enable_seqscan": "off",
    "cpu_operator_cost": "0.25",
    "max_parallel_workers_per_gather": "0",
    "work_mem": "64MB",
    "jit": "off",
}
# The settings in one statement: local to the transaction that runs it, like SET LOCAL.
PG_SEARCH_SETTINGS = "SELECT " + ", ".join(
    f"set_config('{name}', '{value}', true)" for name, value in PG_SEARCH_PLANNER.items()
)


# The statements here name their parameters :named, as sqlite3 and SQLAlchemy's text() read
# them; psycopg reads %(named)s, and a literal % doubled. A "::" cast is no parameter, and a
# parameter may have one (":name::text").
_NAMED = re.compile(r"(?<![:\w\\]):(\w+)")


def pyformat(sql: str) -> str:
    """A search statement with its parameters as psycopg spells them."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/\s:]+\.[a-z]{2,})(?::\d+)?(?:/\S*)?$", re.I)


def _hosts(value: str) -> list[str]:
    """For a --source given as an address or a host (https://www.nytimes.com/..., english.
    donga.com), the domains it may be stored under: the host and each parent of two labels
    or more (english.donga.com, donga.com). Empty for a name."""
    host = _HOST.match(value.strip())
    if not host:
        return []
    labels = host.group(1).lower().removeprefix("www.").split(".")
    return [".".join(labels[k:]) for k in range(len(labels) - 1)]


_WHEN_FORMS = "use YYYY-MM-DD, or YYYY-MM-DDTHH:MM[+HH:MM], UTC without an offset"


def fold(text: str) -> str:
    """Text as SQLite's author filter compares it: lower case, without the accents its search
    drops (the combining marks U+0300-U+036F: é, ü, ñ), the rest as written (Hangul, kana and
    their voicing marks, ß, Ł)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    return unicodedata.normalize("NFC", kept).lower()


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _moment(dialect: str, moment: datetime) -> object:
    # SQLite holds datetimes as text, as SQLAlchemy writes them; compare like with like.
    return f"{moment:%Y-%m-%d %H:%M:%S.%f}" if dialect == "sqlite" else moment


def _filters(dialect: str, options: SearchOptions, params: Params) -> list[str]:
    where: list[str] = []
    if options.since:
        where.append("a.posted_utc >= :since")
        params["since"] = _moment(dialect, options.since)
    if options.until:
        where.append("a.posted_utc <= :until")
        params["until"] = _moment(dialect, options.until)
    # Local days compare the publisher's own date, the first ten characters of posted_at.
    if options.since_day:
        where.append("a.posted_at >= :since_day")
        params["since_day"] = options.since_day.isoformat()
    if options.until_day:
        where.append("a.posted_at < :after_day")
        params["after_day"] = (options.until_day + timedelta(days=1)).isoformat()
    if options.languages:
        names = []
        for i, lang in enumerate(options.languages):
            params[f"lang{i}"] = lang.lower().split("-")[0]
            names.append(f":lang{i}")
        where.append(f"a.language IN ({', '.join(names)})")
    if options.sources:
        clauses = []
        for i, source in enumerate(options.sources):
            params[f"src{i}"] = _like(source)
            domain = f"lower(s.domain) LIKE :src{i} ESCAPE '\\'"
            hosts = _hosts(source)
            if hosts:  # an address or a host: its domain, at any level (or a name like it)
                for k, host in enumerate(hosts):
                    params[f"src{i}_{k}"] = host
                listed = ", ".join(f":src{i}_{k}" for k in range(len(hosts)))
                domain = f"lower(s.domain) IN ({listed})"
            named = domains_named(source)  # a known publisher by another of its names
            for k, other in enumerate(named):
                params[f"src{i}_n{k}"] = other
            if named:
                listed = ", ".join(f":src{i}_n{k}" for k in range(len(named)))
                domain += f" OR lower(s.domain) IN ({listed})"
            clauses.append(f"lower(s.name) LIKE :src{i} ESCAPE '\\' OR {domain}")
        where.append("(" + " OR ".join(clauses) + ")")
    if options.authors:
        clauses = []
        # Names compared as search compares words: case and accents aside ("Muller" finds
        # Müller), by each engine's own folding, on both sides (SQLite's function is
        # registered on every connection newsarchive opens).
        if dialect == "sqlite":
            name, typed = "newsarchive_fold(au.name)", ":au{}"
        else:
            name, typed = "lower(newsarchive_unaccent(au.name))", "newsarchive_unaccent(:au{})"
        for i, typed_name in enumerate(options.authors):
            # As names are stored: without the full stop or comma a byline ends with ("By Tom
            # Becker Jr." is stored as Tom Becker Jr).
            author = typed_name.strip().rstrip(" .,;:")
            params[f"au{i}"] = _like(fold(author) if dialect == "sqlite" else author)
            clauses.append(f"{name} LIKE {typed.format(i)} ESCAPE '\\'")
        # Asked of each matching article (its few author links, by index), not as the set of
        # every article of every author whose name matches (a scan of all authors per search).
        where.append(
            "EXISTS (SELECT 1 FROM article_authors AS aa JOIN authors AS au"
            " ON au.id = aa.author_id WHERE aa.article_id = a.id AND ("
            + " OR ".join(clauses)
            + "))"
        )
    return where


# Newest first: by posting time (undated records last), then the later stored. Columns of the
# articles table under the alias "a" (list's order too).
NEWEST_FIRST = "a.posted_utc IS NULL, a.posted_utc DESC, a.id DESC"
_ORDER = {
    "newest": NEWEST_FIRST,
    "oldest": "a.posted_utc IS NULL, a.posted_utc ASC, a.id ASC",
}
# ts_rank's weights for D, C, B, A: the body (C), the byline (B), the headline (A), in the ratio
# of FTS5's bm25 weights; normalisation 1 divides by 1 + log(length), as bm25 favours short texts.
_PG_WEIGHTS = "{0, " + ", ".join(f"{w / max(WEIGHTS):g}" for w in reversed(WEIGHTS)) + "}"


def _sqlite_statement(
    options: SearchOptions, query: q.Query, headline: bool, count: int, enough: int
) -> Statement:
    """Ranked ids on SQLite. Without filters or a date order the FTS5 table answers alone;
    otherwise each match's keys come from the narrow index ix_articles_search_keys, not from
    the wide articles rows."""
    params: Params = {"limit": count}
    where = _filters("sqlite", options, params)
    if headline:
        table, rank = "articles_headline_fts", "bm25(articles_headline_fts)"
        params["match"] = q.to_fts5(q.Query(groups=query.groups))
        if query.excluded:
            params["excluded"] = q.excluded_fts5(query)
            where.append(
                "articles_headline_fts.rowid NOT IN"
                " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :excluded)"
            )
    else:
        table, rank = "articles_fts", f"bm25(articles_fts, {', '.join(str(w) for w in WEIGHTS)})"
        params["match"] = q.to_fts5(query)
    joins = ""
    if where or options.sort != "relevance":
        joins = f" JOIN articles AS a INDEXED BY ix_articles_search_keys ON a.id = {table}.rowid"
        if options.sources:
            joins += " LEFT JOIN sources AS s ON s.id = a.source_id"
    order = "score, id" if options.sort == "relevance" else _ORDER[options.sort]
    match = f"{table} MATCH :match"
    select = f"SELECT {table}.rowid AS id, {rank} AS score FROM {table}{joins}"
    tail = f" ORDER BY {order} LIMIT :limit"
    sql = f"{select} WHERE {' AND '.join([match, *where])}{tail}"
    if options.sort != "relevance":
        return Statement(sql, params, enough)
    # FTS5 walks a match's rowids from the newest down and seeks to a rowid range, so the
    # probe and the bounded ranking cost in proportion to the bound, not to the matches. The
    # probe and the count apply the filters and exclusions too: the bound is of what matches.
    matched = f"FROM {table}{joins} WHERE {' AND '.join([match, *where])}"
    return Statement(
        sql,
        params,
        enough,
        probe=f"SELECT {table}.rowid {matched} ORDER BY {table}.rowid DESC LIMIT 1 OFFSET :bound",
        count=f"SELECT count(*) {matched}",
        bounded=f"{select} WHERE {' AND '.join([match, f'{table}.rowid > :floor', *where])}{tail}",
        scope="headline " if headline else "",
    )


_TSQUERY = "to_tsquery('simple', newsarchive_unaccent(:{}))"


def _postgresql_statement(
    options: SearchOptions, query: q.Query, headline: bool, count: int, enough: int
) -> Statement:
    """Ranked ids on PostgreSQL: the headline's own indexed vector for the headline phase, the
    weighted vector of headline, byline and body otherwise. The query's text is folded by the
    same unaccent as the indexed text (migration 0006)."""
    params: Params = {"limit": count}
    where = _filters("postgresql", options, params)
    match = _TSQUERY.format("match")
    if headline:
        params["match"] = q.to_tsquery(query, exclusions=False)
        where.insert(0, f"a.headline_vector @@ {match}")
        rank = f"ts_rank(a.headline_vector, {match}, 1)"
        if query.excluded:
            params["full"] = q.to_tsquery(query)
            where.append(f"a.search_vector @@ {_TSQUERY.format('full')}")
    else:
        params["match"] = q.to_tsquery(query)
        where.insert(0, f"a.search_vector @@ {match}")
        rank = f"ts_rank('{_PG_WEIGHTS}', a.search_vector, {match}, 1)"
    joins = " LEFT JOIN sources AS s ON s.id = a.source_id" if options.sources else ""
    order = "score DESC, id" if options.sort == "relevance" else _ORDER[options.sort]
    select = f"SELECT a.id AS id, {rank} AS score FROM articles AS a{joins}"
    tail = f" ORDER BY {order} LIMIT :limit"
    sql = f"{select} WHERE {' AND '.join(where)}{tail}"
    matched = f"FROM articles AS a{joins} WHERE {' AND '.join(where)}"
    if options.sort != "relevance":
        # PostgreSQL's estimate of a word's matches can be far off (a rare word taken for a
        # thousand matches, and the date index walked end to end): ask, up to MANY, instead.
        desc = "DESC" if options.sort == "newest" else "ASC"
        dated = " AND ".join([*where, "a.posted_utc IS NOT NULL"])
        return Statement(
            sql,
            params,
            enough,
            many=f"SELECT 1 {matched} LIMIT {MANY}",
            walk=f"{select} WHERE {dated} ORDER BY a.posted_utc {desc}, a.id {desc} LIMIT :limit",
        )
    # The newest :bound matches, counted as they are sorted (the window runs before the
    # LIMIT), then ranked: one pass over the GIN index, and only the matches kept have their
    # vectors read. "a.id + 0": ordered by the key itself, PostgreSQL walks the primary key
    # backwards and tests every row's vector (1.3 s for a word in a sixth of 200,000
    # articles); by an expression, it takes the matches from the GIN index and keeps the top.
    # Restricting the ranking to ids above the bound's edge instead tests every article in
    # that range, matching or not (27,000 vectors read for 7,346 matches).
    kept = f"SELECT a.id, count(*) OVER () AS matches {matched} ORDER BY a.id + 0 DESC LIMIT :bound"
    newest = (
        f"WITH newest AS MATERIALIZED ({kept}) SELECT a.id AS id, {rank} AS score,"
        " (SELECT matches FROM newest LIMIT 1) FROM articles AS a"
        f" WHERE a.id = ANY (ARRAY(SELECT id FROM newest)){tail}"
    )
    return Statement(sql, params, enough, newest=newest, scope="headline " if headline else "")


def matching_ids(dialect: str, options: SearchOptions) -> tuple[str, Params]:
    """A statement of the ids of every article a search matches, filters applied, unranked
    (for counting them: the timeline, the export)."""
    if dialect not in _ENGINES:
        raise QueryError(f"full-text search is not available on {dialect}")
    params: Params = {}
    where = _filters(dialect, options, params)
    joins = " LEFT JOIN sources AS s ON s.id = a.source_id" if options.sources else ""
    if options.every:
        return (
            f"SELECT a.id FROM articles AS a{joins} WHERE {' AND '.join(where) or '1 = 1'}",
            params,
        )
    query = q.parse(options.query)
    if dialect == "sqlite":
        params["match"] = q.to_fts5(query)
        return (
            "SELECT articles_fts.rowid FROM articles_fts JOIN articles AS a"
            f" INDEXED BY ix_articles_search_keys ON a.id = articles_fts.rowid{joins}"
            f" WHERE {' AND '.join(['articles_fts MATCH :match', *where])}",
            params,
        )
    params["match"] = q.to_tsquery(query)
    where.insert(0, f"a.search_vector @@ {_TSQUERY.format('match')}")
    return f"SELECT a.id FROM articles AS a{joins} WHERE {' AND '.join(where)}", params


# Each engine's statement, and the sign that makes its score "higher is better" (bm25 is lower
# for better matches).
_ENGINES = {"sqlite": (_sqlite_statement, -1.0), "postgresql": (_postgresql_statement, 1.0)}


def search_statements(dialect: str, options: SearchOptions) -> list[Statement]:
    """The statements a search runs, in order; the next runs only while fewer rows than the
    statement's `enough` have come back. For relevance, the articles whose headline matches
    first (a headline hit ranks above every other, and finding the few is cheap), then every
    column; by date, every column at once."""
    return _statements(dialect, options, q.parse(options.query))


def _statements(dialect: str, options: SearchOptions, query: q.Query) -> list[Statement]:
    if options.every:
        raise QueryError("a ranked search needs words to search for")
    if dialect not in _ENGINES:
        raise QueryError(f"full-text search is not available on {dialect}")
    build, _sign = _ENGINES[dialect]
    wanted = options.offset + options.limit
    if options.sort == "relevance":
        return [
            build(options, query, True, wanted, wanted),
            build(options, query, False, wanted, 0),
        ]
    return [build(options, query, False, wanted, 0)]


def ranking_bound(dialect: str, options: SearchOptions) -> int | None:
    """How many matches a search ranks at most (None: all): the options' bound, the engine's
    own default in place of RANK_BOUND, and never fewer than the page asked for."""
    if options.bound is None:
        return None
    bound = options.bound
    if dialect == "postgresql" and bound == RANK_BOUND:
        bound = PG_RANK_BOUND
    return max(bound, options.offset + options.limit)


def _ranked_ids(
    execute: Execute, dialect: str, options: SearchOptions, query: q.Query
) -> tuple[list[tuple[int, float]], Bound | None]:
    """The page of (id, score) a search answers, best first, scores higher for better; and
    the bound its ranking kept to (the last statement's that had one)."""
    sign = _ENGINES[dialect][1]
    ranked: list[tuple[int, float]] = []
    seen: set[int] = set()
    bound: Bound | None = None
    # A bound never cuts the page asked for.
    most = ranking_bound(dialect, options)
    for statement in _statements(dialect, options, query):
        rows, kept = run_statement(execute, statement, most)
        bound = kept or bound
        for row in rows:
            article_id = int(row[0])
            if article_id not in seen:
                seen.add(article_id)
                ranked.append((article_id, round(sign * float(row[1]), 4)))
        if len(ranked) >= statement.enough:
            break
    return ranked[options.offset : options.offset + options.limit], bound


def run_search(execute: Execute, dialect: str, options: SearchOptions) -> Hits:
    """Run a search: the ranked page of ids first, then headlines and snippets for those."""
    options.check()
    query = q.parse(options.query)
    page, bound = _ranked_ids(execute, dialect, options, query)
    hits = Hits()
    hits.bound = bound
    if not page:
        return hits
    ids = ", ".join(str(i) for i, _ in page)
    rows = {
        int(r[0]): r
        for r in execute(
            "SELECT a.id, a.headline, a.posted_at, s.name, s.domain, a.body FROM articles AS a"
            f" LEFT JOIN sources AS s ON s.id = a.source_id WHERE a.id IN ({ids})",
            {},
        )
    }
    words = matcher(query)
    for article_id, score in page:
        row = rows.get(article_id)
        if row is None:  # deleted between the two statements
            continue
        _id, headline, posted_at, source_name, source_domain, body = row
        hits.append(
            SearchHit(
                id=article_id,
                headline=headline,
                posted_at=posted_at,
                source=Source(source_name, source_domain) if source_name else None,
                score=score,
                snippet=make_snippet(words, headline, body or ""),
            )
        )
    return hits
