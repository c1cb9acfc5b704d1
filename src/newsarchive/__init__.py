"""newsarchive: saved news articles into a clean, searchable archive.

    from newsarchive import Archive, parse_file
    article = parse_file("seeds/000_16c5aa2c841b19d8.txt")
    with Archive.open("news.db") as archive:
        archive.add(article, open(article.input.path, "rb").read())

Names are imported on first use, so `newsarchive --help` does not pay for SQLAlchemy or the
language model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Archive": "newsarchive.store",
    "Outcome": "newsarchive.store",
    "SearchHit": "newsarchive.store",
    "parse_bytes": "newsarchive.parse",
    "parse_file": "newsarchive.parse",
    "ingest_paths": "newsarchive.ingest",
    "Article": "newsarchive.record",
    "Author": "newsarchive.record",
    "InputInfo": "newsarchive.record",
    "Source": "newsarchive.record",
    "ArchiveError": "newsarchive.errors",
    "BinaryInput": "newsarchive.errors",
    "EmptyInput": "newsarchive.errors",
    "InputError": "newsarchive.errors",
    "NewsArchiveError": "newsarchive.errors",
    "NotAnArticle": "newsarchive.errors",
    "NotFound": "newsarchive.errors",
    "QueryError": "newsarchive.errors",
    "UnreadableInput": "newsarchive.errors",
}

__all__ = [
    "Archive",
    "ArchiveError",
    "Article",
    "Author",
    "BinaryInput",
    "EmptyInput",
    "InputError",
    "InputInfo",
    "NewsArchiveError",
    "NotAnArticle",
    "NotFound",
    "Outcome",
    "QueryError",
    "SearchHit",
    "Source",
    "UnreadableInput",
    "ingest_paths",
    "parse_bytes",
    "parse_file",
]

if TYPE_CHECKING:
    from .errors import (
        ArchiveError,
        BinaryInput,
        EmptyInput,
        InputError,
        NewsArchiveError,
        NotAnArticle,
        NotFound,
        QueryError,
        UnreadableInput,
    )
    from .ingest import ingest_paths
    from .parse import parse_bytes, parse_file
    from .record import Article, Author, InputInfo, Source
    from .store import Archive, Outcome, SearchHit


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsarchive' has no attribute {name!r}")
