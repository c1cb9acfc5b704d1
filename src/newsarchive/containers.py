"""Web archives and browser saves: the pages inside WARC, WACZ and MHTML files.

A WARC file (`.warc`, `.warc.gz`: wget, Heritrix, Browsertrix, Common Crawl) holds records; each
HTML response with status 200 is a page, with the record's target URI as its address and its
WARC-Date as when it was captured. Revisit records and repeated payloads (by WARC-Payload-Digest)
point at a capture already read and are skipped; requests, metadata and warcinfo records are not
pages. A WACZ file is a zip of WARC files (under `archive/`) and indexes: its WARCs are read in
turn. An MHTML file (`.mhtml`, `.mht`: a browser's "save as single file") is a MIME message whose
HTML part is the page, with its Content-Location as the address.

warcio reads the WARC format (gzip members, record headers, chunked and compressed HTTP bodies):
it is the Webrecorder project's reference library, and a WARC reader of our own would have to
relearn every crawler's quirks. MHTML is read with the standard library's `email` package.

Everything streams: a container yields one item at a time, each holding one record's bytes, so a
WARC of any size is read in bounded memory. A broken record (a truncated gzip member, a bad
header) is yielded as a Broken item and reading resumes at the next record the file holds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import email
import email.policy
import email.utils
import hashlib
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import IO, Any, Literal

from .errors import BinaryInput, EmptyInput, InputError, NotAnArticle, UnreadableInput
from .parse import MAX_INPUT_BYTES, parse_bytes
from .parse.sources import domain_of_url
from .record import Article, InputInfo

SUFFIXES = (".warc", ".warc.gz", ".wacz", ".mhtml", ".mht")
Kind = Literal["warc", "wacz", "mhtml"]


def container_kind(path: str) -> Kind | None:
    """What a file is by its name: "warc", "wacz", "mhtml", or None for a loose page."""
    name = path.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".wacz"):
        return "wacz"
    if name.endswith((".mhtml", ".mht")):
        return "mhtml"
    return None


@dataclass(frozen=True)
class Page:
    """A page inside a container: the bytes to keep, the HTML to parse, and where it was."""

    container: str  # the container file, as named
    kind: Kind
    record: str  # where in the container: "offset 1234" (of a WARC in a WACZ: its member too)
    url: str | None
    captured_at: str | None  # the WARC-Date as written (MHTML: its Date header, as ISO 8601)
    original: bytes  # what is stored: the HTTP response (status, headers, body) or the file
    payload: bytes  # the HTML, transfer and content encodings undone
    charset: str | None  # from the Content-Type header, when it names one

    @property
    def where(self) -> str:
        return f"{self.container} ({self.record})"


@dataclass(frozen=True)
class Skipped:
    """A record that is not a page: counted under `kind`, listed only when asked."""

    where: str
    kind: Literal["other content", "duplicate"]
    reason: str


@dataclass(frozen=True)
class Broken:
    """A record (or a whole container) that could not be read."""

    where: str
    reason: str


Item = Page | Skipped | Broken


def sniff_container(head: bytes) -> Kind | None:
    """What a file is by its first bytes, whatever its name: a WARC (plain, or its first gzip
    member opening a WARC record), a zip (a WACZ, if it holds WARCs), an MHTML message."""
    if head.startswith(b"WARC/1."):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            opened = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return None
        return "warc" if opened.startswith(b"WARC/1.") else None
    if head.startswith(b"PK\x03\x04"):
        return "wacz"
    # A MIME message: its header block (before the first blank line) opens the file and
    # names a multipart/related body.
    top = head[:4096].decode("latin-1").lower()
    block = top.replace("\r\n", "\n").split("\n\n", 1)[0]
    first = block.lstrip().split(":", 1)[0]
    if (
        "mime-version:" in block
        and "multipart/related" in block
        and first.replace("-", "").isalpha()
    ):
        return "mhtml"
    return None


def read_container(
    path: str, shown: str | None = None, data: bytes | None = None, kind: Kind | None = None
) -> Iterator[Item]:
    """Every record of a container file (or of its bytes, `data`, read from standard input), in
    order. Never raises for what the file holds."""
    shown = shown or path
    kind = kind or container_kind(path)
    try:
        if (len(data) if data is not None else os.path.getsize(path)) == 0:
            yield Broken(shown, "empty file")  # as an empty page is said, not passed over
            return
        if kind == "mhtml":
            yield mhtml_page(data, shown) if data is not None else _mhtml(path, shown)
        elif kind == "wacz":
            yield from _wacz(io.BytesIO(data) if data is not None else path, shown)
        else:
            with io.BytesIO(data) if data is not None else open(path, "rb") as stream:
                yield from warc_records(stream, shown, seen=set())
    except FileNotFoundError:
        yield Broken(shown, "no such file")  # as a page that is not there is said
    except OSError as exc:
        yield Broken(shown, exc.strerror or str(exc))
    except zipfile.BadZipFile as exc:
        yield Broken(shown, f"not a readable zip file ({exc})")
    except InputError as exc:
        yield Broken(shown, exc.reason)
    except Exception as exc:  # an encrypted zip member, a codec's error: the file, not a bug
        yield Broken(shown, f"cannot read it: {_say(exc)}")


# What a page inside a container that is not an article raises: a home page, a section front, a
# page with no text. Counted as "not articles", not reported as failures.
NOT_ARTICLE = (NotAnArticle, EmptyInput, BinaryInput)


def parse_page(page: Page) -> Article:
    """A container's page as a record: parsed from its HTML, described as the record it came
    from (the hash and size are those of the bytes kept: the HTTP response). An MHTML save
    whose page holds no article is read from its frames, the largest first: a page that
    shows its article in an iframe keeps it in a part of its own."""
    try:
        article = parse_bytes(page.payload, page.where, url=page.url, charset=page.charset)
    except NOT_ARTICLE:
        if page.kind != "mhtml":
            raise
        for payload, charset in mhtml_frames(page.original):
            try:
                article = parse_bytes(payload, page.where, url=page.url, charset=charset)
                break
            except NOT_ARTICLE:
                continue
        else:
            raise
    sha256 = hashlib.sha256(page.original).hexdigest()
    kept = page_input(page, sha256, article.input.format, article.input.encoding)
    return dataclasses.replace(article, input=kept)


def page_input(page: Page, sha256: str, format: str = "", encoding: str | None = None) -> InputInfo:
    """A container's page described as the input its bytes make (the HTTP response kept, in
    its container's record): `format` and `encoding` as parsing found them, when it did."""
    return InputInfo(
        path=page.container,
        format=format,
        encoding=encoding,
        sha256=sha256,
        size=len(page.original),
        container=page.kind,
        record=page.record,
        captured_at=page.captured_at,
    )


