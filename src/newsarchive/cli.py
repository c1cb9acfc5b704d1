"""The command line: options in, one library call, rendered output out.

Heavy modules (SQLAlchemy, the parsers, the language model) are imported inside the commands, so
`newsarchive --help` starts at once.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import json
import os
import re
import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

if TYPE_CHECKING:
    from .errors import InputError
    from .store import Archive
    from .store.listing import Listed
    from .store.search import SearchOptions

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_LIMIT = 20  # rows of search and list
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)


def offset_option(func: F) -> F:
    return click.option(
        "--offset",
        type=click.IntRange(min=0),
        callback=_at_most_max_rows,
        default=0,
        help="Skip this many results.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")(func)


def json_object_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")(func)


# The most rows any command asks an engine for (PostgreSQL's integers are 32-bit): larger
# --limit and --offset values are clamped to it, which changes no result.
MAX_ROWS = 2**31 - 1


def _at_most_max_rows(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
    return min(value, MAX_ROWS)


def filter_options(command: F) -> F:
    """The filters `search`, `timeline` and `export` share."""
    for option in reversed(
        [
            click.option(
                "--since",
                metavar="DATE",
                help="Posted on or after: YYYY-MM-DD (the publisher's day), or a datetime"
                " (an instant: with its offset, +09:00, else UTC).",
            ),
            click.option(
                "--until",
                metavar="DATE",
                help="Posted on or before: YYYY-MM-DD (the publisher's day), or a datetime"
                " (an instant: with its offset, else UTC).",
            ),
            click.option(
                "--source",
                "sources",
                multiple=True,
                callback=_something_named,
                help="Source: a name, a domain, a host or an article's address (repeatable).",
            ),
            click.option(
                "--lang",
                "languages",
                multiple=True,
                callback=_language_tags,
                help="Language tag, e.g. en, or name, e.g. English (repeatable).",
            ),
            click.option(
                "--author",
                "authors",
                multiple=True,
                callback=_something_named,
                help="Author name or part of it, case and accents aside (repeatable).",
            ),
        ]
    ):
        command = option(command)
    return command


_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
# Three-letter codes (ISO 639-2, bibliographic and terminological) of languages with a
# two-letter one, as people type them.
_TWO_LETTER = {
    "eng": "en", "kor": "ko", "jpn": "ja", "zho": "zh", "chi": "zh", "deu": "de", "ger": "de",
    "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt", "rus": "ru", "ara": "ar",
    "nld": "nl", "dut": "nl", "pol": "pl", "tur": "tr", "vie": "vi", "ind": "id", "hin": "hi",
    "swe": "sv", "nor": "no", "dan": "da", "fin": "fi", "ces": "cs", "cze": "cs", "ell": "el",
    "gre": "el", "heb": "he", "hun": "hu", "ron": "ro", "rum": "ro", "ukr": "uk", "tha": "th",
}  # fmt: skip


def _something_named(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """--author and --source values that name something: one with no letter or digit ("",
    ".") would match every record, as if the filter were not there, so it is refused."""
    for value in values:
        if not any(c.isalnum() for c in value):
            raise click.BadParameter(
                f"{value!r} names nothing: give a name or a part of one",
                param_hint=f"'{param.opts[0]}'",
            )
    return values


def _language_tags(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """--lang values as the tags records carry: a tag as given, a language's name as its tag
    ("English" -> en, "한국어" -> ko); anything else is refused, not searched for in vain."""
    from .parse.language import language_of_name

    tags = []
    for value in values:
        given = value.strip().replace("_", "-")  # en_US as en-US
        tag = language_of_name(given) or (given if _TAG.fullmatch(given) else None)
        if not tag:
            raise click.BadParameter(
                f"{value!r} is no language: give a tag such as en, ko or de", param_hint="'--lang'"
            )
        # Records carry a language's two-letter tag where it has one: "eng" is en.
        first, _, rest = tag.partition("-")
        tags.append(_TWO_LETTER.get(first.lower(), first) + (f"-{rest}" if rest else ""))
    return tuple(tags)


def search_options(
    query: tuple[str, ...],
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
    **more: Any,
) -> SearchOptions:
    """The SearchOptions of a command's query and filter_options (and `more` fields), checked:
    a query that cannot run is a usage error."""
    from .errors import QueryError
    from .store.search import SearchOptions, when_options

    try:
        options = SearchOptions(
            query=" ".join(query),
            **when_options(since, until),
            sources=sources,
            languages=languages,
            authors=authors,
            **more,
        )
        options.check()
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    return options


def limit_option(default: int) -> Callable[[F], F]:
    return click.option(
        "--limit",
        "-n",
        type=click.IntRange(min=1),
        callback=_at_most_max_rows,
        default=default,
        show_default=True,
        help="Most rows to print.",
    )


@contextmanager
def open_archive(
    ctx: click.Context,
    *,
    write: bool = False,
    create: bool = False,
    check_schema: bool = True,
    older_schema_ok: bool = False,
) -> Iterator[Archive]:
    """The --db archive. Read commands open it read-only and never create it: on a missing
    archive they say so and exit 1."""
    from .errors import ArchiveError
    from .store import Archive
    from .store.engine import resolve_url, sqlite_file

    db = ctx.obj.get("db")
    try:
        path = sqlite_file(resolve_url(db)) if db is not None and create else None
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if path is not None and not path.parent.is_dir():
        # A mistyped --db would make a new archive, folders and all: only the default
        # archive's folder is made.
        raise click.ClickException(
            f"no folder {path.parent} for the archive {path}: make it first, or give another path"
        )
    try:
        archive = Archive.open(
            db,
            check_schema=check_schema,
            create=create,
            readonly=not write,
            older_schema_ok=older_schema_ok,
        )
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot open the archive: {exc}") from exc
    try:
        yield archive
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        archive.close()


def read_stdin(paths: tuple[str, ...]) -> bytes | InputError | None:
    """Standard input's bytes when "-" is among the paths (at most the input size limit), the
    error that says why not, or None."""
    from .errors import InputError
    from .parse import read_stream
    from .paths import STDIN

    if STDIN not in paths:
        return None
    try:
        return read_stream(STDIN, sys.stdin.buffer).data
    except InputError as exc:
        return exc


def check_url(
    url: str | None, inputs: int, containers: int, stdin: bytes | Exception | None
) -> None:
    """--url names one page: refuse it beside several inputs or a web archive (by name, or by
    its first bytes on standard input)."""
    from urllib.parse import urlsplit

    from .containers import sniff_container

    if not url:
        return
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise click.UsageError(
            f"--url {url!r} is not a web address: give it whole, as https://host/path"
        )
    if inputs > 1:
        raise click.UsageError(f"--url is the address of one page; {inputs} inputs were given")
    if containers or (isinstance(stdin, bytes) and sniff_container(stdin[:4096])):
        raise click.UsageError(
            "--url is the address of one page; a web archive's records carry their own"
        )


def _named_paths(
    _ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """Paths as given; an empty one (an unset shell variable) names no file, and would
    otherwise be read as the current folder, whole."""
    if any(not path for path in value):
        raise click.BadParameter("an empty path names no file (an unset variable?)", param=param)
    return value


class _Commands(click.Group):
    """The command group; a reader of standard output that goes away (`list | head -1`) ends
    any command quietly, with success, as `export` always did. Click would exit 1 for some
    commands, depending on where in their output the pipe closed."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno != errno.EPIPE or not _stdout_gone():
                raise  # a pipe given as a file (-o FIFO) is that command's to report
            # The interpreter's last flush of standard output must go nowhere, not fail.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            ctx.exit(EXIT_OK)


