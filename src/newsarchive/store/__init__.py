"""Records to and from the database: models, engines, migrations, full-text search.

Names load on first use, so that importing a light module of this package (fts) does not pull in
SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["Archive", "Outcome", "SearchHit"]

if TYPE_CHECKING:
    from .archive import Archive, Outcome, SearchHit


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("newsarchive.store.archive"), name)
    raise AttributeError(f"module 'newsarchive.store' has no attribute {name!r}")