# -- WARC ---------------------------------------------------------------------------------------


def warc_records(
    stream: IO[bytes], shown: str, seen: set[str], member: str = "", kind: Kind = "warc"
) -> Iterator[Item]:
    """The records of one WARC stream; `seen` holds the payload digests read so far, each with
    its site's domain (shared by the WARCs of one WACZ)."""
    from warcio.archiveiterator import ArchiveIterator

    read = 0  # records read, for a WARC gzipped whole (read again, through gzip, past these)
    last = -1  # where the last record read begins
    resumed = -1  # where reading started again after a broken record
    while True:
        iterator = ArchiveIterator(stream, no_record_parse=True)
        records = iter(iterator)
        try:
            while True:
                # warcio prints its warnings (a wrong Content-Length) on stderr itself: kept
                # from the user, who gets one error line per broken record.
                with contextlib.redirect_stderr(io.StringIO()):
                    record = next(records, None)
                if record is None:
                    cut = _cut_member_after(stream, last)
                    if cut is not None:
                        yield Broken(f"{shown} ({member}offset {cut})", "a record cut short")
                    return
                read += 1
                last = iterator.offset  # warcio's offsets are the file's (it asks tell())
                where = f"{member}offset {last}"
                item = _warc_item(record, shown, where, seen, kind)
                if item is not None:
                    yield item
        except Exception as exc:  # warcio, zlib and gzip each raise their own
            if "non-chunked gzip" in str(exc) and stream.seekable():
                yield from _whole_gzip(stream, shown, seen, member, kind, skip=read)
                return
            # The iterator stands at the record it could not read, or, when the one read last
            # gave too short a length (the rest of its block read as the next record's head),
            # still at an earlier one: the last record read is the broken one then.
            bad = max(0, iterator.offset, last)
            yield Broken(f"{shown} ({member}offset {bad})", f"broken record: {_say(exc)}")
        try:
            following = _next_record_start(stream, max(bad, resumed) + 1)
            if following is None or following <= resumed:
                return  # nothing further to read, or no way forward: never the same again
            resumed = following
            stream.seek(following)
        except Exception as exc:
            yield Broken(f"{shown} ({member}offset {bad})", f"cannot read past it: {_say(exc)}")
            return


