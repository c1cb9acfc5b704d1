"""Exports: every record field out as JSON Lines, CSV or Parquet, streamed; and JSON Lines back
in.

JSON Lines are the records as `show --json` prints them (authors, language tags and the source
nested). CSV has one column per field: the source's name and domain, and the authors' names,
emails, roles and datelines as parallel columns joined by "; ", as are the language tags and
emails. Parquet (pyarrow, the `parquet` extra) keeps the nesting: lists and structs.

JSON Lines alone carry a record's earlier editions (those a newer edition replaced), oldest
first under "versions" (as `show --json --versions` prints them), and an import keeps them
as the record's versions again.

An import reads records, not originals: each becomes an article whose input is described as it
was (path, format, encoding, hash) but whose bytes are the record's own line (an archive rebuilt
from `parse --json` output on many machines holds the records, not the pages).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import itertools
import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from .record import Article, article_from_dict

if TYPE_CHECKING:
    from .store.archive import Archive

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = [
    "id",
    "source_name",
    "source_domain",
    "url",
    "headline",
    "subheadline",
    "posted_at",
    "updated_at",
    "byline",
    "authors",
    "author_emails",
    "author_roles",
    "author_datelines",
    "emails",
    "body",
    "language",
    "languages",
    "translations",
    "word_count",
    "sha256",
    "extraction",
    "input_path",
    "input_format",
    "input_encoding",
    "input_sha256",
    "input_container",
    "input_record",
    "input_captured_at",
    "ingested_at",
]


def _joined(values: Iterable[str | None]) -> str:
    return "; ".join(v or "" for v in values)


def csv_row(article: Article) -> dict[str, Any]:
    record = article.to_dict()
    authors = article.authors
    return {
        **{k: record.get(k) for k in CSV_COLUMNS if k in record},
        "source_name": article.source.name if article.source else None,
        "source_domain": article.source.domain if article.source else None,
        "authors": _joined(a.name for a in authors),
        "author_emails": _joined(a.email for a in authors),
        "author_roles": _joined(a.role for a in authors),
        "author_datelines": _joined(a.dateline for a in authors),
        "emails": _joined(article.emails),
        "languages": _joined(article.languages),
        "translations": _joined(article.translations),
        "input_path": article.input.path,
        "input_format": article.input.format,
        "input_encoding": article.input.encoding,
        "input_sha256": article.input.sha256,
        "input_container": article.input.container,
        "input_record": article.input.record,
        "input_captured_at": article.input.captured_at,
    }


Editions = Callable[[Sequence[int]], dict[int, list[dict[str, Any]]]]


def write_jsonl(
    articles: Iterable[Article], out: IO[str], editions: Editions | None = None, batch: int = 1000
) -> int:
    """One record a line; with `editions` (Archive.versions_of), a record that replaced
    earlier editions carries them, oldest first, under "versions", so that an import keeps
    them too. Asked a batch of records at a time."""
    written = 0
    for chunk in _chunks(articles, batch):
        earlier = editions([a.id for a in chunk if a.id is not None]) if editions else {}
        for article in chunk:
            record = article.to_dict()
            if article.id in earlier:
                record["versions"] = earlier[article.id]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    written = 0
    for article in articles:
        writer.writerow(csv_row(article))
        written += 1
    return written


_INPUT_KEYS = ("path", "format", "encoding", "sha256", "container", "record", "captured_at")


def _parquet_schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [
            ("id", pa.int64()),
            ("source", pa.struct([("name", text), ("domain", text)])),
            ("url", text),
            ("headline", text),
            ("subheadline", text),
            ("posted_at", text),
            ("updated_at", text),
            ("byline", text),
            (
                "authors",
                pa.list_(
                    pa.struct([("name", text), ("email", text), ("role", text), ("dateline", text)])
                ),
            ),
            ("emails", pa.list_(text)),
            ("body", text),
            ("language", text),
            ("languages", pa.list_(text)),
            ("translations", pa.list_(text)),
            ("word_count", pa.int64()),
            ("sha256", text),
            (
                "input",
                pa.struct([(k, text) for k in _INPUT_KEYS]),
            ),
            ("extraction", text),
            ("ingested_at", text),
        ]
    )


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A file beside `path` to write the export into, put in its place only once the export is
    whole: an export that fails leaves what `path` held before (an earlier export, say)
    untouched, and no half-written file. A symbolic link keeps pointing where it did, at the
    new file. A path that is no regular file (/dev/stdout, a pipe, /proc/self/fd/1) is
    written as it is."""
    target = os.path.realpath(path)
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    devices = ("/dev/", "/proc/")
    if (mode is not None and not stat.S_ISREG(mode)) or any(
        p.startswith(devices) for p in (os.path.abspath(path), target)
    ):
        yield path
        return
    folder, name = os.path.split(target)
    handle, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(handle)
    try:
        yield partial
        if mode is None:  # a new file, as open() would make it (mkstemp's is private)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(partial, 0o666 & ~umask)
        else:  # the permissions of the file it replaces
            os.chmod(partial, stat.S_IMODE(mode))
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def write_parquet(articles: Iterable[Article], path: str, batch: int = 5000) -> int:
    """Row groups of `batch` records: memory holds one group at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    names = schema.names
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        rows: list[dict[str, Any]] = []
        for article in articles:
            record = article.to_dict()
            record["input"] = {k: record["input"].get(k) for k in _INPUT_KEYS}
            rows.append({k: record.get(k) for k in names})
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                written += len(rows)
                rows = []
        if rows or not written:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            written += len(rows)
    return written


@dataclass
class ImportedRecord:
    """A record read back, with the earlier editions an export gave it (oldest first), each
    with its own JSON as the bytes it is kept by."""

    article: Article
    line: bytes
    versions: list[tuple[Article, bytes]] = field(default_factory=list)
    # The line gives a text hash its text no longer has: edited after it was exported.
    edited: bool = False


def _imported(record: dict[str, Any], line: bytes) -> Article:
    article = article_from_dict(record)
    article.input = dataclasses.replace(article.input, size=len(line), imported=True)
    return article


def _read_record(line: bytes) -> ImportedRecord:
    record = json.loads(line)
    article = _imported(record, line)
    declared = record.get("sha256")
    found = ImportedRecord(
        article, line, edited=isinstance(declared, str) and declared != article.sha256
    )
    versions = record.get("versions")
    if versions is None:
        return found
    if not isinstance(versions, list):
        raise ValueError("'versions' must be a list of records")
    inputs = {article.input.sha256}
    for number, version in enumerate(versions, start=1):
        raw = json.dumps(version, ensure_ascii=False).encode()
        try:
            earlier = _imported(version, raw)
        except ValueError as exc:
            raise ValueError(f"version {number}: {exc}") from exc
        if earlier.input.sha256 in inputs:
            # Each edition came from its own input: one repeated is no edition of this record.
            raise ValueError(f"version {number}: its input's sha256 is another edition's")
        inputs.add(earlier.input.sha256)
        found.versions.append((earlier, raw))
    return found


def read_jsonl(
    lines: Iterable[bytes], name: str
) -> Iterator[tuple[int, ImportedRecord | str, bytes]]:
    """(line number, the record or why the line is not one, the line) for each non-empty line."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            yield number, _read_record(line), line
        except json.JSONDecodeError as exc:
            column = exc.colno + len(raw) - len(raw.lstrip())  # in the file's line, unstripped
            why = f"{exc.msg[:1].lower()}{exc.msg[1:]}"
            yield number, f"line {number}, column {column}: not JSON ({why})", line
        except (ValueError, UnicodeDecodeError) as exc:
            yield number, f"line {number}: {exc}", line
        except RecursionError:
            yield number, f"line {number}: nested too deeply to read", line


