"""The Article record: plain data that crosses the pipeline from parsers to storage to renderers."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Source:
    name: str
    domain: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "domain": self.domain}


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None
    role: str | None = None
    dateline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class InputInfo:
    """Where the record came from: the original bytes are described here and stored beside it."""

    path: str
    format: str
    encoding: str | None
    sha256: str
    size: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "sha256": self.sha256,
        }


@dataclass
class Article:
    headline: str
    body: str
    input: InputInfo
    subheadline: str | None = None
    url: str | None = None
    source: Source | None = None
    posted_at: str | None = None
    updated_at: str | None = None
    byline: str | None = None
    authors: list[Author] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)  # every address the byline prints
    language: str = "und"
    languages: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)
    id: int | None = None
    ingested_at: str | None = None
    # How the body was found: "text", "html", "html:json-ld", or "text:fallback" /
    # "html:fallback" when the models found no article and the best run of prose stands in.
    extraction: str | None = None

    # Computed once: a record is built whole by a parser and read many times after.
    @cached_property
    def word_count(self) -> int:
        return count_words(self.body)

    @cached_property
    def sha256(self) -> str:
        return content_hash(self.headline, self.body)

    def to_dict(self) -> dict[str, Any]:
        """The record as the SPEC prints it, keys in the SPEC's order."""
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "url": self.url,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "posted_at": self.posted_at,
            "updated_at": self.updated_at,
            "byline": self.byline,
            "authors": [a.to_dict() for a in self.authors],
            "emails": list(self.emails),
            "body": self.body,
            "language": self.language,
            "languages": list(self.languages),
            "translations": list(self.translations),
            "word_count": self.word_count,
            "sha256": self.sha256,
            "input": self.input.to_dict(),
            "extraction": self.extraction,
            "ingested_at": self.ingested_at,
        }


_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


# Kana and Han: Japanese and Chinese are written without spaces between words.
UNSPACED_LETTER = r"[\u3040-\u30ff\u3400-\u9fff]"
_UNSPACED = re.compile(UNSPACED_LETTER + "+")


def count_words(text: str) -> int:
    """Words of the text. Chinese and Japanese are written without spaces: a run of kana and
    Han counts a word for every two characters (Korean spaces its words)."""
    runs = _UNSPACED.findall(text)
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + sum(max(1, len(r) // 2) for r in runs)


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def content_hash(headline: str, body: str) -> str:
    """The duplicate key: NFKC, whitespace collapsed, so re-saved copies of one article agree."""
    norm = unicodedata.normalize("NFKC", normalise_space(headline) + "\n" + normalise_space(body))
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