def _whole_gzip(
    stream: IO[bytes], shown: str, seen: set[str], member: str, kind: Kind, skip: int
) -> Iterator[Item]:
    """A WARC compressed as one gzip stream (not a member per record, as the standard asks):
    read in order through gzip, past the `skip` records already given."""
    from warcio.archiveiterator import ArchiveIterator

    stream.seek(0)
    unzipped = _Inflating(stream)
    iterator = ArchiveIterator(unzipped, no_record_parse=True)
    number = 0
    try:
        for number, record in enumerate(iterator, 1):
            if number <= skip:
                continue
            where = f"{member}record {number}"
            item = _warc_item(record, shown, where, seen, kind)
            if item is not None:
                yield item
    except Exception as exc:
        yield Broken(f"{shown} ({member}after record {number})", f"broken: {_say(exc)}")
        return
    if unzipped.cut:
        # What decompressed before the cut was read; a record it ended inside is lost.
        yield Broken(f"{shown} ({member}after record {number})", "gzip data cut short")


class _Inflating(io.RawIOBase):
    """A gzip stream's content, read as far as it goes: a stream cut short ends where its data
    ends (and says so in `cut`) instead of raising before the complete records it holds, as
    gzip.GzipFile does; a stream of several members is read through."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._inflate = zlib.decompressobj(31)
        self._pending = b""
        self.cut = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._inflate.eof:
                chunk = self._inflate.unused_data + self._stream.read(65536)
                if not chunk.startswith(b"\x1f\x8b"):
                    return 0  # the end, or padding after the last member
                self._inflate = zlib.decompressobj(31)  # the next member
            else:
                chunk = self._inflate.unconsumed_tail or self._stream.read(65536)
                if not chunk:
                    self.cut = True
                    return 0
            try:
                self._pending = self._inflate.decompress(chunk, 1 << 20)
            except zlib.error:
                self.cut = True
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _say(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if "first line:" in first and ("\\x1f\\x8b" in first or "\x1f\x8b" in first):
        # warcio met a gzip member's start where a record's header line should be: the
        # member before it did not decompress to a whole record.
        return "a gzip member that does not decompress to a WARC record (corrupt or cut)"
    if first and not first.isprintable():
        first = first.encode("unicode_escape").decode("ascii")
    if type(exc).__name__ == "ArchiveLoadFailed":  # warcio's, said in words, not its name
        for said, meaning in _WARCIO_SAYS.items():
            if first.startswith(said):
                begins = first[len(said) :].strip()
                if begins.startswith("[") and begins.endswith("]"):  # a list of its words
                    begins = " ".join(re.findall(r"'([^']*)'", begins))
                return f"{meaning} (it begins: {begins[:100]})"
    return f"{type(exc).__name__}: {first[:120]}" if first else type(exc).__name__


_WARCIO_SAYS = {
    "Invalid WARC record, first line:": "no WARC record where one should begin",
    "Unknown archive format, first line:": "not a WARC file",
}


def _cut_member_after(stream: IO[bytes], last: int) -> int | None:
    """Where a gzipped WARC holds data after the gzip member of the last record read, when
    that data does not decompress whole (the file cut inside its last record: warcio ends
    there as if the file did); None when there is none, it is empty padding, the WARC is not
    gzipped, or the stream cannot seek."""
    if last < 0 or not stream.seekable():
        return None
    stream.seek(last)
    if stream.read(2) != b"\x1f\x8b":
        return None  # an uncompressed WARC cut short fails in warcio, record by record
    stream.seek(last)
    inflate = zlib.decompressobj(31)
    fed = 0
    while not inflate.eof:
        chunk = inflate.unconsumed_tail or stream.read(1 << 20)
        if not chunk:
            return None  # the last record's own member ends cut: warcio's to report
        if not inflate.unconsumed_tail:
            fed += len(chunk)
        try:
            inflate.decompress(chunk, 1 << 20)  # read through, kept nowhere
        except zlib.error:
            return None
    end = last + fed - len(inflate.unused_data)  # where the last record's member ends
    stream.seek(end)
    if stream.read(2) != b"\x1f\x8b":
        return None  # the end of the file, or padding that is no member
    stream.seek(end)
    rest = _Inflating(stream)
    content = rest.read(1 << 16)
    return end if rest.cut or (content and content.strip()) else None


def _next_record_start(stream: IO[bytes], after: int) -> int | None:
    """Where the next record begins after a broken one: the next gzip member of a gzipped
    WARC, else the next line that opens a WARC record. None when the file holds no more (or
    cannot be searched: a stream that does not seek)."""
    if not stream.seekable():
        return None
    stream.seek(0)
    gzipped = stream.read(2) == b"\x1f\x8b"
    marks = (b"\x1f\x8b\x08",) if gzipped else (b"\nWARC/1.0\r\n", b"\nWARC/1.1\r\n")
    position = after
    stream.seek(position)
    carry = b""
    while chunk := stream.read(1 << 20):
        window = carry + chunk
        found = [i for i in (window.find(m) for m in marks) if i >= 0]
        if found:
            at = position - len(carry) + min(found)
            return at if gzipped else at + 1
        carry = window[-16:]
        position += len(chunk)
    return None


def _warc_item(record: object, shown: str, where: str, seen: set[str], kind: Kind) -> Item | None:
    headers = record.rec_headers  # type: ignore[attr-defined]
    warc_type = (headers.get_header("WARC-Type") or "").lower()
    place = f"{shown} ({where})"
    url = headers.get_header("WARC-Target-URI")

    def at(reason: str) -> str:
        """A skipped or broken record's reason, with the address it was captured from."""
        return f"{reason} ({url})" if url else reason

    if warc_type == "revisit":
        return Skipped(place, "duplicate", at("a revisit of an earlier capture"))
    if not warc_type:
        # A record with no type (a misspelled header) that may be a page, one captured from
        # an address, is said, not passed over; another is no page.
        if headers.get_header("WARC-Target-URI"):
            return Broken(place, "a record without a WARC-Type header")
        return None
    if warc_type not in ("response", "resource"):
        return None  # warcinfo, request, metadata, conversion: not pages
    stated = headers.get_header("Content-Length")
    if not stated or not stated.strip().isdigit():
        # Without its length a record runs to the end of the file: read no further.
        raise ValueError("a record without a Content-Length")
    length = int(stated)
    if length > MAX_INPUT_BYTES:
        return Broken(place, f"record too large ({length} bytes; limit {MAX_INPUT_BYTES})")
    block = record.raw_stream.read(length + 1)  # type: ignore[attr-defined]
    if len(block) < length:
        raise EOFError(f"the record ends after {len(block)} of its {length} bytes")
    digest = headers.get_header("WARC-Payload-Digest")
    captured = _iso_moment(headers.get_header("WARC-Date"))
    if warc_type == "resource":  # the page itself, no HTTP around it
        content_type = headers.get_header("Content-Type") or ""
        status, http_headers, body = 200, {"content-type": content_type}, block
    elif url and not url.lower().startswith(("http:", "https:")):
        # A crawler's lookups (Heritrix's dns: records) and other schemes' fetches: no page.
        return Skipped(place, "other content", at("not a web page"))
    else:
        parsed = _http(block)
        if parsed is None:
            return Broken(place, at("not an HTTP response"))
        status, http_headers, body = parsed
    content_type = http_headers.get("content-type", "")
    if status != 200:
        return Skipped(place, "other content", at(f"HTTP status {status}"))
    if not _is_html(content_type) and not (not content_type.strip() and _looks_html(body)):
        kind_of = content_type.split(";")[0].strip() or "no type"
        return Skipped(place, "other content", at(kind_of))
    if digest:
        # The same payload again from the same site is a duplicate; from another site it is
        # that outlet's page (a wire story, printed alike by two).
        key = f"{digest} {(domain_of_url(url) if url else None) or ''}"
        if key in seen:
            return Skipped(place, "duplicate", at("the same payload as an earlier record"))
        seen.add(key)
    try:
        payload = _decode_body(body, http_headers)
    except Exception as exc:
        return Broken(place, at(f"cannot decode the HTTP body: {_say(exc)}"))
    return Page(
        container=shown,
        kind=kind,
        record=where,
        url=url,
        captured_at=captured,
        original=block,
        payload=payload,
        charset=_charset(content_type),
    )


