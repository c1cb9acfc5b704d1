"""Bytes to records: reading an input, decoding it, choosing its parser, building the record."""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from pathlib import Path
from typing import BinaryIO, Literal
from zoneinfo import ZoneInfo

from ..errors import BinaryInput, EmptyInput, NotAnArticle, UnreadableInput
from ..paths import display_path
from ..record import Article, InputInfo, Source, clean_article
from . import sites
from .dates import Stamp, date_from_url
from .decode import NotText, declared_charset, decode, repair_mojibake
from .extracted import Extracted
from .language import choose_language, languages_present
from .names import wire_byline, with_their_email
from .sources import (
    SEOUL,
    clean_url,
    domain_of_url,
    host_of_url,
    source_for_domain,
    zone_for_domain,
)

MAX_INPUT_BYTES = 64 * 1024 * 1024  # a news page is never this large; refuse rather than hang
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class RawInput:
    path: str
    data: bytes


def read_input(path: str | os.PathLike[str]) -> RawInput:
    """The bytes of a file, or an InputError that names it and says why."""
    name = display_path(os.fsdecode(path))
    p = Path(path)
    try:
        if not p.is_file():
            if not p.exists():
                raise UnreadableInput(name, "no such file")
            if p.is_dir():  # one a walk could not list
                raise UnreadableInput(name, f"a folder that cannot be listed ({_unlisted(p)})")
            raise UnreadableInput(name, "not a regular file")
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise UnreadableInput(name, f"too large ({size} bytes; limit {MAX_INPUT_BYTES})")
        with p.open("rb") as stream:
            return read_stream(name, stream)  # bounded too: a file may grow as it is read
    except PermissionError as exc:
        raise UnreadableInput(name, "permission denied") from exc
    except OSError as exc:
        raise UnreadableInput(name, exc.strerror or str(exc)) from exc


def _unlisted(folder: Path) -> str:
    try:
        os.listdir(folder)
    except OSError as exc:
        return "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return "it changed while it was read"