def _stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone away (polled: its write end
    then reports an error)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (OSError, ValueError, AttributeError):  # no descriptor (captured), no poll()
        return False
    return any(event & (select.POLLERR | select.POLLHUP) for _, event in events)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="URL_OR_PATH",
    envvar="NEWSARCHIVE_DB",
    help="The archive: a SQLite file path or an SQLAlchemy URL. Also NEWSARCHIVE_DB. "
    "Default: archive.db in your data directory.",
)
@click.version_option(package_name="newsarchive")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Turn saved news articles into a clean, searchable archive.

    \b
      newsarchive ingest seeds/
      newsarchive show 1
      newsarchive search "Kim Jong Un"
    """
    if db is not None and ctx.get_parameter_source("db") == ParameterSource.COMMANDLINE:
        db = _db_value(db)
    ctx.obj = {"db": db}


@cli.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(readable=False), callback=_named_paths
)
@click.option("--url", help="The address the page was saved from (when one file is given).")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also name the record each input became (added, updated, earlier, and unchanged when"
    " its bytes are new), and the records of web archives that are not articles, and why.",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Parsing processes (default: one per core for large batches; never more than the "
    "cores or the inputs).",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    url: str | None,
    quiet: bool,
    verbose: bool,
    workers: int | None,
) -> None:
    """Parse files and folders (recursively; - for stdin) into the archive.

    A folder's hidden files are left out, and so is the Page_files folder a browser saves
    beside Page.html (its images, scripts and style sheets).

    The format is detected from the content. Web archives (.warc, .warc.gz, .wacz) and browser
    saves (.mhtml, .mht) give a record per article page inside, with the page's address; their
    other records are counted in the summary. Bytes already in the archive change nothing; a
    new edition of a stored article updates it and keeps the earlier version. Ctrl-C stops a
    run: what it stored stays, and the same command again goes on from there.
    """
    terminal = sys.stderr.isatty() and not quiet
    failures: list[str] = []
    records = 0
    # Counted as each batch is stored (whole or not at all): what Ctrl-C leaves is this.
    summary: Any = None
    interrupted = False
    try:
        from . import ingest as ingest_mod
        from .paths import STDIN, expand
        from .render import escape
        from .store.engine import archive_files_check, resolve_url

        summary = ingest_mod.Summary()
        # The archive's own files are no inputs (an archive kept in the folder ingested).
        is_own = archive_files_check(resolve_url(ctx.obj.get("db")))

        def own(path: str) -> bool:
            return path != STDIN and is_own(path)

        inputs = [p for p in expand(paths) if not own(p)]
        total = len(inputs)
        if not total:  # only empty folders (files that do not exist are named, and fail)
            shown = ", ".join(escape(p) for p in paths)
            if all(own(p) for p in paths):
                click.echo(f"note: {shown}: the archive's own files, nothing to ingest", err=True)
            else:
                click.echo(f"note: no files to ingest in {shown}", err=True)
            click.echo(counts_line(Counter()))
            return  # and no archive made for nothing
        if not any(p == STDIN or os.path.lexists(p) for p in inputs):
            # Nothing there to read: no archive made for nothing.
            for path in inputs:
                click.echo(f"error: {escape(path)}: no such file", err=True)
            click.echo(counts_line(Counter(failed=total)))
            ctx.exit(EXIT_FAILED)
        containers = sum(1 for p in inputs if ingest_mod.container_of(p))
        stdin = read_stdin(paths)
        check_url(url, total, containers, stdin)
        # A container holds many pages: parse on every core whatever the number of files.
        workers = ingest_mod.worker_count(workers, total if not containers else 1 << 20)
        show_bar = terminal and total > 1 and not containers
        with (
            open_archive(ctx, write=True, create=True) as archive,
            click.progressbar(
                length=total,
                label="Ingesting",
                file=sys.stderr if show_bar else io.StringIO(),
                show_pos=True,
            ) as bar,
        ):

            def say(line: str) -> None:
                if show_bar:
                    failures.append(line)  # printed after the bar, not through it
                else:
                    if terminal and records:
                        click.echo("\r\033[K", err=True, nl=False)
                    click.echo(line, err=True)

            def parsed(item: ingest_mod.Parsed) -> None:
                if item.container is None:
                    bar.update(1)  # as it is parsed: its outcome waits for its batch's write

            def report(result: ingest_mod.FileResult) -> None:
                nonlocal records
                if result.container is not None:
                    records += 1
                    if terminal and records % 500 == 0:  # a web archive: a running count
                        click.echo(f"\rIngesting: {records:,} records", err=True, nl=False)
                if result.status == "failed":
                    say(f"error: {escape(result.path)}: {escape(result.reason or '')}")
                elif result.status == "skipped" and verbose:
                    why = f"{result.skipped}: {escape(result.reason or '')}"
                    say(f"skipped: {escape(result.path)}: {why}")
                elif result.twin is not None and url:
                    say(
                        f"note: {escape(result.path)} has the text of record {result.twin},"
                        f" another outlet's: stored as record {result.article_id}, of the site"
                        f" --url names"
                    )
                elif verbose and result.article_id and result.status != "unchanged":
                    # Which record each input became: what a run added can be looked at.
                    say(f"{result.status}: record {result.article_id}: {escape(result.path)}")
                elif (
                    verbose
                    and not url
                    and result.article_id
                    and result.reason != ingest_mod.SEEN_BEFORE
                ):
                    # Unchanged, but its bytes are new: kept beside the record's (show --inputs).
                    say(
                        f"unchanged: record {result.article_id}: {escape(result.path)}"
                        " (its text is stored already; these bytes are kept too)"
                    )
                elif result.status == "unchanged" and url and result.container is None:
                    # Stored before: nothing of this run, --url included, is.
                    record = f"record {result.article_id}" if result.article_id else "a record"
                    what = (
                        "is stored already"
                        if result.reason == ingest_mod.SEEN_BEFORE
                        else "has the text of a stored article"
                    )
                    say(
                        f"note: {escape(result.path)} {what} ({record}):"
                        f" --url {escape(url)} changes nothing"
                    )

            # Asked again now the archive is there: a link to it made before it existed.
            is_own = archive_files_check(archive.url)
            jobs = ingest_mod.jobs_for(paths, url, stdin, skip=own)
            ingest_mod.ingest_jobs(
                archive, jobs, workers=workers, on_result=report, on_parsed=parsed, summary=summary
            )
    except KeyboardInterrupt:
        interrupted = True
    if terminal and (records >= 500 or interrupted):
        click.echo("\r\033[K", err=True, nl=False)
    for line in failures:
        click.echo(line, err=True)
    if summary is not None and summary.records:
        click.echo(container_summary(summary))
    counts = summary.counts() if summary is not None else Counter[str]()
    click.echo(counts_line(counts))
    failed = counts["failed"]
    if interrupted:
        click.echo(
            "interrupted: the files counted above are stored, the others not yet; the same "
            "command again goes on from there (what is stored is recognised, left unchanged)",
            err=True,
        )
        ctx.exit(EXIT_INTERRUPTED)
    ctx.exit(EXIT_FAILED if failed else EXIT_OK)


def counts_line(counts: Counter[str]) -> str:
    """The last line of `ingest` and `import`: what became of the inputs (older editions that
    arrived after their article's record, when there were any)."""
    earlier = counts["earlier"]
    kept = f"{earlier} earlier edition{'' if earlier == 1 else 's'} kept, " if earlier else ""
    return (
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['updated']} updated,"
        f" {kept}{counts['failed']} failed"
    )


