"""Paths to archive: expand folders, parse each file, store it, report one outcome per file.

A file that fails is named with its reason and the batch goes on; every stored record is committed
on its own, so a crash or a kill loses at most the file in hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .errors import ArchiveError, InputError, UnreadableInput
from .parse import parse_bytes, read_input
from .paths import STDIN, expand
from .store.archive import Archive

Status = Literal["added", "unchanged", "updated", "failed"]


@dataclass(frozen=True)
class FileResult:
    path: str
    status: Status
    article_id: int | None = None
    reason: str | None = None


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    failures: list[FileResult] = field(default_factory=list)

    def count(self, result: FileResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.status == "failed":
            self.failures.append(result)

    @property
    def total(self) -> int:
        return self.added + self.unchanged + self.updated + self.failed


def count_files(paths: Iterable[str]) -> int:
    return sum(1 for _ in expand(paths))


def ingest_one(
    archive: Archive, path: str, data: bytes | None = None, url: str | None = None
) -> FileResult:
    """Parse and store one input. Never raises for a bad input: the result says what happened."""
    try:
        if data is None:
            if path == STDIN:
                raise UnreadableInput(path, "standard input given without data")
            data = read_input(path).data
        digest = hashlib.sha256(data).hexdigest()
        seen = archive.article_for_input(digest)
        if seen is not None:
            return FileResult(path, "unchanged", seen or None)
        article = parse_bytes(data, path, url=url)
        outcome = archive.add(article, data)
        return FileResult(path, outcome.status, outcome.article_id)
    except InputError as exc:
        return FileResult(path, "failed", reason=exc.reason)
    except ArchiveError:
        raise
    except RecursionError:
        return FileResult(path, "failed", reason="input nested too deeply to parse")
    except Exception as exc:  # a parser bug must not sink the batch; name it and go on
        return FileResult(path, "failed", reason=f"internal error: {type(exc).__name__}: {exc}")


def ingest_paths(
    archive: Archive,
    paths: Iterable[str],
    *,
    url: str | None = None,
    stdin: bytes | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> Summary:
    summary = Summary()
    for path in expand(paths):
        data = stdin if path == STDIN else None
        result = ingest_one(archive, path, data=data, url=url)
        summary.count(result)
        if on_result:
            on_result(result)
    return summary
