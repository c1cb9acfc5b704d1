"""The exception family. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class NewsArchiveError(Exception):
    """Base class of every error newsarchive raises on purpose."""


class InputError(NewsArchiveError):
    """An input could not be read or is not an article. Carries the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnreadableInput(InputError):
    """The path does not exist, is not a regular file or cannot be opened."""


class EmptyInput(InputError):
    """The input has no bytes, or only whitespace."""


class BinaryInput(InputError):
    """The bytes are not text in any encoding we read (images, PDFs, executables)."""


class NotAnArticle(InputError):
    """The text decodes but holds no article body."""


class ArchiveError(NewsArchiveError):
    """The archive cannot be opened, migrated or written."""


class NotFound(NewsArchiveError):
    """A record id that the archive does not hold."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"no article with id {article_id}")
        self.article_id = article_id


class QueryError(NewsArchiveError):
    """A search that cannot be run as asked (an empty query, a bad filter value)."""
