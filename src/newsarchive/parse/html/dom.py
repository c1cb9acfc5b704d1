"""Markup to an lxml tree, cheaply, and the small helpers every HTML step shares.

lxml builds the tree (about fifteen times faster than a full beautifulsoup4 tree); bs4 is kept for
the rare page lxml cannot read at all.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from lxml import etree

HtmlElement = Any  # lxml.etree._Element; lxml ships no type information

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def clean_space(text: str | None) -> str:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is \\s's)."""
    return " ".join(text.split()) if text else ""


_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True
)


# libxml2 compares each attribute of an element with every one before it: an element with a
# hundred thousand attributes takes minutes. No page needs more than a few hundred; past
# MAX_ATTRIBUTES the rest of such a start tag is dropped before parsing.
MAX_ATTRIBUTES = 1000
_LONG_TAG = 8192  # characters; only start tags this long are looked at
_TAG_START = re.compile(r"<([a-zA-Z][^\s/<>]*)")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")


def bound_attributes(markup: str) -> str:
    """The markup with every start tag cut to MAX_ATTRIBUTES attributes. Linear: a tag that
    long is a run of text without ">", found by splitting on ">" (C speed)."""
    parts = markup.split(">")
    if max(map(len, parts)) <= _LONG_TAG:
        return markup
    changed = False
    for k, part in enumerate(parts):
        if len(part) <= _LONG_TAG:
            continue
        start = _TAG_START.search(part)
        if start is None or len(part) - start.start() <= _LONG_TAG:
            continue
        found = _ATTRIBUTE.finditer(part, start.end())
        kept = [m.group(0) for m in itertools.islice(found, MAX_ATTRIBUTES + 1)]
        if len(kept) <= MAX_ATTRIBUTES:
            continue
        parts[k] = part[: start.start()] + "<" + start.group(1) + " " + " ".join(kept[:-1])
        changed = True
    return ">".join(parts) if changed else markup


def parse_document(markup: str) -> HtmlElement | None:
    """The document's root element, or None when there is nothing to read.

    A plain etree.HTMLParser: lxml.html's element classes look every node up in Python, which
    costs more than the parse itself.
    """
    markup = _ENCODING_DECL.sub("", markup, count=1)  # lxml refuses str input with a declaration
    # Control characters are never page text, and lxml refuses them when a tree is edited.
    markup = bound_attributes(_CONTROL.sub("", markup))
    if not markup.strip():
        return None
    try:
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return _repair(markup)
    return root


def _repair(markup: str) -> HtmlElement | None:
    """Markup lxml cannot start on: let beautifulsoup4 repair it, then read the repair."""
    from bs4 import BeautifulSoup

    try:
        fixed = str(BeautifulSoup(markup, "html.parser"))
        return etree.fromstring(fixed, _PARSER) if fixed.strip() else None
    except Exception:  # the repair is best effort; a page it cannot fix is "no article"
        return None


def text_content(el: HtmlElement) -> str:
    return "".join(el.itertext())


def drop_tree(el: HtmlElement) -> None:
    """Remove an element and what it holds, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Elements that start a line of their own where a browser draws them.
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "div",
     "section", "article", "main", "header", "ul", "ol", "dl", "table", "tr", "tbody", "figure",
     "center", "address", "details", "summary", "form", "fieldset", "body", "hr", "aside",
     "nav", "footer", "figcaption", "caption"}
)  # fmt: skip
_BREAKS = BLOCK_TAGS | {"br", "td", "th"}


def text_of(el: HtmlElement) -> str:
    """An element's text as a line, a space where a browser breaks it: "Title<br>Subtitle" and
    "<div>Jane Roe</div><div>John Doe</div>" do not run together."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        breaks = node is not el and node.tag in _BREAKS
        if event == "start":
            if breaks:
                parts.append(" ")
            if node.text:
                parts.append(node.text)
        else:
            if breaks:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
    return clean_space("".join(parts))


def attr_text(el: HtmlElement) -> str:
    """class and id of an element, lower-cased, for pattern checks."""
    return (str(el.get("class") or "") + " " + str(el.get("id") or "")).lower()