def read_stream(name: str, stream: BinaryIO) -> RawInput:
    """All of a stream (standard input, say), or an InputError once it passes the size limit:
    never more than MAX_INPUT_BYTES in memory, however much the stream holds."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(1 << 20, MAX_INPUT_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise UnreadableInput(
                name, f"too large (more than the limit of {MAX_INPUT_BYTES} bytes)"
            )
    return RawInput(name, b"".join(chunks))


def _gunzip(path: str, data: bytes) -> bytes:
    """Decompress, never past the size limit: a small file that expands to gigabytes (a gzip
    bomb) is refused after reading MAX_INPUT_BYTES of it, not after filling the memory."""
    parts: list[bytes] = []
    room = MAX_INPUT_BYTES
    rest = data
    # A gzip file may hold several members, one after another (`cat a.gz b.gz`, appending
    # writers): its content is all of them, as gzip gives it.
    while rest.startswith(_GZIP_MAGIC):
        if room <= 0:  # (a max_length of 0 would mean no limit)
            raise BinaryInput(path, "gzip data expands past the size limit")
        inflate = zlib.decompressobj(wbits=31)  # gzip framing
        try:
            out = inflate.decompress(rest, room)
        except zlib.error as exc:
            raise BinaryInput(path, f"corrupt gzip data ({exc})") from exc
        if inflate.unconsumed_tail:
            raise BinaryInput(path, "gzip data expands past the size limit")
        if not inflate.eof:
            raise BinaryInput(path, "corrupt gzip data (truncated)")
        parts.append(out)
        room -= len(out)
        rest = inflate.unused_data
    return b"".join(parts)  # bytes after the last member (padding) are not content, as in gzip


# What comes before a markup document's first element: an XML declaration, comments, a doctype.
_PROLOGUE = re.compile(r"(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)*", re.DOTALL)
_FIRST_TAG = re.compile(r"<([a-z][a-z0-9:-]*)[\s/>]")


def sniff_format(text: str) -> str:
    """ "html" when the text is markup (a page, or a fragment of one that opens with an element
    and closes some), "svg" for an SVG image, else "text"."""
    head = text[:4096].lower()
    start = _PROLOGUE.match(head)
    rest = head[start.end() if start else 0 :]
    first = _FIRST_TAG.match(rest)
    if first and first.group(1) == "svg":
        return "svg"
    if head.lstrip().startswith(("<!doctype html", "<html", "<?xml")) or (
        "<html" in head or "<head" in head or "<body" in head
    ):
        return "html"
    if first and "</" in rest:
        return "html"
    return "text"


@dataclass(frozen=True)
class DecodedInput:
    text: str  # decoded, doubly-encoded UTF-8 repaired
    encoding: str | None
    format: str  # "html" or "text", with "+gzip" when the bytes came compressed
    sha256: str


def decode_input(data: bytes, path: str = "-", charset: str | None = None) -> DecodedInput:
    """An input's bytes as text, with what was learned reading them. Raises an InputError.

    `charset` is what came with the bytes (an HTTP or MIME Content-Type); as in a browser, it
    outranks what the page itself declares."""
    digest = hashlib.sha256(data).hexdigest()
    payload = _gunzip(path, data) if data.startswith(_GZIP_MAGIC) else data
    if not payload.strip():
        raise EmptyInput(path, "empty file" if not payload else "only whitespace")
    try:
        decoded = decode(payload, declared=charset or declared_charset(payload))
    except NotText as exc:
        raise BinaryInput(path, str(exc)) from exc
    if not decoded.text.strip():
        raise EmptyInput(path, "only whitespace")
    text = repair_mojibake(decoded.text)
    fmt = sniff_format(text)
    if fmt == "svg":
        raise NotAnArticle(path, "an SVG image, not an article")
    if data.startswith(_GZIP_MAGIC):
        fmt += "+gzip"
    return DecodedInput(text, decoded.encoding, fmt, digest)


def parse_bytes(
    data: bytes, path: str = "-", url: str | None = None, charset: str | None = None
) -> Article:
    """Parse one input's bytes into an Article. Raises an InputError subclass on bad input."""
    from ..containers import Page, mhtml_page, sniff_container

    kind = sniff_container(data[:4096])
    if kind == "mhtml":  # a browser's save under another name, or on standard input
        page = mhtml_page(data, path)
        if not isinstance(page, Page):
            raise NotAnArticle(path, page.reason)
        article = parse_bytes(page.payload, path, url=url or page.url, charset=page.charset)
        article.input = InputInfo(
            path, "mhtml", article.input.encoding, hashlib.sha256(data).hexdigest(), len(data)
        )
        return article
    if kind is not None:
        raise NotAnArticle(
            path,
            f"a {kind.upper()} web archive: its pages are read from a file named"
            " .warc, .warc.gz or .wacz (or given on standard input)",
        )
    if data.startswith(b"SQLite format 3\x00"):
        raise NotAnArticle(path, "an SQLite database (an archive is opened with --db, not read)")
    if data.startswith(b"PAR1"):
        raise NotAnArticle(path, "a Parquet file of records, not a page")
    decoded = decode_input(data, path, charset)
    records = _records_file(decoded.text) if decoded.format.startswith("text") else None
    if records == "csv":
        raise NotAnArticle(
            path, "a CSV export of records, not a page (`newsarchive import` reads JSON Lines)"
        )
    if records == "jsonl":
        raise NotAnArticle(
            path, "records that `export` or `parse --json` wrote: `newsarchive import` reads them"
        )
    if decoded.format.startswith("html"):
        from .html import parse_html

        found = parse_html(decoded.text, url=url)
    else:
        from .text import parse_text

        found = parse_text(decoded.text, url=url)
    info = InputInfo(
        path=path,
        format=decoded.format,
        encoding=decoded.encoding,
        sha256=decoded.sha256,
        size=len(data),
    )
    return build_article(found, decoded.text, info)


# The opening of the CSV newsarchive exports (export.CSV_COLUMNS).
_CSV_HEADER = "id,source_name,source_domain,url,headline,"


