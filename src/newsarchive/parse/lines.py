"""Line-level signals shared by the text parsers: is this line prose, a title, a date line, a
language-link line? Each function looks at one line and knows nothing about the page around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..record import UNSPACED_LETTER
from . import boilerplate as bp
from .dates import POSTED_LABEL, UPDATED_LABEL, DateMatch, find_dates
from .language import language_of_name
from .names import read_byline
from .vocabulary import cjk_count

_TERMINAL = re.compile(r"[.!?。！？…](?:[\"'”’»)\]」』]*)\s*$")
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
_WEEKDAYS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\([월화수목금토일]\)|[월화수목금토일]요일",
    re.IGNORECASE,
)


_HANGUL_SYLLABLES = re.compile("[\uac00-\ud7a3]+")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_CLASSES = (str.isalpha, str.isupper, str.isdigit, str.isspace, str.isalnum)
# For ASCII text, each class's bytes, to count by deleting them (str's own predicates decide).
_ASCII_CLASSES = tuple(bytes(c for c in range(128) if test(chr(c))) for test in _CLASSES)


def char_classes(text: str) -> tuple[int, int, int, int, int]:
    """How many characters of the text are letters, upper case, digits, spaces, alphanumeric."""
    if text.isascii():
        raw = text.encode("ascii")
        n = len(raw)
        a, u, d, s, an = (n - len(raw.translate(None, chars)) for chars in _ASCII_CLASSES)
        return a, u, d, s, an
    rest = _HANGUL_SYLLABLES.sub("", text)
    if len(rest) < len(text):  # a Hangul syllable is a letter, alphanumeric, and nothing else
        syllables = len(text) - len(rest)
        a, u, d, s, an = char_classes(rest)
        return a + syllables, u, d, s, an + syllables
    others = "".join(_NON_ASCII.findall(text))
    if len(others) < len(text):  # mostly ASCII ("Müller"): the ASCII part counted as above
        a, u, d, s, an = char_classes(_NON_ASCII.sub("", text))
        oa, ou, od, os_, oan = (sum(map(test, others)) for test in _CLASSES)
        return a + oa, u + ou, d + od, s + os_, an + oan
    a, u, d, s, an = (sum(map(test, text)) for test in _CLASSES)
    return a, u, d, s, an


def text_length(line: str) -> int:
    """Length that treats a CJK character as worth two Latin ones (a word is ~2 syllables)."""
    cjk = cjk_count(line)
    return len(line) + cjk


def word_count(line: str) -> int:
    return len(line.split())


_UNSPACED = re.compile(UNSPACED_LETTER)


def words(line: str) -> int:
    """Words in a line, Chinese and Japanese too: they are written without spaces, so a run of
    kana and Han counts a word for every two characters (Korean spaces its words)."""
    tokens = line.split()
    if line.isascii() or not _UNSPACED.search(line):
        return len(tokens)  # the common case: every token one word
    count = 0
    for token in tokens:
        unspaced = len(_UNSPACED.findall(token))
        count += max(1, unspaced // 2) if unspaced else 1
    return count


# Markup printed as text: a page's "embed this" or "republish this story" box holds the
# article (or a player) as HTML source, in a form field or a hidden dialog. A line that opens
# with a block's or an embed's tag and ends with a tag's close is source, not the article's
# text. Inline tags (<b>, <a>) are left: a page that leaks them into its sentences still
# prints the sentences; and a tag named inside a sentence is not matched.
_TAG_NAMES = (
    "p|div|h[1-6]|img|iframe|figure|figcaption|blockquote|script|section|article|ul|ol|li"
    "|table|embed|object|video|audio|style|noscript|header|footer|main"
)
# A tag as pages write it: each attribute a name, with a value or not (embed codes write
# names in camel case, allowFullScreen, and old pages write tags in capitals).
_OPENING_TAG = re.compile(
    rf"<(?:{_TAG_NAMES})(?:\s+[a-z][\w:.-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"']+))?)*"
    r"\s*/?>",
    re.IGNORECASE,
)


def is_markup(line: str) -> bool:
    """HTML source printed as a line of text (see _OPENING_TAG)."""
    text = line.strip()
    if not text.startswith("<"):
        return False
    opening = _OPENING_TAG.match(text)
    return opening is not None and text.endswith((">", "&gt;"))


# A line of a style sheet or a program: a rule with its braces ("body { color: red; }"), a
# block's opening or close, a statement ended by a semicolon (Greek ends its questions so:
# only lines among braces are code).
_CODE = re.compile(r"\{[^{}]*\}\s*$|[{}]\s*$|^\s*[})\]]|;\s*$")
_BRACE = re.compile(r"[{}]")


def is_code(lines: list[str]) -> bool:
    """Whether lines read as source code rather than text: each a rule, a brace or a
    statement, and braces among them."""
    return all(_CODE.search(line) for line in lines) and any(_BRACE.search(x) for x in lines)


def is_teaser(line: str) -> bool:
    """A snippet cut short: "It was revealed that a North Korean cyber terrorist..."."""
    return bool(_TEASER_END.search(line[-8:]))  # end-anchored: the tail is enough


@lru_cache(maxsize=8192)
def is_prose(line: str) -> bool:
    """A sentence or paragraph of running text."""
    text = line.strip()
    if not text or is_teaser(text):
        return False
    if word_count(text) < 3 and cjk_count(text) < 10:
        return False
    if _TERMINAL.search(text[-8:]):
        return True
    return text_length(text) >= 160


# Lines shaped like titles that are page furniture: share buttons, reading times, relative times.
_NOT_TITLE = re.compile(
    r"\b(?:teilen|share|partager|compartir|condividi|delen|facebook|twitter|whatsapp|telegram"
    r"|linkedin)\b|\b\d+\s*(?:min(?:ute)?s?|minuten|minutos)\b.{0,12}(?:read|lesezeit|lectura|lecture)"
    r"|\b(?:read|lesezeit|lectura)\b.{0,4}\d+\s*min|\b\d+\s*(?:seconds?|minutes?|hours?|days?)\s+ago\b"
    r"|\bvor\s+\d+\s*(?:sekunden|minuten|stunden|tagen)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def is_title(line: str) -> bool:
    """Shaped like a headline: a few words, not a sentence ending in a full stop."""
    text = line.strip()
    if not text or is_teaser(text) or text.endswith((".", "。", ":", ",")):
        return False
    cjk = cjk_count(text)
    if len(text) + cjk > 300:  # text_length, from the count in hand: too long for a title
        return False
    n_words = word_count(text)
    if n_words < 2 and cjk < 5:
        return False
    if n_words < 3 and cjk == 0 and len(text) < 12:
        return False
    return not _NOT_TITLE.search(text)


@lru_cache(maxsize=8192)
def date_line(line: str) -> list[DateMatch] | None:
    """The dates of a line that is mostly dates ("Posted ... Updated ..."), else None."""
    matches = find_dates(line)
    if not matches:
        return None
    rest = line
    for m in reversed(matches):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = POSTED_LABEL.sub(" ", rest)
    rest = UPDATED_LABEL.sub(" ", rest)
    rest = _WEEKDAYS.sub(" ", rest)
    rest = re.sub(r"\b(?:on|at|in a day|KST|GMT|UTC|ET|EST|EDT)\b|[:|/,·()\[\]•-]", " ", rest)
    leftover = rest.split()
    if len(leftover) <= 3 and sum(len(w) for w in leftover) <= 16:
        return matches
    return None


def name_beside_date(line: str, matches: list[DateMatch]) -> str | None:
    """Portals print "황정환 2021. 2. 2. 20:11": a reporter's name right before the date."""
    head = line[: matches[0].start].strip()
    if re.fullmatch(r"[\uac00-\ud7a3]{2,4}", head) and not (
        POSTED_LABEL.search(head) or UPDATED_LABEL.search(head)
    ):
        return head
    return None


