"""The Article record: plain data that crosses the pipeline from parsers to storage to renderers."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
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
    # A page read out of a web archive or browser save: the container's kind ("warc", "wacz",
    # "mhtml"), the record inside it ("offset 1234") and when it was captured (its WARC-Date).
    container: str | None = None
    record: str | None = None
    captured_at: str | None = None
    # A record read back from an export: described as its original was, whose bytes the
    # archive does not hold (it keeps the record's own line).
    imported: bool = False

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "sha256": self.sha256,
        }
        if self.container:
            found |= {
                "container": self.container,
                "record": self.record,
                "captured_at": self.captured_at,
            }
        return found


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


# What text from outside may carry that no record should: terminal escape sequences, control
# characters (NUL, which PostgreSQL refuses, among them) and lone surrogates (from JSON's
# "\ud800" escapes; no encoding can write them). Separators become spaces; the rest goes, so
# that a word glued to a control character stays one searchable word.
ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACE_LIKE = frozenset("\x0b\x0c\r\x1c\x1d\x1e\x1f\x85")


def clean_text(text: str) -> str:
    """Text without escape sequences, control characters (but newline and tab) or lone
    surrogates; vertical space and separators become spaces."""
    if not _UNWANTED.search(text):
        return text
    text = ANSI_SEQUENCE.sub("", text)
    return _UNWANTED.sub(lambda m: " " if m.group(0) in _SPACE_LIKE else "", text)


def _clean_optional(text: str | None) -> str | None:
    return clean_text(text) if text is not None else None


def clean_article(article: Article) -> Article:
    """The record with every text field cleaned (see clean_text); the same object when
    nothing needed it. Parsers and the archive both apply it: no path stores such text."""
    texts = [article.headline, article.body, article.subheadline, article.url, article.byline]
    texts += [a.name for a in article.authors] + article.emails
    texts += [str(part) for a in article.authors for part in (a.email, a.role, a.dateline)]
    if article.source:
        texts += [article.source.name, str(article.source.domain)]
    if not any(_UNWANTED.search(t) for t in texts if t):
        return article
    return replace(
        article,
        headline=clean_text(article.headline),
        body=clean_text(article.body),
        subheadline=_clean_optional(article.subheadline),
        url=_clean_optional(article.url),
        byline=_clean_optional(article.byline),
        authors=[
            Author(
                clean_text(a.name),
                _clean_optional(a.email),
                _clean_optional(a.role),
                _clean_optional(a.dateline),
            )
            for a in article.authors
        ],
        emails=[clean_text(e) for e in article.emails],
        source=(
            Source(clean_text(article.source.name), _clean_optional(article.source.domain))
            if article.source
            else None
        ),
    )


# The longest value each short field of a record may hold (the archive's column sizes).
_LIMITS = {
    "posted_at": 40,
    "updated_at": 40,
    "language": 20,
    "extraction": 40,
    "role": 100,
    "dateline": 100,
    "name": 300,
    "email": 320,
    "domain": 255,
    "format": 20,
    "encoding": 40,
    "container": 10,
    "captured_at": 40,
    "sha256": 64,
    "tag": 20,
}


def _text(record: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    if len(value) > _LIMITS.get(key, 10_000_000):
        raise ValueError(f"{key!r} is longer than {_LIMITS.get(key)} characters")
    return value


def _texts(record: dict[str, Any], key: str, longest: int = 10_000) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(v, str) and len(v) <= longest for v in value
    ):
        raise ValueError(f"{key!r} must be a list of strings of at most {longest} characters")
    return list(value)


def _moment(record: dict[str, Any], key: str) -> str | None:
    """An ISO 8601 date or datetime field, refused when it is not one."""
    value = _text(record, key)
    if value is None:
        return None
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment.astimezone(UTC)  # a time past the last UTC instant is no time
    except (ValueError, OverflowError):
        raise ValueError(f"{key!r} is not an ISO 8601 date or time: {value[:40]!r}") from None
    return value


def article_from_dict(record: object) -> Article:
    """An Article from the JSON object `parse --json`, `show --json` or `export` print. Raises
    ValueError, naming what is wrong, for anything that is not such a record."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in ("headline", "body", "input") if k not in record]
    if missing:
        raise ValueError(f"not a record: no {', '.join(repr(k) for k in missing)}")
    source = record.get("source")
    if source is not None and not (
        isinstance(source, dict) and isinstance(source.get("name"), str)
    ):
        raise ValueError("'source' must be an object with a name")
    info = record["input"]
    if not isinstance(info, dict) or not isinstance(info.get("sha256"), str):
        raise ValueError("'input' must be an object with a sha256")
    authors = record.get("authors") or []
    if not isinstance(authors, list) or not all(
        isinstance(a, dict) and isinstance(a.get("name"), str) for a in authors
    ):
        raise ValueError("'authors' must be a list of objects with a name")
    for author in authors:
        for key in ("name", "email", "role", "dateline"):
            _text(author, key, required=key == "name")
    if source:
        _text(source, "name", required=True)
        _text(source, "domain")
    return Article(
        headline=_text(record, "headline", required=True) or "",
        body=_text(record, "body", required=True) or "",
        input=InputInfo(
            path=str(info.get("path") or ""),
            format=str(info.get("format") or ""),
            encoding=_text(info, "encoding"),
            sha256=_text(info, "sha256", required=True) or "",
            container=_text(info, "container"),
            record=_text(info, "record"),
            captured_at=_text(info, "captured_at"),
        ),
        subheadline=_text(record, "subheadline"),
        url=_text(record, "url"),
        source=Source(source["name"], source.get("domain")) if source else None,
        posted_at=_moment(record, "posted_at"),
        updated_at=_moment(record, "updated_at"),
        byline=_text(record, "byline"),
        authors=[
            Author(a["name"], a.get("email"), a.get("role"), a.get("dateline")) for a in authors
        ],
        emails=_texts(record, "emails", 320),
        language=_text(record, "language") or "und",
        languages=_texts(record, "languages", 20),
        translations=_texts(record, "translations", 20),
        extraction=_text(record, "extraction"),
        ingested_at=_moment(record, "ingested_at"),
    )
