"""Input paths: files named, folders walked, "-" for standard input. No storage, no parsing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

STDIN = "-"


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and every file under folders named (recursively, sorted, no hidden files,
    no saved page's folder of resources).

    A path that does not exist is yielded as is, so that reading it names the failure.
    """
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield raw


# A browser's "Web page, complete" saves Page.html and its images, scripts and style sheets
# in Page_files beside it: the page's, not articles.
_RESOURCES = "_files"
_SAVED_PAGE = (".html", ".htm", ".xhtml", ".shtml")


def _resources(folder: str, files: list[str]) -> bool:
    """Whether a folder is the resources of a page saved beside it."""
    page = folder.removesuffix(_RESOURCES)
    return page != folder and any(page + suffix in files for suffix in _SAVED_PAGE)


def _walk(root: Path) -> Iterator[str]:
    errors: list[str] = []

    def on_error(exc: OSError) -> None:
        errors.append(f"{exc.filename}")

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _resources(d, files))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)
    # Folders we could not list are failures too, reported by reading them.
    yield from errors


def display_path(path: str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 in a file name
    (which Python carries as surrogates) become backslash escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