def _http(block: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """An HTTP response's status, headers (lower-cased names) and body."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].startswith("HTTP/"):
        return None
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return status, headers, body


def _decode_body(body: bytes, headers: dict[str, str]) -> bytes:
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

    encoding = headers.get("content-encoding", "").strip().lower() or None
    encoding = {"x-gzip": "gzip", "x-deflate": "deflate"}.get(encoding or "", encoding)
    if encoding == "br":
        plain = _decode_body(body, {k: v for k, v in headers.items() if k != "content-encoding"})
        return _unbrotli(plain)
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None  # "identity", or a server's bogus name for none: read as it is
    if "chunked" in headers.get("transfer-encoding", "").lower():
        reader: BufferedReader = ChunkedDataReader(io.BytesIO(body), decomp_type=encoding)
    elif encoding:
        reader = BufferedReader(io.BytesIO(body), decomp_type=encoding)
    else:
        return body
    data: bytes = reader.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ValueError("the body expands past the size limit")
    return data


def _unbrotli(data: bytes) -> bytes:
    """A Brotli body, its output bounded as it is made (a few bytes can stand for gigabytes)."""
    import brotlicffi

    decompressor = brotlicffi.Decompressor()
    out: bytes = decompressor.decompress(data, output_buffer_limit=MAX_INPUT_BYTES + 1)
    if len(out) > MAX_INPUT_BYTES or not decompressor.can_accept_more_data():
        raise ValueError("the body expands past the size limit")
    return out


def _looks_html(body: bytes) -> bool:
    """A body sent without a Content-Type that is markup all the same."""
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def _iso_moment(value: str | None) -> str | None:
    """A capture time as ISO 8601 in UTC ("...Z"); None for one that is not a time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # WARC-Dates are UTC
    return moment.isoformat().replace("+00:00", "Z")


def _is_html(content_type: str) -> bool:
    mime = content_type.split(";")[0].strip().lower()
    return mime in ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


# -- WACZ ---------------------------------------------------------------------------------------


def _wacz(path: str | IO[bytes], shown: str) -> Iterator[Item]:
    seen: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            name
            for name in archive.namelist()
            if name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz"))
        )
        if not members:
            yield Broken(shown, "a zip file without WARC files under archive/")
        for name in members:
            info = archive.getinfo(name)
            damage = _damage(archive, info)
            if damage is not None:
                yield Broken(f"{shown} ({name})", damage)
                continue
            # A WARC stored without compression in the zip (as WACZ asks) seeks like a file;
            # a deflated one is read once, in order.
            with archive.open(info) as stream:
                yield from warc_records(stream, shown, seen, f"{name}, ", "wacz")