def _records_file(text: str) -> Literal["csv", "jsonl"] | None:
    """Which of newsarchive's own formats of records a text is, if it is one and not a page:
    its first line is a record with a headline, a body and an input, or the CSV's header."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip()
    if first.startswith(_CSV_HEADER):
        return "csv"
    if not (first.startswith("{") and first.endswith("}")):
        return None
    try:
        record = json.loads(first)
    except ValueError:
        return None
    if isinstance(record, dict) and {"headline", "body", "input"} <= record.keys():
        return "jsonl"
    return None


def parse_file(path: str | os.PathLike[str], url: str | None = None) -> Article:
    raw = read_input(path)
    return parse_bytes(raw.data, raw.path, url=url)


def _source(found: Extracted, text: str) -> Source | None:
    url = found.url
    if url:
        domain = domain_of_url(url)
        if domain:
            profile = sites.for_domain(domain)
            # A publisher's domains are one source; a group's titles each their own.
            alias = profile.domains[0] if profile is not None and not profile.group else None
            source = source_for_domain(alias or domain)
            named = _site_name(found.site_name)
            # A site we know no name for, named by its page: on its domain, or a host of
            # it that is the site again (m., amp.: a platform's sites are each their own
            # domain, see PLATFORMS).
            host = (host_of_url(url) or "").removeprefix("www.")
            unnamed = source.name == source.domain
            same_site = host == domain or host.split(".", 1)[0] in _SITE_HOSTS
            if named and unnamed and (same_site or _spells(named, domain)):
                return Source(named, source.domain)
            return source
    profile = sites.for_text(text)
    named = _site_name(found.site_name)
    if profile is None and named and not found.domain_hints:
        return Source(named)  # a page that names its site but gives no address
    if profile and profile.group:
        # Which title: one of the group's own domains the capture names (its wire copy names
        # other outlets), else the group.
        own = [d for d in found.domain_hints if d in profile.domains]
        return source_for_domain(own[0]) if own else Source(profile.name)
    if found.domain_hints and (profile is None or profile.portal):
        return source_for_domain(found.domain_hints[0])
    if profile and not profile.portal:
        return Source(profile.name, profile.domains[0])
    return None


# Hosts that are the same site for another screen: its mobile and AMP editions (a news. or
# sports. host may be one section of a larger site, whose name is not the whole domain's).
_SITE_HOSTS = frozenset({"m", "mobile", "amp", "www2"})


def _spells(name: str, domain: str) -> bool:
    """Whether a site's name is its domain's name written out: "Radio-Canada" and
    radio-canada.ca (a page on a subdomain, ici.radio-canada.ca, may then name the site)."""
    label = domain.split(".")[0]
    return len(label) >= 4 and "".join(c for c in name.lower() if c.isalnum()) == "".join(
        c for c in label if c.isalnum()
    )


def _site_name(name: str | None) -> str | None:
    """The name a page gives its site, when it reads as one: a short line, not an address."""
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 60 or "://" in name or "www." in name.lower() or name.isdigit():
        return None
    return name


# A page that holds its article twice (a layout per screen size, a print copy) gives the same
# run of paragraphs again; a list or a sentence an article repeats is short.
_REPEAT_PARAGRAPHS = 3
_REPEAT_CHARS = 1000
# Comparisons allowed a body: past them (only a body of thousands of short repeated lines gets
# there), the rest is kept as it is.
_REPEAT_BUDGET = 200_000


def without_repeats(paragraphs: list[str]) -> list[str]:
    """The paragraphs less any run of at least _REPEAT_PARAGRAPHS of them and _REPEAT_CHARS
    characters that repeats, in order, a run printed earlier (compared with spaces and case
    folded). A run is looked for where each paragraph was last printed twice before."""
    keys = [" ".join(p.split()).casefold() for p in paragraphs]
    seen_at: dict[str, list[int]] = {}
    kept: list[str] = []
    budget = _REPEAT_BUDGET
    i = 0
    while i < len(keys):
        run = 0
        for earlier in seen_at.get(keys[i], [])[-2:]:
            length = _common_run(keys, earlier, i, budget)
            budget -= length + 1
            run = max(run, length)
        if run >= _REPEAT_PARAGRAPHS and sum(map(len, keys[i : i + run])) >= _REPEAT_CHARS:
            i += run
            continue
        if budget <= 0:
            return kept + paragraphs[i:]
        seen_at.setdefault(keys[i], []).append(i)
        kept.append(paragraphs[i])
        i += 1
    return kept


def _common_run(keys: list[str], earlier: int, at: int, most: int) -> int:
    """How many keys from `at` repeat those from `earlier` (at most `most`), the earlier run
    ending before `at`."""
    length = 0
    while length < most and at + length < len(keys) and earlier + length < at:
        if keys[earlier + length] != keys[at + length]:
            break
        length += 1
    return length


def _shown(stamp: Stamp | None, zone: tzinfo | None, other: Stamp | None) -> str | None:
    """A time as the record gives it: in the publisher's zone; where that is unknown, a time
    the metadata gives in UTC in the offset the page prints its other time in (one record,
    one zone)."""
    if stamp is None:
        return None
    if zone is None and stamp.offset_minutes == 0 and other is not None and other.offset_minutes:
        mine, theirs = stamp.moment(), other.moment()
        # Within a week of each other (a clock change between them would change the offset).
        if mine and theirs and abs(mine - theirs) <= timedelta(days=7):
            zone = timezone(timedelta(minutes=other.offset_minutes))
    return stamp.iso(zone)


# Languages whose news is printed in one zone, for a publisher whose zone is not known
# otherwise: Korean (Korea time), Japanese (Japan time), German (Germany, Austria and
# Switzerland keep Central European time), Thai and Vietnamese (Indochina time), Chinese (China,
# Taiwan, Hong Kong and Singapore keep UTC+8), and the languages of one country's press (or of
# neighbours on the same clock: Italian, Dutch, Romanian).
LANGUAGE_ZONES = {
    "ko": SEOUL,
    "ja": "Asia/Tokyo",
    "de": "Europe/Berlin",
    "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh",
    "zh": "Asia/Shanghai",
    "tr": "Europe/Istanbul",
    "el": "Europe/Athens",
    "uk": "Europe/Kyiv",
    "pl": "Europe/Warsaw",
    "he": "Asia/Jerusalem",
    "cs": "Europe/Prague",
    "hu": "Europe/Budapest",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "da": "Europe/Copenhagen",
    "sv": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "nb": "Europe/Oslo",
    "nn": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "sk": "Europe/Bratislava",
    "sl": "Europe/Ljubljana",
    "hr": "Europe/Zagreb",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "et": "Europe/Tallinn",
    "lv": "Europe/Riga",
    "lt": "Europe/Vilnius",
}


def build_article(found: Extracted, text: str, info: InputInfo) -> Article:
    """Turn what a parser found into the record: source, zones, languages, the body."""
    body = "\n\n".join(without_repeats([p.strip() for p in found.paragraphs if p.strip()]))
    if not body:
        raise NotAnArticle(info.path, "no article text found")
    source = _source(found, text)
    language = choose_language(found.language, body)
    zone: ZoneInfo | None = zone_for_domain(source.domain) if source and source.domain else None
    if zone is None and language in LANGUAGE_ZONES:
        zone = ZoneInfo(LANGUAGE_ZONES[language])
    posted = found.posted
    if posted is None and found.url:
        posted = date_from_url(found.url)
    authors, byline = found.authors, found.byline
    # A Korean wire story names its reporters in its opening: they are its authors, whatever
    # else a line above seemed to name.
    wire = wire_byline(body[:200])
    if wire:
        authors = wire.authors
        if not byline or wire.authors[0].name not in byline:
            byline = wire.text
    # An email printed once beside a single author belongs to that author.
    authors = with_their_email(authors, found.emails, byline or "")
    texts = [found.headline, found.subheadline or "", byline or "", body]
    texts += [a.name for a in authors]
    languages = languages_present(language, texts)
    translations = [t for t in found.translations if t != language]
    article = Article(
        headline=found.headline,
        subheadline=found.subheadline,
        body=body,
        input=info,
        url=clean_url(found.url) if found.url else None,
        source=source,
        posted_at=_shown(posted, zone, found.updated),
        updated_at=_shown(found.updated, zone, posted),
        byline=byline,
        authors=authors,
        emails=list(found.emails),
        language=language,
        languages=languages,
        extraction=found.extraction or None,
        translations=translations,
    )
    # Metadata may carry what no record should (JSON-LD's "\u0000", a lone "\ud800").
    return clean_article(article)