@lru_cache(maxsize=8192)
def may_be_deck(text: str) -> bool:
    """What every deck under a headline is, on the text and HTML paths alike: at most 300
    characters that print no date, read as no byline, and are no page control or caption."""
    return (
        len(text) <= 300
        and not find_dates(text)
        and read_byline(text) is None
        and not bp.is_furniture(text)
        and not bp.is_caption(text)
    )


_BRACKETED = re.compile(r"\[[^\]]*\]")
_LINK_SEPARATOR = re.compile(r"\s*[|·•/]\s*|\s{2,}")


def language_links(line: str) -> list[str] | None:
    """Tags named by a language-switch line ("한국어", "English donga | Japanese donga | ...")."""
    if len(line) > 160 and "[" not in line and len(line.strip()) > 160:
        return None  # too long for a bar of links, and no bracket to drop (the common case)
    text = _BRACKETED.sub(" ", line).strip()
    if not text or len(text) > 160:
        return None
    parts = [p.strip() for p in _LINK_SEPARATOR.split(text) if p.strip()]
    # Links set apart by single spaces ("日本語 中文 한국어"): each word a language's name.
    spaced = parts[0].split() if len(parts) == 1 else []
    if 2 <= len(spaced) <= 12 and all(language_of_name(w) for w in spaced):
        parts = spaced
    if not parts or len(parts) > 12:
        return None
    tags: list[str] = []
    for part in parts:
        # Alone, a link must be exactly a language's name; in a bar, "Japanese donga" will do.
        tag = language_of_name(part, exact=len(parts) == 1)
        if tag is None or word_count(part) > 3:
            return None
        if tag not in tags:
            tags.append(tag)
    return tags


def unwrap(lines: list[str], min_length: int = 50) -> list[str]:
    """Join hard-wrapped lines (lynx -dump, "save as text", <br> soft wraps) into paragraphs.

    A line is continued by the next when it is long enough to have been wrapped, does not end a
    sentence, and the next line starts in lower case; or when the next line goes on with a list
    (", Max Bernhard").
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.startswith((", ", "; ")):
            out[-1] = out[-1].rstrip() + line  # a list's next item: "von Till Eckert" / ", Max ..."
            continue
        if (
            out
            and len(out[-1]) >= min_length
            and not re.search(r"[.!?:。\"”]\s*$", out[-1])
            and (line[:1].islower() or re.match(r"^[(\"“‘'0-9]", line))
        ):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out
