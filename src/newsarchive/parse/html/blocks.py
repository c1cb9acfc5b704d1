"""A page's text blocks, cut in one walk over its tree.

The walk (lxml's iterwalk, in C) gives each block-level element's own inline text as a block,
and carries what the block's ancestors say: inside <article> or <main>, a menu, a footer or a
form; how many levels up the nearest element whose class or id names comments, related links,
sharing, a bio, a menu, a promo or content is. What the body model reads of the blocks is in
`features.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from .dom import BLOCK_TAGS as _BLOCK_TAGS
from .dom import HtmlElement, clean_space, drop_tree

_CELL_TAGS = frozenset({"td", "th"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# Ancestor flags, one bit each: tags the block sits in, then what ancestors' class and id
# names say (generic words of page templates, in English mostly, as templates are written).
_CONTEXT_TAGS = ("article", "main", "header", "footer", "nav", "aside", "form", "li", "table",
                 "figure", "a", "blockquote")  # fmt: skip
CLASS_KINDS: tuple[tuple[str, str], ...] = (
    ("comments", r"comment|disqus|respond|replies|discussion|coral"),
    (
        "related",
        r"related|recommend|outbrain|taboola|more-?stories|also-?read|see-?also"
        r"|further-?reading|read-?more|read-?next|up-?next|popular|trending|most-",
    ),
    ("share", r"share|sharing|social|follow"),
    ("subscribe", r"newsletter|subscri|signup|sign-up|paywall|register|login|cta"),
    ("bio", r"author-?bio|bio-?box|about-?the-?author|author-?info|author-?box|profile"),
    ("sidebar", r"sidebar|side-?bar|rail|aside|widget"),
    ("menu", r"menu|nav|breadcrumb|masthead|topbar|skip|pagination|pager"),
    ("footer", r"footer|copyright|disclaimer|legal"),
    ("promo", r"promo|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|ad-|banner|sponsor|partner|affiliate"),
    ("tags", r"(?:^|[\s_-])tags?(?:$|[\s_-])|taglist|categor|topics"),
    ("caption", r"caption|credit|figcaption|media|gallery|image|photo|video|embed"),
    ("meta", r"byline|author|dateline|timestamp|date|meta|info"),
    ("consent", r"cookie|consent|gdpr|privacy|modal|popup|overlay"),
    ("toc", r"(?:^|[\s_-])toc(?:$|[\s_-])|table-?of-?contents|jump-?link"),
    ("hidden_class", r"hidden|sr-only|screen-reader|visually-hidden|d-none|invisible"),
    (
        "content",
        r"article|story|(?:post|entry|main|page|body)-?(?:content|body|text)"
        r"|(?:content|body|text)-?(?:body|main)|(?:^|[\s_-])(?:main|content|body|prose|markdown"
        r"|rich-?text)(?:$|[\s_-])",
    ),
)
_TAG_BIT = {tag: 1 << i for i, tag in enumerate(_CONTEXT_TAGS)}
_LINK = _TAG_BIT["a"]
_KIND_BIT = {kind: 1 << (len(_CONTEXT_TAGS) + i) for i, (kind, _) in enumerate(CLASS_KINDS)}
_KIND_PATTERNS = [(re.compile(pattern), _KIND_BIT[kind]) for kind, pattern in CLASS_KINDS]
_HIDDEN = 1 << (len(_CONTEXT_TAGS) + len(CLASS_KINDS))
FLAG_NAMES = (*(f"in_{t}" for t in _CONTEXT_TAGS), *(f"class_{k}" for k, _ in CLASS_KINDS),
               "hidden")  # fmt: skip


@lru_cache(maxsize=8192)
def class_flags(classes: str) -> int:
    """What an element's class and id names say it holds."""
    flags = 0
    if classes.strip():
        for pattern, bit in _KIND_PATTERNS:
            if pattern.search(classes):
                flags |= bit
    return flags


# Never text: code, styles, embedded media.
_CODE_TAGS = ("script", "style", "noscript", "iframe", "template", "object", "embed", "video",
              "audio", "canvas", "math", "map", "link", "meta")  # fmt: skip
# Controls and drawings: dropped when small. A page whose markup leaves one open (an unclosed
# <button> or <svg> in the header) gets the rest of the page nested inside it by the parser.
_CONTROL_TAGS = ("button", "input", "select", "option", "textarea", "label", "dialog", "svg",
                 "picture")  # fmt: skip
_SMALL = 300  # characters of text
_ARTICLE_INSIDE = etree.XPath("boolean(.//article | .//main | .//h1)")
_IN_ARTICLE = etree.XPath("boolean(ancestor::article)")
_FAR = 30  # levels: no ancestor of that kind


