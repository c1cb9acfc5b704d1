"""What a format parser finds in a page, before it becomes an Article (zones, source, language)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Author
from .dates import Stamp


@dataclass
class Extracted:
    headline: str = ""
    subheadline: str | None = None
    posted: Stamp | None = None
    updated: Stamp | None = None
    byline: str | None = None
    authors: list[Author] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None  # a language the page declares, when it does
    domain_hints: list[str] = field(default_factory=list)  # publisher domains seen in the page
    site_name: str | None = None  # the name the page gives its site (og:site_name)
    extraction: str = ""  # the path that found the body: "text", "html", "...:fallback"

    def add_author(self, author: Author) -> None:
        """Add an author, merging with one of the same name (a name by the date, an email below)."""
        for i, known in enumerate(self.authors):
            if known.name == author.name:
                self.authors[i] = Author(
                    known.name,
                    known.email or author.email,
                    known.role or author.role,
                    known.dateline or author.dateline,
                )
                return
        self.authors.append(author)

    def add_email(self, email: str) -> None:
        if email.lower() not in (e.lower() for e in self.emails):
            self.emails.append(email)
