"""Records and results as text for people and JSON for programs.

Everything printed for people passes through `safe()`: control characters and escape sequences
that an article may carry never reach the terminal raw. JSON output escapes them by itself.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from typing import TYPE_CHECKING, Any

from .record import Article
from .store.fts import HIGHLIGHT_END, HIGHLIGHT_START

if TYPE_CHECKING:
    from .store import SearchHit

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str | None, keep: str = "") -> str:
    """Text with escape sequences and control characters removed (newlines and tabs kept)."""
    if not text:
        return ""
    text = _ANSI.sub("", text)
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in keep else "", text)


def to_json(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def highlight(snippet: str, style: str) -> str:
    """Turn the search engine's match markers into bold (terminal), ** ** (plain) or <mark>."""
    marks = {
        "terminal": ("\x1b[1m", "\x1b[0m"),
        "plain": ("**", "**"),
        "json": ("<mark>", "</mark>"),
    }[style]
    clean = snippet if style == "json" else safe(snippet, keep=HIGHLIGHT_START + HIGHLIGHT_END)
    clean = clean.replace("\n", " ")
    return clean.replace(HIGHLIGHT_START, marks[0]).replace(HIGHLIGHT_END, marks[1])


def hit_json(hit: SearchHit) -> str:
    data = hit.to_dict()
    data["snippet"] = highlight(hit.snippet, "json")
    return to_json(data)


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


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
        lines.append(f"By: {safe(article.byline)}")
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
    lines.append("")
    for paragraph in article.body.split("\n\n"):
        lines.extend(textwrap.wrap(safe(paragraph), width=width) or [""])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def article_row(article: Article) -> str:
    """One line of `list`: id, date, source, headline, fitted to the terminal."""
    width = _width()
    day = (article.posted_at or "")[:10] or "-"
    source = _cut(safe(article.source.name) if article.source else "-", 20)
    head = f"{article.id:>6}  {day:<10}  {source:<20}  "
    return head + _cut(safe(article.headline) or "(no headline)", max(10, width - len(head)))


def hit_text(hit: SearchHit, terminal: bool) -> str:
    width = _width()
    day = (hit.posted_at or "")[:10] or "-"
    source = safe(hit.source.name) if hit.source else "-"
    first = f"{hit.id:>6}  {day:<10}  {_cut(source, 20):<20}  "
    first += _cut(safe(hit.headline), max(10, width - len(first)))
    snippet = highlight(hit.snippet, "terminal" if terminal else "plain")
    return first + "\n" + " " * 8 + snippet


def info_text(info: dict[str, Any]) -> str:
    lines = [
        f"archive:  {info['path'] or info['url']}",
        f"engine:   {info['engine']}",
        f"schema:   {info['schema_version']}" + ("" if info["schema_current"] else " (outdated)"),
        f"articles: {info['articles']}",
        f"sources:  {info['sources']}",
        f"authors:  {info['authors']}",
        f"inputs:   {info['inputs']}",
        f"versions: {info['versions']}",
    ]
    return "\n".join(lines)