def strip_code(root: HtmlElement) -> None:
    """Remove the head, scripts, styles, media, and small controls: nothing there is read."""
    _drop_head_and(root, _CODE_TAGS)
    for el in list(root.iter(*_CONTROL_TAGS)):
        if el.getparent() is not None and len("".join(el.itertext()).strip()) < _SMALL:
            drop_tree(el)
    # Menus and footers: on the dev set's pages, 3% of the text in a <nav> and none in a
    # <footer> is article. Dropped whole, unless they hold the article itself; an <article>'s
    # own <footer> (its author and date, in HTML's sense of the element) stays.
    for el in list(root.iter("nav", "footer")):
        if el.getparent() is None or _ARTICLE_INSIDE(el) is not False:
            continue
        if el.tag == "footer" and _IN_ARTICLE(el):
            continue
        drop_tree(el)


def strip_scripts(root: HtmlElement) -> None:
    """Remove only what is never read as text: the head, scripts and styles. The last
    resort's view of a page whose article sits where strip_code drops everything (in a
    <noscript>, a <nav>, a <footer>)."""
    _drop_head_and(root, ("script", "style"))


def _drop_head_and(root: HtmlElement, tags: tuple[str, ...]) -> None:
    head = root.find("head")
    if head is not None:
        root.remove(head)
    for el in list(root.iter(*tags)):
        if el.getparent() is not None:
            drop_tree(el)


def _hidden(el: HtmlElement) -> bool:
    style = el.get("style")
    if style and ("none" in style or "hidden" in style):
        compact = style.replace(" ", "").lower()
        if "display:none" in compact or "visibility:hidden" in compact:
            return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


@dataclass
class Block:
    text: str
    tag: str
    link_chars: int
    element: HtmlElement
    flags: int  # what its ancestors say (bits above)
    depth: int
    # For each kind of class name, how many levels up the nearest element that has it is.
    distances: tuple[int, ...] = ()

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _own_flags(el: HtmlElement, tag: str) -> int:
    """What an element says itself: its tag, its class and id names, whether it is hidden."""
    own = _TAG_BIT.get(tag, 0)
    classes = el.get("class")
    ident = el.get("id")
    if classes or ident:
        own |= class_flags(f"{classes or ''} {ident or ''}".lower())
    if (el.get("style") or el.get("hidden") is not None or el.get("aria-hidden")) and _hidden(el):
        own |= _HIDDEN
    return own


class _Walk:
    """The state of one walk: the open elements' flags, the text gathered since the last
    block-level boundary, and the nearest open element of each class kind."""

    def __init__(self, scope: HtmlElement) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.links = 0
        self.owners: list[HtmlElement] = [scope]
        self.tags: list[str] = [scope.tag if isinstance(scope.tag, str) else "div"]
        self.flags: list[int] = [0]
        self.nearest = [-_FAR] * len(CLASS_KINDS)  # depth of the nearest open element of a kind
        self.restore: list[list[tuple[int, int]]] = [[]]

    def flush(self) -> None:
        """The text gathered so far becomes a block (unless it is only whitespace)."""
        if self.parts:
            raw = "".join(self.parts)
            if not raw.isspace():
                if "\n" in raw:  # one <br> is a soft wrap; two or more separate paragraphs
                    chunks = (clean_space(c) for c in _PARAGRAPH_BREAK.split(raw))
                    text = "\n".join(c for c in chunks if c)
                else:
                    text = clean_space(raw)
                if text:
                    depth = len(self.flags)
                    distances = tuple(min(_FAR, depth - d) for d in self.nearest)
                    self.blocks.append(
                        Block(text, self.tags[-1], self.links, self.owners[-1], self.flags[-1],
                              depth, distances)
                    )  # fmt: skip
        self.parts, self.links = [], 0

    def start(self, el: HtmlElement, tag: str) -> None:
        own = _own_flags(el, tag)
        flags = self.flags[-1] | own
        if tag in _BLOCK_TAGS:
            self.flush()
            self.owners.append(el)
            self.tags.append(tag)
        self.flags.append(flags)
        changed: list[tuple[int, int]] = []
        kind_bits = own >> len(_CONTEXT_TAGS)
        if kind_bits:
            for k in range(len(CLASS_KINDS)):
                if kind_bits >> k & 1:
                    changed.append((k, self.nearest[k]))
                    self.nearest[k] = len(self.flags)
        self.restore.append(changed)
        if el.text:
            self.parts.append(el.text)
            if flags & _LINK:
                self.links += len(el.text.strip())

    def end(self, tag: str) -> None:
        self.flags.pop()
        for k, previous in self.restore.pop():
            self.nearest[k] = previous
        if tag in _BLOCK_TAGS:
            self.flush()
            self.owners.pop()
            self.tags.pop()
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")


def page_blocks(root: HtmlElement) -> list[Block]:
    """The text blocks of the page's body, in document order (call after strip_code)."""
    body = root.find("body")
    scope = body if body is not None else root
    walk = _Walk(scope)
    for event, el in etree.iterwalk(scope, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                walk.parts.append(el.tail)  # a comment's or processing instruction's tail
            continue
        if event == "start":
            walk.start(el, tag)
            continue
        in_link = walk.flags[-1] & _LINK
        walk.end(tag)
        if el.tail and el is not scope:
            walk.parts.append(el.tail)
            if in_link and walk.flags[-1] & _LINK:
                walk.links += len(el.tail.strip())
    walk.flush()
    return walk.blocks