def container_summary(summary: Any) -> str:
    """One line for the records of web archives: what became of them, by kind."""
    kinds = [  # (kind, said of one, said of more)
        ("added", "article added", "articles added"),
        ("updated", "updated", "updated"),
        ("earlier", "earlier edition kept", "earlier editions kept"),
        ("unchanged", "unchanged", "unchanged"),
        ("not an article", "not an article", "not articles"),
        ("other content", "other content type", "other content types"),
        ("duplicate", "duplicate or revisit", "duplicates or revisits"),
        ("failed", "failed", "failed"),
    ]
    counts = summary.records
    said = ", ".join(
        f"{counts[kind]:,} {one if counts[kind] == 1 else more}"
        for kind, one, more in kinds
        if counts[kind]
    )
    total = counts.total()
    return f"{total:,} record{'' if total == 1 else 's'}: {said or 'none stored'}"


@cli.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(readable=False), callback=_named_paths
)
@click.option("--url", help="The address the page was saved from.")
@json_option
@click.pass_context
def parse(ctx: click.Context, paths: tuple[str, ...], url: str | None, as_json: bool) -> None:
    """Print the records parsed from files, without storing them.

    A web archive or browser save gives a record per article page inside (its other records
    are passed over)."""
    from . import ingest as ingest_mod
    from .paths import expand
    from .render import article_text, escape, to_json

    inputs = list(expand(paths))
    stdin = read_stdin(paths)
    if url:  # a look inside each input only when an address was given
        containers = sum(1 for p in inputs if ingest_mod.container_of(p))
        check_url(url, len(inputs), containers, stdin)
    failed = 0
    first = True
    # The jobs and the parsing ingest runs, in this process and in order, without an archive.
    for parsed in map(ingest_mod.parse_job, ingest_mod.jobs_for(paths, url, stdin)):
        if parsed.skipped is not None:
            continue  # a container's record that is not an article
        if parsed.article is None:
            click.echo(f"error: {escape(parsed.path)}: {escape(parsed.reason or '')}", err=True)
            failed += 1
        elif as_json:
            click.echo(to_json(parsed.article.to_dict()))
        else:
            if not first:
                click.echo("-" * 40)
            click.echo(article_text(parsed.article), nl=False)
            first = False
    ctx.exit(EXIT_FAILED if failed else EXIT_OK)