def import_records(
    archive: Archive,
    stream: IO[bytes],
    name: str,
    on_error: Callable[[str], None],
    batch: int = 2000,
    on_note: Callable[[str], None] | None = None,
) -> Counter[str]:
    """Store the records of a JSON Lines stream, `batch` a transaction; each line that is not a
    record is reported through on_error and counted as failed. An edited line (its text no
    longer has the hash it gives) that changes nothing, its original being stored, is said so
    through on_note."""
    counts: Counter[str] = Counter()
    writer = archive.writer()
    pending: list[tuple[Article, bytes]] = []
    versions: list[list[tuple[Article, bytes]]] = []
    numbers: list[int] = []
    edited: set[int] = set()

    def flush() -> None:
        # A record the database refuses fails alone, named by its line (Writer.add_each); a
        # record and its versions go in together or not at all.
        for number, outcome in zip(numbers, writer.add_each(pending, versions), strict=True):
            if isinstance(outcome, Exception):
                on_error(f"line {number}: cannot store it: {type(outcome).__name__}")
                counts["failed"] += 1
                continue
            counts[outcome.status] += 1
            if number in edited and outcome.status == "unchanged" and on_note is not None:
                on_note(
                    f"line {number}: its text was edited (it no longer has the sha256 it gives);"
                    f" record {outcome.article_id} is stored already and keeps its own:"
                    " import brings records back as exported, it does not edit them"
                )
        pending.clear()
        versions.clear()
        numbers.clear()
        edited.clear()

    # The errors of the first lines wait until a record or an object comes: a file none of
    # whose first lines is even a JSON object is not JSON Lines at all (a CSV, a Parquet file,
    # a page), and one error says so.
    held: list[str] = []
    jsonl = False  # whether a line has shown the file is JSON Lines
    for number, record, line in read_jsonl(stream, name):
        if not jsonl and (not isinstance(record, str) or line.startswith(b"{")):
            jsonl = True
            _release(held, on_error, counts)
        if isinstance(record, str):
            if jsonl:
                on_error(record)
                counts["failed"] += 1
                continue
            held.append(record)
            kind = _other_format(line) if number == 1 else None
            if kind is not None or len(held) == _NOT_JSONL:
                on_error(f"{kind or _not_jsonl(len(held), held[0])}: {_WANTED}")
                counts["failed"] += 1
                return counts
            continue
        pending.append((record.article, record.line))
        versions.append(record.versions)
        numbers.append(number)
        if record.edited:
            edited.add(number)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    if held:  # a file of fewer lines, none of them a JSON object
        on_error(f"{_not_jsonl(len(held), held[0])}: {_WANTED}")
        counts["failed"] += 1
    return counts


