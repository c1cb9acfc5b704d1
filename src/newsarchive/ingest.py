"""Paths to archive: expand folders, parse each file, store it, report one outcome per file.

No SQL here: the archive is written through store.writer, and the workers ask store.seen.

Parsing runs on every core (a process pool; the language model is loaded once and shared by the
forked workers); the archive is written by this process in batches, each one transaction. A file
that fails is named with its reason and the batch goes on; a crash loses at most the batch in
hand, and running the same ingest again completes it (bytes already stored are skipped before
they are parsed).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .containers import (
    NOT_ARTICLE,
    Kind,
    Page,
    Skipped,
    container_kind,
    page_input,
    parse_page,
    read_container,
    sniff_container,
)
from .errors import InputError
from .parse import parse_bytes, read_input
from .paths import STDIN, display_path, expand
from .record import Article, InputInfo
from .store.seen import SeenInputs, sqlite_path

if TYPE_CHECKING:
    from .store.archive import Archive

Status = Literal["added", "unchanged", "updated", "earlier", "failed", "skipped"]

BATCH_SIZE = 5000  # articles per transaction (each also makes one FTS5 segment to merge)
# Inputs handed to the pool at a time: bounds memory whatever the number of files. As large as
# a batch, so that the workers have the next batch's parsing in hand while one is written; and
# never more bytes than WINDOW_BYTES (a container's records come with their bytes).
WINDOW = BATCH_SIZE
WINDOW_BYTES = 64 * 1024 * 1024
BATCH_BYTES = 64 * 1024 * 1024  # nor does a transaction hold more original bytes than this


@dataclass(frozen=True)
class FileResult:
    path: str
    status: Status
    article_id: int | None = None
    reason: str | None = None
    # A record of a web archive or browser save: the container it is in; for one skipped, why
    # ("not an article", "other content", "duplicate").
    container: str | None = None
    skipped: str | None = None
    # Added, though another outlet's stored record has the same text: that record's id.
    twin: int | None = None


# The reason of an input left unchanged because its very bytes are stored (not parsed again).
SEEN_BEFORE = "its bytes are stored already"


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    earlier: int = 0  # older editions arriving after their article's record: kept as versions
    failed: int = 0
    failures: list[FileResult] = field(default_factory=list)
    # Records read out of containers: what became of them (a status, or why one was skipped);
    # and every skipped record, by why.
    records: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def count(self, result: FileResult) -> None:
        if result.container is not None:
            self.records[result.skipped or result.status] += 1
        if result.status == "skipped":
            self.skipped[result.skipped or "other content"] += 1
            return
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.status == "failed":
            self.failures.append(result)

    def counts(self) -> Counter[str]:
        """What became of the inputs, by status (the summary line's counts)."""
        return Counter(
            added=self.added,
            unchanged=self.unchanged,
            updated=self.updated,
            earlier=self.earlier,
            failed=self.failed,
        )

    @property
    def total(self) -> int:
        return self.counts().total() + self.skipped.total()


@dataclass(frozen=True)
class Job:
    path: str
    data: bytes | None = None  # None: read the file in the worker
    url: str | None = None
    error: str | None = None  # the input failed before parsing (standard input too large)
    page: Page | None = None  # a page out of a container (data: the bytes kept)
    container: str | None = None  # the container a record came from
    skipped: tuple[str, str] | None = None  # a container's record that is no page: (kind, why)

    @property
    def size(self) -> int:
        return len(self.data or b"") + (len(self.page.payload) if self.page else 0)


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: an article with its bytes, bytes seen before, a failure, or
    a container's record that is not an article."""

    path: str
    article: Article | None = None
    data: bytes | None = None
    seen: int | None = None
    reason: str | None = None
    container: str | None = None
    skipped: str | None = None
    # Bytes seen before, read out of a container: where they were (noted as a copy).
    copy: InputInfo | None = None


_seen = SeenInputs(None)  # this process's view of the archive, opened by _init_worker


def _init_worker(sqlite_path: str | None) -> None:
    """Open this process's read-only view of the archive for the seen-before check. Always
    replaces the previous view: an earlier ingest in this process may have been into another
    archive."""
    global _seen
    _seen.close()
    _seen = SeenInputs(sqlite_path)


def _init_pool_worker(sqlite_path: str | None) -> None:
    """A pool worker leaves Ctrl-C to the parent, which stops the pool: a worker dying of it
    at any point could die holding the pool's queue lock, and the parent's clean-up would
    then wait for that lock for ever. It is born with Ctrl-C held back (see _pool), so one
    that came before this point is dropped here, never raised."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _init_worker(sqlite_path)


def parse_job(job: Job) -> Parsed:
    """Read and parse one input. Never raises: a failure comes back with its reason."""
    shown = display_path(job.path) if job.container is None else job.path
    if job.skipped is not None:
        return Parsed(shown, container=job.container, skipped=job.skipped[0], reason=job.skipped[1])
    if job.error is not None:
        return Parsed(shown, reason=job.error, container=job.container)
    try:
        data = job.data if job.data is not None else read_input(job.path).data
        sha = hashlib.sha256(data).hexdigest()
        seen = _seen.article_of(sha)
        if seen is not None:
            copy = page_input(job.page, sha) if job.page else None
            return Parsed(shown, seen=seen, container=job.container, copy=copy)
        article = parse_page(job.page) if job.page else parse_bytes(data, shown, url=job.url)
        article.sha256, article.word_count  # noqa: B018  computed here, on the worker's core
        return Parsed(shown, article=article, data=data, container=job.container)
    except NOT_ARTICLE as exc:
        if job.page is None or job.page.kind == "mhtml":  # a file, or a save of one page
            return Parsed(shown, reason=exc.reason)
        why = f"{exc.reason} ({job.url})" if job.url else exc.reason
        return Parsed(shown, container=job.container, skipped="not an article", reason=why)
    except InputError as exc:
        return Parsed(shown, reason=exc.reason, container=job.container)
    except RecursionError:
        return Parsed(shown, reason="input nested too deeply to parse", container=job.container)
    except Exception as exc:  # a parser bug must not sink the batch; name it and go on
        return Parsed(
            shown, reason=f"internal error: {type(exc).__name__}: {exc}", container=job.container
        )


def windows(jobs: Iterable[Job]) -> Iterator[list[Job]]:
    """Jobs in windows of at most WINDOW jobs and WINDOW_BYTES of bytes in hand."""
    window: list[Job] = []
    held = 0
    for job in jobs:
        window.append(job)
        held += job.size
        if len(window) >= WINDOW or held >= WINDOW_BYTES:
            yield window
            window, held = [], 0
    if window:
        yield window


def parsed_inputs(jobs: Iterable[Job], workers: int, sqlite_path: str | None) -> Iterator[Parsed]:
    """Parse jobs in order, on `workers` processes (1: in this process)."""
    if workers <= 1:
        _init_worker(sqlite_path)
        try:
            yield from map(parse_job, jobs)
        finally:
            _init_worker(None)
        return
    from .parse.language import identify

    identify("warm the language model up before forking, so that workers share it")
    with _pool(workers, sqlite_path) as pool:
        # Two windows in flight: the next is being parsed while this one's results are
        # written, so the workers do not wait at each window's end; memory stays bounded.
        pending: Iterator[Parsed] | None = None
        for window in windows(jobs):
            submitted = pool.imap(parse_job, window, chunksize=32)
            if pending is not None:
                yield from pending
            pending = submitted
        if pending is not None:
            yield from pending


@contextmanager
def _pool(workers: int, sqlite_path: str | None) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of parsing workers, forked with Ctrl-C held back: one that came while a worker
    was being forked, before it could ignore Ctrl-C, killed it at its start, and the pool's
    replacement for it could wait for ever on a queue lock (a hang at Ctrl-C, once in some
    150 tries). The parent gets a Ctrl-C held meanwhile as soon as the pool stands."""
    context = multiprocessing.get_context("fork")
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(workers, initializer=_init_pool_worker, initargs=(sqlite_path,))
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    with pool:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # inside: a Ctrl-C now stops the pool
        yield pool


def jobs_for(
    paths: Iterable[str],
    url: str | None = None,
    stdin: bytes | InputError | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Job]:
    """A job per input; `stdin` is what standard input held (or why it could not be read);
    files `skip` names (the archive's own, in a folder it is kept in) are left out."""
    for path in expand(paths):
        if skip is not None and skip(path):
            continue
        if path == STDIN and isinstance(stdin, bytes) and (kind := sniff_container(stdin[:4096])):
            yield from container_jobs(path, stdin, kind)
        elif kind := container_of(path):
            yield from container_jobs(path, kind=kind)
        elif path != STDIN:
            yield Job(path, url=url)
        elif isinstance(stdin, InputError):
            yield Job(path, error=stdin.reason)
        else:
            yield Job(path, stdin, url)


# Names pages are saved under: their content is not sniffed for a container (that would open
# every file of a large folder twice). A page that holds a container all the same is told so
# by the parser.
PAGE_SUFFIXES = (".txt", ".text", ".htm", ".html", ".xhtml", ".html.gz", ".htm.gz", ".md")


def container_of(path: str) -> Kind | None:
    """What web archive or browser save a path (not standard input) is, by name or content."""
    return None if path == STDIN else container_kind(path) or sniffed(path)


def sniffed(path: str) -> Kind | None:
    """A container whose name does not say so, told by its first bytes."""
    if path.lower().endswith(PAGE_SUFFIXES) or not os.path.isfile(path):
        return None  # a FIFO or device would block, or be consumed, by a look at its start
    try:
        with open(path, "rb") as stream:
            return sniff_container(stream.read(4096))
    except OSError:
        return None  # reading it names the failure


def container_jobs(path: str, data: bytes | None = None, kind: Kind | None = None) -> Iterator[Job]:
    """A job per record of a web archive or browser save, read as the jobs are taken."""
    shown = display_path(path)
    read = False  # whether any record came out before a failure of the file
    for item in read_container(path, shown, data, kind):
        read = read or item.where != shown
        if isinstance(item, Page):
            yield Job(item.where, item.original, item.url, page=item, container=shown)
        elif isinstance(item, Skipped):
            yield Job(item.where, container=shown, skipped=(item.kind, item.reason))
        elif item.where == shown and not read:  # the file could not be read: no record
            yield Job(path, error=item.reason)
        else:
            yield Job(item.where, container=shown, error=item.reason)


def ingest_jobs(
    archive: Archive,
    jobs: Iterable[Job],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_result: Callable[[FileResult], None] | None = None,
    on_parsed: Callable[[Parsed], None] | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Parse and store inputs; one outcome per input, reported as it is known and counted into
    `summary` (a new one if none is given: a caller that may be interrupted passes its own).
    `on_parsed` hears of each input as soon as it is parsed (its outcome comes when its batch
    is stored): progress to show while a batch fills.

    Ctrl-C (KeyboardInterrupt) stores the articles parsed so far before it goes on up: the
    inputs still being parsed are left for the next run, and so is a batch whose write the
    interrupt (or a second one) stopped: a write is rolled back whole."""
    summary = summary if summary is not None else Summary()
    writer = archive.writer()
    batch: list[Parsed] = []
    copies: list[InputInfo] = []  # containers' records whose bytes are stored already
    held = 0  # bytes the batch holds

    def report(result: FileResult) -> None:
        summary.count(result)
        if on_result:
            on_result(result)

    def flush() -> None:
        nonlocal held
        if copies:
            noted = list(copies)
            copies.clear()
            writer.add_copies(noted)
        if not batch:
            return
        # Taken out first: a write that an interrupt stops is rolled back whole, and the
        # interrupt's own flush must not write these again.
        taken, held = list(batch), 0
        batch.clear()
        items = [(p.article, p.data) for p in taken if p.article and p.data is not None]
        # A record the database refuses fails alone, named (Writer.add_each).
        for parsed, outcome in zip(taken, writer.add_each(items), strict=True):
            if isinstance(outcome, Exception):
                reason = f"cannot store: {outcome}"
                report(FileResult(parsed.path, "failed", None, reason, parsed.container))
            else:
                why = SEEN_BEFORE if outcome.seen else None
                report(
                    FileResult(
                        parsed.path,
                        outcome.status,
                        outcome.article_id,
                        why,
                        parsed.container,
                        twin=outcome.twin,
                    )
                )

    def take(parsed: Parsed) -> None:
        nonlocal held
        if on_parsed:
            on_parsed(parsed)
        where = parsed.container
        if parsed.skipped is not None:
            report(FileResult(parsed.path, "skipped", None, parsed.reason, where, parsed.skipped))
        elif parsed.reason is not None:
            report(FileResult(parsed.path, "failed", reason=parsed.reason, container=where))
        elif parsed.seen is not None:
            seen = parsed.seen or None
            report(FileResult(parsed.path, "unchanged", seen, SEEN_BEFORE, container=where))
            if parsed.copy is not None:
                copies.append(parsed.copy)
                if len(copies) >= batch_size:
                    flush()
        else:
            batch.append(parsed)
            held += len(parsed.data or b"") + len(parsed.article.body if parsed.article else "")
            if len(batch) >= batch_size or held >= BATCH_BYTES:
                flush()

    try:
        for parsed in parsed_inputs(jobs, workers, sqlite_path(archive.engine)):
            take(parsed)
    except KeyboardInterrupt:
        flush()  # what was parsed is stored; a second Ctrl-C rolls this write back
        raise
    flush()
    return summary


def ingest_paths(
    archive: Archive,
    paths: Iterable[str],
    *,
    url: str | None = None,
    stdin: bytes | InputError | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    workers: int = 1,
) -> Summary:
    """Ingest files and folders (recursively; "-" is `stdin`)."""
    return ingest_jobs(archive, jobs_for(paths, url, stdin), workers=workers, on_result=on_result)


def default_workers(count: int) -> int:
    """Worth a pool only for more than a few files."""
    return 1 if count < 64 else max(1, min(os.cpu_count() or 1, 8))


def worker_count(asked: int | None, count: int) -> int:
    """Parsing processes for `count` inputs: as asked (else the default), never more than the
    inputs or the cores."""
    wanted = asked if asked is not None else default_workers(count)
    return max(1, min(wanted, count, os.cpu_count() or 1))