@cli.command()
@click.argument("article_id", metavar="ID", type=int)
@json_object_option
@click.option("--versions", is_flag=True, help="Also print earlier editions, oldest first.")
@click.option(
    "--original",
    "original_to",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the original bytes the record was parsed from to FILE (- for stdout).",
)
@click.option(
    "--input",
    "sha256",
    metavar="SHA256",
    help="With --original: another original the record keeps, by its hash or the hash's start"
    " (--inputs lists them).",
)
@click.option("--inputs", "list_inputs", is_flag=True, help="List every original the record keeps.")
@click.pass_context
def show(
    ctx: click.Context,
    article_id: int,
    as_json: bool,
    versions: bool,
    original_to: str | None,
    sha256: str | None,
    list_inputs: bool,
) -> None:
    """Print one record (and, with --versions, the editions a newer one replaced); with
    --original the bytes it was parsed from, as they came in; with --inputs every original
    it keeps (copies saved again, earlier editions')."""
    from .errors import NotFound, QueryError
    from .render import article_text, edition_text, escape, inputs_text, to_json

    if (original_to or list_inputs) and (as_json or versions):
        raise click.UsageError("--original and --inputs go alone: not with --json or --versions")
    if original_to and list_inputs:
        raise click.UsageError("--inputs lists, --original writes: give one")
    if sha256 is not None and (not original_to or not sha256.strip()):
        raise click.UsageError("--input names the original --original writes: give both")
    with open_archive(ctx) as archive:
        if original_to and original_to != "-":
            _refuse_to_overwrite(archive, original_to, original_to, "writing the original")
        try:
            article = archive.get(article_id)
            original = archive.original(article_id, sha256) if original_to else None
            # Read only for what is printed: the list, or the plain record's note on it.
            kept = archive.originals(article_id) if not (original_to or as_json) else []
        except NotFound as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_FAILED)
        except QueryError as exc:
            raise click.UsageError(str(exc)) from exc
        earlier = archive.versions(article_id) if not (original_to or list_inputs) else []
    if list_inputs:
        click.echo(inputs_text(kept, article.input.sha256), nl=False)
        return
    if original is not None and original_to is not None:
        info, raw = original
        if info.imported:
            click.echo(
                f"note: record {article_id} was imported and its original never came in:"
                " this is the record as import read it",
                err=True,
            )
        try:
            with click.open_file(original_to, "wb") as out:
                out.write(raw)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            click.echo(f"error: cannot write {escape(original_to)}: {reason}", err=True)
            ctx.exit(EXIT_FAILED)
        if original_to != "-":
            kind = "the imported record (JSON)" if info.imported else info.format
            what = f"{len(raw):,} bytes of {kind}, from {escape(info.path)}"
            click.echo(f"wrote {escape(original_to)}: {what}", err=True)
        return
    if as_json:
        data = article.to_dict()
        if versions:
            data["versions"] = earlier
        click.echo(to_json(data))
        return
    click.echo(article_text(article), nl=False)
    if versions:
        for number, record in enumerate(earlier, 1):
            click.echo()
            click.echo(edition_text(record, number, len(earlier)), nl=False)
    elif earlier:
        editions = "edition" if len(earlier) == 1 else "editions"
        click.echo(f"({len(earlier)} earlier {editions}: show {article_id} --versions)", err=True)
    if len(kept) > 1:
        click.echo(f"({len(kept)} originals kept: show {article_id} --inputs)", err=True)


# Two or more kanji or kana in a row: a word the search index may hold only inside a longer run.
_UNSPLIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,}")


def _unsplit_words_alone(options: SearchOptions) -> bool:
    """Whether a search that found nothing looked for kanji or kana words and nothing else
    could be the reason: no filters, no other words (exclusions aside)."""
    from .store.query import parse

    if options.filtered:
        return False
    words = parse(options.query).words()
    return bool(words) and all(_UNSPLIT.search(w) for w in words)


class QueryCommand(click.Command):
    """A command whose words are a query, where "-word" excludes a word: `search city -ferry`
    is `search "city -ferry"`. click would read "-ferry" as short options ("-f", "-e", ...),
    and "-nuclear" as --limit's "-n" with "uclear". So the command's own options (with their
    values) are taken out first, and every other argument, in its order (OR reads the order),
    follows a "--", after which click takes everything as the query's words."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        params = self.get_params(ctx)  # --help's -h among them
        valued = {o for p in params if not getattr(p, "is_flag", True) for o in p.opts}
        shorts = {o for p in params for o in p.opts if _short(o)}
        options: list[str] = []
        words: list[str] = []
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words.extend(rest)
            elif arg.startswith("--") or arg in shorts:
                options.append(arg)
                if arg in valued:  # its value: the next argument, whatever it looks like
                    value = next(rest, None)
                    if value is None:  # else the "--" below would be taken for it
                        raise click.BadOptionUsage(arg, f"Option '{arg}' requires an argument.")
                    options.append(value)
            elif any(arg.startswith(o) and arg[2:].isdigit() for o in shorts & valued):
                options.append(arg)  # "-n5"
            else:
                words.append(arg)
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


def _short(arg: str) -> bool:
    return len(arg) > 1 and arg[0] == "-" and arg[1] != "-"


@cli.command(cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@limit_option(DEFAULT_LIMIT)
@offset_option
@filter_options
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
    help="Order of results.",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Rank every match, however many (by default a query matching more than 20,000 "
    "articles ranks the newest 20,000, 5,000 on PostgreSQL, and says so).",
)
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    limit: int,
    offset: int,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
    sort: str,
    exact: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Search headlines, bylines and bodies; best matches first.

    \b
    Words must all match; "exact phrase"; a OR b; -excluded (or NOT excluded); prefix*.
    Korean words match with their particles (김정은 finds 김정은과).
    `search city -ferry` and `search "city -ferry"` are the same query.
    """
    from .errors import ArchiveError, QueryError
    from .render import hit_json, hits_csv, hits_table

    if as_json and as_csv:
        raise click.UsageError("--json and --csv are two formats: give one")
    from .store import search as search_module
    from .store.query import loosened
    from .store.reader import search_file

    options = search_options(
        query,
        since,
        until,
        sources,
        languages,
        authors,
        limit=limit + 1,  # one more than shown: whether there are more to say so
        offset=offset,
        sort=sort,
        bound=None if exact else search_module.RANK_BOUND,
    )

    def searched(options: search_module.SearchOptions) -> search_module.Hits:
        try:
            # A SQLite file is searched with sqlite3 alone (no SQLAlchemy to load); anything
            # else, or a file that is not an archive of this schema, is opened the usual way.
            hits = search_file(ctx.obj.get("db"), options)
            if hits is None:
                with open_archive(ctx) as archive:
                    hits = archive.search(options)
        except QueryError as exc:
            raise click.UsageError(str(exc)) from exc
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        return hits

    hits = searched(options)
    if not hits and not offset and (loose := loosened(options.query)) is not None:
        # A Korean word typed with a particle that also ends nouns (요금이): tried without.
        hits = searched(dataclasses.replace(options, query=loose))
        if hits:
            click.echo(f"note: no matches as typed; showing matches for: {loose}", err=True)
    beyond = len(hits) > limit
    del hits[limit:]
    if hits.bound is not None:
        click.echo(f"note: {hits.bound}", err=True)
    if as_json:
        for hit in hits:
            click.echo(hit_json(hit))
    elif as_csv:
        click.echo(hits_csv(hits, terminal=sys.stdout.isatty()), nl=False)
    else:
        if hits:
            click.echo(hits_table(hits, terminal=sys.stdout.isatty()))
            if beyond:
                again = filters_again(since, until, sources, languages, authors)
                again += [("--sort", sort if sort != "relevance" else None)]
                again += [("--exact", "" if exact else None)]  # a flag: printed alone
                more(limit, offset, again)
        else:
            click.echo(f"no matches past --offset {offset}" if offset else "no matches", err=True)
    # On standard error, whatever the output's form (as the notes above).
    if re.search(r"[()]", re.sub(r'"[^"]*"', "", options.query)):
        click.echo(
            "note: parentheses do not group terms: every word must match, and OR joins the"
            " two terms beside it",
            err=True,
        )
    for word in query:
        if re.fullmatch(r"-[^\W\d_]", word):  # "-l ko": an option mistyped, most likely
            click.echo(
                f"note: {word} leaves out records with the word {word[1:]!r}; it is no option"
                " (newsarchive search --help lists them)",
                err=True,
            )
    if not hits and not offset and _unsplit_words_alone(options):
        click.echo(
            "note: Japanese and Chinese words are found only where the text sets them"
            " apart (spaces, punctuation): the index does not split a run of kanji and"
            " kana into words",
            err=True,
        )


