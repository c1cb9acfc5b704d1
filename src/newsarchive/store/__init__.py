"""Records to and from the database: models, engines, migrations, full-text search.

Names load on first use, so that importing a light module of this package (fts) does not pull in
SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["Archive", "Outcome", "SearchHit", "SearchOptions"]
_HOMES = {
    "Archive": "archive",
    "Outcome": "archive",
    "SearchHit": "search",
    "SearchOptions": "search",
}

if TYPE_CHECKING:
    from .archive import Archive, Outcome
    from .search import SearchHit, SearchOptions


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"newsarchive.store.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'newsarchive.store' has no attribute {name!r}")
