"""A text capture as lines: the one reading every decision about a text dump starts from.

Line breaks are normalised, invisible spaces dropped, hard-wrapped paragraphs joined, and a
crawler's one-line header (" date 2022-10-07 <headline>. <date>. by <byline>.") read apart.
Only non-empty lines are kept; a line remembers whether a blank line stood around it, since a
page's blocks are separated by blank lines and a wrapped block is not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lines import date_line, unwrap
from ..vocabulary import cjk_count

# A crawler's one-line header: " date 2022-10-07 <headline>. <date>. by <byline>."
_CRAWLER_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+(.*)$")
_HEADER_DESCRIPTION = re.compile(
    r"^(?P<headline>.+?)\.\s+(?P<when>[^.]*?\.?[^.]*?\d{4}[^.]*?)\.(?:\s+by\s+(?P<byline>.+?))?\.?\s*$"
)


@dataclass(frozen=True)
class Line:
    text: str
    index: int  # among the capture's non-empty lines
    blank_before: bool
    blank_after: bool


@dataclass(frozen=True)
class CrawlerHeader:
    """What a crawler's header line says: the headline, a date line and maybe a byline."""

    headline: str
    when: str
    byline: str | None


@dataclass
class Capture:
    lines: list[Line]
    header: CrawlerHeader | None = None
    texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.texts = [line.text for line in self.lines]


# Joiners, direction marks and isolates, which a page leaves at a line's ends (or alone on a
# line) where they join nothing. Inside a line they stay: they shape emoji and some scripts'
# words. The line's own spaces stay as they are.
_INVISIBLE = "\u200c\u200d\u200e\u200f\u2060\u061c\u202a-\u202e\u2066-\u2069"
_INVISIBLE_EDGE = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")


def _visible(line: str) -> str:
    if _INVISIBLE_CHAR.search(line) is None:
        return line  # most lines: nothing to take off
    return _INVISIBLE_EDGE.sub(lambda m: _INVISIBLE_CHAR.sub("", m.group()), line)


def read_capture(text: str, furniture: Callable[[str], bool] | None = None) -> Capture:
    """The capture's lines; those `furniture` names (a site profile's) are left out."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw = [
        _visible(ln.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", ""))
        for ln in raw
    ]
    if furniture is not None:
        raw = ["" if furniture(ln.strip()) else ln for ln in raw]
    raw = unwrap(rejoin_hard_wraps([ln.rstrip() for ln in raw]))
    header = _crawler_header(raw)
    filled = [i for i, ln in enumerate(raw) if ln.strip()]
    lines = []
    for n, i in enumerate(filled):
        lines.append(
            Line(
                text=" ".join(raw[i].split()),
                index=n,
                blank_before=i == 0 or not raw[i - 1].strip(),
                blank_after=i + 1 >= len(raw) or not raw[i + 1].strip(),
            )
        )
    return Capture(lines, header)


def hard_wrap_width(lines: list[str]) -> int | None:
    """The width a capture was hard-wrapped at (lynx -dump, "save as text", a mail), or None
    for one that was not. A wrapped paragraph's lines all come close to the width but its
    last: the width is the length, of 40 to 100 columns, that the most lines come within 10
    columns of, when a third of the lines or more do (a centred headline may be longer)."""
    lengths = sorted(len(ln) for ln in lines if ln.strip())
    wanted = max(6, len(lengths) // 3)
    if len(lengths) < 12 or bisect_right(lengths, 100) - bisect_left(lengths, 30) < wanted:
        return None  # most captures: too few lines of a wrapped line's length
    near = {
        n: bisect_right(lengths, n) - bisect_left(lengths, n - 10)
        for n in set(lengths)
        if 40 <= n <= 100  # a menu's many short lines are no width
    }
    width = max(near, key=lambda n: (near[n], n), default=None)
    if width is None or near[width] < wanted:
        return None
    return width


def rejoin_hard_wraps(lines: list[str]) -> list[str]:
    """A hard-wrapped capture's paragraphs, each on one line: a line is continued by the next
    when the next one's first word would not have fitted after it (so a short line, a menu's
    item or a heading, is never continued; paragraphs are apart, blank lines between). Not
    for text in Chinese, Japanese or Korean, whose paragraphs are often short lines of their
    own, and whose words a wrap does not keep whole."""
    width = hard_wrap_width(lines)
    if width is None or _mostly_cjk(lines):
        return lines
    out: list[str] = []
    last = 0  # the length of the last line as printed (not of the paragraph it joined)
    for line in lines:
        if out and out[-1].strip() and line.strip():
            first = line.split()[0]
            if last + 1 + len(first) > width - 2:  # a column or two of slack
                out[-1] = out[-1] + " " + line.strip()
                last = len(line)
                continue
        out.append(line)
        last = len(line)
    return out


def _mostly_cjk(lines: list[str]) -> bool:
    text = "".join(lines)
    return cjk_count(text) * 5 > len(text)


def _crawler_header(raw: list[str]) -> CrawlerHeader | None:
    """Strip a crawler's " date YYYY-MM-DD" prefix from the first line; read what follows it."""
    for i, line in enumerate(raw):
        if not line.strip():
            continue
        m = _CRAWLER_PREFIX.match(line)
        if not m:
            return None
        rest = m.group(2).strip()
        desc = _HEADER_DESCRIPTION.match(rest)
        if desc and date_line(desc.group("when")):
            raw[i] = ""
            return CrawlerHeader(
                desc.group("headline").strip(), desc.group("when"), desc.group("byline")
            )
        raw[i] = rest
        return None
    return None