@cli.command(cls=QueryCommand)
@click.argument("query", nargs=-1)
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month", "year"]),
    default="month",
    show_default=True,
    help="The period counted.",
)
@click.option("--by-source", is_flag=True, help="A count per source in each period.")
@filter_options
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@click.option(
    "--plot",
    "plot_file",
    metavar="FILE",
    type=click.Path(dir_okay=False, writable=True),
    help="Also draw the timeline to FILE.png or FILE.svg (needs the plot extra).",
)
@click.pass_context
def timeline(
    ctx: click.Context,
    query: tuple[str, ...],
    by: str,
    by_source: bool,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
    as_json: bool,
    as_csv: bool,
    plot_file: str | None,
) -> None:
    """How many articles match QUERY per day, week, month or year (without a QUERY: every
    article the filters keep, e.g. timeline --lang ko).

    Periods are the publisher's local days (a record's posting time keeps its UTC offset);
    periods without a match between the first and the last are shown as zero (with --since
    and --until both dates, every period from one to the other).
    """
    import csv
    import shutil

    from .errors import ArchiveError, QueryError
    from .timeline import chart, plot

    if as_json and as_csv:
        raise click.UsageError("--json and --csv are two formats: give one")
    if plot_file:
        if not plot_file.lower().endswith((".png", ".svg")):
            raise click.UsageError("--plot writes a .png or an .svg file")
        try:
            import matplotlib  # noqa: F401
        except ImportError as exc:
            raise click.ClickException(
                "--plot needs matplotlib: pip install 'newsarchive[plot]'"
            ) from exc
    every = not " ".join(query).strip()  # no query (or an empty one, "$Q"): every article
    options = search_options(query, since, until, sources, languages, authors, every=every)
    try:
        with open_archive(ctx) as archive:
            counted = archive.timeline(options, by, by_source)  # type: ignore[arg-type]
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        rows = counted.rows()
    except ValueError as exc:  # more periods than a chart can say
        raise click.UsageError(str(exc)) from exc
    if as_json:
        for period, source, value in rows:
            item: dict[str, object] = {"period": period, "count": value}
            if by_source:
                item["source"] = source
            click.echo(json.dumps(item, ensure_ascii=False))
    elif as_csv:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["period", "source", "count"] if by_source else ["period", "count"])
        for period, source, value in rows:
            writer.writerow([period, source, value] if by_source else [period, value])
        click.echo(out.getvalue(), nl=False)
    elif rows:
        click.echo(chart(counted, shutil.get_terminal_size((80, 24)).columns))
    elif not counted.undated:
        click.echo("no matches", err=True)
    if counted.undated and not (as_json or as_csv):
        n = counted.undated
        have = "article has" if n == 1 else "articles have"
        have = have if every else f"matching {have}"
        click.echo(f"({n:,} {have} no posting date)", err=True)
    if plot_file and rows:
        try:
            what = "every article" if every else f'"{" ".join(query)}"'
            note = plot(counted, plot_file, f"{what}: articles per {by}")
        except OSError as exc:
            raise click.ClickException(f"cannot write {plot_file}: {exc.strerror or exc}") from exc
        click.echo(f"plotted to {plot_file}", err=True)
        if note:
            click.echo(f"note: {note}", err=True)