def _release(held: list[str], on_error: Callable[[str], None], counts: Counter[str]) -> None:
    """Report the errors held back, in order."""
    for error in held:
        on_error(error)
    counts["failed"] += len(held)
    held.clear()


def not_records(path: str) -> str | None:
    """Why a file is not JSON Lines of records at all, by its first lines (as import_records
    would say it), or why it cannot be read; None for one that may hold records."""
    try:
        with open(path, "rb") as stream:
            head = [line for line in itertools.islice(stream, 50) if line.strip()][:_NOT_JSONL]
    except OSError as exc:
        return exc.strerror or str(exc)  # said before an archive is opened (or made) for it
    if not head:
        return "empty: no records"
    why = _other_format(head[0].strip())
    if why is not None:
        return f"{why}: {_WANTED}"
    if any(line.lstrip().startswith(b"{") for line in head):
        return None
    return f"{_not_jsonl(len(head))}: {_WANTED}"


def _not_jsonl(lines: int, first_error: str | None = None) -> str:
    """Why a file whose first `lines` lines (all of them, when fewer than _NOT_JSONL) hold no
    JSON object is not JSON Lines, with the first line's own error where there is one."""
    which = "no line" if lines < _NOT_JSONL else f"none of its first {_NOT_JSONL} lines"
    detail = f"; {first_error}" if first_error else ""
    return f"not JSON Lines of records ({which} is a JSON object{detail})"


def _other_format(first: bytes) -> str | None:
    """What a file is, by its first line, when it is one of export's other formats."""
    if first.startswith(b"PAR1"):
        return "a Parquet file: import reads JSON Lines"
    if first.startswith(b"id,") and b",headline," in first:
        return "a CSV export: import reads JSON Lines (export's default format)"
    return None


# Lines without a record that make a file "not JSON Lines" when they open it.
_NOT_JSONL = 5
_WANTED = "give a file that `export` or `parse --json` wrote"
