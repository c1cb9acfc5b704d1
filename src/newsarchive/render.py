"""Records and results as text for people and JSON for programs.

Everything printed for people passes through `safe()`: control characters and escape sequences
that an article may carry never reach the terminal raw. JSON output escapes them by itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Any

from .record import Article, Author, InputInfo
from .store.fts import HIGHLIGHT_END, HIGHLIGHT_START

if TYPE_CHECKING:
    from .store import SearchHit
    from .store.listing import Listed

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
BOLD, RESET = "\x1b[1m", "\x1b[0m"  # a terminal's bold, and back to normal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def safe(text: str | None, keep: str = "") -> str:
    """Text with escape sequences and control characters removed (newlines and tabs kept)."""
    if not text:
        return ""
    text = _ANSI.sub("", text)
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in keep else "", text)


_ESCAPED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """Text from outside (a file name, an error's reason) for one line of the terminal: control
    characters, escape sequences and line breaks shown as backslash escapes, not acted on (a
    file name cannot clear the screen or fake an `error:` line)."""
    return _CONTROL_OR_BREAK.sub(
        lambda m: _ESCAPED.get(m.group(0)) or m.group(0).encode("unicode_escape").decode("ascii"),
        text,
    )


def to_json(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


_MARKS = {"terminal": (BOLD, RESET), "plain": ("**", "**"), "json": ("<mark>", "</mark>")}


def highlight(snippet: str, style: str, width: int | None = None) -> str:
    """Turn the search engine's match markers into bold (terminal), ** ** (plain) or <mark>;
    with `width`, the snippet cut to show at most that many characters (see _cut_marked)."""
    clean = snippet if style == "json" else safe(snippet, keep=HIGHLIGHT_START + HIGHLIGHT_END)
    clean = clean.replace("\n", " ")
    if width is not None:
        clean = _cut_marked(clean, width)
    start, end = _MARKS[style]
    return clean.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)


def hit_json(hit: SearchHit) -> str:
    data = hit.to_dict()
    data["snippet"] = highlight(hit.snippet, "json")
    return to_json(data)


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _author(author: Author) -> str:
    about = ", ".join(safe(x) for x in (author.role, author.email) if x)
    return safe(author.name) + (f" ({about})" if about else "")


def article_text(article: Article) -> str:
    """A record as a person reads it: headline, where and when, byline, then the body."""
    width = _width()
    lines = [safe(article.headline) or "(no headline)"]
    if article.subheadline:
        lines.append(safe(article.subheadline))
    meta = []
    if article.source:
        domain = f" ({article.source.domain})" if article.source.domain else ""
        meta.append(safe(article.source.name) + safe(domain))
    if article.posted_at:
        meta.append(f"posted {article.posted_at}")
    if article.updated_at and article.updated_at != article.posted_at:
        meta.append(f"updated {article.updated_at}")
    if meta:
        lines.append(" · ".join(meta))
    if article.byline:
        lines.append(f"Byline: {safe(article.byline)}")  # as printed ("By ...", "이름 기자")
    elif article.authors:  # named by the page's metadata, not in a printed byline
        lines.append("Authors: " + ", ".join(_author(a) for a in article.authors))
    about = [f"language {article.language}"]
    if len(article.languages) > 1:
        about.append("contains " + ", ".join(article.languages))
    if article.translations:
        about.append("translations " + ", ".join(article.translations))
    about.append(f"{article.word_count} words")
    if article.id is not None:
        about.insert(0, f"id {article.id}")
    lines.append(" · ".join(about))
    if article.url:
        lines.append(safe(article.url))
    if article.input.container:
        found = f"found in {escape(article.input.path)}, {escape(article.input.record or '')}"
        if article.input.captured_at:
            found += f", captured {safe(article.input.captured_at)}"
        lines.append(found)
    if article.extraction and article.extraction.endswith("fallback"):
        lines.append("(no article found in the page: the body is its longest run of prose)")
    elif article.extraction == "text:cut":
        lines.append("(a capture of over 20,000 lines: the article was read in its first 20,000)")
    lines.append("")
    for paragraph in article.body.split("\n\n"):
        lines.extend(textwrap.wrap(safe(paragraph), width=width) or [""])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def inputs_text(inputs: list[InputInfo], current: str) -> str:
    """`show --inputs`: a line per original a record keeps, the one it was parsed from
    marked with *, each with the start of its hash (what `--input` takes)."""
    lines = []
    for info in inputs:
        mark = "*" if info.sha256 == current else " "
        where = f"{info.path} ({info.record})" if info.record else info.path
        what = "imported record" if info.imported else info.format
        lines.append(f"{mark} {info.sha256[:12]}  {info.size:>10,}  {what:<15}  {escape(where)}")
    return "\n".join(lines) + "\n"


def edition_text(record: dict[str, Any], number: int, total: int) -> str:
    """An earlier edition of a record (as `Archive.versions` gives it), after the current one:
    what a reader compares, its headline, byline, dates and body."""
    width = _width()
    lines = [f"--- earlier edition {number} of {total} ---", safe(record.get("headline")) or "-"]
    names = [a.get("name") for a in record.get("authors") or [] if isinstance(a, dict)]
    byline = record.get("byline") or ", ".join(str(n) for n in names if n)
    if byline:
        lines.append(safe(str(byline)))
    dates = [f"{label} {record[key]}" for key, label in _EDITION_DATES if record.get(key)]
    if dates:
        lines.append(" · ".join(dates))
    lines.append("")
    for paragraph in str(record.get("body") or "").split("\n\n"):
        lines.extend(textwrap.wrap(safe(paragraph), width=width) or [""])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_EDITION_DATES = (("posted_at", "posted"), ("updated_at", "updated"))


def columns(text: str) -> int:
    """How many terminal columns the text takes: a wide character (Hangul, kana, CJK
    ideographs, full-width forms) takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    """The text in at most `width` columns, cut with an ellipsis when longer."""
    if columns(text) <= width:
        return text
    room, kept = max(0, width - 1), 0
    for i, char in enumerate(text):
        kept += columns(char)
        if kept > room:
            return text[:i] + "…"
    return text


def _pad(text: str, width: int) -> str:
    """The text cut to `width` columns and filled with spaces to take all of them."""
    cut = _cut(text, width)
    return cut + " " * (width - columns(cut))


def article_row(article: Article | Listed) -> str:
    """One line of `list`: id, date, source, headline, fitted to the terminal."""
    width = _width()
    day = (article.posted_at or "")[:10] or "-"
    source = _pad(safe(article.source.name) if article.source else "-", 20)
    head = f"{article.id:>6}  {day:<10}  {source}  "
    return head + _cut(safe(article.headline) or "(no headline)", max(10, width - columns(head)))


def hits_table(hits: list[SearchHit], terminal: bool) -> str:
    """Search results as an aligned table fitted to the terminal, each with its snippet below."""
    width = _width()
    id_w = max(2, *(len(str(h.id)) for h in hits))
    source_w = min(20, max(6, *(columns(safe(h.source.name)) if h.source else 1 for h in hits)))
    fixed = id_w + 2 + 10 + 2 + source_w + 2
    head_w = max(10, width - fixed)
    bold = (BOLD, RESET) if terminal else ("", "")
    lines = [f"{bold[0]}{'ID':>{id_w}}  {'DATE':<10}  {'SOURCE':<{source_w}}  HEADLINE{bold[1]}"]
    for hit in hits:
        day = (hit.posted_at or "")[:10] or "-"
        source = _pad(safe(hit.source.name) if hit.source else "-", source_w)
        headline = _cut(safe(hit.headline) or "(no headline)", head_w)
        lines.append(f"{hit.id:>{id_w}}  {day:<10}  {source}  {headline}")
        snippet = highlight(hit.snippet, "terminal" if terminal else "plain", width - id_w - 2)
        lines.append(" " * (id_w + 2) + snippet)
    return "\n".join(lines)


_MARKED = re.compile(f"({HIGHLIGHT_START}[^{HIGHLIGHT_END}]*{HIGHLIGHT_END})")


def _cut_marked(text: str, width: int) -> str:
    """Cut a snippet (its matches between the engine's markers) to show at most `width`
    characters, the markers not counted: at a word's end, never inside a match (a match is
    shown whole or not at all), with "…" where it was cut."""
    bare = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    if len(bare) <= width:
        return text
    room = max(0, width - 1)
    parts: list[str] = []
    for piece in _MARKED.split(text):
        marked = piece.startswith(HIGHLIGHT_START)
        size = len(piece) - 2 if marked else len(piece)
        if size <= room:
            parts.append(piece)
            room -= size
            continue
        if not marked:
            part = piece[:room]
            # A cut through a word leaves the word out; text without spaces (Chinese,
            # Japanese, or one long word) is cut where the room ends.
            if piece[room] != " " and " " in piece:
                part = part[: part.rfind(" ") + 1]
            parts.append(part)
        break
    return "".join(parts).rstrip(" ") + "…"


def hits_csv(hits: list[SearchHit], terminal: bool = False) -> str:
    """Results as CSV; on a terminal, without the control characters a stored text may hold."""
    clean = safe if terminal else (lambda text: text or "")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "posted_at", "source", "domain", "headline", "score", "snippet"])
    for hit in hits:
        snippet = hit.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        writer.writerow(
            [
                hit.id,
                hit.posted_at or "",
                clean(hit.source.name) if hit.source else "",
                clean(hit.source.domain) if hit.source else "",
                clean(hit.headline),
                hit.score,
                clean(snippet),
            ]
        )
    return out.getvalue()


def info_text(info: dict[str, Any]) -> str:
    lines = [
        f"archive:  {escape(info['path'] or info['url'])}",
        f"engine:   {info['engine']}",
        f"schema:   {info['schema_version']}"
        + ("" if info["schema_current"] else " (outdated: `newsarchive db upgrade`)"),
        f"articles: {info['articles']}",
        f"sources:  {info['sources']}",
        f"authors:  {info['authors']}",
        f"inputs:   {info['inputs']}",
        f"versions: {info['versions']}",
    ]
    if info.get("containers"):
        lines.append(
            f"web archives: {info['containers']} ({info['container_records']} records kept)"
        )
    return "\n".join(lines)
