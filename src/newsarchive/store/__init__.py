"""Records to and from the database: models, engines, migrations, full-text search."""

from .archive import Archive, Outcome, SearchHit

__all__ = ["Archive", "Outcome", "SearchHit"]