@cli.command(cls=QueryCommand)
@click.argument("query", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help=(
        "JSON Lines (fields nested, earlier editions kept), CSV (a column each) or Parquet"
        " (needs the parquet extra). Default: by the -o file's ending (.csv, .parquet),"
        " else jsonl."
    ),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file (default, or -: standard output; Parquet needs a file).",
)
@filter_options
@click.pass_context
def export(
    ctx: click.Context,
    query: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
) -> None:
    """Write every record (or those matching QUERY and the filters) with every field.

    \b
      newsarchive export -o archive.jsonl
      newsarchive export "Kim Jong Un" --since 2024-01-01 -o kim.csv
      newsarchive export --lang ko -o korean.jsonl
      newsarchive export -o archive.parquet
    """
    from . import export as ex
    from .errors import ArchiveError, QueryError

    fmt = export_format(fmt, output)
    if output == "-":  # standard output, as other commands take "-"
        if fmt == "parquet":
            raise click.UsageError("--format parquet writes a file: give -o FILE, not -")
        output = None
    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet writes a file: give -o FILE")
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise click.ClickException(
                "--format parquet needs pyarrow: pip install 'newsarchive[parquet]'"
            ) from exc
    blank = not " ".join(query).strip()
    # Filters alone keep every article they allow; no query and no filter, every record.
    filters = search_options(query, since, until, sources, languages, authors, every=blank)
    options = None if blank and not filters.filtered else filters
    show_bar = bool(output) and sys.stderr.isatty()
    try:
        with open_archive(ctx) as archive:
            if output:
                _refuse_to_overwrite(archive, output, f"-o {output}", "exporting")
            total = archive.count_records(options) if show_bar else 0
            with click.progressbar(
                archive.iter_records(options),
                length=total or None,
                label="Exporting",
                file=sys.stderr if show_bar else io.StringIO(),
                show_pos=True,
            ) as records:

                def write(out: IO[str]) -> int:
                    if fmt == "csv":
                        return ex.write_csv(records, out)
                    return ex.write_jsonl(records, out, editions=archive.versions_of)

                if output is None:
                    written = write(sys.stdout)
                else:
                    with ex.replacing(output) as partial:
                        if fmt == "parquet":
                            written = ex.write_parquet(records, partial)
                        else:
                            with open(partial, "w", encoding="utf-8", newline="") as out:
                                written = write(out)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        if output is None:
            raise  # standard output's reader went away (`export | head`): the group's to end
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    if output:
        noun = "record" if written == 1 else "records"
        click.echo(f"{written:,} {noun} written to {output}", err=True)


_FORMAT_ENDINGS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl"}
_FORMAT_ENDINGS |= {".ndjson": "jsonl", ".json": "jsonl"}


def export_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's ending names, else JSON Lines; a
    file whose ending names another format than the one asked for is refused (`-o x.csv
    --format parquet` would leave Parquet in a file every tool opens as CSV)."""
    ending = Path(output).suffix.lower() if output and output != "-" else ""
    named = _FORMAT_ENDINGS.get(ending)
    if fmt is None:
        return named or "jsonl"
    if named is not None and named != fmt:
        raise click.UsageError(
            f"-o {output} names a {named} file, but --format is {fmt}: give one of them alone,"
            " or a file ending that matches"
        )
    return fmt


def _refuse_to_overwrite(archive: Archive, path: str, named: str, doing: str) -> None:
    """A usage error when a file a command would write is the archive's own, or another
    SQLite database (`named`: how the message names it; `doing`: what would overwrite it)."""
    if archive.holds_file(path):
        raise click.UsageError(f"{named} is the archive's own file: give another")
    if _is_database(path):
        raise click.UsageError(
            f"{named} is an SQLite database (another archive?): {doing} would overwrite it;"
            " give another file"
        )


def _is_database(path: str) -> bool:
    """Whether a regular file holds an SQLite database (a pipe or a device is never opened to
    find out: reading a FIFO or /dev/stdout would wait for ever)."""
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(), callback=_named_paths)
@click.pass_context
def import_(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Read records back from JSON Lines (`export`, `parse --json`, `show --json`).

    Records, not originals: each keeps the description of the input it was parsed from, and
    the line it came in as, and takes this archive's next id (`copy` moves a whole archive
    with its ids). A line that is not a record is an error naming its file and line;
    the others go in. A file none of whose first five lines (or of its lines, if fewer) is a
    JSON object is one error: it is not JSON Lines. A record's earlier editions (an export
    gives them under "versions") become its versions again. Importing the same records again
    changes nothing.
    """
    from .errors import ArchiveError
    from .export import import_records, not_records
    from .paths import STDIN, display_path, expand
    from .render import escape

    counts: Counter[str] = Counter()
    paths = []
    for path in expand(files):
        # A file that is no JSON Lines at all (an export's CSV, a page) is said so before
        # the archive is opened: an import of nothing creates no archive.
        why = None if path == STDIN else not_records(path)
        if why is None:
            paths.append(path)
            continue
        click.echo(f"error: {escape(display_path(path))}: {escape(why)}", err=True)
        counts["failed"] += 1
    if not paths:
        click.echo(counts_line(counts))
        ctx.exit(EXIT_FAILED)
    try:
        with open_archive(ctx, write=True, create=True) as archive:
            for path in paths:
                shown = display_path(path)
                try:
                    stream = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
                except OSError as exc:
                    click.echo(f"error: {escape(shown)}: {exc.strerror or exc}", err=True)
                    counts["failed"] += 1
                    continue
                with stream:
                    counts += import_records(
                        archive,
                        stream,
                        shown,
                        lambda why, shown=shown: click.echo(  # type: ignore[misc]
                            f"error: {escape(shown)}: {escape(why)}", err=True
                        ),
                        on_note=lambda why, shown=shown: click.echo(  # type: ignore[misc]
                            f"note: {escape(shown)}: {escape(why)}", err=True
                        ),
                    )
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(counts_line(counts))
    ctx.exit(EXIT_FAILED if counts["failed"] else EXIT_OK)