def _damage(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """Why a member's bytes cannot be trusted, or None. The zip's checksum is checked only at
    a member's end, after its first records would have been read and stored: so it is read
    through once first, and a damaged member gives one error and no record."""
    try:
        with archive.open(info) as stream:
            while stream.read(1 << 20):
                pass
    except zipfile.BadZipFile as exc:
        return f"damaged: {exc}"
    except (zlib.error, EOFError) as exc:
        return f"damaged: {_say(exc)}"
    return None


# -- MHTML --------------------------------------------------------------------------------------


def _mhtml(path: str, shown: str) -> Item:
    size = os.path.getsize(path)
    if size > MAX_INPUT_BYTES:
        raise UnreadableInput(shown, f"too large ({size} bytes; limit {MAX_INPUT_BYTES})")
    return mhtml_page(Path(path).read_bytes(), shown)


def mhtml_page(original: bytes, shown: str) -> Item:
    """The page of an MHTML message's bytes."""
    message = email.message_from_bytes(original, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = _root_part(message)
    if part is None:
        return Broken(shown, "an MHTML file without an HTML part")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return Broken(shown, "the MHTML file's HTML part is empty")
    url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    return Page(
        container=shown,
        kind="mhtml",
        record="HTML part",
        url=str(url).strip() if url else None,
        captured_at=_iso_date(message.get("Date")),
        original=original,
        payload=payload,
        charset=part.get_content_charset(),
    )


def mhtml_frames(original: bytes) -> list[tuple[bytes, str | None]]:
    """The HTML parts of an MHTML message besides its page (its frames), largest first, each
    with its charset."""
    message = email.message_from_bytes(original, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    root = _root_part(message)
    frames = []
    for part in _html_parts(message):
        payload = part.get_payload(decode=True)
        if part is not root and isinstance(payload, bytes) and payload.strip():
            frames.append((payload, part.get_content_charset()))
    return sorted(frames, key=lambda frame: -len(frame[0]))


def _html_parts(message: EmailMessage) -> list[EmailMessage]:
    return [
        part
        for part in message.walk()
        if part.get_content_type() in ("text/html", "application/xhtml+xml")
    ]


def _root_part(message: EmailMessage) -> EmailMessage | None:
    """The saved page among a message's HTML parts (the others are its frames): the part the
    multipart/related `start` parameter names (RFC 2387), else the one at the message's
    Snapshot-Content-Location (as Chrome writes it), else the first."""
    pages = _html_parts(message)
    start = message.get_param("start", header="content-type")
    if isinstance(start, str) and start.strip("<> "):
        wanted = start.strip("<> ")
        named = [p for p in pages if str(p.get("Content-ID", "")).strip("<> ") == wanted]
        if named:
            return named[0]
    location = str(message.get("Snapshot-Content-Location", "")).strip()
    if location:
        there = [p for p in pages if str(p.get("Content-Location", "")).strip() == location]
        if there:
            return there[0]
    return pages[0] if pages else None


def _iso_date(value: object) -> str | None:
    """An e-mail Date header as ISO 8601 (as a WARC-Date is written); None when unreadable."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, the zone of the saving machine unknown
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