@cli.command(name="list")
@limit_option(DEFAULT_LIMIT)
@offset_option
@json_option
@click.option(
    "--container",
    metavar="FILE",
    help="Only the records read out of this web archive or browser save (path or file name).",
)
@filter_options
@click.pass_context
def list_(
    ctx: click.Context,
    limit: int,
    offset: int,
    as_json: bool,
    container: str | None,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
) -> None:
    """List records, newest first (those the filters keep, when given)."""
    from .errors import ArchiveError, QueryError
    from .record import Article
    from .render import article_row, escape, to_json
    from .store.reader import list_file

    filters = search_options((), since, until, sources, languages, authors, every=True)
    filtered = filters.filtered
    kept = filters if filtered else None
    articles: Sequence[Article | Listed] | None = None
    unknown = False
    try:
        if not as_json and container is None:
            # The lines alone: read with the engine's driver (no SQLAlchemy to load), unless
            # the file is no archive of this schema (opened the usual way, which says so).
            articles = list_file(ctx.obj.get("db"), kept, limit + 1, offset)
        if articles is None:
            with open_archive(ctx) as archive:
                articles = archive.recent(
                    limit + 1, container=container, offset=offset, filters=kept
                )
                unknown = (
                    container is not None
                    and not articles
                    and not archive.holds_container(container)
                )
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if unknown:
        click.echo(
            f"error: no record in this archive came out of {escape(container or '')}", err=True
        )
        ctx.exit(EXIT_FAILED)
    for article in articles[:limit]:
        if as_json and isinstance(article, Article):  # --json reads whole records
            click.echo(to_json(article.to_dict()))
        else:
            click.echo(article_row(article))
    if not articles and offset:
        click.echo(f"no records past --offset {offset}", err=True)
    elif not articles and container and not filtered:
        click.echo(f"no records read out of {escape(container)}", err=True)
    elif not articles and filtered:
        click.echo("no records the filters keep", err=True)
    elif not articles and not container:
        click.echo("no records yet: `newsarchive ingest PATH` adds some", err=True)
    elif len(articles) > limit and not as_json:
        again = [
            ("--container", container),
            *filters_again(since, until, sources, languages, authors),
        ]
        more(limit, offset, again)


def filters_again(
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    languages: tuple[str, ...],
    authors: tuple[str, ...],
) -> list[tuple[str, str | None]]:
    """The filter options as given, to print in the command that shows the next page."""
    again: list[tuple[str, str | None]] = [("--since", since), ("--until", until)]
    again += [("--source", v) for v in sources] + [("--lang", v) for v in languages]
    return again + [("--author", v) for v in authors]


def more(limit: int, offset: int, again: list[tuple[str, str | None]]) -> None:
    """Say, after a table that filled its limit, that there may be more and how to see them:
    the options of the next page (the same command, further on, with its other options)."""
    same = f" -n {limit}" if limit != DEFAULT_LIMIT else ""
    also = "".join(f" {o} {shlex.quote(v)}" if v else f" {o}" for o, v in again if v is not None)
    click.echo(f"({limit} shown: --offset {offset + limit}{same}{also} shows the next)", err=True)


@cli.command()
@json_object_option
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Where the archive is, its engine, schema version and counts."""
    from .render import info_text, to_json

    # An archive of an earlier schema is described too (and said to be so), not refused.
    with open_archive(ctx, older_schema_ok=True) as archive:
        data = archive.info()
    click.echo(to_json(data) if as_json else info_text(data))


@cli.command(name="datasette-metadata")
@click.pass_context
def datasette_metadata(ctx: click.Context) -> None:
    """Print Datasette metadata for this archive (SQLite): search, facets, order.

    \b
      newsarchive datasette-metadata > metadata.json
      datasette archive.db -m metadata.json
    """
    import json

    from .datasette import metadata
    from .store.engine import resolve_url, sqlite_file

    path = sqlite_file(resolve_url(ctx.obj.get("db")))
    if path is None:
        raise click.UsageError("Datasette opens SQLite archives; --db names another engine")
    if not path.is_file():
        raise click.ClickException(f"no archive at {path}")
    click.echo(json.dumps(metadata(path), ensure_ascii=False, indent=2))


@cli.command()
@click.option(
    "--repair",
    is_flag=True,
    help="Rebuild what is derived (the search index); read a damaged original again from its"
    " file, where the file still holds the bytes ingested.",
)
@click.pass_context
def check(ctx: click.Context, repair: bool) -> None:
    """Verify the archive: database integrity, the search index in step with the articles,
    every record's text and every original's bytes against their hashes. Exit 1 when a
    problem remains."""
    from .errors import ArchiveError
    from .render import escape
    from .store import Archive

    db = ctx.obj.get("db")
    try:
        # Opened for writing (never created): FTS5 checks its index through an INSERT command.
        # An archive that cannot be written is still checked, read-only, but for that.
        try:
            archive = Archive.open(db, create=False)
        except ArchiveError:
            if repair:
                raise
            archive = Archive.open(db, readonly=True)
        with archive:
            report = archive.check(repair=repair)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    # Escaped: the lines name files, and a file's name can hold a line break.
    for line in report.skipped:
        click.echo(f"not checked: {escape(line)}")
    for line in report.repaired:
        click.echo(f"repaired: {escape(line)}")
    if repair and not report.repaired and report.ok:
        click.echo("nothing to repair")
    for problem in report.problems:
        click.echo(f"problem: {escape(problem)}", err=True)
    held = "imported record holds" if report.imported == 1 else "imported records hold"
    imported = f" ({report.imported} {held} no original)" if report.imported else ""
    n = len(report.problems)
    click.echo(
        f"{report.inputs_checked} original{'' if report.inputs_checked == 1 else 's'}"
        f" checked{imported}, {n} problem{'' if n == 1 else 's'}"
    )
    ctx.exit(EXIT_OK if report.ok else EXIT_FAILED)


@cli.command()
@click.argument("article_ids", metavar="ID...", nargs=-1, required=True, type=int)
@click.option("--yes", is_flag=True, help="Delete without asking.")
@click.pass_context
def delete(ctx: click.Context, article_ids: tuple[int, ...], yes: bool) -> None:
    """Delete records, with their earlier editions and the originals kept for them, and
    the authors' names and emails and the sources no other record gives. It cannot be
    undone: `export` (or `show ID --original FILE`) first keeps a copy. Asks before
    deleting, unless --yes is given.

    \b
      newsarchive delete 10
      newsarchive delete 10 11 12 --yes
    """
    from .errors import ArchiveError, NotFound

    try:
        with open_archive(ctx, write=True) as archive:
            wanted = []
            for article_id in dict.fromkeys(article_ids):
                try:
                    wanted.append((article_id, archive.get(article_id).headline))
                except NotFound:
                    click.echo(f"error: no record {article_id}", err=True)
            if not wanted:
                ctx.exit(EXIT_FAILED)
            if not yes:
                if not sys.stdin.isatty():
                    raise click.UsageError("give --yes to delete without a terminal to ask on")
                for article_id, headline in wanted:
                    click.echo(f"{article_id:>6}  {headline or '(no headline)'}", err=True)
                n = len(wanted)
                noun = "this record" if n == 1 else f"these {n} records"
                if not click.confirm(
                    f"Delete {noun}, with earlier editions and originals?", err=True
                ):
                    click.echo("nothing deleted", err=True)
                    ctx.exit(EXIT_FAILED)
            done = archive.delete([article_id for article_id, _ in wanted])
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    originals = sum(d.originals for d in done)
    records = "record" if len(done) == 1 else "records"
    kept = "original" if originals == 1 else "originals"
    click.echo(f"{len(done)} {records} deleted, with {originals} {kept}")
    if len(done) < len(dict.fromkeys(article_ids)):
        ctx.exit(EXIT_FAILED)


@cli.group()
def db() -> None:
    """Manage the archive's database: its schema version."""


@db.command(name="upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring an archive of an older schema to the current one (SQLite or PostgreSQL).

    Keep a copy first (`newsarchive copy --to`): migrations change the tables in place.
    """
    with open_archive(ctx, write=True, create=True, check_schema=False) as archive:
        before, after = archive.upgrade()
    if before == after:
        click.echo(f"schema {after}: already current")
    elif before is None:
        click.echo(f"new archive created at schema {after}")
    else:
        click.echo(f"schema {before} -> {after}: upgraded")


@cli.command()
@click.option("--to", "to_url", metavar="URL_OR_PATH", help="Copy this archive into that one.")
@click.option("--from", "from_url", metavar="URL_OR_PATH", help="Copy that archive into this one.")
@click.option(
    "--verify/--no-verify",
    default=True,
    show_default=True,
    help="Afterwards, compare every row and original of both archives.",
)
@click.pass_context
def copy(ctx: click.Context, to_url: str | None, from_url: str | None, verify: bool) -> None:
    """Copy a whole archive (records, versions, original bytes, ids) between SQLite and
    PostgreSQL, either way.

    The destination must be empty or a partial copy of the source: an interrupted copy carries on
    where it stopped when run again.

    \b
      newsarchive --db archive.db copy --to postgresql+psycopg://user@host/news
      newsarchive --db archive.db copy --from postgresql+psycopg://user@host/news
    """
    import time

    from .errors import ArchiveError
    from .store import Archive
    from .store.copy import archive_digest, copy_archive, source_counts
    from .store.engine import resolve_url

    if (to_url is None) == (from_url is None):
        raise click.UsageError("give one of --to or --from")
    here = ctx.obj.get("db")
    source_db, dest_db = (here, to_url) if to_url else (from_url, here)
    if resolve_url(source_db) == resolve_url(dest_db):
        raise click.ClickException("the source and the destination are the same archive")
    try:
        source = Archive(resolve_url(source_db), readonly=True)
    except ArchiveError as exc:
        raise click.ClickException(f"source: {exc}") from exc
    try:
        dest = Archive(resolve_url(dest_db))
    except ArchiveError as exc:
        source.close()
        raise click.ClickException(f"destination: {exc}") from exc
    try:
        counts = source_counts(source)
        show_bar = sys.stderr.isatty()
        start = time.perf_counter()
        with click.progressbar(
            length=sum(counts.values()),
            label="Copying",
            file=sys.stderr if show_bar else io.StringIO(),
            show_pos=True,
        ) as bar:
            report = copy_archive(source, dest, on_rows=lambda _table, n: bar.update(n))
        seconds = time.perf_counter() - start
        resumed = sum(report.present.values())
        click.echo(
            f"copied {report.total:,} rows ({report.copied.get('articles', 0):,} articles, "
            f"{report.copied.get('inputs', 0):,} originals) in {seconds:.1f} s"
            + (f"; {resumed:,} were already there" if resumed else "")
        )
        if verify:
            differ = _tables_that_differ(archive_digest(source), archive_digest(dest))
            if differ:
                click.echo(f"error: the copy differs from the source in {differ}", err=True)
                ctx.exit(EXIT_FAILED)
            click.echo("verified: every row and original is the same in both archives")
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        source.close()
        dest.close()


def _tables_that_differ(source: dict[str, str], dest: dict[str, str]) -> str:
    """The tables whose digests (archive_digest's "rows:sha256") differ, with both row counts
    where they differ too: "articles (12 rows in the source, 11 in the copy), inputs"."""
    said = []
    for table, digest in source.items():
        other = dest.get(table, "0:")
        if other == digest:
            continue
        rows, copied = digest.split(":")[0], other.split(":")[0]
        counts = f" ({rows} rows in the source, {copied} in the copy)" if rows != copied else ""
        said.append(f"table {table}{counts}")
    return ", ".join(said)


def _db_given_after(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.obj["db"] = _db_value(value)


def _db_value(value: str) -> str:
    """A --db given empty (an unset shell variable) would open the default archive unasked."""
    if not value.strip():
        raise click.BadParameter("empty: give a file path or a URL", param_hint="'--db'")
    return value


def _accept_db_after(group: click.Group) -> None:
    """Every command takes --db after its name too (`newsarchive search Kim --db news.db`), as
    people type it; the value is the group's, where the group's --db goes."""
    for command in group.commands.values():
        command.params.append(
            click.Option(
                ["--db"],
                metavar="URL_OR_PATH",
                expose_value=False,
                callback=_db_given_after,
                help="The archive (as `newsarchive --db`).",
            )
        )
        if isinstance(command, click.Group):
            _accept_db_after(command)


_accept_db_after(cli)


def main() -> None:
    cli(prog_name="newsarchive")
